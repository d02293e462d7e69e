"""The offline follow-up parser and apply_patch on the issue's examples, in four languages.

Each case: a brief, a follow-up, and what the criteria must look like afterwards.
"""

from __future__ import annotations

import pytest

from agents.criteria import CampaignCriteria
from agents.followup.patch import apply_patch
from agents.followup.rules import parse_followup
from agents.followup.vocabulary import INSTRUCTION_WORDS
from agents.parsing.offline import parse_offline
from retrieval.schema import PLATFORMS

US_BRIEF = "10 vegan food creators in the US on Instagram or Pinterest, budget $20,000, no alcohol"


def follow(brief: str, message: str) -> tuple[CampaignCriteria, CampaignCriteria, list[str]]:
    before = parse_offline(brief).criteria
    result = apply_patch(before, parse_followup(message, before, PLATFORMS), PLATFORMS)
    return before, result.criteria, result.changes


def no_instruction_topics(criteria: CampaignCriteria) -> None:
    for topic in criteria.topics:
        assert not set(topic.split()) & INSTRUCTION_WORDS, topic


@pytest.mark.parametrize("message", ["budget €3,000, max €100 per post", "budget 3000 EUR and at most 100 EUR per creator"])
def test_budget_and_per_post_cap_in_one_message(message):
    _, after, _ = follow(US_BRIEF, message)
    assert (after.budget.amount, after.budget.currency) == (3000, "EUR")
    assert (after.max_price_per_post.amount, after.max_price_per_post.currency) == (100, "EUR")


@pytest.mark.parametrize("message", ["drop the budget limit", "no budget", "forget the budget", "vergiss das Budget",
                                     "olvida el presupuesto", "oublie le budget"])
def test_budget_cleared(message):
    before, after, changes = follow(US_BRIEF, message)
    assert before.budget is not None and after.budget is None
    assert "budget" not in after.hard and "budget removed" in changes
    assert after.topics == before.topics
    no_instruction_topics(after)


@pytest.mark.parametrize("message, code", [
    ("actually make it Canada instead of the US", "CA"),
    ("Kanada statt USA", "CA"),
    ("México en vez de Estados Unidos", "MX"),
    ("plutôt le Canada au lieu des États-Unis", "CA"),
])
def test_country_replaced(message, code):
    before, after, changes = follow(US_BRIEF, message)
    assert after.creator_countries == [code]
    assert after.topics == before.topics
    assert not any("'US'" in a for a in after.assumptions), after.assumptions  # stale assumption gone
    no_instruction_topics(after)


def test_brand_exclusion_is_a_must():
    before, after, _ = follow(US_BRIEF, "exclude anyone who promoted The Ordinary or CeraVe")
    assert after.exclude_brands == ["The Ordinary", "CeraVe"]
    assert "exclude_brands" in after.hard
    assert after.topics == before.topics


@pytest.mark.parametrize("message", ["I don't care about the platform", "any platform",
                                     "die Plattform ist mir egal", "no importa la plataforma", "peu importe la plateforme"])
def test_platform_cleared(message):
    before, after, _ = follow(US_BRIEF, message)
    assert before.platforms and after.platforms == [] and "platforms" not in after.hard
    assert after.topics == before.topics
    no_instruction_topics(after)


def test_budget_raised_keeps_currency():
    _, after, changes = follow("vegan creators in Germany, budget €20,000", "raise the budget to 30k")
    assert after.budget.amount == 30_000 and after.budget.currency == "EUR"
    assert any("budget now" in c for c in changes)


@pytest.mark.parametrize("message", ["drop Pinterest", "no Pinterest please", "ohne Pinterest", "sin Pinterest",
                                     "sans Pinterest"])
def test_platform_removed(message):
    _, after, _ = follow(US_BRIEF, message)
    assert after.platforms == ["instagram"]


@pytest.mark.parametrize("message", ["also TikTok", "add TikTok too", "auch TikTok bitte", "también TikTok",
                                     "aussi TikTok"])
def test_platform_added(message):
    _, after, _ = follow(US_BRIEF, message)
    assert after.platforms == ["instagram", "pinterest", "tiktok"]


def test_topic_added_and_replaced():
    _, after, _ = follow(US_BRIEF, "also fitness")
    assert after.topics == ["vegan food", "fitness"]
    _, after, _ = follow(US_BRIEF, "make it fitness instead")
    assert after.topics == ["fitness"]
    _, after, _ = follow(US_BRIEF, "baking instead of vegan food")
    assert after.topics == ["baking"]
    _, after, _ = follow(US_BRIEF, "drop the topic vegan")
    assert after.topics == []


def test_count_followers_and_safety():
    _, after, _ = follow(US_BRIEF, "make it 5 creators")
    assert after.creators_count == 5
    _, after, _ = follow(US_BRIEF, "drop anyone over 30k")
    assert after.followers_max == 30_000 and after.followers_min is None
    _, after, _ = follow(US_BRIEF, "no gambling either")
    assert after.exclude_topics == ["alcohol", "gambling"]


def test_more_like_and_handles():
    before = parse_offline(US_BRIEF).criteria
    patch = parse_followup("more like number 2 and exclude @jane.bakes", before, PLATFORMS)
    assert patch.more_like == ["#2"]
    assert [(e.field, e.op, e.values) for e in patch.edits] == [("exclude_handles", "add", ["jane.bakes"])]
    assert parse_followup("more like @Sam_cooks", before, PLATFORMS).more_like == ["@sam_cooks"]
    assert parse_followup("mehr wie Nr. 3", before, PLATFORMS).more_like == ["#3"]


def test_language_by_cldr_name():
    _, after, _ = follow("vegan creators, content in German", "English instead of German")
    assert after.languages == ["en"]
    _, after, _ = follow("vegan creators, content in German", "drop German")
    assert after.languages == []


