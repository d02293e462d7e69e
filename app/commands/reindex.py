"""`castlist reindex`: re-embed every stored creator into a fresh index with the
configured embedding model (CASTLIST_EMBEDDING_MODEL), then swap it in.

The store is the source of truth; the index is derived from it, so switching models
never needs the original import files. The new index is built beside the live one and
only replaces it once complete, so an interrupted run leaves the old index working.
Stop `castlist serve` first: a running server keeps the old index open.
Languages are re-detected on the way (the detector changed with the multilingual work;
the other stored features keep their as-of time).

With CASTLIST_QDRANT_URL set it fills the server's collection instead, when that is
empty: the way to move an embedded index onto a Qdrant server (the store, which holds
every creator, stays where it is). A collection that already holds creators is refused:
there is no swap on a live server here (drop the collection first).
"""

from __future__ import annotations

import argparse
import shutil
import sys
import time
from pathlib import Path

from app.settings import get_settings


def reindex(args: argparse.Namespace) -> int:
    settings = get_settings()
    if settings.qdrant_url:
        return _reindex_into_server(args, settings)
    from retrieval.embedder import open_embedder
    from retrieval.index_model import write_index_model
    from retrieval.ingest import Ingester
    from retrieval.runtime import open_index
    from retrieval.signals.language import detect_languages
    from retrieval.store import CreatorStore

    live = settings.index_path
    fresh = live.with_name(live.name + ".reindex")
    shutil.rmtree(fresh, ignore_errors=True)
    embedder = open_embedder(settings.embedding_model, max_tokens=settings.embed_max_tokens,
                             backend=settings.embedder_backend)
    store = CreatorStore.open(settings.resolved_database_url)
    index = open_index(embedder.dim, fresh)
    started = time.perf_counter()
    try:
        keys = store.keys()
        ingester = Ingester(store, index, embedder)
        for start in range(0, len(keys), args.batch_size):
            rows = []
            for item in store.get_many(keys[start:start + args.batch_size]).values():
                languages = detect_languages([item.creator.bio, *(p.text for p in item.creator.posts if p.text)])
                rows.append((item.creator, item.features.model_copy(update={"languages_detected": languages})))
            ingester.write(rows)
            print(f"\rre-embedded {min(start + args.batch_size, len(keys)):,}/{len(keys):,}", end="", file=sys.stderr)
        print(file=sys.stderr)
        index.optimize()
    finally:
        index.close()
        store.close()
    # The per-post encoder is distilled once per model and cached; pay for it here rather
    # than on the first brief after the switch (minutes for multilingual-e5-small).
    if not args.skip_post_encoder:
        print(f"preparing the per-post encoder of {embedder.name} (cached after the first time)", file=sys.stderr)
        embedder.posts
    _swap(fresh, live)
    write_index_model(live, embedder.name, embedder.dim)
    seconds = time.perf_counter() - started
    print(f"reindexed {len(keys):,} creators with {embedder.name} in {seconds:.1f}s into {live}")
    return 0


def _reindex_into_server(args: argparse.Namespace, settings) -> int:  # noqa: ANN001 - Settings
    from app.wiring import qdrant_options
    from retrieval.embedder import open_embedder
    from retrieval.index_model import write_index_model
    from retrieval.ingest import Ingester
    from retrieval.runtime import open_index
    from retrieval.store import CreatorStore

    embedder = open_embedder(settings.embedding_model, max_tokens=settings.embed_max_tokens)
    index = open_index(embedder.dim, qdrant_url=settings.qdrant_url, qdrant_api_key=settings.qdrant_api_key,
                       qdrant_options=qdrant_options(settings))
    store = CreatorStore.open(settings.resolved_database_url, settings.pool_options)
    started = time.perf_counter()
    try:
        held = len(index)
        if held:
            print(f"error: the collection on {settings.qdrant_url} already holds {held:,} creators; reindex fills an "
                  "empty one (drop the `creators` collection first to rebuild it)", file=sys.stderr)
            return 2
        keys = store.keys()
        ingester = Ingester(store, index, embedder)
        for start in range(0, len(keys), args.batch_size):
            ingester.write([(item.creator, item.features)
                            for item in store.get_many(keys[start:start + args.batch_size]).values()])
            print(f"\rembedded {min(start + args.batch_size, len(keys)):,}/{len(keys):,}", end="", file=sys.stderr)
        print(file=sys.stderr)
    finally:
        index.close()
        store.close()
    write_index_model(settings.index_path, embedder.name, embedder.dim)
    print(f"indexed {len(keys):,} creators with {embedder.name} in {time.perf_counter() - started:.1f}s "
          f"into {settings.qdrant_url}")
    return 0


def _swap(fresh: Path, live: Path) -> None:
    old = live.with_name(live.name + ".old")
    shutil.rmtree(old, ignore_errors=True)
    if live.exists():
        live.rename(old)
    fresh.rename(live)
    shutil.rmtree(old, ignore_errors=True)
