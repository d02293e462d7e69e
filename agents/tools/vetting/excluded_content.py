"""Excluded content: does the creator post about what the brief rules out ("no crypto")?

For exclusions that are not brand-safety categories (`exclude_keywords`). A word matches
at the start of a caption word or inside a hashtag ("crypto" in "cryptocurrency" and
"#cryptotrading"), a phrase its words in order or run together in a hashtag ("fast food",
"#fastfood"). A hashtag, or the word in two or more captions, fails: the creator posts
about it. One caption that names it warns, quoted, since one mention may be in passing
("never again fast food"). No exclusions in the brief pass.
"""

from __future__ import annotations

import re
from functools import lru_cache

from agents.evidence import excerpt_around
from agents.shortlist import VettingResult
from agents.tools.vetting.base import VettingInput, post_evidence, result
from agents.topicality import word_pattern, word_prefix
from retrieval.schema import Post

TOOL = "excluded_content"
FAIL_CAPTIONS = 2


@lru_cache(maxsize=256)
def keyword_pattern(keyword: str) -> re.Pattern[str]:
    words = keyword.casefold().split()
    if len(words) == 1:
        return word_pattern(words[0])
    head = r"[\s\-_]*".join(re.escape(w) for w in words[:-1])
    last = re.escape(word_prefix(words[-1]))
    joined = "".join(re.escape(w) for w in words[:-1]) + last
    return re.compile(rf"(?<![^\W_]){head}[\s\-_]*{last}|#[^\W_]*{joined}")


def _hits(post: Post, pattern: re.Pattern[str]) -> tuple[bool, bool]:
    """(in a hashtag, in the caption)."""
    tagged = any(pattern.search("#" + tag.casefold()) for tag in post.hashtags)
    return tagged, bool(pattern.search((post.text or "").casefold()))


def check_excluded_content(inp: VettingInput) -> VettingResult:
    keywords = inp.criteria.exclude_keywords
    if not keywords:
        return result(TOOL, "pass", 0.9, "The brief excludes no other content.")
    posts = inp.creator.posts
    if not posts:
        return result(TOOL, "insufficient_data", 0.2, "No posts stored, so excluded content cannot be checked.")
    found: dict[str, list[tuple[Post, str]]] = {}
    failing: set[str] = set()
    for keyword in keywords:
        pattern = keyword_pattern(keyword)
        for post in posts:
            tagged, captioned = _hits(post, pattern)
            if tagged or captioned:
                why = f"{'hashtag' if tagged else 'caption'} names '{keyword}'"
                found.setdefault(keyword, []).append((post, why))
                if tagged:
                    failing.add(keyword)
        if len(found.get(keyword, ())) >= FAIL_CAPTIONS:
            failing.add(keyword)
    if not found:
        return result(TOOL, "pass", 0.8,
                      f"None of {len(posts)} posts names the excluded content ({', '.join(keywords)}).")
    evidence = [post_evidence(post, excerpt_around(post, keyword_pattern(keyword)), method=why)
                for keyword, hits in found.items() for post, why in hits][:8]
    counts = ", ".join(f"'{k}' in {len(v)}" for k, v in found.items())
    if failing:
        return result(TOOL, "fail", 0.85, f"Posts about excluded content: {counts} of {len(posts)} posts.", evidence)
    return result(TOOL, "warn", 0.5, f"One caption names excluded content ({counts} of {len(posts)} posts); "
                  "it may be in passing.", evidence)
