"""compute_features on hand-built creators with hand-computed values, plus a sanity
check on real data (skipped when the shared data set is absent)."""

from __future__ import annotations

import json
from datetime import datetime, timedelta, timezone
from pathlib import Path

import pytest

from retrieval.features import CreatorFeatures, compute_features
from retrieval.schema import Creator

NOW = datetime(2026, 10, 10, 12, 0, tzinfo=timezone.utc)
REAL = Path(__file__).resolve().parents[3] / "shared" / "data" / "real" / "instagram_kim2020.jsonl"
REAL_ALT = Path("/work/shared/data/real/instagram_kim2020.jsonl")


def creator(**kw) -> Creator:
    base = {"platform": "instagram", "handle": "jane.bakes", "followers": 10_000}
    base.update(kw)
    return Creator.model_validate(base)


def ts(days_before_now: float) -> str:
    return (NOW - timedelta(days=days_before_now)).isoformat()


def test_instagram_engagement_median_mean_exact():
    c = creator(posts=[
        {"id": "a", "likes": 300, "comments": 20},   # 0.032
        {"id": "b", "likes": 180, "comments": 20},   # 0.020
        {"id": "c", "likes": 500, "comments": 0},    # 0.050
        {"id": "d", "likes": None, "comments": 5},   # skipped: no likes
    ])
    er = compute_features(c, NOW).engagement
    assert er.method == "(likes+comments)/followers"
    assert er.posts_used == 3
    assert er.median == pytest.approx(0.032)
    assert er.mean == pytest.approx(0.034)


def test_tiktok_engagement_per_view_skips_posts_missing_numbers():
    c = creator(platform="tiktok", followers=20_000, posts=[
        {"id": "a", "views": 10_000, "likes": 800, "comments": 100, "shares": 100},  # 0.10
        {"id": "b", "views": 20_000, "likes": 1_000, "comments": 0, "shares": 200},  # 0.06
        {"id": "c", "views": 5_000, "likes": 100, "comments": 25, "shares": 25},     # 0.03
        {"id": "d", "views": None, "likes": 900, "comments": 9, "shares": 9},       # no views
        {"id": "e", "views": 8_000, "likes": 900, "comments": 9, "shares": None},   # no shares
    ])
    er = compute_features(c, NOW).engagement
    assert er.method == "(likes+comments+shares)/views"
    assert er.posts_used == 3
    assert er.median == pytest.approx(0.06)
    assert er.mean == pytest.approx(0.19 / 3)


def test_per_view_platform_without_views_falls_back_to_followers():
    c = creator(platform="youtube", followers=50_000, posts=[{"likes": 1_000, "comments": 500}])
    er = compute_features(c, NOW).engagement
    assert er.method == "(likes+comments)/followers"
    assert er.median == pytest.approx(0.03)


def test_no_posts_means_none_not_zero():
    f = compute_features(creator(), NOW)
    assert f.engagement.median is None and f.engagement.method is None and f.engagement.posts_used == 0
    assert f.posts_per_week is None and f.days_since_last_post is None and f.last_post_at is None
    assert f.sponsored_share is None and f.disclosure_rate is None
    assert f.likes_per_comment is None and f.generic_comment_share is None
    assert f.max_daily_growth is None and f.growth_spike is None
    assert f.languages_detected == [] and f.safety_hits == {}


def test_zero_followers_gives_no_per_follower_rate():
    f = compute_features(creator(followers=0, posts=[{"likes": 5, "comments": 1}]), NOW)
    assert f.engagement.median is None and f.engagement.posts_used == 0
    assert f.tier is None and f.following_ratio is None


@pytest.mark.parametrize("platform,followers,tier", [
    ("instagram", 999, None), ("instagram", 1_000, "nano"), ("instagram", 10_000, "micro"),
    ("instagram", 99_999, "micro"), ("instagram", 100_000, "mid"), ("instagram", 1_000_000, "mega"),
    ("tiktok", 5_000, "micro"), ("tiktok", 49_999, "micro"), ("tiktok", 50_000, "mid"),
    ("linkedin", 25_000, "mid"), ("youtube", 600_000, "macro"),
])
def test_tier(platform, followers, tier):
    assert compute_features(creator(platform=platform, followers=followers), NOW).tier == tier


