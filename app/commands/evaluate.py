"""castlist eval: the offline eval suite over the real systems, with the regression gate."""

from __future__ import annotations

import argparse
import asyncio
from datetime import datetime, timezone
from pathlib import Path

from app.settings import get_settings

# The demo corpus's own reference time (the generator's "now"): activity features and
# the faithfulness check both use it, so results do not drift with the wall clock.
DEMO_AS_OF = datetime(2026, 11, 1, tzinfo=timezone.utc)
DEFAULT_REAL_DATA = Path(__file__).resolve().parents[3] / "shared" / "data" / "real" / "instagram_kim2020.jsonl"


def latest_post_time(path: Path) -> datetime | None:
    """A historical data set is judged as of its own last post, not today: otherwise
    every creator in it reads as inactive."""
    import json

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


def evaluate(args: argparse.Namespace) -> int:
    from agents.brief_parser import OfflineBriefParser
    from agents.context import AgentContext
    from agents.parsing.offline import parse_offline
    from evals.pipelines import build_systems
    from evals.runner import EvalConfig, run_eval
    from retrieval.embedder import open_embedder
    from retrieval.index.edge import EdgeCreatorIndex
    from retrieval.ingest import Ingester
    from retrieval.store import CreatorStore

    settings = get_settings()
    real = args.real_data or (DEFAULT_REAL_DATA if DEFAULT_REAL_DATA.exists() else None)
    config = EvalConfig.from_cli(args.tier, settings.data_dir, args.report_dir, args.baseline,
                                 args.update_baseline, real_data=real)
    config = config.model_copy(update={"features_as_of": DEMO_AS_OF})
    embedder = open_embedder(settings.embedding_model, max_tokens=settings.embed_max_tokens)
    opened: list = []

    def systems_factory(corpus):
        store = CreatorStore.open(f"sqlite:///{corpus.work_dir / 'castlist.db'}")
        index = EdgeCreatorIndex(corpus.work_dir / "edge", embedder.dim)
        opened.extend([index, store])
        as_of = DEMO_AS_OF if corpus.name == "demo" else (latest_post_time(corpus.path) or DEMO_AS_OF)
        summary = Ingester(store, index, embedder, as_of=as_of).ingest_files([corpus.path])
        index.optimize()
        print(f"{corpus.name}: indexed {summary.line()} (as of {as_of.date()})")
        context = AgentContext(store=store, index=index, embedder=embedder, parser=OfflineBriefParser(),
                               now=as_of, default_count=settings.default_limit)
        return build_systems(context)

    try:
        report = asyncio.run(run_eval(config, systems_factory, parse_offline))
    finally:
        for resource in opened:
            resource.close()
    return int(report.exit_code)
