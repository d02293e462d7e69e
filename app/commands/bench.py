"""castlist bench: builds demo corpora of each size and measures every stage beside its
baseline in the same run. Prints a table; --out writes JSON too."""

from __future__ import annotations

import argparse
import asyncio
import json
import shutil
import sys
import tempfile
from pathlib import Path

from app.settings import get_settings


def _corpus(cache: Path, size: int, seed: int) -> Path:
    from retrieval.demo import write_demo_corpus

    path = cache / f"demo_{size}_{seed}.jsonl"
    if not path.exists():
        print(f"  generating demo corpus of {size:,} creators ...", file=sys.stderr)
        write_demo_corpus(path, creators=size, seed=seed)
    return path


def _print_section(title: str, values: dict, indent: str = "  ") -> None:
    print(f"{indent}{title}")
    for key, value in values.items():
        if isinstance(value, dict):
            _print_section(key, value, indent + "  ")
        else:
            print(f"{indent}  {key:<40} {value}")


def _reopen(work: Path, dim: int):
    from retrieval.index.edge import EdgeCreatorIndex
    from retrieval.store import CreatorStore

    # The layout bench_ingest writes (evals/benchmarks/retrieval_bench.py).
    return CreatorStore.open(f"sqlite:///{work / 'castlist.db'}"), EdgeCreatorIndex(work / "index" / "edge", dim)


def bench(args: argparse.Namespace) -> int:
    from evals.benchmarks.retrieval_bench import bench_ingest, bench_local_mode, bench_queries, bench_recall
    from app.wiring import query_embedder
    from retrieval.embedder import open_embedder

    settings = get_settings()
    only = set(args.only.split(",")) if args.only else {"ingest", "embedder", "query", "recall", "local", "agent", "service"}
    sizes = [int(s) for s in args.sizes.split(",") if s.strip()]
    cache = settings.data_dir / "bench"
    cache.mkdir(parents=True, exist_ok=True)
    embedder = open_embedder(settings.embedding_model, max_tokens=settings.embed_max_tokens,
                             backend=settings.embedder_backend)
    results: dict[str, dict] = {}
    if "first_start" in only:
        # Opt-in (minutes): the old behaviour (index built before serving) is the baseline.
        from evals.benchmarks.first_start import measure_first_start

        print("== first start on an empty data dir", file=sys.stderr)
        creators = ["--demo-creators", str(settings.demo_creators)]
        results["first_start"] = {
            # Bounded: on a loaded machine the old order can take many minutes; "page_s": null
            # then means "no page within timeout_s".
            "build_then_serve (baseline)": {"timeout_s": 300, **measure_first_start([*creators, "--wait-for-index"],
                                                                                    timeout_s=300)},
            "serve_while_building": measure_first_start(creators),
        }
        _print_section("first start", results["first_start"])
    for size in sizes:
        print(f"== {size:,} creators", file=sys.stderr)
        corpus = _corpus(cache, size, settings.demo_seed)
        work = Path(tempfile.mkdtemp(prefix=f"castlist-bench-{size}-"))
        result: dict[str, dict] = {}
        try:
            ingest, store, index = bench_ingest(corpus, work, embedder)
            result["ingest"] = {"backend": settings.embedder_backend, **ingest}
            if settings.embedder_backend != "torch" and "ingest" in only:
                # torch stays the reference: the same corpus ingested by it, in the same run.
                reference = open_embedder(settings.embedding_model, max_tokens=settings.embed_max_tokens)
                ref_work = work / "torch-reference"
                ref_work.mkdir()
                ref_ingest, ref_store, ref_index = bench_ingest(corpus, ref_work, reference)
                if "recall" in only:
                    ref_ingest["recall"] = bench_recall(ref_index, reference)
                ref_index.close()
                ref_store.close()
                result["ingest_torch_reference"] = ref_ingest
            if "embedder" in only:
                from evals.benchmarks.embedder_bench import compare_backends, sample_texts

                result["embedder_backends"] = compare_backends(
                    sample_texts(store), settings.embedding_model, settings.embed_max_tokens, reference=embedder)
            if "query" in only:
                result["query"] = bench_queries(index, embedder, args.queries)
            if "recall" in only:
                result["recall"] = bench_recall(index, embedder)
            if "agent" in only:
                from evals.benchmarks.agent_bench import bench_agent

                queries = query_embedder(settings, embedder)
                runs = {"agent": queries}
                if queries is not embedder:
                    # Baseline in the same run: queries embedded by the ingest backend.
                    runs["agent_queries_on_ingest_backend (baseline)"] = embedder
                for name, runner_embedder in runs.items():
                    # Each from a freshly opened store and index: a second run would otherwise
                    # find the first one's caches warm (parsed creators, hits, post vectors).
                    index.close()
                    store.close()
                    store, index = _reopen(work, embedder.dim)
                    result[name] = asyncio.run(bench_agent(store, index, runner_embedder, min(args.queries, 60)))
            if "local" in only:
                print("  loading qdrant-client local mode for the comparison ...", file=sys.stderr)
                result["qdrant_client_local_mode"] = bench_local_mode(store, index, embedder, min(args.queries, 30), size)
            index.close()
            store.close()
            if "service" in only:
                from evals.benchmarks.service_run import run_service_bench

                # Baseline in the same run: every brief in the service process, before the
                # default (brief workers beside it: one on a machine with 2 or more cores).
                result["service"] = {
                    "baseline_one_process": run_service_bench(work, settings.demo_seed,
                                                              env={"CASTLIST_BRIEF_WORKERS": "0"}),
                    "default": run_service_bench(work, settings.demo_seed),
                    "default_queries_on_ingest_backend": run_service_bench(
                        work, settings.demo_seed, env={"CASTLIST_QUERY_EMBEDDER_BACKEND": "same"}),
                }
        finally:
            shutil.rmtree(work, ignore_errors=True)
        results[str(size)] = result
        _print_section(f"{size:,} creators", result)
    if args.out:
        args.out.write_text(json.dumps(results, indent=2))
        print(f"wrote {args.out}")
    return 0
