"""Regression gate (committed baseline) and product targets.

The gate fails a run when a metric moves the wrong way by more than its tolerance. The
targets are the product's goals; a missed target is reported with its gap but does not
fail the run on its own (a regression does), so the gate stays a statement about
change, not about ambition.
"""

from __future__ import annotations

import json
import math
from pathlib import Path
from typing import Literal, Mapping

from pydantic import BaseModel, Field

Direction = Literal["higher", "lower"]

BASELINE_PATH = Path(__file__).parent / "baseline.json"

# Tolerances used when a baseline entry is written from a run. Ranking metrics over ~25-50
# briefs move by a few hundredths when one case changes, latency is noisy on shared CPUs.
DEFAULT_TOLERANCES: dict[str, tuple[float, Direction]] = {
    "parse.accuracy": (0.02, "higher"),
    "parse.exact_cases": (0.05, "higher"),
    # brand-safety scan (lexicon + classifier) on the hand-written safety_v1 cases
    "safety_v1.precision": (0.02, "higher"),
    "safety_v1.recall": (0.02, "higher"),
    "safety_v1.min_category_recall": (0.04, "higher"),
    "safety_v1.hate_recall": (0.04, "higher"),
    "safety_v1.profanity_recall": (0.04, "higher"),
    "demo.ndcg@10": (0.02, "higher"),
    "demo.p@10": (0.03, "higher"),
    "demo.recall@10": (0.03, "higher"),
    "demo.hard_violations": (0.0, "lower"),
    "demo.hard_violation_rate": (0.0, "lower"),
    "demo.list_violations": (0.0, "lower"),
    "demo.fraud_leakage": (0.01, "lower"),
    "demo.safety_leakage": (0.01, "lower"),
    "demo.faithfulness": (0.0, "higher"),
    "demo.errors": (0.0, "lower"),
    # Latency is reported, never gated: CI machines are shared and noisy, and speed is
    # held to targets by `castlist bench` ratios instead.
    "real.ndcg@10": (0.03, "higher"),
    "real.p@10": (0.03, "higher"),
    "real.faithfulness": (0.0, "higher"),
    "real.errors": (0.0, "lower"),
    "demo_v2.ndcg@10": (0.02, "higher"),
    "demo_v2.p@10": (0.03, "higher"),
    "demo_v2.faithfulness": (0.0, "higher"),
    "demo_v2.topic_labels_unsupported": (0.0, "lower"),
    "fine.topic_labels_unsupported": (0.0, "lower"),
    "fine.strict_p@10": (0.03, "higher"),
    "fine.p@10": (0.03, "higher"),
    "fine.ndcg@10": (0.03, "higher"),
    "fine.errors": (0.0, "lower"),
}
RELATIVE_METRICS = {"demo.latency_p95_ms", "demo.latency_p50_ms", "real.latency_p95_ms", "real.latency_p50_ms"}


class BaselineEntry(BaseModel):
    value: float
    tolerance: float = Field(ge=0)
    direction: Direction
    relative: bool = Field(False, description="tolerance is a fraction of the value (latency)")


class Baseline(BaseModel):
    version: int = 1
    note: str = ""
    # tier -> "system/metric" -> entry
    tiers: dict[str, dict[str, BaselineEntry]] = Field(default_factory=dict)


class Regression(BaseModel):
    key: str
    baseline: float
    current: float | None
    tolerance: float
    direction: Direction
    delta: float | None


class GateResult(BaseModel):
    compared: int = 0
    regressions: list[Regression] = Field(default_factory=list)
    missing: list[str] = Field(default_factory=list, description="baseline keys this run did not produce")
    improvements: list[str] = Field(default_factory=list)
    note: str = ""

    @property
    def passed(self) -> bool:
        return not self.regressions


def load_baseline(path: Path) -> Baseline:
    if not path.exists():
        return Baseline()
    return Baseline.model_validate_json(path.read_text(encoding="utf-8"))


def _slack(entry: BaselineEntry) -> float:
    return entry.tolerance * abs(entry.value) if entry.relative else entry.tolerance


def compare(current: Mapping[str, float | None], baseline: Baseline, tier: str) -> GateResult:
    """Compare flat "system/metric" values with the tier's baseline entries."""
    entries = baseline.tiers.get(tier, {})
    result = GateResult()
    if not entries:
        result.note = f"baseline has no entries for tier '{tier}': nothing compared (write one with --update-baseline)"
        return result
    for key, entry in sorted(entries.items()):
        value = current.get(key)
        if value is None or (isinstance(value, float) and math.isnan(value)):
            result.missing.append(key)
            continue
        result.compared += 1
        delta = value - entry.value
        worse = -delta if entry.direction == "higher" else delta
        if worse > _slack(entry) + 1e-12:
            result.regressions.append(Regression(key=key, baseline=entry.value, current=value, tolerance=entry.tolerance,
                                                 direction=entry.direction, delta=delta))
        elif worse < -_slack(entry):
            result.improvements.append(key)
    return result


