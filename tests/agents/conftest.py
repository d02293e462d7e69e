"""A real demo corpus, ingested once per session into a real Edge index and SQLite store."""

from __future__ import annotations

import json
from dataclasses import dataclass
from datetime import datetime, timezone
from pathlib import Path

import pytest

from agents.brief_parser import OfflineBriefParser
from agents.context import AgentContext
from retrieval.index.edge import EdgeCreatorIndex
from retrieval.ingest import Ingester
from retrieval.store import CreatorStore

DEMO_CREATORS = 1500
DEMO_NOW = datetime(2026, 11, 1, tzinfo=timezone.utc)


@dataclass
class DemoIndex:
    path: Path
    store: CreatorStore
    index: EdgeCreatorIndex
    labels: dict[str, dict]

    def context(self, embedder, **kw) -> AgentContext:
        return AgentContext(store=self.store, index=self.index, embedder=embedder, parser=OfflineBriefParser(),
                            now=DEMO_NOW, **kw)


@pytest.fixture(scope="session")
def demo(tmp_path_factory, embedder):
    from retrieval.demo import write_demo_corpus

    root = tmp_path_factory.mktemp("demo")
    corpus = root / "demo.jsonl"
    write_demo_corpus(corpus, creators=DEMO_CREATORS, seed=11)
    store = CreatorStore.open(f"sqlite:///{root / 'castlist.db'}")
    index = EdgeCreatorIndex(root / "edge", embedder.dim)
    Ingester(store, index, embedder, as_of=DEMO_NOW).ingest_files([corpus])
    labels = {}
    for line in Path(f"{corpus}.labels.jsonl").open():
        label = json.loads(line)
        labels[f"{label['platform']}:{label['handle'].lower()}"] = label
    yield DemoIndex(path=corpus, store=store, index=index, labels=labels)
    index.close()
    store.close()