def test_cadence_and_recency():
    c = creator(posts=[
        {"id": "a", "created_at": ts(17.5), "likes": 1, "comments": 1},
        {"id": "b", "created_at": ts(3.5), "likes": 1, "comments": 1},
        {"id": "c", "created_at": ts(10.5), "likes": 1, "comments": 1},
        {"id": "d", "likes": 1, "comments": 1},  # undated: ignored for cadence
    ])
    f = compute_features(c, NOW)
    assert f.posts_per_week == pytest.approx(1.0)  # 2 intervals over 14 days
    assert f.days_since_last_post == pytest.approx(3.5)
    assert f.last_post_at == (NOW - timedelta(days=3.5)).isoformat()


def test_cadence_needs_two_dated_posts():
    f = compute_features(creator(posts=[{"id": "a", "created_at": ts(2)}]), NOW)
    assert f.posts_per_week is None
    assert f.days_since_last_post == pytest.approx(2.0)


def test_sponsorship_and_disclosure():
    c = creator(posts=[
        {"id": "p1", "sponsored": True, "hashtags": ["ad"], "sponsors": ["Glow Co"], "text": "new serum"},
        {"id": "p2", "sponsors": ["Glow Co"], "mentions": ["GlowCo.Official"], "text": "my morning routine"},
        {"id": "p3", "hashtags": ["Werbung"], "text": "Neue Kollektion"},
        {"id": "p4", "sponsored": False, "text": "Paid partnership with @brand. Love it"},
        {"id": "p5", "text": "unbezahlte Werbung, weil ich es liebe #adidas #ad_campaign", "mentions": ["friend"]},
    ])
    f = compute_features(c, NOW)
    assert f.sponsored_posts == 4
    assert f.sponsored_share == pytest.approx(0.8)
    assert f.disclosure_rate == pytest.approx(0.75)
    assert f.undisclosed_sponsored_post_ids == ["p2"]
    assert f.brands == ["glow co", "glowco.official"]


def test_disclosure_tags_in_text_and_languages():
    c = creator(posts=[
        {"id": "x", "sponsored": True, "text": "Mi rutina #publicidad"},
        {"id": "y", "sponsored": True, "text": "Ma routine #Sponsorisé"},
        {"id": "z", "sponsored": True, "text": "Meine Routine (#Anzeige)"},
    ])
    f = compute_features(c, NOW)
    assert f.disclosure_rate == 1.0 and f.undisclosed_sponsored_post_ids == []


def test_comment_quality():
    c = creator(posts=[
        {"id": "a", "likes": 400, "comments": 10,
         "comments_sample": ["@anna: where did you buy this jacket?", "🔥🔥", "nice pic"]},
        {"id": "b", "likes": 200, "comments": 10,
         "comments_sample": ["@anna: love the colours in this one", "Great post!!", "how long did the dough rest?"]},
        {"id": "c", "likes": 300, "comments": 0, "comments_sample": ["❤️", "How long did the dough rest?"]},
    ])
    f = compute_features(c, NOW)
    assert f.likes_per_comment == pytest.approx(45.0)  # 900 likes / 20 comments
    assert f.comments_sampled == 8
    assert f.generic_comment_share == pytest.approx(0.5)     # 🔥🔥, nice pic, Great post!!, ❤️
    assert f.repeated_commenter_share == pytest.approx(0.5)  # @anna x2, dough question x2


def test_generic_comments_in_other_languages():
    c = creator(posts=[{"id": "a", "comments_sample": [
        "Wunderschön!", "que lindo", "trop beau", "đẹp quá", "follow me pls", "Welche Kamera nutzt du?",
    ]}])
    assert compute_features(c, NOW).generic_comment_share == pytest.approx(5 / 6)


