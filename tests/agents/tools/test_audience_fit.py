import pytest

from agents.tools.vetting import check_audience_fit
from agents.tools.vetting.audience_fit import bucket_overlap

from tests.agents.tools.helpers import make

AUDIENCE = {
    "countries": {"DE": 0.62, "AT": 0.11, "US": 0.20},
    "ages": {"18-24": 0.35, "25-34": 0.45, "35-44": 0.20},
    "genders": {"female": 0.71, "male": 0.29},
}


def test_pass_on_matching_audience():
    r = check_audience_fit(make({"audience": AUDIENCE}, {"audience_countries": ["DE", "AT"], "audience_gender": "female",
                                                        "audience_age_min": 18, "audience_age_max": 34}))
    assert r.verdict == "pass"
    assert "73%" in r.summary and "80% aged 18-34" in r.summary


def test_fail_when_clearly_off_countries():
    r = check_audience_fit(make({"audience": AUDIENCE}, {"audience_countries": ["FR"]}))
    assert r.verdict == "fail"


def test_warn_when_partly_off():
    r = check_audience_fit(make({"audience": AUDIENCE}, {"audience_countries": ["US"]}))  # 20 %
    assert r.verdict == "warn"
    r = check_audience_fit(make({"audience": AUDIENCE}, {"audience_gender": "male"}))  # 29 %
    assert r.verdict == "warn"


def test_unknown_share_is_a_range_and_fail_needs_upper_bound():
    # Only 60 % of the audience is known; 5 % FR could be up to 45 %: warn, not fail.
    r = check_audience_fit(make({"audience": {"countries": {"DE": 0.55, "FR": 0.05}}}, {"audience_countries": ["FR"]}))
    assert r.verdict == "warn"
    assert "5%–45%" in r.summary


def test_21_plus_counts_18_24_partially():
    assert bucket_overlap("18-24", 21, None) == pytest.approx(4 / 7)
    assert bucket_overlap("55+", 21, None) == 1.0
    assert bucket_overlap("13-17", 21, None) == 0.0
    aud = {"ages": {"18-24": 0.70, "25-34": 0.30}}
    r = check_audience_fit(make({"audience": aud}, {"audience_age_min": 21}))
    # 0.70 * 4/7 + 0.30 = 0.70
    ev = next(e for e in r.evidence if e.metric == "audience_in_age_range")
    assert ev.value == pytest.approx(0.70)
    assert r.verdict == "pass"
    assert "the 18-24 bucket counted 57%: ages 21-24 only" in r.summary
    young = {"ages": {"13-17": 0.60, "18-24": 0.40}}
    r = check_audience_fit(make({"audience": young}, {"audience_age_min": 21}))
    assert r.verdict == "warn"  # 0.40 * 4/7 = 22.9 %


def test_no_partial_bucket_note_when_the_bucket_is_left_out():
    # A 25+ brief leaves 18-24 out entirely: no "ages 25-24 only" note (issue 12).
    r = check_audience_fit(make({"audience": AUDIENCE}, {"audience_age_min": 25, "audience_age_max": 34}))
    assert "18-24" not in r.summary and "25-24" not in r.summary
    assert "45% aged 25-34" in r.summary


def test_age_fail_when_far_outside():
    r = check_audience_fit(make({"audience": {"ages": {"13-17": 0.9, "18-24": 0.1}}}, {"audience_age_min": 35}))
    assert r.verdict == "fail"


def test_insufficient_when_audience_unknown():
    assert check_audience_fit(make({}, {"audience_countries": ["DE"]})).verdict == "insufficient_data"
    r = check_audience_fit(make({"audience": {"genders": {"female": 0.6, "male": 0.4}}}, {"audience_countries": ["DE"]}))
    assert r.verdict == "insufficient_data"


def test_partial_knowledge_names_the_unknown():
    r = check_audience_fit(make({"audience": {"countries": {"DE": 0.8}}}, {"audience_countries": ["DE"], "audience_gender": "female"}))
    assert r.verdict == "pass"
    assert "unknown: gender" in r.summary
    assert r.confidence < 0.75


def test_no_constraints_passes():
    assert check_audience_fit(make({"audience": AUDIENCE})).verdict == "pass"
