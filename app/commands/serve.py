"""`castlist serve`: the API and the web page, in one uvicorn process or several.

With the embedded index (Qdrant Edge) one uvicorn process only: Edge is a library that
opens the shard directory itself and locks it, keeping the shard's state (segments, WAL,
caches) in that process's memory, so a second worker could not open it. Briefs still use
more than one core: brief workers (app/brief_workers.py) run them on read-only copies of
the shard. With CASTLIST_QDRANT_URL the index is a server every worker
talks to, and `--workers N` starts N uvicorn workers; the database is then shared too
(PostgreSQL is the one meant for that; SQLite in WAL mode works on one machine).

On first start with an empty data dir, one worker starts serving at once and builds the
demo index behind it (app/demo_build.py; progress at /readyz and on the page);
`--wait-for-index` builds it first instead, with progress on stderr. Several workers
build it once in a child process before any worker starts. The database is migrated
here too, so workers find it at the newest revision.
Without API keys the server listens on loopback only.
"""

from __future__ import annotations

import argparse
import os
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


def stored_creators(settings: Settings) -> int:
    from retrieval.store import CreatorStore

    settings.data_dir.mkdir(parents=True, exist_ok=True)
    store = CreatorStore.open(settings.resolved_database_url, settings.pool_options)
    try:
        return store.count()
    finally:
        store.close()


def ensure_demo_index(settings: Settings, creators: int, *, embedder: Embedder | None = None,
                      out: TextIO = sys.stderr) -> Embedder | None:
    """Builds the demo index when the creator store is empty. Returns the embedding model
    it loaded (so the app can reuse it), or `embedder`, or None when nothing was built."""
    if stored_creators(settings):
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


def pending_demo_build(settings: Settings, creators: int) -> DemoBuild | None:
    """The background build for an empty data dir (or one whose build was interrupted)."""
    from app.demo_build import DemoBuild

    return DemoBuild.pending(demo_corpus_path(settings), creators, settings.demo_seed, stored_creators(settings))


def serve(args: argparse.Namespace) -> int:
    import uvicorn

    from app.main import create_app
    from app.observability import configure_logging

    base = get_settings()
    host = args.host or base.host
    port = args.port or base.port
    workers = getattr(args, "workers", None) or base.workers
    settings = base.model_copy(update={"host": host, "port": port, "workers": workers,
                                       "brief_workers": brief_workers(args, base)})
    configure_logging()

    refusal = workers_refusal(settings)
    if refusal:
        print(f"castlist serve: {refusal}", file=sys.stderr)
        return 2

    settings.data_dir.mkdir(parents=True, exist_ok=True)
    db = Database.open(settings.resolved_database_url, settings.pool_options)
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
    if workers == 1:
        embedder = demo_build = None
        if getattr(args, "wait_for_index", False):
            embedder = ensure_demo_index(settings, creators)
        else:
            demo_build = pending_demo_build(settings, creators)
            if demo_build is not None:
                print(f"castlist: empty data dir {settings.data_dir}: serving now and building a demo index of "
                      f"{creators} creators behind it (progress at /readyz)", file=sys.stderr, flush=True)
        app = create_app(settings, embedder=embedder, demo_build=demo_build, freeze_heap=True)
        print(f"castlist: serving on http://{host}:{port} (docs at /docs)"
              + ("" if keys else " - no API keys, loopback only"), file=sys.stderr, flush=True)
        # log_config=None: keep our JSON logging.
        uvicorn.run(app, host=host, port=port, workers=1, log_config=None, access_log=False,
                    timeout_graceful_shutdown=15)
        return 0
    # Built in a child process: the supervisor only watches the workers and should not
    # keep the model and torch in memory (about 900 MB measured) for nothing.
    if not _build_demo_in_child(settings, creators):
        print("castlist serve: building the demo index failed (see above)", file=sys.stderr)
        return 1
    print(f"castlist: serving on http://{host}:{port} (docs at /docs)" + ("" if keys else " - no API keys, loopback only")
          + f" with {workers} workers", file=sys.stderr, flush=True)
    for warning in multi_worker_warnings(settings):
        print(f"castlist serve: note: {warning}", file=sys.stderr, flush=True)
    # Workers are new processes that build the app from the environment: hand them the
    # host and port chosen on the command line.
    os.environ["CASTLIST_HOST"], os.environ["CASTLIST_PORT"] = host, str(port)
    os.environ["CASTLIST_DATA_DIR"] = str(settings.data_dir)
    uvicorn.run("app.main:create_server_app", factory=True, host=host, port=port, workers=workers, log_config=None,
                access_log=False, timeout_graceful_shutdown=15)
    return 0


def _demo_child(settings: Settings, creators: int) -> None:
    ensure_demo_index(settings, creators)


def _build_demo_in_child(settings: Settings, creators: int) -> bool:
    import multiprocessing

    child = multiprocessing.get_context("spawn").Process(target=_demo_child, args=(settings, creators),
                                                         name="castlist-demo-build")
    child.start()
    child.join()
    return child.exitcode == 0


def brief_workers(args: argparse.Namespace, base: Settings) -> int:
    """The flag, else CASTLIST_BRIEF_WORKERS, else one on a machine with 2 or more cores (with
    the embedded index and one uvicorn worker; otherwise the processes share the cores already)."""
    chosen = getattr(args, "brief_workers", None)
    if chosen is not None:
        return chosen
    if "brief_workers" in base.model_fields_set:
        return base.brief_workers
    one_process = not base.qdrant_url and (getattr(args, "workers", None) or base.workers) == 1
    return 1 if one_process and (os.cpu_count() or 1) >= 2 else 0


def workers_refusal(settings: Settings) -> str | None:
    """Why this many workers cannot run on these settings, or None."""
    if not 0 <= settings.brief_workers <= 16:
        return f"--brief-workers must be between 0 and 16, not {settings.brief_workers}"
    if settings.workers > 1 and not settings.qdrant_url:
        return (f"--workers {settings.workers} needs CASTLIST_QDRANT_URL. The embedded index (Qdrant Edge) is opened "
                "and locked by the one process that serves it, which keeps the shard's state in its own memory, so "
                "a second worker could not open it. Run one worker (brief workers, --brief-workers, run briefs on "
                "copies of the index in other processes), or move the index to a Qdrant server (README: Scale-out) and set CASTLIST_QDRANT_URL.")
    if settings.workers > 1 and settings.qdrant_url == ":memory:":
        return "--workers above 1 needs a Qdrant server: an in-memory index would be a separate one in each worker."
    return None


def multi_worker_warnings(settings: Settings) -> list[str]:
    notes = []
    if settings.rate_limit_storage.startswith("memory://"):
        notes.append("CASTLIST_RATE_LIMIT_STORAGE is memory://, so each worker counts its own callers; "
                     "use a shared store (redis://...) for one limit across workers")
    if not settings.resolved_database_url.startswith("postgresql"):
        notes.append("the database is SQLite: workers share the file (WAL), which serialises writes; "
                     "PostgreSQL is meant for several workers")
    return notes
