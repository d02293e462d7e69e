from agents.tools.vetting import check_disclosure

from tests.agents.tools.helpers import make, posts


def test_pass_without_sponsored_posts():
    r = check_disclosure(make({"posts": posts(5)}))
    assert r.verdict == "pass"


def test_pass_all_disclosed_counts_german_tags():
    p = posts(5)
    p[0].update({"sponsored": True, "hashtags": ["Werbung"]})
    p[1].update({"sponsored": True, "text": "Neue Kollektion #Anzeige"})
    p[2].update({"sponsored": True, "hashtags": ["ad"]})
    r = check_disclosure(make({"posts": p}))
    assert r.verdict == "pass"
    assert "2 tagged #Werbung/#Anzeige" in r.summary
    assert next(e.value for e in r.evidence if e.metric == "german_disclosures") == 2


def test_warn_some_undisclosed():
    p = posts(5)
    p[0].update({"sponsored": True, "hashtags": ["ad"]})
    p[1].update({"sponsored": True, "hashtags": ["sponsored"]})
    p[2].update({"sponsors": ["glowco"], "text": "My new favourite serum"})
    r = check_disclosure(make({"posts": p}))
    assert r.verdict == "warn"
    assert "1 of 3 sponsored posts" in r.summary
    post_ev = [e for e in r.evidence if e.kind == "post"]
    assert [e.post_id for e in post_ev] == ["p2"] and post_ev[0].text == "My new favourite serum"


def test_fail_mostly_undisclosed():
    p = posts(5)
    p[0].update({"sponsored": True, "hashtags": ["ad"]})
    p[1].update({"sponsored": True})
    p[2].update({"sponsors": ["glowco"]})
    assert check_disclosure(make({"posts": p})).verdict == "fail"


def test_insufficient_without_posts():
    assert check_disclosure(make({})).verdict == "insufficient_data"


def test_a_single_undisclosed_ad_warns_rather_than_rejects():
    # A fail rejects the creator; one slip is a risk to show, not a pattern.
    p = posts(5)
    p[0].update({"sponsored": True, "sponsors": ["glowco"]})
    r = check_disclosure(make({"posts": p}))
    assert r.verdict == "warn"
    assert "1 of 1 sponsored posts" in r.summary
