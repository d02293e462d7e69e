"""Topics in the brief's own words; hard vs soft."""

from __future__ import annotations

import pytest

from tests.agents.parsing.helpers import crit


@pytest.mark.parametrize(
    ("brief", "topics"),
    [
        ("We need 20 vegan food micro-influencers on TikTok in Germany, budget €10k", ["vegan food"]),
        ("Looking for sourdough baking creators", ["sourdough baking"]),
        ("clean beauty and sustainable fashion creators on Instagram", ["clean beauty", "sustainable fashion"]),
        ("creators who make content about zero-waste living", ["zero-waste living"]),
        ("B2B SaaS and developer tools YouTubers", ["b2b saas", "developer tools"]),
        ("mechanical keyboards, vintage watches", ["mechanical keyboards", "vintage watches"]),
        ("#veganfood creators", ["veganfood"]),
        ("home workouts & yoga", ["home workouts", "yoga"]),
    ],
)
def test_topics_in_own_words(brief: str, topics: list[str]) -> None:
    assert crit(brief).topics == topics


def test_topics_leave_out_everything_else() -> None:
    c = crit("Looking for 30 Instagram micro-influencers based in Austin who post about budget travel, "
             "10k-50k followers, at least 3% engagement, women 25-34, max $500 per post, "
             "no alcohol, exclude @jane.bakes and anyone who worked with Shein.")
    assert c.topics == ["budget travel"]


def test_topics_are_never_hard() -> None:
    c = crit("vegan food creators")
    assert c.topics == ["vegan food"] and "topics" not in c.hard


@pytest.mark.parametrize(
    ("brief", "soft_field", "hard_field"),
    [
        ("Instagram creators, ideally based in Berlin", "creator_countries", "platforms"),
        ("TikTok creators in France, preferably with 3% engagement", "min_engagement_rate", "creator_countries"),
        ("YouTube creators; bonus if they are German-speaking", "languages", "platforms"),
        ("creators in Spain, Reels are a nice to have", "formats", "creator_countries"),
        ("US creators, German-speaking preferred", "languages", "creator_countries"),
        ("50k+ followers, if possible on TikTok", "platforms", "followers_min"),
        ("Budget $5k (nice to have: 2% ER)", "min_engagement_rate", "budget"),
    ],
)
def test_soft_markers(brief: str, soft_field: str, hard_field: str) -> None:
    c = crit(brief)
    assert getattr(c, soft_field) not in (None, [])
    assert soft_field not in c.hard
    assert hard_field in c.hard


def test_soft_list_stays_soft() -> None:
    c = crit("ideally Instagram, TikTok and YouTube")
    assert c.platforms == ["instagram", "tiktok", "youtube"]
    assert "platforms" not in c.hard


def test_hard_by_default() -> None:
    c = crit("Instagram creators in Germany with 10k+ followers, German-speaking, no alcohol, budget €5k")
    assert c.hard == ["platforms", "followers_min", "creator_countries", "languages", "budget", "exclude_topics"]


@pytest.mark.parametrize(
    ("brief", "topics"),
    [
        ("We're launching a new plant-based protein bar and need 15 fitness creators", ["fitness"]),
        ("Our DTC coffee brand wants creators who love specialty coffee and latte art",
         ["specialty coffee", "latte art"]),
        ("Skincare brand looking for K-beauty creators", ["k-beauty"]),
        ("Finance creators for a credit card launch", ["finance"]),
        ("We're launching a vegan cheese, looking for creators", ["vegan cheese"]),  # nothing else to go on
    ],
)
def test_advertiser_phrases_give_way_to_creator_topics(brief: str, topics: list[str]) -> None:
    assert crit(brief).topics == topics


@pytest.mark.parametrize(
    ("brief", "topics"),
    [
        # Grammar words of the brief's own language (a maintained list), campaign verbs, French elision.
        ("Comptes de chats pour le lancement d'une nourriture premium pour chats", ["chats", "nourriture premium"]),
        ("Cuentas de pérdida de peso que comparten su transformación antes y después",
         ["pérdida", "peso", "transformación"]),
        ("Tatuadores y creadores tatuados que muestran sus tatuajes", ["tatuadores", "tatuados", "tatuajes"]),
    ],
)
def test_topics_of_briefs_in_other_languages(brief: str, topics: list[str]) -> None:
    assert crit(brief).topics == topics


def test_other_languages_grammar_words_do_not_cut_english_topics() -> None:
    # "solo" and "grande" are Spanish/Italian stopwords but English topics.
    assert crit("solo travel creators").topics == ["solo travel"]


@pytest.mark.parametrize(("brief", "topics"), [
    ("Vegane Food-Creator in Deutschland auf Instagram", ["vegane food"]),
    ("Beauty-Influencerinnen aus Österreich", ["beauty"]),
    ("tech-youtubers in the US", ["tech"]),
    ("co-creators of podcasts", ["co-creators", "podcasts"]),
])
def test_a_role_after_a_hyphen_is_not_part_of_the_topic(brief, topics):
    # Recorded: "Vegane Food-Creator" gave the topic "vegane food-creator".
    assert crit(brief).topics == topics
