"""Topics in the brief's own words: whatever is left once every other extractor has spoken.

The residual text (consumed spans blanked out) is cut at punctuation and at stopwords;
each remaining run of words is one topic phrase ("vegan food", "sourdough baking").
Nothing is mapped to a fixed keyword list: retrieval is semantic (DESIGN 2).
"""

from __future__ import annotations

import re

from agents.parsing.stopwords import STOPWORDS
from agents.parsing.text import Brief, Finding

_CHUNK_BREAK = re.compile(r"[\x00.,;:!?()\[\]{}\"\n/|•·*<>=~…]+|\s[-&+]+\s")
_TOKEN = re.compile(r"#?[^\W_][\w'&+-]*")
_NUMBERISH = re.compile(r"^[\d.,'%+$€£¥₹-]+[a-z]{0,4}$|^[a-z]{0,2}\d+$", re.IGNORECASE)
MAX_PHRASE_WORDS = 5


def _clean(token: str) -> str:
    token = token.lstrip("#").rstrip("'-&+")
    if token.endswith("'s") and token[:-2].lower() in STOPWORDS:
        return ""
    return token


def extract_topics(brief: Brief) -> list[Finding]:
    """Topic phrases, lower-cased, in order of appearance, without duplicates."""
    residual = brief.residual()
    found: list[Finding] = []
    seen: set[str] = set()
    bounds = [0]
    for m in _CHUNK_BREAK.finditer(residual):
        bounds.extend((m.start(), m.end()))
    bounds.append(len(residual))
    for start, end in zip(bounds[::2], bounds[1::2]):
        run: list[tuple[str, int, int]] = []
        for m in [*_TOKEN.finditer(residual, start, end), None]:
            word = _clean(m.group(0)) if m else ""
            low = word.lower()
            if m is not None and low not in STOPWORDS and len(low) > 1 and not _NUMBERISH.match(low):
                run.append((low, m.start(), m.end()))
                continue
            if run:
                phrase = " ".join(w for w, _, _ in run[:MAX_PHRASE_WORDS])
                if phrase not in seen:
                    seen.add(phrase)
                    found.append(Finding("topics", phrase, run[0][1], run[-1][2]))
                run = []
    return found
