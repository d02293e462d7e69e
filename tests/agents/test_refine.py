from __future__ import annotations

from agents.criteria import CampaignCriteria
from agents.refine import refine, similar_to

BASE = CampaignCriteria(platforms=["instagram", "tiktok"], followers_min=10_000, followers_max=100_000,
                        topics=["vegan food"], exclude_topics=["alcohol"], hard=["platforms", "followers_min", "followers_max"])


def test_only_platform_replaces():
    out, notes = refine(BASE, CampaignCriteria(platforms=["tiktok"]), "only TikTok")
    assert out.platforms == ["tiktok"] and out.topics == ["vegan food"]
    assert out.followers_min == 10_000 and notes


def test_also_platform_adds():
    out, _ = refine(BASE, CampaignCriteria(platforms=["youtube"]), "also YouTube")
    assert out.platforms == ["instagram", "tiktok", "youtube"]


def test_drop_anyone_over_is_a_cap_even_if_parsed_as_a_floor():
    out, _ = refine(BASE, CampaignCriteria(followers_min=50_000), "drop anyone over 50k")
    assert out.followers_max == 50_000 and out.followers_min == 10_000
    assert "followers_max" in out.hard


def test_exclusions_accumulate():
    out, _ = refine(BASE, CampaignCriteria(exclude_handles=["x.y"], exclude_topics=["gambling"]), "exclude @x.y and no gambling")
    assert out.exclude_handles == ["x.y"] and out.exclude_topics == ["alcohol", "gambling"]


def test_follow_up_that_crosses_the_range_keeps_the_follow_up():
    out, notes = refine(BASE, CampaignCriteria(followers_min=200_000), "at least 200k followers")
    assert out.followers_min == 200_000 and out.followers_max is None
    assert any("contradicted" in n for n in notes)


def test_more_like_number_three():
    previous = [{"rank": 1, "key": "instagram:a", "handle": "a"}, {"rank": 3, "key": "tiktok:c", "handle": "c"}]
    assert similar_to("more like number 3", previous) == ["tiktok:c"]
    assert similar_to("show me others like #1 please", previous) == ["instagram:a"]
    assert similar_to("more like @c", previous) == ["tiktok:c"]
    assert similar_to("more vegan please", previous) == []
    out, _ = refine(BASE, CampaignCriteria(topics=["number"]), "more like number 3")
    assert out.topics == ["vegan food"]


def test_feedback_terms_are_independent_of_order_and_hash_seed():
    from agents.nodes.retrieve import feedback_terms

    docs = [["vegan", "plantbased", "tofu"], ["plantbased", "vegan", "oatmilk"], ["tofu", "oatmilk", "vegan"]]
    assert feedback_terms(docs, "dairy free") == ["vegan", "oatmilk", "plantbased", "tofu"]
    assert feedback_terms(list(reversed(docs)), "dairy free") == ["vegan", "oatmilk", "plantbased", "tofu"]
    assert feedback_terms(docs, "vegan food") == ["oatmilk", "plantbased", "tofu"]
