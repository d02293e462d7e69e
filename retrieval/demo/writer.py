"""Writes a demo corpus: FILE in the import format (JSON Lines) and FILE.labels.jsonl
with one ground-truth line per creator, in the same order (DESIGN 5.2 `demo-data`)."""

from __future__ import annotations

import hashlib
import json
import os
import time
from collections import Counter
from pathlib import Path

from pydantic import BaseModel, Field

from retrieval.demo.generator import generate


class DemoCorpusSummary(BaseModel):
    path: str
    labels_path: str
    creators: int
    posts: int
    seed: int
    seconds: float = Field(description="Wall time of the run (not part of the files)")
    creators_per_second: float
    sha256: str = Field(description="Digest of FILE, for determinism checks")
    platforms: dict[str, int]
    tiers: dict[str, int]
    languages: dict[str, int]
    planted: dict[str, int] = Field(description="Creators per planted problem, from the labels")


def labels_path_for(out: Path) -> Path:
    """FILE + '.labels.jsonl' (DESIGN 5.2)."""
    return out.with_name(out.name + ".labels.jsonl")


def _line(obj: object) -> str:
    # Compact, key order as built, non-ASCII kept: byte-identical for the same seed.
    return json.dumps(obj, ensure_ascii=False, separators=(",", ":")) + "\n"


def write_demo_corpus(out: Path, creators: int = 20000, seed: int = 7) -> DemoCorpusSummary:
    """Generate `creators` creators from `seed` and write FILE and FILE.labels.jsonl.

    Streams (constant memory) into temporary files that replace the targets only when
    complete, so an interrupted run never leaves a half corpus behind.
    """
    out = Path(out)
    labels_out = labels_path_for(out)
    out.parent.mkdir(parents=True, exist_ok=True)
    tmp_out = out.with_name(f".{out.name}.tmp")
    tmp_labels = labels_out.with_name(f".{labels_out.name}.tmp")
    digest = hashlib.sha256()
    platforms: Counter[str] = Counter()
    tiers: Counter[str] = Counter()
    languages: Counter[str] = Counter()
    planted: Counter[str] = Counter()
    count = posts = 0
    started = time.perf_counter()
    try:
        with open(tmp_out, "w", encoding="utf-8", newline="\n") as f_rows, \
                open(tmp_labels, "w", encoding="utf-8", newline="\n") as f_labels:
            for row, label in generate(creators, seed):
                line = _line(row)
                digest.update(line.encode("utf-8"))
                f_rows.write(line)
                f_labels.write(label.model_dump_json() + "\n")
                count += 1
                posts += len(row["posts"])
                platforms[label.platform] += 1
                tiers[label.tier] += 1
                languages[label.language] += 1
                for kind in label.fraud:
                    planted[kind] += 1
                for flag in ("over_sponsored", "undisclosed_ads", "inactive", "injection"):
                    planted[flag] += bool(getattr(label, flag))
                planted["safety"] += bool(label.safety)
        os.replace(tmp_out, out)
        os.replace(tmp_labels, labels_out)
    finally:
        for tmp in (tmp_out, tmp_labels):
            if tmp.exists():
                tmp.unlink()
    seconds = time.perf_counter() - started
    return DemoCorpusSummary(
        path=str(out), labels_path=str(labels_out), creators=count, posts=posts, seed=seed,
        seconds=round(seconds, 3), creators_per_second=round(count / seconds, 1) if seconds > 0 else 0.0,
        sha256=digest.hexdigest(), platforms=dict(platforms.most_common()), tiers=dict(tiers.most_common()),
        languages=dict(languages.most_common()), planted=dict(sorted(planted.items())),
    )
