"""Metrics against values worked out by hand."""

from __future__ import annotations

import math

import pytest

from agents.criteria import CampaignCriteria
from agents.shortlist import Evidence, PriceRange, ShortlistedCreator
from evals.labels import CreatorLabel
from evals.metrics import (
    Ratio,
    constraint_violations,
    explanation_faithfulness,
    field_matches,
    fraud_leakage,
    is_verbatim_excerpt,
    latency_summary,
    ndcg_at_k,
    parse_accuracy,
    parse_field_scores,
    percentile,
    pooled,
    precision_at_k,
    recall_at_k,
    safety_leakage,
    shortlist_violations,
)
from retrieval.schema import Creator, Money

RANKED = ["a", "b", "c", "d", "e"]
QRELS = {"a": 2, "c": 1, "e": 2, "x": 1}


def test_ndcg_by_hand() -> None:
    # DCG@5  = 2/log2(2) + 0 + 1/log2(4) + 0 + 2/log2(6)
    #        = 2 + 0.5 + 0.773706          = 3.273706
    # IDCG@5 = gains sorted [2, 2, 1, 1]: 2/1 + 2/log2(3) + 1/log2(4) + 1/log2(5)
    #        = 2 + 1.261860 + 0.5 + 0.430677 = 4.192536
    # nDCG@5 = 3.273706 / 4.192536          = 0.780841
    assert ndcg_at_k(RANKED, QRELS, 5) == pytest.approx(0.780841, abs=1e-6)


def test_ndcg_at_2_and_edge_cases() -> None:
    # @2: DCG = 2 + 0 = 2; IDCG = 2 + 2/log2(3) = 3.261860; nDCG = 0.613147
    assert ndcg_at_k(RANKED, QRELS, 2) == pytest.approx(0.613147, abs=1e-6)
    assert ndcg_at_k(["a", "e", "c", "x"], QRELS, 4) == pytest.approx(1.0)
    assert ndcg_at_k(RANKED, {}, 5) == 0.0
    # Listing "a" twice earns its gain once: same as ["a", "b", ...].
    assert ndcg_at_k(["a", "a", "b", "c", "d", "e"], QRELS, 5) == ndcg_at_k(["a", "b", "c", "d", "e"], QRELS, 5)


def test_precision_and_recall_by_hand() -> None:
    assert precision_at_k(RANKED, QRELS, 5) == pytest.approx(3 / 5)
    assert precision_at_k(RANKED, QRELS, 5, min_grade=2) == pytest.approx(2 / 5)
    # Fewer results than k: the empty slots count as misses.
    assert precision_at_k(["a"], QRELS, 10) == pytest.approx(1 / 10)
    assert recall_at_k(RANKED, QRELS, 5) == pytest.approx(3 / 4)
    assert recall_at_k(RANKED, QRELS, 2) == pytest.approx(1 / 4)
    assert recall_at_k(RANKED, {}, 5) == 0.0


def test_percentiles_by_hand() -> None:
    xs = [100.0, 10.0, 30.0, 20.0, 40.0]
    assert percentile(xs, 50) == 30.0
    # p95: position (5-1)*0.95 = 3.8 between 40 and 100 -> 40 + 0.8*60 = 88
    assert percentile(xs, 95) == pytest.approx(88.0)
    summary = latency_summary(xs)
    assert summary["mean"] == pytest.approx(40.0) and summary["max"] == 100.0
    assert math.isnan(percentile([], 50))


def test_ratio_pooling() -> None:
    assert pooled([Ratio(1, 10), Ratio(0, 5), Ratio(2, 5)]) == Ratio(3, 20)
    assert Ratio(0, 0).value is None


# --------------------------------------------------------------------------- parsing


def test_field_matching_rules() -> None:
    assert field_matches("platforms", ["instagram", "tiktok"], ["tiktok", "instagram"])
    assert not field_matches("platforms", ["instagram"], ["instagram", "tiktok"])
    assert field_matches("exclude_handles", ["@FitJess"], ["fitjess"])
    assert field_matches("exclude_brands", ["Shein", "Temu"], ["temu", "shein"])
    assert field_matches("budget", {"amount": 15000, "currency": "USD"}, {"amount": 15100, "currency": "USD"})
    assert not field_matches("budget", {"amount": 15000, "currency": "USD"}, {"amount": 15000, "currency": "EUR"})
    assert not field_matches("budget", {"amount": 15000, "currency": "USD"}, {"amount": 15200, "currency": "USD"})
    assert field_matches("min_engagement_rate", 0.03, 0.0303)
    assert not field_matches("min_engagement_rate", 0.03, 3.0)
    assert field_matches("audience_age_max", {"in_range": [24, 28]}, 26)
    assert not field_matches("audience_age_max", {"in_range": [24, 28]}, None)
    assert field_matches("creator_countries", {"includes": ["MX", "BR"], "within": ["MX", "BR", "AR"]}, ["MX", "BR", "AR"])
    assert not field_matches("creator_countries", {"includes": ["MX", "BR"], "within": ["MX", "BR", "AR"]}, ["MX", "BR", "ES"])
    assert field_matches("followers_max", {"any_of": [50000, 49999]}, 49999)
    assert field_matches("audience_gender", None, None)
    assert field_matches("formats", None, [])


