"""Brand-safety scan of a creator's posts: the lexicon (`safety_lexicon`) plus the
offensive / hate classifiers (`safety_model.text_hits`: the word model for Vietnamese, the
embedding heads of `safety_embedding` for everything else, and the gated contextual reader
of `safety_reader` on the non-Vietnamese captions the heads or a named group mark as possible).

The lexicon reads captions, hashtags and sampled comments and names the word it found;
the classifiers read captions only (a creator's own words; comments are other people's
and only ever warn) and add `profanity` / `hate` where no listed word appears. Their hits
carry the term `classifier`, a severity and the probability; the card quotes the
sentence the model scores highest (`safety_model.worst_sentence`).
"""

from __future__ import annotations

from collections.abc import Sequence

from retrieval.schema import Post
from retrieval.signals import safety_lexicon
from retrieval.signals.safety_lexicon import Hit
from retrieval.signals.safety_model import CLASSIFIER_TERM, text_hits
from retrieval.signals.text import PostText, post_text


def classifier_hits(posts: Sequence[Post], texts: Sequence[PostText] | None = None) -> list[list[Hit]]:
    """Per post, the classifier's hits on its caption (one batched model call)."""
    idx = [i for i, p in enumerate(posts) if p.text and p.text.strip()]
    out: list[list[Hit]] = [[] for _ in posts]
    if not idx:
        return out
    tokens = [texts[i].tokens for i in idx] if texts is not None else None
    for i, hits in zip(idx, text_hits([posts[i].text or "" for i in idx], tokens)):
        out[i] = [Hit(cat, CLASSIFIER_TERM, "text", sev, round(p, 3)) for cat, sev, p in hits]
    return out


def post_hits(post: Post, text: PostText | None = None, include_comments: bool = True) -> list[Hit]:
    """Every hit on one post: the lexicon's, then the classifier's on its caption."""
    hits = safety_lexicon.post_hits(post, text, include_comments)
    return hits + classifier_hits([post], [text] if text is not None else None)[0]


def safety_hits(posts: Sequence[Post], texts: Sequence[PostText] | None = None,
                model_hits: Sequence[list[Hit]] | None = None) -> dict[str, list[str]]:
    """Category -> ids of posts the lexicon or the classifier flags, categories in the
    order of their first post (as `safety_lexicon.safety_hits`). `model_hits`: the
    `classifier_hits` of these posts when the caller already has them."""
    if texts is None:
        texts = [post_text(p) for p in posts]
    if model_hits is None:
        model_hits = classifier_hits(posts, texts)
    found = safety_lexicon.safety_hits(posts, texts)
    index = {(p.id or f"#{i}"): i for i, p in enumerate(posts)}
    by_cat: dict[str, set[int]] = {cat: {index[pid] for pid in ids} for cat, ids in found.items()}
    for i, hits in enumerate(model_hits):
        for h in hits:
            by_cat.setdefault(h.category, set()).add(i)
    return {
        cat: [posts[i].id or f"#{i}" for i in sorted(idx)]
        for cat, idx in sorted(by_cat.items(), key=lambda kv: min(kv[1]))
    }


def flagged_post_hits(posts: Sequence[Post], texts: Sequence[PostText], flagged: dict[str, list[str]],
                      model_hits: Sequence[list[Hit]]) -> dict[str, list[Hit]]:
    """Post id -> every hit, for the posts `safety_hits` flagged: kept with the features at
    ingest, so vetting quotes them without scanning the posts again for every brief. The
    classifiers' hits are the ones `safety_hits` used (the contextual reader costs ~0.1 s a
    caption: a flagged caption is not read twice)."""
    wanted = {pid for ids in flagged.values() for pid in ids}
    return {pid: safety_lexicon.post_hits(p, t) + model_hits[i]
            for i, (p, t) in enumerate(zip(posts, texts)) if (pid := p.id or f"#{i}") in wanted}
