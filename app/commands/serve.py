"""`castlist serve`: the API and the web page in one uvicorn process.

One worker only: Qdrant Edge locks its shard to one process, and the agent already runs
its blocking work in threads. On first start with an empty data dir the service starts
at once and builds the demo index behind it (app/demo_build.py; progress at /readyz);
`--wait-for-index` builds it first instead, with progress on stderr.
Without API keys the server listens on loopback only.
"""

from __future__ import annotations

import argparse
import sys
import time
from pathlib import Path
from typing import TYPE_CHECKING, TextIO

from app.auth import UnsafeBind, check_bind
from app.db import Database
from app.settings import Settings, get_settings
from retrieval.embedder import Embedder

if TYPE_CHECKING:
    from app.demo_build import DemoBuild


def demo_corpus_path(settings: Settings) -> Path:
    return settings.data_dir / "demo" / "creators.jsonl"


def ensure_demo_index(settings: Settings, creators: int, *, embedder: Embedder | None = None,
                      out: TextIO = sys.stderr) -> Embedder | None:
    """Builds the demo index when the creator store is empty. Returns the embedding model
    it loaded (so the app can reuse it), or `embedder`, or None when nothing was built."""
    from retrieval.store import CreatorStore

    settings.data_dir.mkdir(parents=True, exist_ok=True)
    store = CreatorStore.open(settings.resolved_database_url)
    try:
        existing = store.count()
    finally:
        store.close()
    if existing:
        return embedder

    from app.main import open_service_retrieval
    from retrieval.demo import NOW, write_demo_corpus
    from retrieval.ingest import Ingester

    started = time.perf_counter()
    path = demo_corpus_path(settings)
    path.parent.mkdir(parents=True, exist_ok=True)
    print(f"castlist: empty data dir {settings.data_dir}: building a demo index of {creators} creators", file=out, flush=True)
    print(f"castlist: writing the demo corpus to {path} (seed {settings.demo_seed})", file=out, flush=True)
    write_demo_corpus(path, creators=creators, seed=settings.demo_seed)
    print("castlist: loading the embedding model", file=out, flush=True)
    retrieval = open_service_retrieval(settings, embedder)
    try:
        def on_progress(accepted: int, rejected: int) -> None:
            print(f"castlist: ingested {accepted}/{creators} creators"
                  + (f" ({rejected} rejected)" if rejected else ""), file=out, flush=True)

        # The demo corpus is a snapshot taken at its own NOW: activity features are measured there.
        ingester = Ingester(retrieval.store, retrieval.index, retrieval.embedder, as_of=NOW)
        summary = ingester.ingest_files([path], on_progress=on_progress)
        print("castlist: optimising the index", file=out, flush=True)
        retrieval.index.optimize()
    finally:
        retrieval.close()
    print(f"castlist: demo index ready: {summary.line()}; {time.perf_counter() - started:.1f}s in all", file=out, flush=True)
    return retrieval.embedder


def pending_demo_build(settings: Settings, creators: int) -> "DemoBuild | None":
    """The background build for an empty data dir (or one whose build was interrupted)."""
    from app.demo_build import DemoBuild
    from retrieval.store import CreatorStore

    settings.data_dir.mkdir(parents=True, exist_ok=True)
    store = CreatorStore.open(settings.resolved_database_url)
    try:
        stored = store.count()
    finally:
        store.close()
    return DemoBuild.pending(demo_corpus_path(settings), creators, settings.demo_seed, stored)


def serve(args: argparse.Namespace) -> int:
    import uvicorn

    from app.main import create_app
    from app.observability import configure_logging

    base = get_settings()
    host = args.host or base.host
    port = args.port or base.port
    settings = base.model_copy(update={"host": host, "port": port})
    configure_logging()

    settings.data_dir.mkdir(parents=True, exist_ok=True)
    db = Database.open(settings.resolved_database_url)
    try:
        keys = db.active_key_count()
    finally:
        db.close()
    try:
        check_bind(host, keys)
    except UnsafeBind as exc:
        print(f"castlist serve: {exc}", file=sys.stderr)
        return 2

    from retrieval.index_model import recorded_mismatch

    mismatch = recorded_mismatch(settings.index_path, settings.embedding_model)
    if mismatch:
        print(f"castlist serve: {mismatch}", file=sys.stderr)
        return 2

    creators = args.demo_creators or settings.demo_creators
    embedder = demo_build = None
    if getattr(args, "wait_for_index", False):
        embedder = ensure_demo_index(settings, creators)
    else:
        demo_build = pending_demo_build(settings, creators)
        if demo_build is not None:
            print(f"castlist: empty data dir {settings.data_dir}: serving now and building a demo index of "
                  f"{creators} creators behind it (progress at /readyz)", file=sys.stderr, flush=True)
    app = create_app(settings, embedder=embedder, demo_build=demo_build)
    print(f"castlist: serving on http://{host}:{port} (docs at /docs)" + ("" if keys else " - no API keys, loopback only"),
          file=sys.stderr, flush=True)
    # log_config=None: keep our JSON logging; one worker (see the module docstring).
    uvicorn.run(app, host=host, port=port, workers=1, log_config=None, access_log=False,
                timeout_graceful_shutdown=15)
    return 0
