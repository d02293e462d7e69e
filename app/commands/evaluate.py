"""castlist eval: the offline eval suite over the real systems, with the regression gate."""

from __future__ import annotations

import argparse
import asyncio
from pathlib import Path

from app.settings import get_settings

DEFAULT_REAL_DATA = Path(__file__).resolve().parents[3] / "shared" / "data" / "real" / "instagram_kim2020.jsonl"


def evaluate(args: argparse.Namespace) -> int:
    from app.wiring import query_embedder
    from agents.parsing.offline import parse_offline
    from evals.pipelines import DEMO_AS_OF, model_suffix, systems_factory
    from evals.runner import EvalConfig, run_eval
    from retrieval.embedder import canonical_model, open_embedder

    settings = get_settings()
    if getattr(args, "llm", False):
        from app.commands.evaluate_llm import evaluate_llm

        return evaluate_llm(args, settings)
    real = args.real_data or (DEFAULT_REAL_DATA if DEFAULT_REAL_DATA.exists() else None)
    config = EvalConfig.from_cli(args.tier, settings.data_dir, args.report_dir, args.baseline,
                                 args.update_baseline, real_data=real, suites=getattr(args, "suite", None))
    models = list(dict.fromkeys(canonical_model(m) for m in (getattr(args, "embedding_model", None)
                                                             or [settings.embedding_model])))
    # Targets are checked on the first model's systems; the gate only ever sees the default model's.
    suffix = model_suffix(models[0])
    config = config.model_copy(update={"features_as_of": DEMO_AS_OF, "primary_system": f"full_agent{suffix}",
                                       "bm25_system": f"bm25_only{suffix}", "dense_system": f"dense_only{suffix}"})
    # Queries embedded as the service embeds them (app/wiring.query_embedder).
    embedders = [query_embedder(settings, open_embedder(m, max_tokens=settings.embed_max_tokens,
                                                        backend=settings.embedder_backend))
                 for m in models]
    cache = settings.data_dir / "eval" / "index-cache" if getattr(args, "reuse_index", False) else None
    opened: list = []

    try:
        factory = systems_factory(embedders[0], settings.default_limit, opened, compare_with=embedders[1:],
                                  index_cache=cache)
        report = asyncio.run(run_eval(config, factory, parse_offline))
    finally:
        for resource in opened:
            resource.close()
    return int(report.exit_code)