def test_parse_accuracy_per_field_and_overall() -> None:
    criteria = CampaignCriteria(platforms=["instagram"], followers_max=50000, budget=Money(amount=5000, currency="EUR"),
                                conflicts=["micro vs 1M"])
    scores = parse_field_scores(
        {"platforms": ["instagram"], "followers_max": 50000, "budget": {"amount": 5000, "currency": "EUR"}, "has_conflict": False},
        criteria,
    )
    assert scores == {"platforms": True, "followers_max": True, "budget": True, "has_conflict": False}
    acc = parse_accuracy([scores, {"platforms": False}])
    # 3 of 5 fields right overall; platforms right in 1 of 2 cases; no case fully right.
    assert acc.overall == pytest.approx(3 / 5)
    assert acc.per_field["platforms"] == pytest.approx(0.5)
    assert acc.per_field["has_conflict"] == 0.0
    assert acc.exact_cases == 0.0 and acc.fields == 5 and acc.cases == 2


# --------------------------------------------------------------------------- constraints, leakage


def _creator(**kw) -> Creator:
    base = {"platform": "instagram", "handle": "jane.bakes", "followers": 15300, "country": "DE", "languages": ["de"]}
    return Creator.model_validate({**base, **kw})


def test_constraint_violations() -> None:
    c = _creator(posts=[{"id": "p1", "sponsored": True, "mentions": ["Shein"], "sponsors": []}],
                 rate_card={"amount": 400, "currency": "EUR"},
                 audience={"genders": {"female": 0.3, "male": 0.7}})
    ok = CampaignCriteria(platforms=["instagram"], followers_min=10000, followers_max=20000, creator_countries=["DE", "AT"], languages=["de"])
    assert constraint_violations(c, ok) == []
    bad = CampaignCriteria(platforms=["tiktok"], followers_min=20000, creator_countries=["FR"], languages=["fr"],
                           audience_gender="female", exclude_brands=["shein"], exclude_handles=["@Jane.Bakes"],
                           max_price_per_post=Money(amount=300, currency="EUR"))
    assert len(constraint_violations(c, bad)) == 8
    # Unknown country fails a required country: it cannot be shown to hold.
    assert constraint_violations(_creator(country=None), CampaignCriteria(creator_countries=["DE"]))
    # A price cap in another currency is compared through USD with slack: 400 EUR ~ 432 USD < 500 USD.
    assert constraint_violations(c, CampaignCriteria(max_price_per_post=Money(amount=500, currency="USD"))) == []


def test_city_and_excluded_country_violations() -> None:
    munich = _creator(city="München")
    assert constraint_violations(munich, CampaignCriteria(creator_cities=["Munich"], creator_countries=["DE"])) == []
    assert constraint_violations(munich, CampaignCriteria(creator_cities=["Berlin"])) == ["city München not in ['Berlin']"]
    assert constraint_violations(_creator(), CampaignCriteria(creator_cities=["Munich"]))  # no city: not shown to hold
    assert constraint_violations(munich, CampaignCriteria(exclude_countries=["DE"])) == ["country DE is excluded"]
    assert constraint_violations(munich, CampaignCriteria(exclude_countries=["AT"])) == []


def test_shortlist_violations() -> None:
    crit = CampaignCriteria(creators_count=2, budget=Money(amount=1000, currency="USD"))
    assert shortlist_violations([Money(amount=400), Money(amount=500)], crit) == []
    out = shortlist_violations([Money(amount=400), Money(amount=500), Money(amount=300)], crit)
    assert len(out) == 2  # three listed for two, and 1,200 over 1,000


def test_leakage() -> None:
    labels = {
        "instagram:a": CreatorLabel(platform="instagram", handle="a", fraud={"bought_followers": True, "engagement_pod": False}),
        "instagram:b": CreatorLabel(platform="instagram", handle="b", fraud={"bought_followers": False, "engagement_pod": False},
                                    safety={"categories": ["alcohol"]}),
        "instagram:c": CreatorLabel(platform="instagram", handle="c", fraud=["engagement_pod"], safety=["gambling"]),
    }
    listed = ["instagram:a", "instagram:b", "instagram:c", "instagram:d"]
    assert fraud_leakage(listed, labels) == Ratio(2, 4)
    assert safety_leakage(listed, labels, ["alcohol"]) == Ratio(1, 4)
    assert safety_leakage(listed, labels, []) == Ratio(0, 0)


