"""The words of a stored creator that retrieval reads for every candidate.

A brief considers about 150 candidates and vets about 60. Topic evidence needs only each
candidate's post ids, texts and hashtags and its top hashtags; parsing the whole stored
creator (comments, counts, audience, every feature) for it cost five times as much
(0.22 against 0.04 ms per demo creator) and was a third of a first-seen brief's own work.
"""

from __future__ import annotations

from typing import Sequence

from pydantic import BaseModel, ConfigDict


class PostWords(BaseModel):
    """A stored post's words: what topic evidence reads (`Post`'s fields of the same names)."""

    model_config = ConfigDict(extra="ignore", frozen=True)
    id: str | None = None
    text: str | None = None
    hashtags: list[str] = []


class _StoredPosts(BaseModel):
    model_config = ConfigDict(extra="ignore")
    posts: list[PostWords] = []


class _StoredHashtags(BaseModel):
    model_config = ConfigDict(extra="ignore")
    top_hashtags: list[str] = []


class CreatorWords:
    """Its posts' ids, texts and hashtags and its top hashtags, parsed from the same row as
    `StoredCreator` and nothing else."""

    __slots__ = ("posts", "top_hashtags", "derived")

    def __init__(self, posts: Sequence[PostWords], top_hashtags: list[str]) -> None:
        self.posts = posts
        self.top_hashtags = top_hashtags
        self.derived: dict[str, object] = {}  # as StoredCreator.derived


def read_words(data: str, features: str) -> CreatorWords:
    """From a stored row's `data` and `features` JSON (ValueError when they do not parse)."""
    return CreatorWords(_StoredPosts.model_validate_json(data).posts,
                        _StoredHashtags.model_validate_json(features).top_hashtags)
