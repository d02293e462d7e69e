"""Result models of an eval run (what report.json holds)."""

from __future__ import annotations

from datetime import datetime, timezone
from pathlib import Path
from typing import Any

from pydantic import BaseModel, Field

from evals.gate import GateResult, TargetResult


class RatioOut(BaseModel):
    hits: int = 0
    total: int = 0

    @property
    def value(self) -> float | None:
        return self.hits / self.total if self.total else None


class CaseResult(BaseModel):
    suite: str
    case_id: str
    system: str
    k: int
    relevant: int = Field(description="creators with a positive grade in this corpus")
    returned: int
    ndcg: float
    precision: float = Field(description="P@k counting grade >= 1 (lenient on the fine set)")
    strict_precision: float | None = Field(None, description="fine set: P@k counting grade 2 only")
    unjudged: list[str] = Field(default_factory=list, description="fine set: returned top-k creators nobody judged (count as 0)")
    language: str | None = None
    twin_of: str | None = None
    recall: float
    violating_creators: int = 0
    violations: list[str] = Field(default_factory=list)
    list_violations: list[str] = Field(default_factory=list)
    fraud: RatioOut = Field(default_factory=RatioOut)
    safety: RatioOut = Field(default_factory=RatioOut)
    faithfulness: RatioOut = Field(default_factory=RatioOut)
    unsupported_claims: list[str] = Field(default_factory=list)
    unsupported_topic_labels: list[str] = Field(
        default_factory=list, description="cards labelled on topic without a quoted post of the creator that shows it")
    latency_ms: float
    stage_ms: dict[str, float] = Field(default_factory=dict)
    top_keys: list[str] = Field(default_factory=list, description="demo suite only: real handles are never written")
    tags: list[str] = Field(default_factory=list)
    error: str | None = None
    judge_mean: float | None = None


class SuiteResult(BaseModel):
    suite: str
    system: str
    cases: list[CaseResult] = Field(default_factory=list)
    metrics: dict[str, float | None] = Field(default_factory=dict)
    by_tag: dict[str, dict[str, float]] = Field(default_factory=dict)
    latencies_ms: list[float] = Field(default_factory=list)
    stage_p50_ms: dict[str, float] = Field(default_factory=dict)


class FieldMiss(BaseModel):
    case_id: str
    field: str
    expected: Any
    actual: Any


class ParseReport(BaseModel):
    cases: int
    accuracy: float
    exact_cases: float
    per_field: dict[str, float]
    errors: list[str] = Field(default_factory=list)
    misses: list[FieldMiss] = Field(default_factory=list)
    latency_ms: dict[str, float] = Field(default_factory=dict)


class EvalReport(BaseModel):
    tier: str
    started_at: datetime = Field(default_factory=lambda: datetime.now(timezone.utc))
    duration_s: float = 0.0
    systems: list[str] = Field(default_factory=list)
    roles: dict[str, str] = Field(default_factory=dict, description="primary/bm25/parser -> system name")
    corpora: dict[str, dict[str, Any]] = Field(default_factory=dict)
    parse: ParseReport | None = None
    safety: dict[str, float | None] = Field(default_factory=dict, description="brand-safety scan on safety_v1 (evals.safety)")
    suites: list[SuiteResult] = Field(default_factory=list)
    metrics: dict[str, float | None] = Field(default_factory=dict, description="flat 'system/metric' values")
    targets: list[TargetResult] = Field(default_factory=list)
    gate: GateResult = Field(default_factory=GateResult)
    skipped: list[str] = Field(default_factory=list)
    warnings: list[str] = Field(default_factory=list)
    judge: dict[str, float] = Field(default_factory=dict, description="system -> mean helpfulness 1-5 (never gated)")
    report_dir: Path | None = None
    baseline_updated: bool = False

    @property
    def exit_code(self) -> int:
        """0 when the gate passes, 1 on a regression."""
        return 0 if self.gate.passed else 1
