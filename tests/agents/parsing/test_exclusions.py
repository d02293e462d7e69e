"""Brand-safety exclusions, competitor brands and handles."""

from __future__ import annotations

import pytest

from agents.parsing import parse_offline
from tests.agents.parsing.helpers import crit


@pytest.mark.parametrize(
    ("brief", "categories"),
    [
        ("no alcohol", ["alcohol"]),
        ("no booze", ["alcohol"]),
        ("we are an alcohol-free brand", ["alcohol"]),
        ("nothing with drinking", ["alcohol"]),
        ("avoid creators who swear", ["profanity"]),
        ("no profanity", ["profanity"]),
        ("clean language only", ["profanity"]),
        ("no gambling or casino content", ["gambling"]),
        ("no betting", ["gambling"]),
        ("no politics", ["politics"]),
        ("politically neutral creators", ["politics"]),
        ("no smoking or vaping", ["tobacco"]),
        ("no drugs, cannabis or weed", ["drugs"]),
        ("no NSFW or explicit content", ["adult"]),
        ("no guns", ["weapons"]),
        ("no violence or gore", ["violence"]),
        ("no hate speech", ["hate"]),
        ("no explicit language", ["profanity"]),
        ("Avoid anyone promoting gambling, alcohol or tobacco.", ["alcohol", "gambling", "tobacco"]),
        ("keine Politik, kein Alkohol", ["alcohol", "politics"]),
        ("sin alcohol", ["alcohol"]),
        ("pas d'alcool", ["alcohol"]),
    ],
)
def test_safety_exclusions(brief: str, categories: list[str]) -> None:
    c = crit(brief)
    assert c.exclude_topics == categories
    assert "exclude_topics" in c.hard


@pytest.mark.parametrize(
    ("brief", "topic"),
    [("craft beer creators", "craft beer"), ("wine tasting content", "wine tasting"),
     ("poker streamers", "poker"), ("cocktail recipes", "cocktail recipes")],
)
def test_positive_category_words_are_topics(brief: str, topic: str) -> None:
    c = crit(brief)
    assert c.exclude_topics == []
    assert topic in c.topics


def test_excluded_category_named_as_topic_is_a_conflict() -> None:
    c = crit("craft beer creators, no alcohol")
    assert c.exclude_topics == ["alcohol"] and "craft beer" in c.topics
    assert any("craft beer" in x and "alcohol" in x for x in c.conflicts)


@pytest.mark.parametrize(
    ("brief", "brands"),
    [
        ("Exclude anyone who worked with Shein or Temu.", ["Shein", "Temu"]),
        ("anyone who worked with Shein or Temu", ["Shein", "Temu"]),
        ("no creators who promoted Nike", ["Nike"]),
        ("exclude partners of Red Bull", ["Red Bull"]),
        ("not working with competitors like Glossier", ["Glossier"]),
        ("avoid competitors such as H&M, Zara and Dr. Martens.", ["H&M", "Zara", "Dr. Martens"]),
        ("No Nike or Adidas ambassadors.", ["Nike", "Adidas"]),
        ("creators who haven't worked with L'Oréal or Maybelline in the last 6 months", ["L'Oréal", "Maybelline"]),
    ],
)
def test_brand_exclusions(brief: str, brands: list[str]) -> None:
    c = crit(brief)
    assert c.exclude_brands == brands
    assert "exclude_brands" in c.hard
    assert c.platforms == []  # "Red Bull" is not RED


def test_brands_worked_with_positively_are_not_excluded() -> None:
    assert crit("We want creators who have worked with Sephora").exclude_brands == []


@pytest.mark.parametrize(
    ("brief", "handles"),
    [
        ("exclude @jane.bakes", ["jane.bakes"]),
        ("not @foo or @bar", ["foo", "bar"]),
        ("everyone except @x", ["x"]),
        ("@A_b and @cd are already booked", ["a_b", "cd"]),
        ("skip @Foo.Bar.", ["foo.bar"]),
    ],
)
def test_handle_exclusions(brief: str, handles: list[str]) -> None:
    c = crit(brief)
    assert c.exclude_handles == handles
    assert "exclude_handles" in c.hard


def test_reference_handle_is_not_excluded_and_not_a_topic() -> None:
    r = parse_offline("creators similar to @bakewithme")
    assert r.criteria.exclude_handles == []
    assert r.criteria.topics == []
    assert any("@bakewithme" in w for w in r.warnings)


def test_email_is_not_a_handle() -> None:
    assert crit("send the list to bob@brand.com").exclude_handles == []
