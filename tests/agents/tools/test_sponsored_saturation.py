from agents.tools.vetting import check_sponsored_saturation

from tests.agents.tools.helpers import make, posts


def sponsored(p, idx, **kw):
    for i in idx:
        p[i].update({"sponsored": True, "sponsors": ["brandx"], "hashtags": ["ad"], **kw})
    return p


def test_pass_within_micro_band():
    p = sponsored(posts(10, likes=500, comments=20), [0])  # 10 % in micro 5–15 %
    r = check_sponsored_saturation(make({"posts": p}))
    assert r.verdict == "pass"
    assert "1 of 10 posts sponsored (10%)" in r.summary


def test_warn_above_band():
    p = sponsored(posts(10, likes=500, comments=20), [0, 1])  # 20 % > 15 %, < 30 %
    assert check_sponsored_saturation(make({"posts": p})).verdict == "warn"


def test_fail_far_above_band():
    p = sponsored(posts(10, likes=500, comments=20), [0, 1, 2, 3])  # 40 % > 2 x 15 %
    r = check_sponsored_saturation(make({"posts": p}))
    assert r.verdict == "fail"
    assert "Over-sponsored" in r.summary


def test_mega_band_allows_more():
    p = sponsored(posts(10, likes=50_000, comments=500), [0, 1, 2])  # 30 % within mega 20–35 %
    assert check_sponsored_saturation(make({"followers": 2_000_000, "posts": p})).verdict == "pass"


def test_warn_when_sponsored_er_under_half_of_organic():
    p = posts(10, likes=500, comments=20)
    sponsored(p, [0], likes=100, comments=4)
    p[5].update({"sponsored": True, "sponsors": ["brandx"], "hashtags": ["ad"], "likes": 100, "comments": 4})
    r = check_sponsored_saturation(make({"posts": p}))  # 20 % would warn anyway; check the ER note
    assert r.verdict == "warn"
    assert "under half of organic" in r.summary
    p = posts(20, likes=500, comments=20)
    sponsored(p, [0, 7], likes=100, comments=4)  # 10 %: inside the band, ER flag alone
    r = check_sponsored_saturation(make({"posts": p}))
    assert r.verdict == "warn"
    assert {e.metric for e in r.evidence} >= {"sponsored_er_median", "organic_er_median"}


def test_insufficient_with_few_posts():
    assert check_sponsored_saturation(make({"posts": posts(3)})).verdict == "insufficient_data"
