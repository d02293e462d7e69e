"""Explanations built only from stored data: every number and quote has a source.

Creator text appears only as quoted evidence; it never steers what is said or how the
creator ranks.
"""

from __future__ import annotations

from typing import Any

from agents.criteria import CampaignCriteria
from agents.evidence import excerpt, excerpt_around, post_evidence
from agents.shortlist import Evidence, PriceRange, ShortlistedCreator, VettingResult
from agents.followup.locale_names import country_in_text
from agents.parsing.tiers import PLATFORM_NAMES
from agents.topicality import TopicEvidence, shows_word, word_pattern
from retrieval.schema import Creator, Post
from retrieval.store import StoredCreator

PROFILE_URL = {
    "instagram": "https://www.instagram.com/{h}/", "tiktok": "https://www.tiktok.com/@{h}",
    "youtube": "https://www.youtube.com/@{h}", "x": "https://x.com/{h}",
    "linkedin": "https://www.linkedin.com/in/{h}/", "twitch": "https://www.twitch.tv/{h}",
    "pinterest": "https://www.pinterest.com/{h}/", "facebook": "https://www.facebook.com/{h}",
    "threads": "https://www.threads.net/@{h}", "xiaohongshu": None,
}


def _pct(value: float) -> str:
    return f"{value * 100:.1f}%"


def _audience_reason(stored: StoredCreator, criteria: CampaignCriteria) -> tuple[str | None, Evidence | None]:
    audience = stored.creator.audience
    if not audience or not audience.countries or not (criteria.audience_countries or criteria.creator_countries):
        return None, None
    targets = criteria.audience_countries or criteria.creator_countries
    share = sum(audience.countries.get(c, 0.0) for c in targets)
    text = f"{_pct(share)} of the audience is in {', '.join(country_in_text(c) for c in targets)}"
    return text, Evidence(kind="metric", metric="audience_share_in_target_countries", value=round(share, 4),
                          method="sum of stored audience.countries shares")


def explain_creator(
    rank: int,
    stored: StoredCreator,
    scored: dict[str, Any],
    criteria: CampaignCriteria,
) -> ShortlistedCreator:
    creator, features = stored.creator, stored.features
    vetting = [VettingResult.model_validate(v) for v in scored["vetting"]]
    reasons: list[str] = []
    evidence: list[Evidence] = []

    topic = TopicEvidence.model_validate(scored["evidence"]) if scored.get("evidence") else None
    reason, topic_posts = topic_reason(creator, topic, criteria)
    reasons.append(reason)
    evidence.extend(post_evidence(p, quote_of(p, topic)) for p in topic_posts)
    er = features.engagement
    if er.median is not None:
        reasons.append(f"Median engagement {_pct(er.median)} over {er.posts_used} posts ({er.method})")
        evidence.append(Evidence(kind="metric", metric="engagement_rate_median", value=round(er.median, 6), method=er.method))
    audience_text, audience_evidence = _audience_reason(stored, criteria)
    if audience_text and audience_evidence:
        reasons.append(audience_text[0].upper() + audience_text[1:])
        evidence.append(audience_evidence)
    if features.posts_per_week is not None:
        reasons.append(f"Posts {features.posts_per_week:.1f} times a week")
        evidence.append(Evidence(kind="metric", metric="posts_per_week", value=round(features.posts_per_week, 2),
                                 method="posts / weeks spanned by recent posts"))
    for v in vetting:
        if v.verdict == "pass" and v.tool == "authenticity":
            reasons.append(v.summary)

    risks = [f"{v.tool.replace('_', ' ')}: {v.summary}" for v in vetting if v.verdict in ("warn", "fail")]
    price = features.price
    price_range = PriceRange(low=price.low, high=price.high, currency=price.currency, method=price.method) if price else None
    # Names a marketer reads ("TikTok", "India"), not the codes the data holds.
    where = f" in {country_in_text(creator.country)}" if creator.country else ""
    if criteria.creator_cities and creator.city:  # the brief asked for cities: show which one, as stored
        where = f" in {creator.city}, {country_in_text(creator.country)}" if creator.country else f" in {creator.city}"
    explanation = (
        f"@{creator.handle} is a {features.tier or 'small'} {PLATFORM_NAMES.get(creator.platform, creator.platform)} "
        f"creator{where} with "
        f"{creator.followers:,} followers. " + reasons[0] + "."
    )
    url_template = PROFILE_URL.get(creator.platform)
    return ShortlistedCreator(
        rank=rank,
        platform=creator.platform,
        handle=creator.handle,
        display_name=creator.display_name,
        url=url_template.format(h=creator.handle) if url_template else None,
        followers=creator.followers,
        country=creator.country,
        engagement_rate=er.median,
        engagement_method=er.method,
        score=scored["score"],
        scores=scored["components"],
        price_estimate=price_range,
        explanation=explanation,
        reasons=reasons,
        risks=risks,
        evidence=evidence,
        vetting=vetting,
        subtopic=scored.get("subtopic"),
        topic_match=topic.route if topic else None,
        topic_post_id=topic.post_id if topic and topic.route != "profile" else None,
    )


def quote_of(post: Post, topic: TopicEvidence | None) -> str:
    """The part of the post text that shows the topic word ("" when only its hashtags
    show it), else the post's opening."""
    if topic is not None and topic.word:
        pattern = word_pattern(topic.word)
        quote = excerpt_around(post, pattern)
        return quote if pattern.search(quote.lower()) else ""
    return excerpt(post)


def _tags_showing(post: Post, word: str | None) -> list[str]:
    return [h for h in post.hashtags if word and shows_word("#" + h, word)] or post.hashtags


def topic_reason(creator: Creator, topic: TopicEvidence | None, criteria: CampaignCriteria) -> tuple[str, list[Post]]:
    """The topical reason says what it rests on; "posts on" only with the post quoted."""
    if topic is None:
        return "Listed on your filters: the brief names no topic", []
    posts = {p.id: p for p in creator.posts}
    post = posts.get(topic.post_id or "")
    quoted = quote_of(post, topic) if post else ""
    shown = f"“{quoted}”" if quoted else "a post tagged " + " ".join(
        "#" + h for h in _tags_showing(post, topic.word)[:5]) if post is not None else ""
    # Named by what the post had to show: "Posts on “mechanical keyboards”", not on
    # "review mechanical keyboards", which the quoted post need not be.
    named = topic.focus or topic.facet
    if topic.route == "post_words" and post is not None:
        return f"Posts on “{named}”, e.g. {shown}", [post]
    if topic.route == "post_meaning" and post is not None:
        # Closeness, not a claim: the word itself is in none of their posts.
        return f"A post close in meaning to “{named}”: {shown}", [post]
    # No similarity figure in the text: it is computed per brief, not stored, so the
    # faithfulness check could not verify it.
    return f"Near miss: no post shows “{named}”; only the overall content profile is close", []