def _history(points):
    start = datetime(2026, 1, 1).date()
    return [{"date": (start + timedelta(days=d)).isoformat(), "followers": n} for d, n in points]


def test_growth_spike_absolute():
    c = creator(follower_history=_history([(0, 10_000), (30, 10_300), (60, 10_600), (61, 17_000)]))
    f = compute_features(c, NOW)
    assert f.max_daily_growth == pytest.approx(6_400)
    assert f.growth_spike is True


def test_growth_spike_relative_to_median():
    c = creator(follower_history=_history([(0, 10_000), (30, 10_300), (60, 10_600), (61, 11_200)]))
    f = compute_features(c, NOW)
    assert f.max_daily_growth == pytest.approx(600)
    assert f.growth_spike is True


def test_steady_growth_is_no_spike_and_one_point_is_none():
    steady = compute_features(creator(follower_history=_history([(0, 10_000), (30, 10_300), (60, 10_600), (90, 10_900)])), NOW)
    assert steady.max_daily_growth == pytest.approx(10) and steady.growth_spike is False
    one = compute_features(creator(follower_history=_history([(0, 10_000)])), NOW)
    assert one.max_daily_growth is None and one.growth_spike is None


def test_following_ratio():
    assert compute_features(creator(following=2_500), NOW).following_ratio == pytest.approx(0.25)
    assert compute_features(creator(), NOW).following_ratio is None


def test_price_from_rate_card_converts_and_keeps_currency():
    f = compute_features(creator(rate_card={"amount": 400, "currency": "EUR", "per": "post"}), NOW)
    assert f.price.currency == "USD"
    assert f.price.low == f.price.high == pytest.approx(432.0)
    assert f.price.method.startswith("rate_card") and "400 EUR/post" in f.price.method


def test_price_rate_card_without_fx_keeps_original_currency():
    f = compute_features(creator(rate_card={"amount": 50_000, "currency": "XOF"}), NOW)
    assert (f.price.low, f.price.currency) == (50_000, "XOF")
    assert "no fx rate" in f.price.method


@pytest.mark.parametrize("platform,followers,formats,low,high,method", [
    ("instagram", 20_000, ["image"], 100, 500, "tier_benchmark:instagram:micro"),
    ("instagram", 20_000, ["reel", "reel", "image"], 140, 750, "tier_benchmark:instagram:micro|video:+40-50%"),
    ("tiktok", 20_000, ["video"], 25, 125, "tier_benchmark:tiktok:micro"),
    ("youtube", 200_000, ["video"], 1_000, 10_000, "tier_benchmark:youtube:mid"),
    ("instagram", 2_000_000, [], 10_000, 20_000, "tier_benchmark:instagram:mega|extrapolated:open-ended band, high=2x low"),
    ("tiktok", 700_000, [], 1_250, 2_500, "tier_benchmark:tiktok:macro|extrapolated:0.25x instagram band"),
    ("linkedin", 10_000, [], 100, 500, "tier_benchmark:linkedin:micro|extrapolated:instagram band"),
    ("instagram", 500, [], 10, 100, "tier_benchmark:instagram:nano|below nano:nano band"),
])
def test_price_benchmarks(platform, followers, formats, low, high, method):
    c = creator(platform=platform, followers=followers, posts=[{"format": f} for f in formats])
    price = compute_features(c, NOW).price
    assert (price.low, price.high, price.currency, price.method) == (pytest.approx(low), pytest.approx(high), "USD", method)


def test_languages_detected():
    de = creator(bio="Ich backe Brot in Berlin", posts=[
        {"text": "Heute backen wir ein Roggenbrot und es ist so lecker #brot"},
        {"text": "Das ist mein Lieblingsrezept für den Sonntag"},
    ])
    assert compute_features(de, NOW).languages_detected == ["de"]
    en = creator(posts=[{"text": "This is the best sourdough I have ever made, and it was easy"}])
    assert compute_features(en, NOW).languages_detected == ["en"]
    both = creator(posts=[
        {"text": "Heute gibt es Kuchen mit Äpfeln und Zimt, das ist einfach"},
        {"text": "Today we are baking apple cake with cinnamon and it is easy"},
        {"text": "Wir waren auf dem Markt und haben Äpfel gekauft"},
    ])
    assert compute_features(both, NOW).languages_detected == ["de", "en"]


