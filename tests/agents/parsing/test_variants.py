"""Phrasing variants: typos, other verbs of avoidance, languages beyond DE/ES/FR, word amounts."""

from __future__ import annotations

import pytest

from agents.parsing.fuzzy import closest, one_edit
from tests.agents.parsing.helpers import crit


@pytest.mark.parametrize(
    ("a", "b", "ok"),
    [("instgram", "instagram", True), ("alchohol", "alcohol", True), ("youtbue", "youtube", True),
     ("gamblng", "gambling", True), ("instagram", "instagram", False), ("tiktok", "tokyo", False)],
)
def test_one_edit(a: str, b: str, ok: bool) -> None:
    assert one_edit(a, b) is ok


def test_short_words_are_never_fuzzed() -> None:
    assert closest("tiktk", ["tiktok"]) is None


def test_typos_are_read_and_said() -> None:
    c = crit("travel vloggers with under 30k follwers on instgram, no alchohol")
    assert c.platforms == ["instagram"] and c.followers_max == 30_000 and c.exclude_topics == ["alcohol"]
    assert "'instgram' read as instagram" in c.assumptions
    assert "'alchohol' read as alcohol" in c.assumptions


def test_engagement_typo() -> None:
    assert crit("an engagment rate above 4 percent").min_engagement_rate == 0.04


@pytest.mark.parametrize(
    ("brief", "brands"),
    [
        ("no one who has done paid reviews for Logitech", ["Logitech"]),
        ("creators must not have promoted Fossil Watches", ["Fossil Watches"]),
        ("They shouldn't have worked with Huel or Bulk.", ["Huel", "Bulk"]),
        ("we don't want anyone who did try-ons for Boohoo", ["Boohoo"]),
        ("keine Kooperationen mit Zalando oder Asos", ["Zalando", "Asos"]),
        ("no Wish or Shopee sponsors", ["Wish", "Shopee"]),
        ("nobody sponsored by Acme competitors like Foo or Bar", ["Foo", "Bar"]),
    ],
)
def test_brand_exclusion_variants(brief: str, brands: list[str]) -> None:
    assert crit(brief).exclude_brands == brands


@pytest.mark.parametrize(
    ("brief", "categories"),
    [
        ("Nobody who swears on camera.", ["profanity"]),
        ("no one who talks about politics", ["politics"]),
        ("no online betting stuff", ["gambling"]),
        ("avoid anyone promoting energy drinks or tobacco", ["tobacco"]),
        ("exclude creators who discuss guns, elections, drugs or use hate speech",
         ["drugs", "weapons", "politics", "hate"]),
        ("Keine Tabak- oder Drogenwerbung", ["tobacco", "drugs"]),
        ("sin tabaco ni apuestas", ["gambling", "tobacco"]),
        ("pas de contenu politique ni d'alcool", ["alcohol", "politics"]),
        ("niente azzardo", ["gambling"]),
        ("family-friendly creators", ["adult"]),
    ],
)
def test_safety_variants(brief: str, categories: list[str]) -> None:
    assert crit(brief).exclude_topics == categories


def test_family_friendly_is_a_stated_inference() -> None:
    c = crit("family-friendly creators")
    assert any("family-friendly" in a for a in c.assumptions)


@pytest.mark.parametrize(
    ("brief", "lo", "hi"),
    [
        ("20k to 2 mil followers", 20_000, 2_000_000),  # English slang: mil = million
        ("300 mil a 2 milhões de seguidores", 300_000, 2_000_000),  # Portuguese: mil = thousand
        ("até 40 mil seguidores", None, 40_000),
        ("tra 20k e 200k follower", 20_000, 200_000),
        ("15.000 tot 60.000 volgers", 15_000, 60_000),
        ("5万以上粉丝", 50_000, None),
        ("under 5k followers", None, 5_000),
    ],
)
def test_follower_variants(brief: str, lo: int | None, hi: int | None) -> None:
    c = crit(brief)
    assert (c.followers_min, c.followers_max) == (lo, hi)


def test_under_and_over_in_one_breath_is_a_conflict() -> None:
    c = crit("accounts with under 8k followers AND over 3 million followers")
    assert (c.followers_min, c.followers_max) == (3_000_000, None)
    assert c.conflicts


@pytest.mark.parametrize(
    ("brief", "count"),
    [("7 local TikTok foodies", 7), ("9 people", 9), ("around 14 Paris-based fashion or beauty creators", 14),
     ("We'd like 6 of them.", 6), ("4 photographers who review lenses", 4)],
)
def test_count_variants(brief: str, count: int) -> None:
    assert crit(brief).creators_count == count


@pytest.mark.parametrize(
    ("brief", "amount", "currency"),
    [("Budget five thousand dollars.", 5_000, "USD"), ("budget 18 000 $ CA", 18_000, "CAD"),
     ("budget $2 mil", 2_000_000, "USD"), ("budget R$10 mil", 10_000, "BRL")],
)
def test_money_variants(brief: str, amount: float, currency: str) -> None:
    c = crit(brief)
    assert c.budget is not None and (c.budget.amount, c.budget.currency) == (amount, currency)


@pytest.mark.parametrize(
    ("brief", "creator", "audience"),
    [
        ("influencers with <20k followers in Hungary", ["HU"], []),
        ("TikTok creators, 2k-9k followers, SE, Swedish", ["SE"], []),
        ("creators in Denver, Boston and Chicago with male audiences", ["US"], []),
        ("speakers on HR software, Ireland or France", ["IE", "FR"], []),
        ("créateurs en Ontario", ["CA"], []),
        ("influencers in België en Duitsland", ["BE", "DE"], []),
        ("Nederlandstalig", [], []),
    ],
)
def test_geo_variants(brief: str, creator: list[str], audience: list[str]) -> None:
    c = crit(brief)
    assert (c.creator_countries, c.audience_countries) == (creator, audience)


def test_dutch_language_word() -> None:
    assert crit("creators in België, Nederlandstalig").languages == ["nl"]


def test_country_only_and_another_is_a_conflict() -> None:
    c = crit("Creators in Spain only. They should all live in Portugal, too.")
    assert c.creator_countries == ["ES", "PT"]
    assert any("only ES" in x for x in c.conflicts)


def test_live_streamers_are_live_format() -> None:
    c = crit("Live streamers on Twitch who play chess")
    assert c.formats == ["live"] and c.platforms == ["twitch"]
