"""Which embedding model built an index, recorded beside it.

Vectors from different models share nothing, and both bundled models have 384
dimensions, so a dimension check cannot catch a model switch: the index directory gets a
small manifest, and opening an index with another model is refused with what to do.
"""

from __future__ import annotations

from datetime import datetime, timezone
from pathlib import Path

from pydantic import BaseModel, Field

MANIFEST = "embedding_model.json"


class IndexModel(BaseModel):
    model: str
    dim: int
    built_at: datetime = Field(default_factory=lambda: datetime.now(timezone.utc))


class IndexModelMismatch(RuntimeError):
    """The index was built by a different embedding model than the configured one."""


def manifest_path(index_dir: Path) -> Path:
    # Beside the Edge directory, not in it: the shard directory belongs to Qdrant Edge.
    return index_dir.parent / MANIFEST


def read_index_model(index_dir: Path) -> IndexModel | None:
    path = manifest_path(index_dir)
    return IndexModel.model_validate_json(path.read_text()) if path.exists() else None


def write_index_model(index_dir: Path, model: str, dim: int) -> IndexModel:
    record = IndexModel(model=model, dim=dim)
    path = manifest_path(index_dir)
    path.parent.mkdir(parents=True, exist_ok=True)
    tmp = path.with_suffix(".tmp")
    tmp.write_text(record.model_dump_json(indent=1))
    tmp.replace(path)
    return record


def check_index_model(index_dir: Path, model: str, dim: int, index_size: int) -> IndexModel:
    """The manifest, written on first use; raises IndexModelMismatch on a model switch.

    An index without a manifest that already holds creators predates the manifest and was
    built by the only model castlist had then (all-MiniLM-L6-v2).
    """
    from retrieval.embedder import DEFAULT_MODEL

    record = read_index_model(index_dir)
    if record is None:
        if index_size == 0 or model == DEFAULT_MODEL:
            return write_index_model(index_dir, model, dim)
        record = IndexModel(model=DEFAULT_MODEL, dim=dim)
    if record.model != model:
        raise IndexModelMismatch(_mismatch(index_dir, record.model, model))
    return record


def recorded_mismatch(index_dir: Path, model: str) -> str | None:
    """The refusal message when the recorded model differs from `model`, without opening
    the index or loading a model (for a check before a server starts)."""
    from retrieval.embedder import canonical_model

    record = read_index_model(index_dir)
    model = canonical_model(model)
    return _mismatch(index_dir, record.model, model) if record is not None and record.model != model else None


def _mismatch(index_dir: Path, built_with: str, configured: str) -> str:
    return (f"the index in {index_dir} was built with the embedding model {built_with!r}, but "
            f"CASTLIST_EMBEDDING_MODEL is {configured!r}: its vectors cannot be compared. Run `castlist reindex` "
            f"to re-embed every stored creator with {configured!r}, or set CASTLIST_EMBEDDING_MODEL={built_with}.")
