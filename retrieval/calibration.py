"""On-topic similarity bars per embedding model, measured on labelled data.

Similarity scales differ between models (and between the transformer and its static
per-post distillation), so the bars that decide "this post shows the topic" are
measured, not guessed: for labelled (query, creator, relevant?) pairs the bar is the
lowest similarity at which the pairs above it are relevant at a target precision.
`castlist calibrate` measures them; the result ships per model in
retrieval/calibrations/ and a data dir may hold its own (`calibration.json`), which wins.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Sequence

import numpy as np
from pydantic import BaseModel, Field

PACKAGED = Path(__file__).parent / "calibrations"
DATA_DIR_FILE = "calibration.json"
POST_TARGET_PRECISION = 0.9
PROFILE_TARGET_PRECISION = 0.95


class ThresholdFit(BaseModel):
    threshold: float
    precision: float
    recall: float
    pairs: int


class LanguageBars(BaseModel):
    """Bars for briefs in another language than English, fitted on queries in those
    languages: a multilingual model's similarities shift when query and captions differ in
    language (lower) or share a non-English one (higher), so English bars do not carry over."""

    languages: list[str] = Field(description="the query languages the bars were fitted on")
    post_threshold: float
    profile_threshold: float


class TopicCalibration(BaseModel):
    model: str
    post_threshold: float = Field(description="a post's similarity to the topic focus that counts as evidence")
    profile_threshold: float = Field(description="a whole profile's similarity that counts without a post (stricter)")
    profile_floor: float = Field(description="typical profile similarity of unrelated creators (score scaling)")
    other_languages: LanguageBars | None = Field(None, description="bars for briefs not in English, when measured")
    measured: dict[str, dict[str, ThresholdFit]] = Field(default_factory=dict, description="per data source and signal")
    sources: list[str] = Field(default_factory=list)

    def for_language(self, language: str | None) -> TopicCalibration:
        """The bars for a brief in `language` (None or "en": the English ones)."""
        if language in (None, "en") or self.other_languages is None:
            return self
        return self.model_copy(update={"post_threshold": self.other_languages.post_threshold,
                                       "profile_threshold": self.other_languages.profile_threshold})


def file_name(model: str) -> str:
    return model.replace("/", "__") + ".json"


def load_calibration(model: str, data_dir: Path | None = None) -> TopicCalibration:
    candidates = ([data_dir / DATA_DIR_FILE] if data_dir else []) + [PACKAGED / file_name(model)]
    for path in candidates:
        if path.exists():
            cal = TopicCalibration.model_validate_json(path.read_text())
            if cal.model == model:
                return cal
    raise FileNotFoundError(
        f"no topic calibration for embedding model {model!r}: run `castlist calibrate` "
        f"(looked in {', '.join(str(p) for p in candidates)})")


def save_calibration(cal: TopicCalibration, path: Path) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(json.dumps(cal.model_dump(mode="json"), indent=2) + "\n")


def fit_threshold(scores: Sequence[float], relevant: Sequence[bool], target_precision: float) -> ThresholdFit:
    """The lowest bar whose pairs at or above it are relevant at `target_precision`
    (highest-precision bar if none reaches it)."""
    s = np.asarray(scores, dtype=np.float64)
    y = np.asarray(relevant, dtype=bool)
    if not len(s) or not y.any():
        raise ValueError("calibration needs at least one relevant pair")
    order = np.argsort(-s, kind="stable")
    hits = np.cumsum(y[order])
    precision = hits / np.arange(1, len(s) + 1)
    # Only cut between distinct scores: a bar cannot separate tied pairs.
    distinct = np.append(s[order][1:] != s[order][:-1], True)
    ok = np.where((precision >= target_precision) & distinct)[0]
    i = int(ok[-1]) if len(ok) else int(np.argmax(np.where(distinct, precision, -1)))
    return ThresholdFit(threshold=round(float(s[order][i]), 4), precision=round(float(precision[i]), 4),
                        recall=round(float(hits[i] / y.sum()), 4), pairs=len(s))
