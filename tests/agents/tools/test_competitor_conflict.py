from agents.tools.vetting import check_competitor_conflict

from tests.agents.tools.helpers import make, posts


def test_fail_on_sponsor_case_and_space_insensitive():
    p = posts(4)
    p[2].update({"sponsored": True, "sponsors": ["redbull"], "text": "Wings for the weekend #ad"})
    r = check_competitor_conflict(make({"posts": p}, {"exclude_brands": ["Red Bull"]}))
    assert r.verdict == "fail"
    assert r.evidence[0].post_id == "p2" and r.evidence[0].text == "Wings for the weekend #ad"
    assert "Red Bull" in r.summary


def test_fail_on_mention_in_sponsored_post():
    p = posts(4)
    p[0].update({"hashtags": ["ad"], "mentions": ["Red.Bull"]})  # sponsored through the disclosure
    assert check_competitor_conflict(make({"posts": p}, {"exclude_brands": ["red bull"]})).verdict == "fail"


def test_warn_on_prefix_handle_or_organic_mention():
    p = posts(4)
    p[0].update({"sponsored": True, "sponsors": ["redbullgermany"]})
    assert check_competitor_conflict(make({"posts": p}, {"exclude_brands": ["Red Bull"]})).verdict == "warn"
    p = posts(4)
    p[1].update({"mentions": ["redbull"]})
    assert check_competitor_conflict(make({"posts": p}, {"exclude_brands": ["Red Bull"]})).verdict == "warn"


def test_pass_when_no_match_or_no_exclusions():
    p = posts(4)
    p[0].update({"sponsored": True, "sponsors": ["monsterenergy"]})
    assert check_competitor_conflict(make({"posts": p}, {"exclude_brands": ["Red Bull"]})).verdict == "pass"
    assert check_competitor_conflict(make({"posts": p})).verdict == "pass"


def test_insufficient_without_posts():
    assert check_competitor_conflict(make({}, {"exclude_brands": ["Red Bull"]})).verdict == "insufficient_data"


def test_warn_on_brand_hashtag():
    p = posts(4)
    p[3].update({"hashtags": ["Red_Bull", "wings"]})
    r = check_competitor_conflict(make({"posts": p}, {"exclude_brands": ["Red Bull"]}))
    assert r.verdict == "warn"
    assert r.evidence[0].post_id == "p3" and "#Red_Bull" in r.evidence[0].method
