"""Retrieve keeps each creator's post texts with the words the store read for it: a write to
the store replaces them, so topic evidence never reads an old caption. Real SQLite store."""

from __future__ import annotations

from datetime import datetime, timezone

from agents.nodes.retrieve import _post_texts
from retrieval.features import compute_features
from retrieval.schema import Creator
from retrieval.store import CreatorStore

NOW = datetime(2026, 11, 1, tzinfo=timezone.utc)


def _row(caption: str, tags: list[str]):
    creator = Creator.model_validate({
        "platform": "instagram", "handle": "leafy.kitchen", "followers": 12_000,
        "posts": [{"id": "p1", "text": caption, "hashtags": tags, "likes": 300, "comments": 12,
                   "created_at": "2026-10-01T00:00:00Z"}]})
    return creator, compute_features(creator, NOW)


def test_post_texts_follow_a_write(tmp_path):
    store = CreatorStore.open(f"sqlite:///{tmp_path / 'castlist.db'}")
    key = "instagram:leafy.kitchen"
    store.upsert([_row("Sunday Brunch", ["Eggs"])])
    first = store.words_many([key])[key]
    assert _post_texts(first) == ({"p1": "Sunday Brunch #Eggs"}, {"p1": "sunday brunch #eggs"})
    assert _post_texts(store.words_many([key])[key])[0] is _post_texts(first)[0]  # built once per read

    store.upsert([_row("Tofu Scramble", ["Vegan"])])
    assert _post_texts(store.words_many([key])[key]) == ({"p1": "Tofu Scramble #Vegan"}, {"p1": "tofu scramble #vegan"})
    store.delete([key])
    assert store.words_many([key]) == {}
    store.close()
