"""Sponsored posts and their disclosure (DESIGN 6).

DESIGN 6: disclosure is `#ad`, `#sponsored`, `#partner`, platform paid-partnership
labels; in Germany `#Werbung` / `#Anzeige`. We also accept the usual Spanish, French,
Portuguese, Japanese and Chinese tags (`#publi`, `#collaborationcommerciale`,
`#publicidade`, `#PR` on Japanese posts, `#広告`, `#广告` ...). A post counts as sponsored when its `sponsored` flag is true, it
names sponsors, or it carries a disclosure (a disclosure marks an ad).

German creators write "unbezahlte Werbung" for unpaid mentions, so the bare word
"Werbung" in a caption is not a disclosure; only the tag `#werbung` is.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Sequence

from retrieval.schema import Post
from retrieval.signals.text import PostText, tagged_words

DISCLOSURE_TAGS: frozenset[str] = frozenset({
    "ad", "ads", "advert", "advertisement", "sponsored", "sponsoredpost", "sponsor",
    "partner", "paidpartner", "paidpartnership", "paidad",
    "werbung", "anzeige", "bezahltepartnerschaft",        # DE (DESIGN 6)
    "publicidad", "publi", "patrocinado", "patrocinada",    # ES / PT
    "colaboración", "colaboracion",                         # ES (Autocontrol code)
    "publicité", "publicite", "sponsorisé", "sponsorise",  # FR
    "partenariat", "collaborationcommerciale",              # FR (ARPP)
    "parceria", "publipost", "publicidade",                 # PT / PT-BR
    "ambassador", "brandambassador",                        # EN ambassador programmes
    "広告", "タイアップ", "提供", "プロモーション",            # JA
    "广告", "合作", "赞助",                                   # ZH
})
# "#PR" marks an ad in Japan but a personal record in fitness: only on Japanese posts.
JAPANESE_ONLY_TAGS: frozenset[str] = frozenset({"pr"})
_KANA = re.compile(r"[\u3040-\u30ff]")
GERMAN_TAGS: frozenset[str] = frozenset({"werbung", "anzeige"})

_HASH_TAGS: frozenset[str] = frozenset("#" + t for t in DISCLOSURE_TAGS)
_HASH_JA: frozenset[str] = frozenset("#" + t for t in JAPANESE_ONLY_TAGS)
_ANY_TAG: frozenset[str] = DISCLOSURE_TAGS | JAPANESE_ONLY_TAGS
# Without tokens: one regex search for a disclosure hashtag in the caption.
_TAG_RE = re.compile(
    r"#(?:" + "|".join(sorted(map(re.escape, DISCLOSURE_TAGS), key=len, reverse=True)) + r")(?!\w)"
)  # searched in lower-cased text
_JA_TAG_RE = re.compile(r"#pr(?!\w)")
_PHRASE_WORDS: frozenset[str] = frozenset({"partnership", "partnerschaft", "partenariat", "parceria", "colaboración", "publicidad"})
_PHRASES = re.compile(
    r"\bpaid partnership\b|\bbezahlte partnerschaft\b|\bpartenariat rémunéré\b|"
    r"\bparceria paga\b|\bcolaboración pagada\b|\bpublicidad pagada\b",
    re.IGNORECASE,
)


def _japanese(post: Post) -> bool:
    return bool(post.text) and not post.text.isascii() and _KANA.search(post.text) is not None


def _is_tag(tag: str, japanese: bool) -> bool:
    return tag in DISCLOSURE_TAGS or (japanese and tag in JAPANESE_ONLY_TAGS)


def disclosure_tags(post: Post, tokens: list[str] | None = None) -> list[str]:
    """Disclosure markers on a post (lower-case tags, or the matched phrase).

    `tokens` are the caption's `tagged_words`, when the caller already has them.
    """
    japanese = _japanese(post)
    found = [t.casefold() for t in post.hashtags if _is_tag(t.casefold(), japanese)]
    if post.text:
        if tokens is None:
            tokens = tagged_words(post.text)
        if not _HASH_TAGS.isdisjoint(tokens) or (japanese and not _HASH_JA.isdisjoint(tokens)):
            found += [t[1:] for t in tokens if t in _HASH_TAGS or (japanese and t in _HASH_JA)]
        if not _PHRASE_WORDS.isdisjoint(tokens):
            found += [m.group(0).lower() for m in _PHRASES.finditer(post.text)]
    return list(dict.fromkeys(found))


def is_disclosed(post: Post, tokens: list[str] | None = None) -> bool:
    """Fast yes/no version of `disclosure_tags`."""
    japanese: bool | None = None
    if post.hashtags and not _ANY_TAG.isdisjoint(map(str.lower, post.hashtags)):
        for tag in post.hashtags:
            tag = tag.lower()
            if tag in DISCLOSURE_TAGS:
                return True
            if tag in JAPANESE_ONLY_TAGS:
                japanese = _japanese(post)
                if japanese:
                    return True
    text = post.text
    if not text:
        return False
    if tokens is None:  # no tokens at hand: substring gates and regex, no tokenising
        low = text.lower()
        if "#" in low:
            if _TAG_RE.search(low):
                return True
            if "#pr" in low and _JA_TAG_RE.search(low) and (japanese if japanese is not None else _japanese(post)):
                return True
        return any(w in low for w in _PHRASE_WORDS) and _PHRASES.search(text) is not None
    if not _HASH_TAGS.isdisjoint(tokens):
        return True
    if not _HASH_JA.isdisjoint(tokens) and (japanese if japanese is not None else _japanese(post)):
        return True
    return not _PHRASE_WORDS.isdisjoint(tokens) and _PHRASES.search(text) is not None


def is_sponsored(post: Post, disclosed: bool | None = None) -> bool:
    if post.sponsored or post.sponsors:
        return True
    return is_disclosed(post) if disclosed is None else disclosed


@dataclass
class Sponsorship:
    sponsored_share: float | None = None
    sponsored_posts: int = 0
    disclosure_rate: float | None = None
    undisclosed_ids: list[str] = field(default_factory=list)
    sponsored_ids: list[str] = field(default_factory=list)
    brands: list[str] = field(default_factory=list)


def sponsorship(posts: Sequence[Post], texts: Sequence[PostText] | None = None) -> Sponsorship:
    """Share of sponsored posts, disclosure rate on them, undisclosed ids and brands.

    `texts` (one `PostText` per post, same order) saves re-tokenising captions.
    """
    if not posts:
        return Sponsorship()
    sponsored = disclosed = 0
    undisclosed: list[str] = []
    sponsored_ids: list[str] = []
    brands: dict[str, None] = {}
    for i, post in enumerate(posts):
        has_disclosure = is_disclosed(post, texts[i].tokens if texts is not None else None)
        if not is_sponsored(post, has_disclosure):
            continue
        sponsored += 1
        sponsored_ids.append(post.id or f"#{i}")
        if has_disclosure:
            disclosed += 1
        else:
            undisclosed.append(post.id or f"#{i}")
        for name in (*post.sponsors, *post.mentions):
            if name.strip():
                brands[name.strip().lower()] = None
    return Sponsorship(
        sponsored_share=sponsored / len(posts),
        sponsored_posts=sponsored,
        disclosure_rate=(disclosed / sponsored) if sponsored else None,
        undisclosed_ids=undisclosed,
        sponsored_ids=sponsored_ids,
        brands=list(brands),
    )
