"""The demo index, built inside the running service on first start.

Building 20,000 demo creators takes minutes on two cores; blocking `castlist serve`
until then left a fresh machine without a page for ~4 minutes. Instead the service
starts on the empty index and a background thread writes the demo corpus and ingests it
through the service's own store and index (one process owns the Edge shard), taking
the service's write lock around each batch's two writes, so /readyz and searches see
the store and the index agree at every moment. Briefs are answered from the creators
indexed so far; /readyz reports `building` with the progress until it is done.

A marker file stays in the data dir while a build runs. A service stopped mid-build
finds it on the next start and runs the ingest again (ingest is idempotent by
(platform, handle)), so a half-built demo index is never taken for a finished one.
"""

from __future__ import annotations

import logging
import threading
import time
from contextlib import AbstractContextManager
from pathlib import Path
from typing import Literal

from pydantic import BaseModel

log = logging.getLogger("castlist.demo")

Phase = Literal["waiting", "writing corpus", "ingesting", "optimising", "done", "failed", "stopped"]


class BuildProgress(BaseModel):
    phase: Phase
    ingested: int
    total: int
    seconds: float
    error: str | None = None


class _Stopped(Exception):
    pass


class DemoBuild:
    def __init__(self, corpus: Path, creators: int, seed: int) -> None:
        self.corpus = corpus
        self.creators = creators
        self.seed = seed
        self.marker = corpus.parent / "building"
        self._phase: Phase = "waiting"
        self._ingested = 0
        self._error: str | None = None
        self._started = time.monotonic()
        self._stop = threading.Event()
        self._thread: threading.Thread | None = None

    @classmethod
    def pending(cls, corpus: Path, creators: int, seed: int, stored: int) -> "DemoBuild | None":
        """A build to run: the store is empty, or a previous build did not finish."""
        build = cls(corpus, creators, seed)
        return build if stored == 0 or build.marker.exists() else None

    @property
    def finished(self) -> bool:
        return self._phase in ("done", "failed", "stopped")

    def progress(self) -> BuildProgress:
        return BuildProgress(phase=self._phase, ingested=self._ingested, total=self.creators,
                             seconds=round(time.monotonic() - self._started, 1), error=self._error)

    def start(self, retrieval, write_lock: AbstractContextManager) -> None:  # noqa: ANN001 - a Retrieval
        self._thread = threading.Thread(target=self._run, args=(retrieval, write_lock),
                                        name="castlist-demo-build", daemon=True)
        self._thread.start()

    def stop(self, timeout: float = 60.0) -> None:
        """Asks the build to stop after its current batch, and waits for it."""
        self._stop.set()
        if self._thread is not None:
            self._thread.join(timeout)

    def _run(self, retrieval, write_lock: AbstractContextManager) -> None:  # noqa: ANN001
        from retrieval.demo import NOW, write_demo_corpus
        from retrieval.ingest import Ingester

        try:
            self.corpus.parent.mkdir(parents=True, exist_ok=True)
            self.marker.touch()
            if not self.corpus.exists():
                self._phase = "writing corpus"
                write_demo_corpus(self.corpus, creators=self.creators, seed=self.seed)
            self._check_stop()
            self._phase = "ingesting"

            def on_progress(accepted: int, rejected: int) -> None:
                self._ingested = accepted
                self._check_stop()

            # The demo corpus is a snapshot taken at its own NOW: activity features are measured there.
            ingester = Ingester(retrieval.store, retrieval.index, retrieval.embedder, as_of=NOW, write_lock=write_lock)
            summary = ingester.ingest_files([self.corpus], on_progress=on_progress)
            self._phase = "optimising"
            retrieval.index.optimize()  # searches wait on the index's lock meanwhile (seconds)
            self.marker.unlink(missing_ok=True)
            self._phase = "done"
            log.info("demo index ready", extra={"line": summary.line(), "seconds": self.progress().seconds})
        except _Stopped:
            self._phase = "stopped"
        except Exception as exc:  # noqa: BLE001 - reported through /readyz and the log
            self._phase, self._error = "failed", f"{type(exc).__name__}: {exc}"
            log.exception("demo index build failed")

    def _check_stop(self) -> None:
        if self._stop.is_set():
            raise _Stopped
