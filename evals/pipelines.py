"""The systems `castlist eval` compares, built over one opened corpus.

The baselines share the agent's parser and hard filters, so the comparison isolates what
ranking and vetting add: BM25-only, dense-only, hybrid (RRF) without vetting, and the
full agent.
"""

from __future__ import annotations

import asyncio
import hashlib
import json
import shutil
import time
from datetime import datetime, timezone
from pathlib import Path
from typing import Callable, Sequence

from agents.context import AgentContext
from agents.criteria import CampaignCriteria
from agents.filters import index_filter
from agents.nodes.retrieve import query_text
from agents.runner import AgentRunner
from evals.corpus import EvalCorpus
from evals.systems import MODEL_MARK, RankedResult, gated_model
from retrieval.embedder import Embedder
from retrieval.index.base import CreatorIndex, SearchMode


class RetrievalBaseline:
    """Parse, then one index query in a single mode under the same hard filters."""

    def __init__(self, name: str, mode: SearchMode, context: AgentContext) -> None:
        self.name = name
        self.mode = mode
        self._ctx = context

    async def shortlist(self, brief: str, limit: int) -> RankedResult:
        started = time.perf_counter()
        parsed = await self._ctx.parser.parse(brief)
        criteria: CampaignCriteria = parsed.criteria
        parse_ms = (time.perf_counter() - started) * 1000
        text = query_text(criteria, brief)
        started = time.perf_counter()
        embedder: Embedder = self._ctx.embedder
        vector = None if self.mode == "sparse" else (await asyncio.to_thread(embedder.embed_queries, [text]))[0].tolist()
        index: CreatorIndex = self._ctx.index
        hits = await asyncio.to_thread(index.search, vector, text, index_filter(criteria), limit, self.mode)
        return RankedResult(keys=[h.key for h in hits],
                            stage_ms={"parse": parse_ms, "retrieve": (time.perf_counter() - started) * 1000})


class FullAgent:
    def __init__(self, context: AgentContext, name: str = "full_agent") -> None:
        self.name = name
        self._runner = AgentRunner(context)

    async def shortlist(self, brief: str, limit: int) -> RankedResult:
        shortlist = await self._runner.run(brief, limit=limit)
        keys = [f"{c.platform}:{c.handle.lower()}" for c in shortlist.creators]
        return RankedResult(keys=keys, shortlist=shortlist, stage_ms=dict(shortlist.stats.get("timings_ms", {})))


def build_systems(context: AgentContext, suffix: str = "") -> list:
    """The four systems; `suffix` tells a second embedding model's systems apart."""
    return [
        RetrievalBaseline(f"bm25_only{suffix}", "sparse", context),
        RetrievalBaseline(f"dense_only{suffix}", "dense", context),
        RetrievalBaseline(f"hybrid_no_vetting{suffix}", "hybrid", context),
        FullAgent(context, f"full_agent{suffix}"),
    ]


def model_suffix(model: str) -> str:
    """System-name suffix of an embedding model: none for the model the committed baseline
    was measured with, `@<model>` for any other, so its metrics have their own names
    ("full_agent@multilingual-e5-small/fine.strict_p@10") and the gate never compares
    them with the default model's baseline."""
    return "" if model == gated_model() else f"{MODEL_MARK}{model}"


# The demo corpus's own reference time (the generator's "now"): activity features and
# the faithfulness check both use it, so results do not drift with the wall clock.
DEMO_AS_OF = datetime(2026, 11, 1, tzinfo=timezone.utc)


def latest_post_time(path: Path) -> datetime | None:
    """A historical data set is judged as of its own last post, not today: otherwise
    every creator in it reads as inactive."""
    from retrieval.schema import parse_timestamp

    latest = None
    with path.open(encoding="utf-8") as fh:
        for line in fh:
            for post in json.loads(line).get("posts") or []:
                try:
                    when = parse_timestamp(post.get("created_at"))
                except ValueError:
                    continue
                if isinstance(when, datetime) and (latest is None or when > latest):
                    latest = when
    return latest


