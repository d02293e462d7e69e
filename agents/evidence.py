"""Evidence: a creator's posts that best match the brief, quoted verbatim."""

from __future__ import annotations

from agents.shortlist import Evidence
from retrieval.index.sparse import document_terms, query_terms
from retrieval.schema import Creator, Post

EXCERPT_CHARS = 160


def post_text(post: Post) -> str:
    return " ".join([post.text or "", " ".join(post.hashtags)])


def excerpt(post: Post) -> str:
    """A verbatim prefix of the post text (the faithfulness check compares it as is)."""
    text = (post.text or "").strip()
    if len(text) <= EXCERPT_CHARS:
        return text
    cut = text[:EXCERPT_CHARS]
    return cut[: cut.rfind(" ")] if " " in cut else cut


def best_posts(creator: Creator, terms: dict[int, float], n: int = 2) -> list[tuple[Post, float]]:
    """Posts ranked by lexical overlap (stemmed BM25 terms) with the brief's topic terms."""
    scored: list[tuple[Post, float]] = []
    for post in creator.posts:
        doc = document_terms(post_text(post))
        score = sum(weight * doc.get(term, 0.0) for term, weight in terms.items())
        if score > 0:
            scored.append((post, score))
    scored.sort(key=lambda item: -item[1])
    return scored[:n]


def post_evidence(post: Post) -> Evidence:
    return Evidence(kind="post", post_id=post.id, url=post.url, text=excerpt(post) or None)


def topic_terms(query_text: str) -> dict[int, float]:
    return query_terms(query_text) if query_text.strip() else {}
