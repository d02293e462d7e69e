"""The "on topic without a quoted post" metric (gated at 0 on demo v2 and the fine set),
and the explainer that must satisfy it when the topic word is only in a post's hashtags."""

from __future__ import annotations

from agents.criteria import CampaignCriteria
from agents.explain import topic_reason
from agents.shortlist import ShortlistedCreator
from agents.topicality import TopicEvidence
from evals.metrics import unsupported_topic_label
from retrieval.schema import Creator, Post

CAKES = Post(id="p1", text="Easy chocolate turkey cake for Thanksgiving, recipe on the blog", hashtags=["cakedecorating", "baking"])
OTHER = Post(id="p2", text="Sunday walk with the dog")
CREATOR = Creator(platform="instagram", handle="baker", followers=12000, posts=[CAKES, OTHER])


def _card(reason: str, match: str | None, post_id: str | None) -> ShortlistedCreator:
    return ShortlistedCreator(rank=1, platform="instagram", handle="baker", followers=12000, score=0.8,
                              explanation=reason, reasons=[reason], topic_match=match, topic_post_id=post_id)


def _reason(evidence: TopicEvidence) -> str:
    return topic_reason(CREATOR, evidence, CampaignCriteria(topics=[evidence.facet]))[0]


def test_word_only_in_hashtags_is_shown_as_the_tag() -> None:
    ev = TopicEvidence(facet="cake decorators", route="post_words", post_id="p1", word="decorators")
    reason = _reason(ev)
    assert reason == "Posts on “cake decorators”, e.g. a post tagged #cakedecorating"
    assert unsupported_topic_label(_card(reason, "post_words", "p1"), CREATOR) is None


def test_word_in_text_is_quoted() -> None:
    ev = TopicEvidence(facet="chocolate cake", route="post_words", post_id="p1", word="chocolate")
    reason = _reason(ev)
    assert "“Easy chocolate turkey cake" in reason
    assert unsupported_topic_label(_card(reason, "post_words", "p1"), CREATOR) is None


def test_quote_that_does_not_show_the_word_is_caught() -> None:
    reason = "Posts on “cake decorators”, e.g. “Sunday walk with the dog”"
    assert "does not show" in unsupported_topic_label(_card(reason, "post_words", "p2"), CREATOR)


def test_invented_quote_and_foreign_post_are_caught() -> None:
    made_up = "A post close in meaning to “dog walks”: “Long walks with my two dogs every morning”"
    assert "not in the post" in unsupported_topic_label(_card(made_up, "post_meaning", "p2"), CREATOR)
    real = "A post close in meaning to “dog walks”: “Sunday walk with the dog”"
    assert unsupported_topic_label(_card(real, "post_meaning", "p2"), CREATOR) is None
    assert "not the creator's" in unsupported_topic_label(_card(real, "post_meaning", "p9"), CREATOR)


def test_on_topic_claim_without_post_evidence_is_caught() -> None:
    claim = "Posts on “cake decorators”, e.g. a post tagged #cakedecorating"
    assert unsupported_topic_label(_card(claim, "profile", None), CREATOR) is not None
    assert unsupported_topic_label(_card(claim, None, None), CREATOR) is not None
    near_miss = "Near miss: no post shows “cake decorators”; only the overall content profile is close"
    assert unsupported_topic_label(_card(near_miss, "profile", None), CREATOR) is None


def test_the_card_names_what_the_post_had_to_show() -> None:
    # Recorded: keyboard cards said "Posts on “review mechanical keyboards”" over posts that
    # were not reviews; the post had to show the keyboards, so the card names that.
    ev = TopicEvidence(facet="review cakes", focus="cakes", route="post_words", post_id="p1", word="cake")
    reason = _reason(ev)
    assert reason.startswith("Posts on “cakes”, e.g. “Easy chocolate turkey cake")
    assert unsupported_topic_label(_card(reason, "post_words", "p1"), CREATOR) is None
