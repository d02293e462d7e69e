"""Side-by-side check of embedding models on real Instagram creators, per query language.

Exact cosine (no index) over the same creator profiles (`dense_text`, category labels
removed), P@10 = share of the top 10 whose source category is the query's. The queries
(evals/datasets/multilingual_queries.jsonl) were written for this check, one per
category in English, German, Spanish, French and Vietnamese.

    python -m evals.benchmarks.multilingual_bench /work/shared/data/real/instagram_kim2020.jsonl
"""

from __future__ import annotations

import argparse
import json
import time
from collections import defaultdict
from datetime import datetime, timezone
from pathlib import Path

import numpy as np

from evals.corpus import read_creators
from evals.qrels import real_category
from retrieval.documents import dense_text
from retrieval.embedder import open_embedder
from retrieval.features import compute_features

QUERIES = Path(__file__).resolve().parents[1] / "datasets" / "multilingual_queries.jsonl"
LANGS = ("en", "de", "es", "fr", "vi")


def sample(path: Path, n: int, per_category: int) -> tuple[list[str], list[str | None]]:
    """A deterministic sample: up to `per_category` creators of each labelled category in
    file order, topped up with the rest ("other", unlabelled) to `n`."""
    creators, _ = read_creators(path)
    taken: dict[str, int] = defaultdict(int)
    chosen, rest = [], []
    for c in creators.values():
        cat = real_category(c)
        if cat not in (None, "other") and taken[cat] < per_category:
            taken[cat] += 1
            chosen.append(c)
        else:
            rest.append(c)
    chosen += rest[: max(0, n - len(chosen))]
    now = datetime.now(timezone.utc)
    texts = [dense_text(c.model_copy(update={"categories": []}), compute_features(c, now)) for c in chosen]
    return texts, [real_category(c) for c in chosen]


def run(path: Path, models: list[str], n: int, per_category: int, k: int = 10) -> dict:
    texts, cats = sample(path, n, per_category)
    labels = np.array([c or "" for c in cats])
    queries = [json.loads(line) for line in QUERIES.read_text().splitlines() if line.strip()]
    report: dict = {"creators": len(texts), "k": k, "models": {}}
    for model in models:
        embedder = open_embedder(model)
        embedder.embed(texts[:64])  # warm-up
        start = time.perf_counter()
        docs = embedder.embed(texts)
        seconds = time.perf_counter() - start
        per_lang: dict[str, dict[str, float]] = {}
        for lang in LANGS:
            qv = embedder.embed_queries([q[lang] for q in queries])
            top = np.argsort(-(qv @ docs.T), axis=1)[:, :k]
            per_lang[lang] = {q["category"]: float(np.mean(labels[top[i]] == q["category"])) for i, q in enumerate(queries)}
        report["models"][model] = {
            "profiles_per_s": round(len(texts) / seconds, 1),
            "p_at_10": {lang: round(float(np.mean(list(v.values()))), 3) for lang, v in per_lang.items()},
            "by_category": per_lang,
        }
    return report


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("data", type=Path)
    ap.add_argument("--models", default="all-MiniLM-L6-v2,multilingual-e5-small")
    ap.add_argument("--creators", type=int, default=3000)
    ap.add_argument("--per-category", type=int, default=300)
    ap.add_argument("--out", type=Path, default=None)
    args = ap.parse_args()
    report = run(args.data, args.models.split(","), args.creators, args.per_category)
    text = json.dumps(report, indent=1, ensure_ascii=False)
    if args.out:
        args.out.write_text(text)
    print(text)


if __name__ == "__main__":
    main()
