"""Extra word tokens for obfuscated spellings, so the safety lexicon sees through them.

People hide words from filters: leetspeak (`h0e`, `sh1t`, `b!tch`, `f@g`), masks
(`n*gga`, `f**k`), repeated letters (`fuuuuck`, `shiiit`) and separated letters
(`f u c k`, `n.i.g.g.e.r`, `s-h-i-t`). The tokeniser splits these into harmless pieces,
so this module returns what they spell as *extra* tokens; the original tokens stay, so
nothing else changes. A cheap C-level pre-check skips clean text (most captions).

Masks are resolved against the lexicon's own words (`resolve_mask`): `n*gga` becomes
every lexicon word of that length with those letters in those places.
"""

from __future__ import annotations

import re
from typing import Callable

# Leetspeak and look-alike symbols, read as letters.
LEET = str.maketrans({"0": "o", "1": "i", "3": "e", "4": "a", "5": "s", "7": "t", "8": "b",
                      "@": "a", "$": "s", "!": "i", "|": "i", "+": "t", "€": "e", "¡": "i"})
# Anything that may signal obfuscation: a digit or symbol between letters ('sh1t', 'b!tch'),
# a masking '*', a leading '$', three repeated letters, or three single characters in a
# row with separators. A '!' after a word or an '@mention' does not count.
_SUSPECT = re.compile(
    r"[^\W\d_][0-9@$!|+€¡]+[^\W\d_]|\*|\$[^\W\d_]|([^\W\d_])\1\1|(?<!\w)\w[ .\-_/]\w[ .\-_/]\w(?!\w)",
    re.UNICODE,
)
# A run of letters, digits and look-alike symbols with at least one letter and one
# non-letter inside it (a leading '@' or '#' is a mention or a hashtag, never leet).
_MIXED = re.compile(r"(?<![\w@#*$!|+€¡])[\w@$!|+€*¡]*[^\W\d_][\w@$!|+€*¡]*", re.UNICODE)
_HAS_LETTER_AND_OTHER = re.compile(r"(?=.*[^\W\d_])(?=.*[0-9@$!|+€*¡])", re.UNICODE)
_REPEAT = re.compile(r"([^\W\d_])\1{2,}", re.UNICODE)
# Single characters separated by a space, dot, dash, underscore or slash: "f u c k".
_SPACED = re.compile(r"(?<!\w)(?:[\w@$!*][ .\-_/]){2,}[\w@$!*](?!\w)", re.UNICODE)
_SEP = re.compile(r"[ .\-_/]")
_WORD = re.compile(r"\w+", re.UNICODE)


def _collapse(token: str) -> list[str]:
    """Both readings of 3+ repeated letters: once ('fuuuck' -> 'fuck') and twice
    ('asssss' -> 'ass')."""
    return [_REPEAT.sub(r"\1", token), _REPEAT.sub(r"\1\1", token)]


def extra_tokens(text: str | None, resolve_mask: Callable[[str], list[str]]) -> list[str]:
    """Tokens that obfuscated spellings in `text` stand for (empty for clean text).

    `resolve_mask` maps a lower-case pattern with '*' to the lexicon words it fits."""
    if not text or not _SUSPECT.search(text):
        return []
    low = text.lower()
    out: list[str] = []
    for run in _MIXED.findall(low):
        if "*" not in run and not _HAS_LETTER_AND_OTHER.match(run) and not _REPEAT.search(run):
            continue
        plain = run.translate(LEET)
        if "*" in plain:
            core = plain.strip("*") if plain.count("*") < len(plain) - 1 else plain
            out += resolve_mask(plain) or resolve_mask(core)
            continue
        for tok in _WORD.findall(plain):
            out.append(tok)
            if _REPEAT.search(tok):
                out += _collapse(tok)
    for run in _SPACED.findall(low):
        joined = _SEP.sub("", run).translate(LEET)
        if "*" in joined:
            out += resolve_mask(joined)
        elif joined.isalpha():
            out.append(joined)
            if _REPEAT.search(joined):
                out += _collapse(joined)
    return out
