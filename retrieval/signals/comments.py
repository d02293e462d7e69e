"""Comment-quality signals (DESIGN 6 fraud signals: "generic or emoji-only comments,
the same commenters in the same order across posts"; "likes:comments out of line with
peers").

- generic: emoji/punctuation-only comments, very short praise made only of generic
  words in several languages ("nice pic", "so cute", "wunderschön", "que lindo",
  "trop beau", "đẹp quá"), and follow/DM spam.
- repeated: a commenter (an "@name:" prefix) seen on two or more posts. Comments
  without a name count when the same non-trivial text (3+ words, not generic) appears
  on two or more posts. Identical text from *different* named commenters does not
  count: stock phrases ("where did you get this?") recur in organic audiences; the
  fraud sign is the same accounts coming back (DESIGN 6).
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass
from typing import Sequence

from retrieval.schema import Post
from retrieval.signals.text import URL, PostText, post_text, words

# Words that carry no content on their own; a comment of at most 4 such words is generic.
GENERIC_WORDS: frozenset[str] = frozenset("""
nice great good cool wow woww wowww omg love loved lovely luv like it this that so very
really too soo sooo such the a an is are your you ur u my so beautiful gorgeous amazing
awesome stunning perfect cute sweet pretty super fab fabulous fantastic best wonderful
fire lit goals yes yess yay hot dope sick epic incredible nice1 pic picture photo shot
post content feed vibe vibes queen king bro girl babe dear ❤ xo xoxo lol haha hahaha
wunderschön schön schöner toll super mega geil hammer klasse sehr richtig süß suess
lindo linda lindos lindas hermoso hermosa hermosos que qué bonito bonita precioso preciosa
genial guapa guapo muy bello bella bellissimo bellissima bellissime molto bravo brava
magnifique trop beau belle bien jolie top incroyable superbe génial tres très
lindo maravilhoso maravilhosa perfeito perfeita demais muito
mooi prachtig leuk
đẹp quá xinh hay dễ thương tuyệt vời
""".split())

SPAM_PHRASES: tuple[str, ...] = (
    "follow me", "follow back", "followback", "f4f", "l4l", "check my page", "check my profile",
    "check dm", "check your dm", "dm us", "dm me", "dm for collab", "send pic to", "promote it on",
    "collab?", "we love your feed",
)


_SPAM_KEYS: tuple[str, ...] = tuple(" " + " ".join(words(p)) + " " for p in SPAM_PHRASES)
# Each spam phrase contains one of these words: a C-level gate before substring checks.
_SPAM_GATE: frozenset[str] = frozenset({"follow", "followback", "f4f", "l4l", "check", "dm", "send", "promote", "collab", "feed"})


def is_generic(body: str, tokens: list[str] | None = None) -> bool:
    """Emoji/punctuation-only, short all-generic praise, or follow/DM spam."""
    if tokens is None:
        tokens = words(URL.sub(" ", body))
    if not tokens:
        return True  # emoji-only or punctuation-only
    if len(tokens) <= 4 and GENERIC_WORDS.issuperset(tokens):
        return True
    if len(tokens) > 8 or _SPAM_GATE.isdisjoint(tokens):
        return False
    joined = " " + " ".join(tokens) + " "
    return any(p in joined for p in _SPAM_KEYS)


@dataclass
class CommentQuality:
    likes_per_comment: float | None = None
    generic_share: float | None = None
    repeated_share: float | None = None
    sampled: int = 0


def comment_quality(posts: Sequence[Post], texts: Sequence[PostText] | None = None) -> CommentQuality:
    """Likes per comment (totals over posts with both numbers) and the sampled-comment
    shares. `texts` (one `PostText` per post) saves re-tokenising comments."""
    likes = comments = 0
    for p in posts:
        if p.likes is not None and p.comments is not None:
            likes += p.likes
            comments += p.comments
    lpc = likes / comments if comments > 0 else None

    if texts is None:
        texts = [post_text(p) for p in posts]
    sampled = generic = 0
    seen: dict[str, set[int]] = defaultdict(set)   # key -> posts it appears on
    keyed: list[str | None] = []
    for i, pt in enumerate(texts):
        for author, tokens in zip(pt.comment_authors, pt.comment_tokens):
            sampled += 1
            if not tokens or (len(tokens) <= 4 and GENERIC_WORDS.issuperset(tokens)):
                gen = True  # emoji-only, or short all-generic praise
            elif len(tokens) <= 8 and not _SPAM_GATE.isdisjoint(tokens):
                gen = is_generic("", tokens)
            else:
                gen = False
            generic += gen
            if author:
                key: str | None = "@" + author
            elif not gen and len(tokens) >= 3:
                key = "t:" + " ".join(tokens)
            else:
                key = None
            if key:
                seen[key].add(i)
            keyed.append(key)
    if not sampled:
        return CommentQuality(likes_per_comment=lpc)
    repeated = sum(1 for key in keyed if key and len(seen[key]) >= 2)
    return CommentQuality(lpc, generic / sampled, repeated / sampled, sampled)
