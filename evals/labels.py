"""Ground-truth labels of the demo corpus (`FILE.labels.jsonl`), read leniently.

Labels exist for evals only: systems never see them. The generator's field shapes may
evolve (a flag dict or a list of names), so each accessor normalises both forms instead
of pinning one.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from pydantic import BaseModel, ConfigDict, Field

from retrieval.schema import creator_key


def _truthy_names(value: Any) -> set[str]:
    """Names flagged in `{name: bool|list}`, `[name, ...]` or `{"categories": [...]}`."""
    if value is None or value is False:
        return set()
    if value is True:
        return {"flagged"}
    if isinstance(value, str):
        return {value.lower()} if value else set()
    if isinstance(value, dict):
        if "categories" in value:
            return _truthy_names(value["categories"])
        return {str(k).lower() for k, v in value.items() if v}
    if isinstance(value, (list, tuple, set)):
        return {str(v).lower() for v in value if v}
    return set()


class CreatorLabel(BaseModel):
    model_config = ConfigDict(extra="allow")

    platform: str
    handle: str
    niche: str | None = None
    subtopic: str | None = None
    related_niches: list[str] = Field(default_factory=list)
    language: str | None = None
    country: str | None = None
    fraud: Any = None
    safety: Any = None
    over_sponsored: bool = False
    undisclosed_ads: bool = False
    inactive: bool = False
    injection: bool = False
    brands: list[str] = Field(default_factory=list)
    person_id: int | None = Field(None, description="one person's accounts on several platforms share it")

    @property
    def key(self) -> str:
        return creator_key(self.platform, self.handle)

    @property
    def fraud_kinds(self) -> set[str]:
        return _truthy_names(self.fraud)

    @property
    def is_fraud(self) -> bool:
        return bool(self.fraud_kinds)

    @property
    def safety_categories(self) -> set[str]:
        return _truthy_names(self.safety)

    @property
    def brand_set(self) -> set[str]:
        return {b.strip().lower() for b in self.brands if b and b.strip()}


def load_labels(path: Path) -> dict[str, CreatorLabel]:
    labels: dict[str, CreatorLabel] = {}
    with path.open(encoding="utf-8") as fh:
        for line_no, line in enumerate(fh, 1):
            if not line.strip():
                continue
            try:
                label = CreatorLabel.model_validate(json.loads(line))
            except Exception as exc:  # a broken label file must say where
                raise ValueError(f"{path}:{line_no}: bad label: {exc}") from exc
            labels[label.key] = label
    return labels
