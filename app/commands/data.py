"""demo-data, ingest, schema, search."""

from __future__ import annotations

import argparse
import json
import sys
from contextlib import nullcontext
from datetime import date, datetime, time, timezone

from app.settings import get_settings
from app.wiring import open_retrieval_from_settings


def demo_data(args: argparse.Namespace) -> int:
    from retrieval.demo import write_demo_corpus

    summary = write_demo_corpus(args.out, creators=args.creators, seed=args.seed)
    print(f"wrote {args.out} and {args.out}.labels.jsonl: {summary}")
    return 0


def _as_of(text: str | None) -> datetime | None:
    if not text:
        return None
    try:
        return datetime.fromisoformat(text).astimezone(timezone.utc)
    except ValueError:
        return datetime.combine(date.fromisoformat(text), time(), tzinfo=timezone.utc)


def ingest(args: argparse.Namespace) -> int:
    from retrieval.ingest import Ingester

    missing = [str(f) for f in args.files if not f.exists()]
    if missing:
        print(f"error: no such file: {', '.join(missing)}", file=sys.stderr)
        return 2
    try:
        as_of = _as_of(args.as_of)
    except ValueError:
        print(f"error: --as-of {args.as_of!r} is not an ISO date like 2026-11-01", file=sys.stderr)
        return 2
    retrieval = open_retrieval_from_settings(get_settings())
    ingester = Ingester(retrieval.store, retrieval.index, retrieval.embedder, as_of=as_of, batch_size=args.batch_size)
    bar = _progress_bar()
    shown_rejects = 0

    def on_reject(reject) -> None:
        nonlocal shown_rejects
        shown_rejects += 1
        if shown_rejects <= 5:
            where = f"{reject.file}:{reject.line}"
            print(f"rejected {where} field {reject.field or '-'}: {reject.reason}", file=sys.stderr)

    def on_progress(accepted: int, rejected: int) -> None:
        if bar is not None:
            bar.n = accepted + rejected
            bar.set_postfix(accepted=accepted, rejected=rejected, refresh=False)
            bar.refresh()

    rejects_ctx = args.rejects.open("w", encoding="utf-8") if args.rejects else nullcontext(None)
    try:
        with rejects_ctx as rejects:
            summary = ingester.ingest_files(args.files, rejects=rejects, on_progress=on_progress, on_reject=on_reject)
        if args.rejects:
            summary.rejects_file = str(args.rejects)
        retrieval.index.optimize()
    finally:
        if bar is not None:
            bar.close()
        retrieval.close()
    if shown_rejects > 5:
        print(f"... and {shown_rejects - 5} more rejected rows" + (f" (all in {args.rejects})" if args.rejects else ""), file=sys.stderr)
    print(summary.line() + (f"; rejects written to {args.rejects}" if args.rejects else ""))
    return 0


def _progress_bar():
    if not sys.stderr.isatty():
        return None
    from tqdm import tqdm

    return tqdm(unit=" rows", file=sys.stderr, dynamic_ncols=True)


def schema(args: argparse.Namespace) -> int:
    from retrieval.schema import creator_json_schema

    print(json.dumps(creator_json_schema(), indent=2))
    return 0


def search(args: argparse.Namespace) -> int:
    from retrieval.index.base import IndexFilter

    retrieval = open_retrieval_from_settings(get_settings())
    try:
        vector = retrieval.embedder.embed_queries([args.query])[0].tolist()
        hits = retrieval.index.search(vector, args.query, IndexFilter(), args.limit, mode=args.mode)
        for rank, hit in enumerate(hits, 1):
            p = hit.payload
            print(f"{rank:>3}. {p['platform']:<10} @{p['handle']:<28} {p['followers']:>10,} followers  score {hit.score:.3f}")
        if not hits:
            print("no creators in the index yet: run `castlist ingest FILE` or `castlist serve`")
    finally:
        retrieval.close()
    return 0


def export(args: argparse.Namespace) -> int:
    """Every stored creator as import-format JSON Lines: `castlist ingest` reads it back
    (into another database or index), so it is also a backup of the creator store."""
    from retrieval.store import CreatorStore

    settings = get_settings()
    store = CreatorStore.open(settings.resolved_database_url, settings.pool_options)
    count = 0
    try:
        with args.out.open("w", encoding="utf-8") as out:
            for item in store.iter_all():
                out.write(item.creator.model_dump_json(exclude_none=True) + "\n")
                count += 1
    finally:
        store.close()
    print(f"exported {count:,} creators to {args.out}", file=sys.stderr)
    return 0
