"""castlist eval: the offline eval suite over the real systems, with the regression gate."""

from __future__ import annotations

import argparse
import asyncio
from pathlib import Path

from app.settings import get_settings

DEFAULT_REAL_DATA = Path(__file__).resolve().parents[3] / "shared" / "data" / "real" / "instagram_kim2020.jsonl"


def evaluate(args: argparse.Namespace) -> int:
    from agents.parsing.offline import parse_offline
    from evals.pipelines import DEMO_AS_OF, systems_factory
    from evals.runner import EvalConfig, run_eval
    from retrieval.embedder import open_embedder

    settings = get_settings()
    if getattr(args, "llm", False):
        from app.commands.evaluate_llm import evaluate_llm

        return evaluate_llm(args, settings)
    real = args.real_data or (DEFAULT_REAL_DATA if DEFAULT_REAL_DATA.exists() else None)
    config = EvalConfig.from_cli(args.tier, settings.data_dir, args.report_dir, args.baseline,
                                 args.update_baseline, real_data=real, suites=getattr(args, "suite", None))
    config = config.model_copy(update={"features_as_of": DEMO_AS_OF})
    embedder = open_embedder(settings.embedding_model, max_tokens=settings.embed_max_tokens,
                             backend=settings.embedder_backend)
    opened: list = []

    try:
        report = asyncio.run(run_eval(config, systems_factory(embedder, settings.default_limit, opened), parse_offline))
    finally:
        for resource in opened:
            resource.close()
    return int(report.exit_code)
