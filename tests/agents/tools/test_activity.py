from datetime import timedelta

from agents.tools.vetting import check_activity

from tests.agents.tools.helpers import NOW, make, posts


def test_pass_active():
    r = check_activity(make({"posts": posts(10, every_days=5, start_days=2)}))
    assert r.verdict == "pass"
    assert "last post 2 days ago" in r.summary and "1.40 posts/week" in r.summary


def test_warn_after_60_days():
    assert check_activity(make({"posts": posts(5, start_days=75)})).verdict == "warn"


def test_fail_after_120_days():
    r = check_activity(make({"posts": posts(5, start_days=130)}))
    assert r.verdict == "fail"
    assert "130 days" in r.summary


def test_warn_on_low_cadence_vs_platform_norm():
    # Instagram norm 1.2/week (DESIGN 6); one post every 30 days = 0.23/week < 0.3
    r = check_activity(make({"posts": posts(5, every_days=30, start_days=3)}))
    assert r.verdict == "warn"
    assert "norm of 1.2/week" in r.summary


def test_now_overrides_ingest_time_recency():
    inp = make({"posts": posts(5, start_days=2)}, now=NOW + timedelta(days=100))
    assert check_activity(inp).verdict == "warn"


def test_insufficient_without_dated_posts():
    assert check_activity(make({"posts": [{"id": "a", "text": "undated"}]})).verdict == "insufficient_data"


def test_old_last_post_on_a_thin_sample_warns_instead_of_rejecting():
    # Two stored posts, the newest 200 days old: too little to reject the creator on.
    inp = make({"posts": posts(2, every_days=10, start_days=200)})
    r = check_activity(inp)
    assert r.verdict == "warn" and "2 stored posts" in r.summary
