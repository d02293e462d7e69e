"""What a creator looks like inside the index: texts to embed and a filterable payload."""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Sequence

import numpy as np

from retrieval.cities import home_city_keys
from retrieval.embedder import Embedder
from retrieval.features import CreatorFeatures, excluding_safety
from retrieval.index.base import IndexedCreator, PostVectors
from retrieval.schema import Creator
from retrieval.store_tables import StoredPostVectors

# A main audience country must hold at least this share of the audience to satisfy an
# "audience in X" filter; below it the country is a minority of the audience.
AUDIENCE_COUNTRY_MIN_SHARE = 0.2
MAX_POST_VECTORS = 24  # the most recent posts; older ones still reach BM25
POST_CHARS = 400
DENSE_WORDS = 48  # fits the embedder's 64-token cap with room for word pieces
SPARSE_CHARS = 4000

_WS = re.compile(r"\s+")
_URL = re.compile(r"https?://\S+")


def _clean(text: str | None) -> str:
    return _WS.sub(" ", _URL.sub(" ", text or "")).strip()


def dense_text(creator: Creator, features: CreatorFeatures) -> str:
    """A short content profile: categories, top hashtags, then caption openings.

    Short on purpose: embedding cost grows with length and dominates ingest, while the
    full text still reaches retrieval through the BM25 vector. No bio: it is the
    creator's own claim, and stuffing it with a brief's words must not buy rank.
    """
    parts: list[str] = []
    if creator.categories:
        parts.append(", ".join(creator.categories) + ".")
    if features.top_hashtags:
        parts.append(" ".join(features.top_hashtags[:8]) + ".")
    for post in creator.posts[:6]:
        opening = _clean(post.text)[:90]
        if opening:
            parts.append(opening)
    words = " ".join(parts).split()
    return " ".join(words[:DENSE_WORDS]) or creator.handle


def post_documents(creator: Creator) -> list[tuple[str, str]]:
    """(post id, caption + hashtags) for the posts that get their own vector."""
    out: list[tuple[str, str]] = []
    for post in creator.posts:
        text = _clean(" ".join([post.text or "", " ".join("#" + h for h in post.hashtags)]))[:POST_CHARS]
        if text:
            out.append((post.id, text))
        if len(out) >= MAX_POST_VECTORS:
            break
    return out


def sparse_text(creator: Creator) -> str:
    # The bio stays out of BM25 too (see dense_text); what creators post is what ranks.
    parts = [creator.display_name or "", " ".join(creator.categories)]
    for post in creator.posts:
        parts.append(post.text or "")
        parts.append(" ".join(post.hashtags))
    return _clean(" ".join(parts))[:SPARSE_CHARS]


def audience_countries(creator: Creator) -> list[str]:
    shares = (creator.audience.countries if creator.audience else None) or {}
    return sorted(c for c, share in shares.items() if share >= AUDIENCE_COUNTRY_MIN_SHARE)


def audience_majority_gender(creator: Creator) -> str | None:
    genders = (creator.audience.genders if creator.audience else None) or {}
    for gender in ("female", "male"):
        if genders.get(gender, 0.0) > 0.5:
            return gender
    return None


def payload(creator: Creator, features: CreatorFeatures) -> dict:
    """Fields the index filters on plus what a result card needs without a store read."""
    languages = sorted(set(creator.languages) | set(features.languages_detected))
    price = features.price
    return {
        "key": creator.key,
        "platform": creator.platform,
        "handle": creator.handle,
        "handle_lc": creator.handle.lower(),
        "display_name": creator.display_name,
        "followers": creator.followers,
        "tier": features.tier,
        "country": creator.country,
        "city_keys": home_city_keys(creator.city, creator.country),
        "languages": languages,
        "audience_countries": audience_countries(creator),
        "audience_gender": audience_majority_gender(creator),
        "er": features.engagement.median,
        "price_low_usd": price.low if price and price.currency == "USD" else None,
        "formats": features.formats,
        "safety": excluding_safety(features),
        "brands": sorted({b.lower().replace(" ", "") for b in features.brands}),
        "categories": [c.lower() for c in creator.categories],
        # Absolute, not "days since": the index must not change when nothing but the
        # clock did (a re-ingest of the same file leaves the same index).
        "last_post_at": features.last_post_at,
    }


def build_indexed(creator: Creator, features: CreatorFeatures, vector: list[float],
                  posts: Sequence[tuple[str, list[float]]] = ()) -> IndexedCreator:
    return IndexedCreator(
        key=creator.key,
        point_id=creator.point_id,
        dense=vector,
        sparse_text=sparse_text(creator),
        payload={**payload(creator, features), "post_ids": [pid for pid, _ in posts]},
        posts=[vec for _, vec in posts],
    )


@dataclass(frozen=True)
class EmbeddedBatch:
    """A batch ready to write: the index's points and the store's copy of the per-post vectors."""

    indexed: list[IndexedCreator]
    post_vectors: StoredPostVectors

    def row(self, i: int) -> "EmbeddedBatch":
        """The batch of row `i` alone."""
        key = self.indexed[i].key
        one = {key: self.post_vectors.by_key[key]} if key in self.post_vectors.by_key else {}
        return EmbeddedBatch([self.indexed[i]], StoredPostVectors(self.post_vectors.model, one))


@dataclass(frozen=True)
class KnownVectors:
    """Vectors already stored for creators whose texts did not change, by key: not embedded again."""

    profiles: dict[str, np.ndarray] = field(default_factory=dict)
    posts: dict[str, PostVectors] = field(default_factory=dict)


def embed_batch(rows: Sequence[tuple[Creator, CreatorFeatures]], embedder: Embedder,
                known: KnownVectors | None = None) -> EmbeddedBatch:
    """Profile vectors from the transformer, per-post vectors from the static encoder."""
    known = known or KnownVectors()
    todo = [i for i, (c, _) in enumerate(rows) if c.key not in known.profiles]
    profiles = np.zeros((len(rows), embedder.dim), dtype=np.float32)
    if todo:
        profiles[todo] = embedder.embed([dense_text(*rows[i]) for i in todo])
    for i, (creator, _) in enumerate(rows):
        if creator.key in known.profiles:
            profiles[i] = known.profiles[creator.key]
    docs = [[] if c.key in known.posts else post_documents(c) for c, _ in rows]
    encoder = embedder.posts
    flat = encoder.embed([text for per in docs for _, text in per])
    out: list[IndexedCreator] = []
    stored: dict[str, PostVectors] = {}
    at = 0
    for (creator, features), vector, per in zip(rows, profiles, docs):
        kept = known.posts.get(creator.key)
        if kept is not None:
            ids, matrix = kept.post_ids, kept.vectors
        else:
            ids, matrix = [pid for pid, _ in per], flat[at:at + len(per)]
            at += len(per)
        out.append(build_indexed(creator, features, vector.tolist(), list(zip(ids, matrix.tolist()))))
        stored[creator.key] = PostVectors.model_construct(post_ids=ids, vectors=matrix)
    return EmbeddedBatch(out, StoredPostVectors(encoder.name, stored))


def build_indexed_batch(rows: Sequence[tuple[Creator, CreatorFeatures]], embedder: Embedder) -> list[IndexedCreator]:
    return embed_batch(rows, embedder).indexed
