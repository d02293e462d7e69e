"""Reading import files row by row: JSON Lines and CSV, each row with its line number.

A row that cannot be read becomes a `Reject` naming the file, line, field and reason;
reading always continues with the next row.
"""

from __future__ import annotations

import csv
import json
from pathlib import Path
from typing import Any, Iterator

from pydantic import BaseModel, ValidationError

from retrieval.schema import Creator

CSV_LIST_FIELDS = {"languages", "categories"}


class Reject(BaseModel):
    file: str
    line: int
    field: str | None
    reason: str
    handle: str | None = None


def _csv_row_to_dict(row: dict[str, str]) -> dict[str, Any]:
    """Flat CSV columns; dotted names (`rate_card.amount`) nest, empty cells stay unknown."""
    out: dict[str, Any] = {}
    for column, cell in row.items():
        if column is None or cell is None or cell.strip() == "":
            continue
        value: Any = cell.strip()
        if column in CSV_LIST_FIELDS:
            value = [v.strip() for v in value.replace(";", ",").split(",") if v.strip()]
        target = out
        parts = column.strip().split(".")
        for part in parts[:-1]:
            target = target.setdefault(part, {})
        target[parts[-1]] = value
    return out


def iter_raw_rows(path: Path) -> Iterator[tuple[int, dict[str, Any] | Reject]]:
    name = str(path)
    if path.suffix.lower() == ".csv":
        with path.open(newline="", encoding="utf-8") as fh:
            reader = csv.DictReader(fh)
            for row in reader:
                yield reader.line_num, _csv_row_to_dict(row)
        return
    with path.open("rb") as fh:
        for number, raw in enumerate(fh, start=1):
            if not raw.strip():
                continue
            try:
                value = json.loads(raw)
            except (json.JSONDecodeError, UnicodeDecodeError) as exc:
                yield number, Reject(file=name, line=number, field=None, reason=f"not valid JSON: {exc}")
                continue
            if not isinstance(value, dict):
                yield number, Reject(file=name, line=number, field=None, reason="a row must be a JSON object")
                continue
            yield number, value


def describe_error(exc: ValidationError) -> tuple[str | None, str]:
    """The first error as (field path, reason) in words a data engineer can act on."""
    first = exc.errors()[0]
    field = ".".join(str(p) for p in first["loc"]) or None
    reason = first["msg"]
    if first["type"] == "missing":
        reason = "required field is missing"
    elif first.get("input") is None and field in ("platform", "handle", "followers"):
        reason = "required field is missing (null)"
    more = len(exc.errors()) - 1
    if more:
        reason += f" (and {more} more problem{'s' if more > 1 else ''})"
    return field, reason


def validate(raw: dict[str, Any], file: str, line: int) -> Creator | Reject:
    try:
        return Creator.model_validate(raw)
    except ValidationError as exc:
        field, reason = describe_error(exc)
        handle = raw.get("handle") if isinstance(raw.get("handle"), str) else None
        return Reject(file=file, line=line, field=field, reason=reason, handle=handle)


def iter_creators(path: Path) -> Iterator[Creator | Reject]:
    for line, raw in iter_raw_rows(path):
        yield raw if isinstance(raw, Reject) else validate(raw, str(path), line)
