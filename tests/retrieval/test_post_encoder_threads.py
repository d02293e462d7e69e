"""The per-post static encoder from many threads at once, as concurrent briefs and an
ingest use it (model2vec's encode mutates its shared tokenizer)."""

from __future__ import annotations

import threading

import numpy as np


def test_concurrent_callers_all_get_their_vectors(embedder):
    posts = embedder.posts
    texts = [f"post {i}: sourdough, marathon training and vegan meal prep #{i}" for i in range(40)]
    expected = posts.embed(texts)
    failures: list[BaseException] = []
    results: dict[int, np.ndarray] = {}

    def worker(n: int) -> None:
        try:
            for _ in range(30):
                results[n] = posts.embed(texts)
        except BaseException as exc:  # noqa: BLE001 - collected and asserted below
            failures.append(exc)

    threads = [threading.Thread(target=worker, args=(n,)) for n in range(8)]
    for t in threads:
        t.start()
    for t in threads:
        t.join(timeout=120)
    assert failures == []
    assert len(results) == 8
    for got in results.values():
        np.testing.assert_allclose(got, expected, atol=1e-6)
