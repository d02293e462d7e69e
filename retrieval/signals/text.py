"""Tiny text helpers shared by the signal modules (no dependencies, precompiled).

Tokenising is the costly part of the features, so a post's caption and sampled
comments are tokenised once (`PostText`) and the token lists are shared by the
language guesser, the safety lexicon, the disclosure check and comment quality.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from retrieval.schema import Post

# Word tokens are runs of letters, digits and '_' ("it's" is "it", "s"); ASCII text takes
# the ASCII-only pattern, which is about twice as fast.
WORD = re.compile(r"\w+", re.UNICODE)
WORD_ASCII = re.compile(r"\w+", re.ASCII)
# Like WORD, but '#tag' / '@name' stay one token with their prefix.
TAGGED = re.compile(r"[#@]?\w+", re.UNICODE)
TAGGED_ASCII = re.compile(r"[#@]?\w+", re.ASCII)
MENTION_PREFIX = re.compile(r"^\s*@([\w.\-]+)\s*[:\-–]\s*", re.UNICODE)
URL = re.compile(r"https?://\S+|www\.\S+", re.IGNORECASE)


def words(text: str) -> list[str]:
    """Lower-case word tokens (runs of letters, digits and '_')."""
    text = text.lower()
    return (WORD_ASCII if text.isascii() else WORD).findall(text)


def tagged_words(text: str) -> list[str]:
    """Lower-case tokens where hashtags and mentions keep their '#' / '@'."""
    text = text.lower()
    return (TAGGED_ASCII if text.isascii() else TAGGED).findall(text)


def plain(tokens: list[str]) -> list[str]:
    """Tokens with any '#' / '@' prefix removed (hashtags read as words)."""
    return [t[1:] if t[0] in "#@" else t for t in tokens]


def norm_key(value: str) -> str:
    """Case- and space-insensitive key: 'Red Bull' and 'redbull' both become 'redbull'."""
    return "".join(ch for ch in value.casefold() if ch.isalnum())


@dataclass(slots=True)
class Comment:
    raw: str
    author: str | None   # from an "@name:" prefix, lower-case
    body: str            # the text after the prefix
    tokens: list[str]    # words(body)


@dataclass(slots=True)
class PostText:
    """One post's text, tokenised once."""

    post: Post
    tokens: list[str]          # tagged_words(caption)
    comments: list[Comment]


def split_comment(raw: str) -> Comment:
    m = MENTION_PREFIX.match(raw) if "@" in raw[:3] or raw.lstrip()[:1] == "@" else None
    author, body = (m.group(1).lower(), raw[m.end():]) if m else (None, raw)
    return Comment(raw, author, body, words(body))


def post_text(post: Post) -> PostText:
    return PostText(
        post,
        tagged_words(post.text) if post.text else [],
        [split_comment(c) for c in post.comments_sample if c and c.strip()],
    )
