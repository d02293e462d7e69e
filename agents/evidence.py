"""Evidence: a creator's posts that best match the brief, quoted verbatim."""

from __future__ import annotations

from agents.shortlist import Evidence
from retrieval.schema import Post

EXCERPT_CHARS = 160


def post_text(post: Post) -> str:
    return " ".join([post.text or "", " ".join("#" + h for h in post.hashtags)])


def excerpt(post: Post) -> str:
    """A verbatim prefix of the post text (the faithfulness check compares it as is)."""
    text = (post.text or "").strip()
    if len(text) <= EXCERPT_CHARS:
        return text
    cut = text[:EXCERPT_CHARS]
    return cut[: cut.rfind(" ")] if " " in cut else cut


def post_evidence(post: Post) -> Evidence:
    return Evidence(kind="post", post_id=post.id, url=post.url, text=excerpt(post) or None)
