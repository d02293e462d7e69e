"""The other-language bars of `castlist calibrate`: the real file's categories asked in
German, Spanish and French over the same creators (real e5 model, hand-written captions)."""

from __future__ import annotations

import pytest

from evals.calibrate import (
    TRANSLATED_CATEGORIES,
    _other_language_bars,
    real_queries,
    score_pairs,
)
from retrieval.schema import Creator

CAPTIONS = {
    "food": ["Creamy mushroom risotto with parmesan, recipe in my bio", "Sunday roast chicken with crispy potatoes",
             "Homemade ramen broth simmered for ten hours"],
    "travel": ["Sunset over the old harbour in Lisbon after a long day exploring", "Backpacking through the Andes, day 12",
               "Boarding pass ready, next stop Tokyo"],
    "pet": ["My golden retriever learned a new trick today", "Cat nap on the windowsill again",
            "Puppy's first walk in the park with his new leash"],
}


@pytest.fixture(scope="module")
def e5():
    from retrieval.embedder import E5Embedder

    return E5Embedder()


def _creators() -> dict[str, Creator]:
    out = {}
    for cat, captions in CAPTIONS.items():
        for i in range(4):
            c = Creator.model_validate({"platform": "instagram", "handle": f"{cat}{i}", "followers": 1000 + i,
                                        "categories": [cat],
                                        "posts": [{"id": f"{cat}{i}-{j}", "text": f"{t} #{cat}{i}"}
                                                  for j, t in enumerate(captions)]})
            out[c.key] = c
    return out


def test_other_language_bars_are_fitted_on_translated_category_queries(e5) -> None:
    creators = _creators()
    vectors: dict = {}
    english = score_pairs(real_queries(creators), creators, e5, vectors=vectors)
    assert len(vectors) == len(creators)
    embedded = {k: id(v[0]) for k, v in vectors.items()}
    measured: dict = {}
    said: list[str] = []
    bars = _other_language_bars(e5, creators, measured, said.append, vectors, -1.0, 0.99)
    # The same creators' vectors served the translated queries: nothing embedded twice.
    assert {k: id(v[0]) for k, v in vectors.items()} == embedded
    assert bars.languages == sorted(TRANSLATED_CATEGORIES)
    fit = measured["real:other-languages"]
    # 3 categories x 3 languages, each query: its 4 creators and the 8 others.
    assert fit["profile"].pairs == fit["post"].pairs == 3 * 3 * 12
    # Never looser than the English bars (here -1 and 0.99): the fitted post bar, the English profile bar.
    assert (bars.post_threshold, bars.profile_threshold) == (fit["post"].threshold, 0.99)
    assert [line.split(":")[1].strip() for line in said] == ["real, de", "real, es", "real, fr"]
    # On captions this clear, every relevant pair outscores most others (English names),
    # and the translated names still reach the target precision on the profile side.
    s, y = english["profile"]
    assert min(v for v, r in zip(s, y) if r) > sorted(v for v, r in zip(s, y) if not r)[len(s) // 2]
    assert fit["profile"].precision >= 0.95
