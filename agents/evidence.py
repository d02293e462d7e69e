"""Evidence: a creator's posts that best match the brief, quoted verbatim."""

from __future__ import annotations

import re

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


def excerpt_around(post: Post, pattern: re.Pattern[str]) -> str:
    """A verbatim window of the post text that shows the match, "…"-led when it does not
    start the post (the faithfulness check accepts ellipsis-joined fragments)."""
    text = (post.text or "").strip()
    # Matched on the text itself: lower() can change a string's length ("İ"), and offsets
    # into the lowered copy would then point beside the word.
    found = re.compile(pattern.pattern, pattern.flags | re.IGNORECASE).search(text)
    opening = excerpt(post)
    if found is None or found.end() <= len(opening):
        return opening
    start = max(0, found.start() - EXCERPT_CHARS // 3)
    start = text.find(" ", start) + 1 if " " in text[start:found.start()] else start
    window = text[start:max(start + EXCERPT_CHARS, found.end())]
    cut = window[: window.rfind(" ")] if " " in window[found.end() - start:] else window
    return ("…" if start else "") + cut.strip()


def post_evidence(post: Post, text: str | None = None) -> Evidence:
    return Evidence(kind="post", post_id=post.id, url=post.url, text=(text if text is not None else excerpt(post)) or None)