def updated_baseline(current: Mapping[str, float | None], baseline: Baseline, tier: str) -> Baseline:
    """The baseline with this tier's entries replaced by the current values."""
    entries: dict[str, BaselineEntry] = {}
    for key, value in sorted(current.items()):
        metric = key.split("/", 1)[1]
        if metric not in DEFAULT_TOLERANCES or value is None or (isinstance(value, float) and math.isnan(value)):
            continue
        tol, direction = DEFAULT_TOLERANCES[metric]
        entries[key] = BaselineEntry(value=round(value, 6), tolerance=tol, direction=direction, relative=metric in RELATIVE_METRICS)
    tiers = {**baseline.tiers, tier: entries}
    return Baseline(version=baseline.version, note=baseline.note, tiers=tiers)


def save_baseline(baseline: Baseline, path: Path) -> None:
    path.write_text(json.dumps(baseline.model_dump(), indent=2, sort_keys=False) + "\n", encoding="utf-8")


# --------------------------------------------------------------------------- targets


class Target(BaseModel):
    name: str
    metric: str  # "role/metric"; role is primary, bm25 or parser (resolved to a system name)
    op: Literal[">=", "<=", "=="]
    threshold: float
    relative_to: str | None = Field(None, description="'role/metric' subtracted from the value first (a margin)")


TARGETS: tuple[Target, ...] = (
    Target(name="nDCG@10 >= 0.85", metric="primary/demo.ndcg@10", op=">=", threshold=0.85),
    Target(name="hard-constraint violations = 0", metric="primary/demo.hard_violations", op="==", threshold=0),
    Target(name="fraud leakage <= 2%", metric="primary/demo.fraud_leakage", op="<=", threshold=0.02),
    Target(name="faithfulness = 100%", metric="primary/demo.faithfulness", op=">=", threshold=1.0),
    Target(name="real-set P@10 >= 0.8", metric="primary/real.p@10", op=">=", threshold=0.8),
    Target(name="parse accuracy >= 0.9", metric="parser/parse.accuracy", op=">=", threshold=0.9),
    Target(name="full agent beats BM25-only nDCG@10 by >= 0.1", metric="primary/demo.ndcg@10", op=">=",
           threshold=0.1, relative_to="bm25/demo.ndcg@10"),
    # Issue 8: topical precision measured by graded judgments.
    Target(name="demo v2 (facets) nDCG@10 >= 0.90", metric="primary/demo_v2.ndcg@10", op=">=", threshold=0.90),
    Target(name="demo v2: 0 cards on topic without a quoted post", metric="primary/demo_v2.topic_labels_unsupported",
           op="==", threshold=0),
    Target(name="fine set strict P@10 >= 0.80", metric="primary/fine.strict_p@10", op=">=", threshold=0.80),
    Target(name="fine strict P@10 beats BM25-only by >= 0.20", metric="primary/fine.strict_p@10", op=">=",
           threshold=0.20, relative_to="bm25/fine.strict_p@10"),
    Target(name="fine strict P@10 beats dense-only by >= 0.15", metric="primary/fine.strict_p@10", op=">=",
           threshold=0.15, relative_to="dense/fine.strict_p@10"),
    Target(name="de/es/fr twins within 0.10 of English (strict P@10)", metric="primary/fine.twins_strict_p@10",
           op=">=", threshold=-0.10, relative_to="primary/fine.twins_en_strict_p@10"),
)


class TargetResult(BaseModel):
    name: str
    metric: str
    value: float | None
    threshold: float
    op: str
    met: bool | None = Field(description="None when the metric was not measured")
    miss: float | None = Field(None, description="how far from the threshold, in the metric's units (0 when met)")


def _resolve(ref: str, roles: Mapping[str, str]) -> str:
    role, metric = ref.split("/", 1)
    return f"{roles.get(role, role)}/{metric}"


def check_targets(current: Mapping[str, float | None], roles: Mapping[str, str],
                  targets: tuple[Target, ...] = TARGETS) -> list[TargetResult]:
    out: list[TargetResult] = []
    for t in targets:
        value = current.get(_resolve(t.metric, roles))
        if value is not None and t.relative_to is not None:
            other = current.get(_resolve(t.relative_to, roles))
            value = None if other is None else value - other
        if value is None or math.isnan(value):
            out.append(TargetResult(name=t.name, metric=t.metric, value=None, threshold=t.threshold, op=t.op, met=None))
            continue
        if t.op == ">=":
            miss = max(0.0, t.threshold - value)
        elif t.op == "<=":
            miss = max(0.0, value - t.threshold)
        else:
            miss = abs(value - t.threshold)
        out.append(TargetResult(name=t.name, metric=t.metric, value=value, threshold=t.threshold, op=t.op,
                                met=miss <= 1e-12, miss=miss))
    return out
