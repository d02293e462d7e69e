"""castlist eval --llm: offline vs LLM mode against the configured endpoint (evals/llm_eval.py)."""

from __future__ import annotations

import argparse
import asyncio
import json
import sys
import tempfile
import time
from pathlib import Path

from app.settings import Settings

EXPLAIN_BRIEFS = ("vegan food creators on Instagram", "budget travel creators", "home workout and fitness creators")
EXPLAIN_CORPUS = 600  # demo creators generated for the explanation part


def evaluate_llm(args: argparse.Namespace, settings: Settings) -> int:
    if not settings.llm_base_url:
        print("error: --llm needs CASTLIST_LLM_BASE_URL (an OpenAI-compatible endpoint)", file=sys.stderr)
        return 2
    report = asyncio.run(_run(args, settings))
    from evals.llm_eval import markdown

    text = markdown(report)
    out_dir = args.report_dir or settings.data_dir / "reports"
    out_dir.mkdir(parents=True, exist_ok=True)
    (out_dir / "llm_eval.json").write_text(report.model_dump_json(indent=1), encoding="utf-8")
    (out_dir / "llm_eval.md").write_text(text, encoding="utf-8")
    print(text)
    print(f"report: {out_dir / 'llm_eval.md'}")
    return 0


async def _run(args: argparse.Namespace, settings: Settings):
    from agents.followup.dialogues import load_dialogues
    from agents.llm.brief_parser import LLMBriefParser
    from agents.llm.explainer import LLMExplainer
    from agents.llm.followup_parser import LLMFollowupParser
    from agents.parsing.offline import parse_offline
    from app.wiring import _llm_client
    from evals.cases import PARSE_V1, ParseCase, load_cases, select
    from evals.llm_eval import DIALOGUES_V1, LLMEvalReport, check_explanations, compare_dialogues, compare_parse

    def say(text: str) -> None:
        print(text, file=sys.stderr, flush=True)

    client = _llm_client(settings)
    report = LLMEvalReport(model=settings.llm_model)
    parser = LLMBriefParser(client, fallback=parse_offline, answer_tokens=settings.llm_parse_max_tokens)
    cases = select(load_cases(PARSE_V1, ParseCase), args.tier)
    if args.llm_cases is not None:
        cases = cases[:args.llm_cases]
        report.notes.append(f"parse: first {len(cases)} briefs of the {args.tier} tier")
    say(f"parse: {len(cases)} briefs")
    out_dir = args.report_dir or settings.data_dir / "reports"
    out_dir.mkdir(parents=True, exist_ok=True)
    # One line per brief as it finishes, so a run cut short still has its figures, and the
    # model's answers can be replayed in tests.
    with (out_dir / "llm_parse_cases.jsonl").open("w", encoding="utf-8") as cases_file:
        def record(row: dict) -> None:
            cases_file.write(json.dumps(row, ensure_ascii=False) + "\n")
            cases_file.flush()

        quiet = (args.quiet_prompt_tps, args.quiet_generation_tps) if args.quiet_generation_tps else None
        stop_at = time.monotonic() + args.llm_time_limit if args.llm_time_limit else None
        report.parse = await compare_parse(cases, parser, client, say, record=record, quiet_speeds=quiet,
                                           stop_at=stop_at)
    if args.llm_dialogues:
        dialogues = load_dialogues(DIALOGUES_V1)[:args.llm_dialogues]
        report.notes.append(f"dialogues: first {len(dialogues)} of dialogues_v1")
        say(f"dialogues: {len(dialogues)}")
        report.dialogues = await compare_dialogues(dialogues, parser, LLMFollowupParser(client), say)
    if args.llm_explanations:
        say("explanations: building a small demo index")
        creators = await _demo_creators(settings, args.llm_explanations)
        report.explanations = await check_explanations(creators, LLMExplainer(client), say)
    report.notes.append(f"settings: temperature {settings.llm_temperature}, max tokens {settings.llm_max_tokens}, "
                        f"timeout {settings.llm_timeout_s}s, attempts {settings.llm_max_attempts}")
    await client.aclose()
    return report


async def _demo_creators(settings: Settings, wanted: int):
    """Shortlisted creators from offline runs on a small generated demo corpus."""
    from agents.brief_parser import OfflineBriefParser
    from agents.context import AgentContext
    from agents.runner import AgentRunner
    from evals.pipelines import DEMO_AS_OF
    from retrieval.demo import write_demo_corpus
    from retrieval.embedder import open_embedder
    from retrieval.index.edge import EdgeCreatorIndex
    from retrieval.ingest import Ingester
    from retrieval.store import CreatorStore

    embedder = open_embedder(settings.embedding_model, max_tokens=settings.embed_max_tokens)
    out = []
    with tempfile.TemporaryDirectory() as tmp:
        root = Path(tmp)
        write_demo_corpus(root / "demo.jsonl", creators=EXPLAIN_CORPUS, seed=5)
        store = CreatorStore.open(f"sqlite:///{root / 'castlist.db'}")
        index = EdgeCreatorIndex(root / "edge", embedder.dim)
        try:
            Ingester(store, index, embedder, as_of=DEMO_AS_OF).ingest_files([root / "demo.jsonl"])
            runner = AgentRunner(AgentContext(store=store, index=index, embedder=embedder, parser=OfflineBriefParser(),
                                              now=DEMO_AS_OF))
            per_brief = max(1, -(-wanted // len(EXPLAIN_BRIEFS)))
            for brief in EXPLAIN_BRIEFS:
                shortlist = await runner.run(brief, limit=per_brief)
                out += [(c, list(shortlist.criteria.topics)) for c in shortlist.creators]
        finally:
            index.close()
            store.close()
    return out[:wanted]
