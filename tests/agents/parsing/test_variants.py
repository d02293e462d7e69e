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
    c = crit("lifestyle creators under 20k follwers on instgram, no alchohol")
    assert c.platforms == ["instagram"] and c.followers_max == 20_000 and c.exclude_topics == ["alcohol"]
    assert "'instgram' read as instagram" in c.assumptions
    assert "'alchohol' read as alcohol" in c.assumptions


def test_engagement_typo() -> None:
    assert crit("engagment over 2.5 percent").min_engagement_rate == 0.025


@pytest.mark.parametrize(
    ("brief", "brands"),
    [
        ("no one who has done sponsored videos for Razer", ["Razer"]),
        ("must not have promoted Daniel Wellington", ["Daniel Wellington"]),
        ("They shouldn't have worked with Grenade or Myprotein.", ["Grenade", "Myprotein"]),
        ("don't want anyone who did hauls for Shein", ["Shein"]),
        ("keine Kooperationen mit Shein oder Temu", ["Shein", "Temu"]),
        ("no Temu or AliExpress sponsors", ["Temu", "AliExpress"]),
        ("nobody sponsored by Acme competitors like Foo or Bar", ["Foo", "Bar"]),
    ],
)
def test_brand_exclusion_variants(brief: str, brands: list[str]) -> None:
    assert crit(brief).exclude_brands == brands


@pytest.mark.parametrize(
    ("brief", "categories"),
    [
        ("No one who swears in their content.", ["profanity"]),
        ("no one who posts about politics", ["politics"]),
        ("no crypto gambling stuff", ["gambling"]),
        ("avoid anyone promoting meat brands or alcohol", ["alcohol"]),
        ("exclude creators who discuss politics, drugs, weapons or use hate speech",
         ["drugs", "weapons", "politics", "hate"]),
        ("Keine Alkohol- oder Glücksspielwerbung", ["alcohol", "gambling"]),
        ("sin alcohol ni apuestas", ["alcohol", "gambling"]),
        ("pas de contenu politique", ["politics"]),
        ("niente alcol", ["alcohol"]),
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
        ("10k to 1 mil followers", 10_000, 1_000_000),  # English slang: mil = million
        ("200 mil a 1 milhão de seguidores", 200_000, 1_000_000),  # Portuguese: mil = thousand
        ("até 30 mil seguidores", None, 30_000),
        ("tra 15k e 150k follower", 15_000, 150_000),
        ("10.000 tot 50.000 volgers", 10_000, 50_000),
        ("10万以上粉丝", 100_000, None),
        ("under 5k followers", None, 5_000),
    ],
)
def test_follower_variants(brief: str, lo: int | None, hi: int | None) -> None:
    c = crit(brief)
    assert (c.followers_min, c.followers_max) == (lo, hi)


def test_under_and_over_in_one_breath_is_a_conflict() -> None:
    c = crit("influencers with under 5k followers AND over 2 million followers")
    assert (c.followers_min, c.followers_max) == (2_000_000, None)
    assert c.conflicts


@pytest.mark.parametrize(
    ("brief", "count"),
    [("5 local Instagram foodies", 5), ("12 people", 12), ("around 15 UK-based fitness or wellness creators", 15),
     ("We'd like 8 of them.", 8), ("3 photographers who review cameras", 3)],
)
def test_count_variants(brief: str, count: int) -> None:
    assert crit(brief).creators_count == count


@pytest.mark.parametrize(
    ("brief", "amount", "currency"),
    [("Budget ten thousand dollars.", 10_000, "USD"), ("25 000 $ CA", 25_000, "CAD"),
     ("budget $2 mil", 2_000_000, "USD"), ("budget R$10 mil", 10_000, "BRL")],
)
def test_money_variants(brief: str, amount: float, currency: str) -> None:
    c = crit(brief)
    assert c.budget is not None and (c.budget.amount, c.budget.currency) == (amount, currency)


@pytest.mark.parametrize(
    ("brief", "creator", "audience"),
    [
        ("influencers with <10k followers in Poland", ["PL"], []),
        ("IG creators, 5k-15k followers, CH, German or French", ["CH"], []),
        ("creators in Miami, Austin and Seattle with female audiences", ["US"], []),
        ("thought leaders in HR tech, UK or Germany", ["GB", "DE"], []),
        ("cuisine au Québec", ["CA"], []),
        ("influencers in Nederland en België", ["NL", "BE"], []),
        ("Nederlandstalig", [], []),
    ],
)
def test_geo_variants(brief: str, creator: list[str], audience: list[str]) -> None:
    c = crit(brief)
    assert (c.creator_countries, c.audience_countries) == (creator, audience)


def test_dutch_language_word() -> None:
    assert crit("influencers in Nederland, Nederlandstalig").languages == ["nl"]


def test_country_only_and_another_is_a_conflict() -> None:
    c = crit("Creators must be based in the US only. Also they must all live in Canada.")
    assert c.creator_countries == ["US", "CA"]
    assert any("only US" in x for x in c.conflicts)


def test_live_streamers_are_live_format() -> None:
    c = crit("Live streamers on Twitch")
    assert c.formats == ["live"] and c.platforms == ["twitch"]
