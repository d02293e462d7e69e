"""The language filter on real content: creators from the Vietnamese TikTok file and the
(mostly English) Instagram file, samples copied to a temp dir at test time."""

from __future__ import annotations

from agents.parsing.languages import LANGUAGES as BRIEF_LANGUAGES
from retrieval.index.base import IndexFilter
from tests.retrieval.conftest import real_sample


def test_language_filter_separates_vietnamese_from_english_creators(tmp_path, ingest_env, embedder):
    store, index, ingester = ingest_env
    vn = real_sample("tiktok_vn2025.jsonl", tmp_path / "vn.jsonl", 120)
    ig = real_sample("instagram_kim2020.jsonl", tmp_path / "ig.jsonl", 120)
    ingester.ingest_files([vn, ig])
    vector = embedder.embed_queries(["daily life"])[0].tolist()

    vietnamese = index.search(vector, None, IndexFilter(languages=[BRIEF_LANGUAGES["vietnamese"]]), 50, mode="dense")
    english = index.search(vector, None, IndexFilter(languages=["en"]), 50, mode="dense")
    assert len(vietnamese) >= 30 and len(english) >= 30
    assert {h.payload["platform"] for h in vietnamese} == {"tiktok"}
    assert sum(h.payload["platform"] == "instagram" for h in english) >= 0.9 * len(english)