def test_safety_hits_text_hashtags_and_comments():
    c = creator(posts=[
        {"id": "beer", "text": "Cold beer after the hike"},
        {"id": "tag", "text": "Friday!", "hashtags": ["craftbeer"]},
        {"id": "bet", "text": "Apuestas deportivas con mis amigos"},
        {"id": "cmt", "text": "New video up", "comments_sample": ["what the fuck is this"]},
        {"id": "clean", "text": "Shot on 35mm film during the photoshoot, wine red lipstick"},
    ])
    assert compute_features(c, NOW).safety_hits == {
        "alcohol": ["beer", "tag"], "gambling": ["bet"], "profanity": ["cmt"],
    }


def test_brands_tags_formats():
    c = creator(posts=[
        {"format": "reel", "hashtags": ["Vegan", "baking"], "sponsored": True, "sponsors": ["Oatly"], "mentions": ["oatly_de"]},
        {"format": "image", "hashtags": ["vegan"], "mentions": ["mum"]},
        {"format": "reel", "hashtags": ["vegan", "baking", "cake"]},
    ])
    f = compute_features(c, NOW)
    assert f.brands == ["oatly", "oatly_de"]
    assert f.top_hashtags == ["vegan", "baking", "cake"]
    assert f.formats == ["reel", "image"]


def _real_path() -> Path | None:
    for p in (REAL, REAL_ALT):
        if p.exists():
            return p
    return None


@pytest.mark.skipif(_real_path() is None, reason="shared real data set not present")
def test_real_instagram_sanity():
    path = _real_path()
    feats: list[CreatorFeatures] = []
    with path.open(encoding="utf-8") as fh:
        for i, line in enumerate(fh):
            if i >= 500:
                break
            row = json.loads(line)
            if row.get("followers") is None:
                continue
            feats.append(compute_features(Creator.model_validate(row), NOW))
    rated = [f for f in feats if f.engagement.median is not None]
    assert len(rated) > 400
    assert all(f.engagement.method == "(likes+comments)/followers" for f in rated)
    in_range = sum(0 <= f.engagement.median <= 1 for f in rated) / len(rated)
    assert in_range > 0.98
    assert all(f.price is not None and f.price.method for f in feats)
    assert sum(bool(f.languages_detected) for f in feats) / len(feats) > 0.6


def test_spam_words_in_commenter_names_do_not_count():
    c = creator(posts=[{"id": "a", "comments_sample": ["@followme_x: what lens did you use here?", "@y: follow me for more"]}])
    assert compute_features(c, NOW).generic_comment_share == pytest.approx(0.5)


def test_output_validates_against_the_model():
    c = creator(following=300, bio="Ich backe Brot", rate_card={"amount": 300, "currency": "GBP"},
                follower_history=_history([(0, 9_000), (30, 10_000)]),
                posts=[{"id": "a", "created_at": ts(3), "format": "reel", "likes": 10, "comments": 2,
                        "hashtags": ["ad", "Brot"], "sponsored": True, "sponsors": ["Mühle"],
                        "text": "Heute ein Bier #ad", "comments_sample": ["@x: 🔥"]}])
    f = compute_features(c, NOW)
    again = CreatorFeatures.model_validate(f.model_dump())
    assert again == f
    assert CreatorFeatures.model_validate_json(f.model_dump_json()) == f
    assert set(f.model_dump()) == set(CreatorFeatures.model_fields)


def test_sponsored_post_ids_use_index_when_id_missing():
    c = creator(posts=[{"id": "a", "sponsored": True}, {"hashtags": ["ad"]}, {"id": "c"}])
    f = compute_features(c, NOW)
    assert f.sponsored_post_ids == ["a", "#1"]
