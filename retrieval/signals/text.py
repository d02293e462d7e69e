"""Tiny text helpers shared by the signal modules (no dependencies, precompiled)."""

from __future__ import annotations

import re

WORD = re.compile(r"[^\W_]+(?:['’][^\W_]+)?", re.UNICODE)
HASHTAG = re.compile(r"#([^\s#@]+)", re.UNICODE)
MENTION_PREFIX = re.compile(r"^\s*@([\w.\-]+)\s*[:\-–]\s*", re.UNICODE)
URL = re.compile(r"https?://\S+|www\.\S+", re.IGNORECASE)


def words(text: str) -> list[str]:
    """Lower-case word tokens (letters and digits; apostrophes kept inside words)."""
    return WORD.findall(text.lower())


def norm_key(value: str) -> str:
    """Case- and space-insensitive key: 'Red Bull' and 'redbull' both become 'redbull'."""
    return "".join(ch for ch in value.casefold() if ch.isalnum())
