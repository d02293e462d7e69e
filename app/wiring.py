"""Builds run-time resources from Settings: the only place settings meet lower layers."""

from __future__ import annotations

from app.settings import Settings
from retrieval.runtime import Retrieval, open_retrieval


def open_retrieval_from_settings(settings: Settings) -> Retrieval:
    settings.data_dir.mkdir(parents=True, exist_ok=True)
    return open_retrieval(
        database_url=settings.resolved_database_url,
        edge_path=settings.index_path,
        qdrant_url=settings.qdrant_url,
        qdrant_api_key=settings.qdrant_api_key,
        model=settings.embedding_model,
        max_tokens=settings.embed_max_tokens,
    )