# --------------------------------------------------------------------------- faithfulness

POSTS = [
    {"id": "p1", "url": "https://x/p1", "text": "Sourdough day!\nMy starter is 3 years old", "likes": 500, "comments": 20},
    {"id": "p2", "url": "https://x/p2", "text": "Rye loaf with seeds", "likes": 700, "comments": 30},
]


def _shortlisted(**kw) -> ShortlistedCreator:
    base = dict(rank=1, platform="instagram", handle="jane.bakes", followers=15300, score=0.82, explanation="")
    return ShortlistedCreator(**{**base, **kw})


def test_faithful_explanation_passes() -> None:
    c = _creator(posts=POSTS)
    # per-post ER = 520/15300 = 0.03399 and 730/15300 = 0.04771; median 0.04085
    sc = _shortlisted(
        engagement_rate=0.04085,
        explanation="15.3k followers, median engagement 4.1% over 2 posts; wrote “My starter is 3 years old”.",
        reasons=["Averages 600 likes per post", "fits your 20k cap"],
        evidence=[Evidence(kind="post", post_id="p1", url="https://x/p1", text="Sourdough day! My starter…3 years old"),
                  Evidence(kind="metric", metric="er_median", value=0.04085, method="(likes+comments)/followers")],
        price_estimate=PriceRange(low=100, high=500, currency="USD", method="tier_benchmark:instagram:micro"),
    )
    result = explanation_faithfulness(sc, c, CampaignCriteria(followers_max=20000))
    assert result.unsupported == []
    # followers field, ER field, 15.3k, 4.1%, quote, 600, 20k, post text + url, metric = 10
    assert result.checked == 10


def test_unfaithful_claims_are_caught() -> None:
    c = _creator(posts=POSTS)
    sc = _shortlisted(
        followers=16000,
        explanation="Reaches 25k people with 9.5% engagement.",
        evidence=[Evidence(kind="post", post_id="p9"),
                  Evidence(kind="post", post_id="p2", text="Rye loaf with nuts"),
                  Evidence(kind="metric", metric="er", value=0.2)],
    )
    result = explanation_faithfulness(sc, c)
    assert len(result.unsupported) == 6 and result.checked == 6
    assert result.ratio == Ratio(0, 6)


def test_verbatim_excerpt() -> None:
    assert is_verbatim_excerpt("starter is 3 years", "My starter is 3 years old")
    assert is_verbatim_excerpt("Sourdough day! ... 3 years old", "Sourdough day!\nMy starter is 3 years old")
    assert not is_verbatim_excerpt("starter is three years", "My starter is 3 years old")
    assert not is_verbatim_excerpt("   ", "anything")


def test_repeated_people() -> None:
    from evals.metrics import repeated_people

    labels = {k: CreatorLabel(platform=k.split(":")[0], handle="jane", person_id=7) for k in ("instagram:jane", "tiktok:jane")}
    labels["youtube:bob"] = CreatorLabel(platform="youtube", handle="bob", person_id=8)
    assert repeated_people(["instagram:jane", "youtube:bob", "tiktok:jane"], labels) == [
        "tiktok:jane is the same person as instagram:jane"]
    assert repeated_people(["instagram:jane", "youtube:bob", "x:unknown"], labels) == []


def test_faithfulness_accepts_rounded_values_and_brief_quotes() -> None:
    c = _creator(posts=POSTS)
    # per-post ER 0.033987 and 0.047712: 0.034 and 0.05 are roundings of stored values, 0.06 is not.
    sc = _shortlisted(explanation="Matches “sourdough loaves” from your brief.",
                      evidence=[Evidence(kind="metric", metric="er", value=0.034),
                                Evidence(kind="metric", metric="er", value=0.05),
                                Evidence(kind="metric", metric="er", value=0.06)])
    result = explanation_faithfulness(sc, c, CampaignCriteria(topics=["sourdough", "loaves"]), brief="sourdough bakers")
    assert result.unsupported == ["evidence metric er=0.06 matches no stored number"]
    # Without the criteria the quote has no source.
    assert len(explanation_faithfulness(sc, c).unsupported) == 2


def test_published_benchmarks_may_be_cited() -> None:
    # DESIGN 6: Instagram micro band 2-3.5 %; citing it makes no claim about the creator.
    sc = _shortlisted(reasons=["ER above the 2.0%-3.5% micro band", "ER 7.7% is unusual"])
    result = explanation_faithfulness(sc, _creator(posts=POSTS))
    assert result.unsupported == ["reason: '7.7%' matches no stored number"]
