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
# Words plus the newline that separates comments batched into one string.
_WORD_NL = re.compile(r"\w+|\n", re.UNICODE)
_WORD_NL_ASCII = re.compile(r"\w+|\n", re.ASCII)
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


def _author(raw: str) -> tuple[str | None, str]:
    """('name', body) for an '@name: body' comment, else (None, raw)."""
    if raw[:1] != "@":
        if not raw[:1].isspace() or raw.lstrip()[:1] != "@":
            return None, raw
        raw_l = raw.lstrip()
    else:
        raw_l = raw
    colon = raw_l.find(":")
    if 1 < colon <= 60 and " " not in raw_l[1:colon]:  # the common '@name: text' form
        return raw_l[1:colon].lower(), raw_l[colon + 1:].lstrip()
    m = MENTION_PREFIX.match(raw)
    return (m.group(1).lower(), raw[m.end():]) if m else (None, raw)


def split_comment(raw: str) -> Comment:
    author, body = _author(raw)
    return Comment(raw, author, body, words(body))


def split_comments(raws: list[str]) -> list[Comment]:
    """`split_comment` for many comments with one regex pass over all their bodies."""
    raws = [c for c in raws if c and c.strip()]
    if not raws:
        return []
    parts = [_author(r) for r in raws]
    joined = "\n".join(b.replace("\n", " ") if "\n" in b else b for _, b in parts).lower()
    tokens = (_WORD_NL_ASCII if joined.isascii() else _WORD_NL).findall(joined)
    out: list[Comment] = []
    start = 0
    for raw, (author, body) in zip(raws, parts):
        try:
            end = tokens.index("\n", start)
        except ValueError:
            end = len(tokens)
        out.append(Comment(raw, author, body, tokens[start:end]))
        start = end + 1
    return out


def post_text(post: Post) -> PostText:
    return PostText(
        post,
        tagged_words(post.text) if post.text else [],
        split_comments(post.comments_sample) if post.comments_sample else [],
    )
