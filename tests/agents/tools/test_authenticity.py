from agents.tools.vetting import check_authenticity

from tests.agents.tools.helpers import make, posts


def healthy_posts(n=10, **kw):
    # 20k followers, 500 likes + 20 comments = 2.6 % (inside the micro band 2–3.5 %), 25 likes/comment
    return posts(n, likes=500, comments=20, **kw)


def history(points):
    return [{"date": d, "followers": f} for d, f in points]


def test_pass_on_healthy_creator():
    r = check_authenticity(make({"following": 400, "posts": healthy_posts(),
                                 "follower_history": history([("2026-06-01", 19_000), ("2026-07-01", 19_300), ("2026-08-01", 19_600), ("2026-09-01", 19_900)])}))
    assert r.verdict == "pass"
    assert r.tool == "authenticity"
    assert any(e.metric == "engagement_rate_median" and abs(e.value - 0.026) < 1e-9 for e in r.evidence)
    assert all(e.method for e in r.evidence)


def test_insufficient_without_any_signal():
    r = check_authenticity(make({"platform": "x", "followers": 20_000}))
    assert r.verdict == "insufficient_data"


def test_warn_on_single_strong_signal_growth_spike():
    r = check_authenticity(make({"following": 400, "posts": healthy_posts(),
                                 "follower_history": history([("2026-06-01", 19_000), ("2026-07-01", 19_300), ("2026-07-02", 26_000)])}))
    assert r.verdict == "warn"
    assert "6,700 followers/day" in r.summary


def test_warn_on_very_low_engagement_alone():
    # 20k followers, 60 likes + 2 comments = 0.31 % < 2 %/4 -> strong, but one signal only
    r = check_authenticity(make({"following": 400, "posts": posts(10, likes=60, comments=2)}))
    assert r.verdict == "warn"
    assert "far below" in r.summary


def test_weak_mass_following_alone_passes():
    r = check_authenticity(make({"following": 1_800, "posts": healthy_posts()}))
    assert r.verdict == "pass"
    assert "follows 1,800" in r.summary


def test_fail_on_strong_multi_signal_evidence():
    bot_comments = ["@bot_a: nice pic", "🔥🔥", "@bot_b: wow", "@bot_c: amazing"]
    r = check_authenticity(make({
        "following": 7_500,  # mass following and ratio 0.375 at 20k followers
        "posts": posts(10, likes=60, comments=2, comments_sample=bot_comments),
        "follower_history": history([("2026-06-01", 12_000), ("2026-06-02", 19_500)]),
    }))
    assert r.verdict == "fail"
    assert r.confidence >= 0.8
    assert any(e.kind == "post" and e.text for e in r.evidence)  # comment examples, verbatim


def test_extremely_high_engagement_is_suspicious():
    # 20k followers, 5,000 likes + 50 comments = 25 % > 6 x 3.5 %
    r = check_authenticity(make({"following": 400, "posts": posts(10, likes=5_000, comments=50)}))
    assert r.verdict == "warn"
    assert "over 6x" in r.summary


def test_few_posts_weaken_engagement_signal():
    # same low ER but only 2 posts: strong -> moderate, still a warning
    r = check_authenticity(make({"following": 400, "posts": posts(2, likes=60, comments=2)}))
    assert r.verdict == "warn"
    assert "(1 points" in r.summary


def test_one_step_follower_jump_plus_mass_following_fails():
    # monthly snapshots: +600 % in one month (bought followers), 281 followers/day only
    r = check_authenticity(make({
        "followers": 10_169, "following": 3_925, "posts": posts(10, likes=300, comments=12),
        "follower_history": history([("2026-08-01", 1_360), ("2026-09-01", 1_372), ("2026-10-01", 9_814), ("2026-11-01", 10_169)]),
    }))
    assert r.verdict == "fail"
    assert "grew 615% in one step" in r.summary
    assert any(e.metric == "max_growth_jump" for e in r.evidence)


def test_following_count_and_ratio_are_one_signal():
    # follows 5,000 at 1,200 followers: mass following and ratio 4.2 read the same count
    r = check_authenticity(make({"followers": 1_200, "following": 5_000, "posts": posts(10, likes=45, comments=3)}))
    assert r.verdict == "warn"
    assert "follows 5,000 accounts, following:followers 4.2" in r.summary
