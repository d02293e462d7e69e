"""Competitor conflict: has the creator promoted a brand the brief excludes?

Brand names compare case- and space-insensitively ("Red Bull" = "redbull" =
"@RedBull"). On a sponsored post, an exact match among sponsors or mentions fails; a
handle that starts with the brand ("redbullgermany", brands of 4+ characters) warns,
since it may be a different account. A mention or hashtag of the brand on an organic
post warns. No exclusions in the brief pass.
"""

from __future__ import annotations

from agents.shortlist import Evidence, VettingResult
from agents.tools.vetting.base import VettingInput, post_evidence, result
from retrieval.schema import Post
from retrieval.signals.text import norm_key

TOOL = "competitor_conflict"
MIN_PREFIX = 4


def _match(brand_key: str, keyed: list[tuple[str, str]]) -> tuple[str, str] | None:
    """('exact'|'prefix', original name) for the first (key, name) matching the brand key."""
    prefix = None
    for key, name in keyed:
        if key == brand_key:
            return "exact", name
        if prefix is None and len(brand_key) >= MIN_PREFIX and key.startswith(brand_key):
            prefix = ("prefix", name)
    return prefix


def _tag_key(tag: str) -> str:
    key = tag.casefold()
    return key if key.isalnum() else norm_key(key)


def check_competitor_conflict(inp: VettingInput) -> VettingResult:
    brands = {norm_key(b): b for b in inp.criteria.exclude_brands if norm_key(b)}
    if not brands:
        return result(TOOL, "pass", 0.9, "The brief excludes no brands.")
    posts = inp.creator.posts
    if not posts:
        return result(TOOL, "insufficient_data", 0.2, "No posts stored, so past sponsors cannot be checked.")

    sponsored_ids = set(inp.features.sponsored_post_ids)
    fails: list[tuple[str, Post, str]] = []
    warns: list[tuple[str, Post, str]] = []
    for i, post in enumerate(posts):
        sponsored = (post.id or f"#{i}") in sponsored_ids
        sponsors = [(norm_key(n), n) for n in post.sponsors]
        mentions = [(norm_key(n), n) for n in post.mentions]
        tags = {_tag_key(t): t for t in post.hashtags}
        for key, brand in brands.items():
            if sponsored:
                hit = _match(key, sponsors + mentions)
                if hit:
                    (fails if hit[0] == "exact" else warns).append(
                        (brand, post, f"sponsored post names '{hit[1]}' ({hit[0]} match for '{brand}')"))
                    continue
            else:
                hit = _match(key, mentions)
                if hit and hit[0] == "exact":
                    warns.append((brand, post, f"organic post mentions '{hit[1]}' ('{brand}')"))
                    continue
            if key in tags:
                warns.append((brand, post, f"{'sponsored' if sponsored else 'organic'} post tags '#{tags[key]}' ('{brand}')"))

    evidence: list[Evidence] = [post_evidence(p, method=why) for _, p, why in (fails + warns)[:8]]
    if fails:
        names = sorted({b for b, _, _ in fails})
        return result(TOOL, "fail", 0.9,
                      f"Promoted excluded brand(s) {', '.join(names)} in {len(fails)} sponsored post(s) of {len(posts)}.", evidence)
    if warns:
        names = sorted({b for b, _, _ in warns})
        return result(TOOL, "warn", 0.6,
                      f"Possible link to excluded brand(s) {', '.join(names)} in {len(warns)} post(s) of {len(posts)} (mention, tag or similar handle).", evidence)
    return result(TOOL, "pass", 0.8,
                  f"None of the {len(brands)} excluded brand(s) among sponsors or mentions in {len(posts)} posts.")