def test_multi_line_follow_up_is_one_message():
    _, after, changes = follow(US_BRIEF, "drop the budget\nand also TikTok")
    assert after.budget is None and "tiktok" in after.platforms and len(changes) == 2


@pytest.mark.parametrize(("message", "count"), [("actually make it 20", 20), ("give me 15 instead", 15),
                                                 ("make it 5 creators please", 5)])
def test_bare_number_after_a_request_is_the_count(message, count):
    _, after, changes = follow(US_BRIEF, message)
    assert after.creators_count == count and after.topics == ["vegan food"]
    assert any(c.startswith("creators now") or "count" in c for c in changes), changes


def test_a_number_with_a_unit_is_not_the_count():
    _, after, _ = follow(US_BRIEF, "make it 10k followers")
    assert after.creators_count == 10 and after.followers_min == 10_000


@pytest.mark.parametrize(("message", "field", "new", "old"), [
    ("swap vegan food for vegan baking", "topics", "vegan baking", "vegan food"),
    ("replace the US with Canada", "creator_countries", "CA", "US"),
    ("swap Pinterest for TikTok", "platforms", "tiktok", "pinterest"),
])
def test_swap_x_for_y_replaces_x(message, field, new, old):
    before, after, _ = follow(US_BRIEF, message)
    assert old in getattr(before, field) and old not in getattr(after, field) and new in getattr(after, field)
    no_instruction_topics(after)


@pytest.mark.parametrize(("message", "field", "value"), [
    ("what about folks on YouTube?", "platforms", ["youtube"]),
    ("the audience speaks mostly Spanish", "languages", ["es"]),
    ("keep it to creators who post in French", "languages", ["fr"]),
])
def test_filler_words_never_become_the_topic(message, field, value):
    # Recorded: "what about folks on YouTube?" set the topics to ["folks"], wiping "vegan food".
    before, after, _ = follow(US_BRIEF, message)
    assert getattr(after, field) == value
    assert after.topics == before.topics


BERLIN_BRIEF = "20 vegan food creators in Germany on Instagram and TikTok, 10k-80k followers, budget $15k, no alcohol"


@pytest.mark.parametrize(("message", "check"), [
    ("show me 5 more", lambda a: a.creators_count == 25),
    ("alcohol is fine actually", lambda a: a.exclude_topics == []),
    ("remove the alcohol restriction", lambda a: a.exclude_topics == []),
    ("engagement above 3%", lambda a: a.min_engagement_rate == 0.03),
    ("I'd like more plant-based baking folks", lambda a: a.topics == ["vegan food", "plant-based baking"]),
    ("forget about money", lambda a: a.budget is None),
    ("prefer Instagram but TikTok is ok", lambda a: a.platforms == ["instagram", "tiktok"]),
    ("nah, vegan baking", lambda a: a.topics == ["vegan food", "vegan baking"]),
    ("what if we tried Austria?", lambda a: a.creator_countries == ["AT"] and a.topics == ["vegan food"]),
    ("let's double the budget", lambda a: (a.budget.amount, a.budget.currency) == (30000, "USD")),
    ("I don't want anyone over 100k", lambda a: (a.followers_min, a.followers_max) == (10000, 100000)),
])
def test_everyday_phrasings(message, check):
    # Each was read wrongly before: "5 more" set the count to 5, "alcohol is fine" made
    # "alcohol, fine" the topic, "engagement above 3%" and "more ... folks" changed nothing.
    _, after, _ = follow(BERLIN_BRIEF, message)
    assert check(after), after
    no_instruction_topics(after)


def test_a_removal_already_done_by_a_set_is_not_refused():
    _, after, _ = follow(BERLIN_BRIEF, "I meant Austria, not Germany")
    before = parse_offline(BERLIN_BRIEF).criteria
    result = apply_patch(before, parse_followup("I meant Austria, not Germany", before, PLATFORMS), PLATFORMS)
    assert after.creator_countries == ["AT"] and result.rejected == []


@pytest.mark.parametrize("message", ["undo that", "start over", "go back", "reset"])
def test_conversation_commands_are_not_topics(message):
    before = parse_offline(BERLIN_BRIEF).criteria
    assert parse_followup(message, before, PLATFORMS).is_empty()


def test_similar_to_the_nth_creator():
    before = parse_offline(BERLIN_BRIEF).criteria
    patch = parse_followup("the second creator looks great, find similar ones", before, PLATFORMS)
    assert patch.more_like == ["#2"] and not patch.edits


def test_an_unchanged_value_is_not_reported_as_a_change():
    _, after, changes = follow(BERLIN_BRIEF, "more micro influencers")
    assert after.tiers == ["micro"] and not any("was 10,000" in c and "now 10,000" in c for c in changes), changes


@pytest.mark.parametrize(("message", "ref"), [("more like the first one", "#1"), ("show me others like the third creator", "#3"),
                                            ("more like the 4th one", "#4")])
def test_more_like_by_ordinal_word(message, ref):
    before = parse_offline(BERLIN_BRIEF).criteria
    assert parse_followup(message, before, PLATFORMS).more_like == [ref]


def test_a_city_is_no_reason_to_drop_its_country():
    before = parse_offline("vegan food creators in Germany and Austria on Instagram").criteria
    patch = parse_followup("no creators from Berlin", before, PLATFORMS)
    assert apply_patch(before, patch, PLATFORMS).criteria.creator_countries == ["DE", "AT"]
    patch = parse_followup("no creators from Germany", before, PLATFORMS)
    assert apply_patch(before, patch, PLATFORMS).criteria.creator_countries == ["AT"]