def _file_digest(path: Path) -> str:
    h = hashlib.sha256()
    with path.open("rb") as fh:
        for block in iter(lambda: fh.read(1 << 20), b""):
            h.update(block)
    return h.hexdigest()[:16]


def index_dir(corpus: EvalCorpus, model: str, first: bool, cache: Path | None) -> Path:
    """Where one model's store and index for a corpus live: the corpus's scratch dir (the
    first model, as always; others in a sub-directory), or with `cache` a directory named
    by the corpus file's content and the model, kept between runs."""
    if cache is not None:
        return cache / f"{corpus.name}-{_file_digest(corpus.path)}-{model}"
    return corpus.work_dir if first else corpus.work_dir / f"model-{model}"


def systems_factory(embedder: Embedder, default_count: int, opened: list,
                    echo: Callable[[str], None] | None = print, *, compare_with: Sequence[Embedder] = (),
                    index_cache: Path | None = None) -> Callable[[EvalCorpus], list]:
    """Index a corpus into a fresh store and Edge index, then build the four systems over it.

    Shared by `castlist eval` and the pooling of judgments (evals.pooling), so the systems
    that are pooled are exactly the systems that are scored. Opened resources are appended
    to `opened`; the caller closes them.

    `compare_with`: more embedding models, each indexing the same corpus into its own
    index (which records its model) and adding its four systems, named with
    `model_suffix`, so one run reports the models side by side. `index_cache`: keep each
    index between runs, reused when the same corpus file was indexed by the same model
    (re-embedding 8,000 real creators with e5 takes tens of minutes); it is not told
    about code changes, so leave it off when ingest or the documents change.
    """
    embedders = [embedder, *compare_with]
    names = [e.name for e in embedders]
    if len(set(names)) != len(names):
        raise ValueError(f"each embedding model once, got {names}")

    def factory(corpus: EvalCorpus) -> list:
        systems: list = []
        for i, model in enumerate(embedders):
            context = _indexed(corpus, model, index_dir(corpus, model.name, i == 0, index_cache), default_count,
                               opened, echo)
            systems.extend(build_systems(context, model_suffix(model.name)))
        return systems

    return factory


COMPLETE = "indexed.json"  # written last: a cached index without it was interrupted


def _indexed(corpus: EvalCorpus, embedder: Embedder, where: Path, default_count: int, opened: list,
             echo: Callable[[str], None] | None) -> AgentContext:
    from agents.brief_parser import OfflineBriefParser
    from retrieval.index.edge import EdgeCreatorIndex
    from retrieval.index_model import read_index_model, write_index_model
    from retrieval.ingest import Ingester
    from retrieval.store import CreatorStore

    edge = where / "edge"
    as_of = DEMO_AS_OF if corpus.name == "demo" else (latest_post_time(corpus.path) or DEMO_AS_OF)
    recorded = read_index_model(edge)
    reuse = (where / COMPLETE).exists() and recorded is not None and recorded.model == embedder.name
    if not reuse and where.exists() and where != corpus.work_dir:
        shutil.rmtree(where)  # an interrupted build or another model's index: start clean
    where.mkdir(parents=True, exist_ok=True)
    store = CreatorStore.open(f"sqlite:///{where / 'castlist.db'}")
    index = EdgeCreatorIndex(edge, embedder.dim)
    opened.extend([index, store])
    if reuse:
        if echo:
            echo(f"{corpus.name}: reusing the {embedder.name} index in {where} ({len(index)} creators)")
    else:
        write_index_model(edge, embedder.name, embedder.dim)
        started = time.perf_counter()
        summary = Ingester(store, index, embedder, as_of=as_of).ingest_files([corpus.path])
        index.optimize()
        (where / COMPLETE).write_text(json.dumps({"model": embedder.name, "corpus": str(corpus.path),
                                                  "summary": summary.line()}))
        if echo:
            echo(f"{corpus.name}: indexed {summary.line()} with {embedder.name} (as of {as_of.date()}) "
                 f"in {time.perf_counter() - started:.1f}s")
    return AgentContext(store=store, index=index, embedder=embedder, parser=OfflineBriefParser(),
                        now=as_of, default_count=default_count)
