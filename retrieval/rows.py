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
# The import format nests four levels (posts[].location.country); free-form `source`
# objects get some room, but a row nested deeper than this is refused, not recursed into.
MAX_DEPTH = 32


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
            except RecursionError:
                yield number, Reject(file=name, line=number, field=None, reason=f"nested deeper than {MAX_DEPTH} levels")
                continue
            if not isinstance(value, dict):
                yield number, Reject(file=name, line=number, field=None, reason="a row must be a JSON object")
                continue
            yield number, value


# What a code field wants, in words (pydantic says "should match pattern '^[A-Z]{2}$'").
_CODE_PATTERNS = {
    r"^[A-Z]{2}$": "must be an ISO 3166-1 alpha-2 country code such as DE or US",
    r"^[a-z]{2}$": "must be an ISO 639-1 language code such as de or en",
    r"^[A-Z]{3}$": "must be an ISO 4217 currency code such as EUR or USD",
}
MAX_PROBLEMS_NAMED = 3


def describe_error(exc: ValidationError) -> tuple[str | None, str]:
    """(first field path, every problem up to three) in words a data engineer can act on."""
    errors = exc.errors()
    first = errors[0]
    field = ".".join(str(p) for p in first["loc"]) or None
    parts = [_reason(e) for e in errors[:MAX_PROBLEMS_NAMED]]
    reason = parts[0] + "".join(f"; {_path(tuple(e['loc']))}: {r}" for e, r in zip(errors[1:], parts[1:]))
    more = len(errors) - MAX_PROBLEMS_NAMED
    if more > 0:
        reason += f" (and {more} more problem{'s' if more > 1 else ''})"
    return field, reason


def _reason(error: Any) -> str:
    field = ".".join(str(p) for p in error["loc"])
    if error["type"] == "missing":
        return "required field is missing"
    if error.get("input") is None and field in ("platform", "handle", "followers"):
        return "required field is missing (null)"
    pattern = (error.get("ctx") or {}).get("pattern")
    if error["type"] == "string_pattern_mismatch" and pattern in _CODE_PATTERNS:
        return f"{_CODE_PATTERNS[pattern]} (got {str(error.get('input'))[:40]!r})"
    return error["msg"]


def _path(parts: tuple[Any, ...]) -> str | None:
    return ".".join(str(p) for p in parts) or None


def has_surrogate(text: str) -> bool:
    # JSON's \ud800 escapes decode to lone surrogates: text no encoder can store or send.
    try:
        text.encode("utf-8")
    except UnicodeEncodeError:
        return True
    return False


def check_raw(raw: Any, max_depth: int = MAX_DEPTH) -> tuple[str | None, str] | None:
    """(field, reason) for a decoded row that must not reach validation, else None.

    Walked with an explicit stack, so the check itself cannot hit the recursion limit.
    """
    stack: list[tuple[Any, tuple[Any, ...]]] = [(raw, ())]
    while stack:
        value, parts = stack.pop()
        if len(parts) > max_depth:
            return _path(parts[:max_depth]), f"nested deeper than {max_depth} levels"
        if isinstance(value, str):
            if has_surrogate(value):
                return _path(parts), "text holds an unpaired UTF-16 surrogate (e.g. \\ud800); send valid Unicode"
        elif isinstance(value, dict):
            for key, item in value.items():
                if isinstance(key, str) and has_surrogate(key):
                    return _path(parts), "a key holds an unpaired UTF-16 surrogate; send valid Unicode"
                stack.append((item, parts + (key,)))
        elif isinstance(value, list):
            stack.extend((item, parts + (i,)) for i, item in enumerate(value))
    return None


def validate(raw: dict[str, Any], file: str, line: int) -> Creator | Reject:
    problem = check_raw(raw)
    if problem is not None:
        handle = raw.get("handle") if isinstance(raw.get("handle"), str) and not has_surrogate(raw["handle"]) else None
        return Reject(file=file, line=line, field=problem[0], reason=problem[1], handle=handle)
    try:
        return Creator.model_validate(raw)
    except ValidationError as exc:
        field, reason = describe_error(exc)
        handle = raw.get("handle") if isinstance(raw.get("handle"), str) else None
        return Reject(file=file, line=line, field=field, reason=reason, handle=handle)


def iter_creators(path: Path) -> Iterator[Creator | Reject]:
    for _, item in iter_numbered_creators(path):
        yield item


def iter_numbered_creators(path: Path) -> Iterator[tuple[int, Creator | Reject]]:
    """Each row with its line number (a later stage that rejects a row can still name it)."""
    for line, raw in iter_raw_rows(path):
        yield line, raw if isinstance(raw, Reject) else validate(raw, str(path), line)
