"""The `castlist` command line (DESIGN 5.2; command names and flags are a contract).

Each command's work lives in app/commands/; this module only parses arguments.
"""

from __future__ import annotations

import argparse
import os
import sys
from pathlib import Path


def _common(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--data-dir", type=Path, default=None,
                        help="data directory (default: $CASTLIST_DATA_DIR or ./.castlist)")


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="castlist", description="Influencer briefs -> explained, vetted shortlists")
    sub = parser.add_subparsers(dest="command", required=True)

    p = sub.add_parser("demo-data", help="write a deterministic demo corpus and its labels")
    _common(p)
    p.add_argument("--out", type=Path, required=True)
    p.add_argument("--creators", type=int, default=20_000)
    p.add_argument("--seed", type=int, default=7)

    p = sub.add_parser("ingest", help="validate and upsert creators from JSONL/CSV files")
    _common(p)
    p.add_argument("files", nargs="+", type=Path)
    p.add_argument("--rejects", type=Path, default=None, help="write rejected rows (with reasons) here as JSONL")
    p.add_argument("--as-of", default=None, help="reference date for activity features (ISO date; default now)")
    p.add_argument("--batch-size", type=int, default=256)

    p = sub.add_parser("export", help="write every stored creator as import-format JSON Lines (move or back up)")
    _common(p)
    p.add_argument("--out", type=Path, required=True)

    p = sub.add_parser("schema", help="print the JSON Schema of the creator import format")
    _common(p)

    p = sub.add_parser("search", help="a raw hybrid index search (debugging aid)")
    _common(p)
    p.add_argument("query")
    p.add_argument("--limit", type=int, default=10)
    p.add_argument("--mode", choices=["hybrid", "dense", "sparse"], default="hybrid")

    p = sub.add_parser("reindex", help="re-embed every stored creator with CASTLIST_EMBEDDING_MODEL into a fresh index")
    _common(p)
    p.add_argument("--batch-size", type=int, default=256)
    p.add_argument("--skip-post-encoder", action="store_true",
                   help="do not prepare the per-post encoder now (it is then distilled on first use)")

    p = sub.add_parser("parse", help="print the CampaignCriteria of a brief")
    _common(p)
    p.add_argument("brief")
    p.add_argument("--json", action="store_true")

    p = sub.add_parser("shortlist", help="run the whole agent on a brief")
    _common(p)
    p.add_argument("brief")
    p.add_argument("--json", action="store_true")
    p.add_argument("--limit", type=int, default=None)

    p = sub.add_parser("serve", help="run the API and the web page")
    _common(p)
    p.add_argument("--host", default=None, help="address to listen on (default $CASTLIST_HOST or 127.0.0.1; "
                                                 "any other address needs an API key: castlist keys create)")
    p.add_argument("--port", type=int, default=None, help="port (default $CASTLIST_PORT or 8000)")
    p.add_argument("--demo-creators", type=int, default=None,
                   help="size of the demo index built on first start (default $CASTLIST_DEMO_CREATORS or 20000)")
    p.add_argument("--workers", type=int, default=None,
                   help="uvicorn worker processes (default $CASTLIST_WORKERS or 1); above 1 needs CASTLIST_QDRANT_URL")
    p.add_argument("--brief-workers", type=int, default=None,
                   help="processes that run one-off briefs beside the service, each on a read-only copy of the "
                        "embedded index (default $CASTLIST_BRIEF_WORKERS, else 1 on a machine with 2 or more cores; "
                        "0 runs every brief in the service process)")
    p.add_argument("--wait-for-index", action="store_true",
                   help="on first start, build the demo index before serving (default: serve at once, build behind)")

    p = sub.add_parser(
        "eval", help="offline eval suite with a regression gate",
        formatter_class=argparse.RawDescriptionHelpFormatter,
        description="Runs the labelled eval sets against four systems (BM25 only, dense only, hybrid\n"
                    "without vetting, the full agent), writes a report (report.json, report.md, PNG charts)\n"
                    "and compares every gated metric with the baseline. Offline: no network, and no LLM\n"
                    "unless --llm.",
        epilog="suites (evals/datasets/):\n"
               "  parse    brief -> CampaignCriteria field accuracy (parse_v2)\n"
               "  safety   the brand-safety scan's precision and recall (safety_v1)\n"
               "  demo     retrieval on a generated demo corpus, graded by its labels (retrieval_v1)\n"
               "  demo_v2  the same corpus, judged by each brief's distinguishing facet (retrieval_v2)\n"
               "  real     real Instagram creators by category (real_instagram_v1; needs the real data file)\n"
               "  fine     real Instagram creators, judged per creator and facet (real_instagram_fine_v1;\n"
               "           needs the real data file)\n"
               "exit status: 0 when the gate passes, 1 when a metric regressed past its tolerance\n"
               "(the report lists which).")
    _common(p)
    p.add_argument("--tier", choices=["quick", "full"], default="quick",
                   help="quick (default, CI): the cases marked quick, a 3,000-creator demo corpus, 3,000 real "
                        "creators for the real suite; full: every case, 20,000 demo creators, every real creator")
    p.add_argument("--report-dir", type=Path, default=None,
                   help="where the report goes (default: DATA_DIR/eval-reports/<tier>-<UTC time>)")
    p.add_argument("--baseline", type=Path, default=None, help="baseline to gate against (default: evals/baseline.json)")
    p.add_argument("--update-baseline", action="store_true",
                   help="rewrite this tier's baseline entries from this run (only after reviewing the report)")
    p.add_argument("--real-data", type=Path, default=None,
                   help="instagram_kim2020.jsonl for the real and fine suites (default: "
                        "../shared/data/real/instagram_kim2020.jsonl beside the repository; both suites are skipped, "
                        "and the report says so, when it is absent)")
    p.add_argument("--suite", action="append", default=None, choices=["parse", "safety", "demo", "demo_v2", "real", "fine"],
                   help="run only this suite (repeat for several); default all (see the list below)")
    p.add_argument("--embedding-model", action="append", default=None,
                   help="run the systems with this embedding model (repeat to set models side by side; default "
                        "CASTLIST_EMBEDDING_MODEL). Only all-MiniLM-L6-v2's systems are gated; another model's are "
                        "named <system>@<model> and reported")
    p.add_argument("--reuse-index", action="store_true",
                   help="keep each model's index of each corpus in DATA_DIR/eval/index-cache and reuse it when the "
                        "same corpus was indexed by the same model (not after ingest changes)")
    p.add_argument("--llm", action="store_true",
                   help="offline vs LLM mode side by side against CASTLIST_LLM_BASE_URL (parse, dialogues, explanations)")
    p.add_argument("--llm-cases", type=int, default=None, help="with --llm: first N parse briefs (default: the tier's)")
    p.add_argument("--llm-dialogues", type=int, default=8, help="with --llm: first N dialogues")
    p.add_argument("--llm-explanations", type=int, default=6, help="with --llm: creators to explain")
    p.add_argument("--llm-time-limit", type=float, default=None,
                   help="with --llm: seconds after which no further parse brief is started (the report says so)")
    p.add_argument("--quiet-generation-tps", type=float, default=None,
                   help="with --llm: a quiet machine's generation tokens/s, to estimate its latency from the tokens")
    p.add_argument("--quiet-prompt-tps", type=float, default=100.0,
                   help="with --llm: a quiet machine's prompt tokens/s (with --quiet-generation-tps)")

    p = sub.add_parser("calibrate", help="measure the on-topic similarity bars of the embedding model on labelled data")
    _common(p)
    p.add_argument("--demo-creators", type=int, default=4000, help="size of the generated labelled demo corpus")
    p.add_argument("--real-data", type=Path, default=None, help="instagram_kim2020.jsonl (its category labels)")
    p.add_argument("--out", type=Path, default=None, help="default: calibration.json in the data dir (used by it)")

    p = sub.add_parser("bench", help="performance benchmarks with baselines in the same run")
    _common(p)
    p.add_argument("--sizes", default="20000,100000", help="corpus sizes, comma-separated")
    p.add_argument("--queries", type=int, default=200)
    p.add_argument("--only", default=None, help="comma-separated: ingest,embedder,query,recall,local,agent,service; first_start (opt-in, minutes; --sizes \"\" to run it alone)")
    p.add_argument("--out", type=Path, default=None, help="also write the results as JSON here")

    p = sub.add_parser("keys", help="manage API keys")
    _common(p)
    keys = p.add_subparsers(dest="keys_command", required=True)
    k = keys.add_parser("create", help="create a key (printed once; stored hashed)")
    k.add_argument("--name", default="default")
    keys.add_parser("list", help="list key names and prefixes")
    k = keys.add_parser("revoke")
    k.add_argument("prefix")
    return parser


def main(argv: list[str] | None = None) -> int:
    os.environ.setdefault("HF_HUB_OFFLINE", "1")
    args = build_parser().parse_args(argv)
    if getattr(args, "data_dir", None) is not None:
        os.environ["CASTLIST_DATA_DIR"] = str(args.data_dir)
    from app.commands import dispatch
    from retrieval.index_model import IndexModelMismatch
    from retrieval.store import DatabaseUnavailable

    try:
        return int(dispatch(args) or 0)
    except (IndexModelMismatch, DatabaseUnavailable) as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 2
    except KeyboardInterrupt:
        print("interrupted", file=sys.stderr)
        return 130


if __name__ == "__main__":
    sys.exit(main())
