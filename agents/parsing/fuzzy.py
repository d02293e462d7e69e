"""One-typo matching for long keywords: "instgram", "alchohol", "folowers".

Briefs are typed fast. A word of six letters or more that is one edit (insert, delete,
substitute, or swap two neighbours) away from a keyword is read as that keyword, and the
reading is stated as an assumption. Short words are never fuzzed: too many collide.
"""

from __future__ import annotations

from collections.abc import Iterable

MIN_LENGTH = 6


def one_edit(a: str, b: str) -> bool:
    """True when a and b differ by exactly one edit (Damerau: a swap counts as one)."""
    if a == b or abs(len(a) - len(b)) > 1:
        return False
    if len(a) == len(b):
        diff = [i for i in range(len(a)) if a[i] != b[i]]
        if len(diff) == 1:
            return True
        return len(diff) == 2 and diff[1] == diff[0] + 1 and a[diff[0]] == b[diff[1]] and a[diff[1]] == b[diff[0]]
    short, long_ = (a, b) if len(a) < len(b) else (b, a)
    i = 0
    while i < len(short) and short[i] == long_[i]:
        i += 1
    return short[i:] == long_[i + 1:]


def closest(word: str, keywords: Iterable[str]) -> str | None:
    """The keyword one edit away from `word` (compared in lower case), if exactly one is."""
    w = word.lower()
    if len(w) < MIN_LENGTH:
        return None
    hits = [k for k in keywords if abs(len(k) - len(w)) <= 1 and one_edit(w, k)]
    return hits[0] if len(hits) == 1 else None
