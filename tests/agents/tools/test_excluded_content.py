from agents.tools.vetting import check_excluded_content
from tests.agents.tools.helpers import make, posts


def test_hashtag_or_two_captions_fail_with_the_posts_quoted():
    p = posts(6)
    p[1].update({"hashtags": ["cryptotrading"]})
    r = check_excluded_content(make({"posts": p}, {"exclude_keywords": ["crypto"]}))
    assert r.verdict == "fail" and r.evidence[0].post_id == "p1" and "hashtag" in r.evidence[0].method
    p = posts(6)
    p[0]["text"] = "Why I moved my savings into Cryptocurrency this year"
    p[3]["text"] = "Crypto crash recap and what I learned"
    r = check_excluded_content(make({"posts": p}, {"exclude_keywords": ["crypto"]}))
    assert r.verdict == "fail" and {e.post_id for e in r.evidence} == {"p0", "p3"}
    assert r.evidence[0].text.startswith("Why I moved") and "'crypto' in 2" in r.summary


def test_one_caption_in_passing_only_warns():
    p = posts(6)
    p[2]["text"] = "Never again fast food after this meal prep week"
    r = check_excluded_content(make({"posts": p}, {"exclude_keywords": ["fast food"]}))
    assert r.verdict == "warn" and r.evidence[0].post_id == "p2"


def test_phrases_match_in_order_or_run_together_in_a_hashtag():
    p = posts(4)
    p[0].update({"hashtags": ["FastFoodFriday"]})
    assert check_excluded_content(make({"posts": p}, {"exclude_keywords": ["fast food"]})).verdict == "fail"
    p = posts(4)
    p[0]["text"] = "Food that is fast to make"  # the words, not the phrase
    assert check_excluded_content(make({"posts": p}, {"exclude_keywords": ["fast food"]})).verdict == "pass"


def test_a_word_inside_another_word_does_not_match():
    p = posts(4)
    p[0]["text"] = "Karate class, then pirates night"
    p[1]["text"] = "My democratic vote matters"
    r = check_excluded_content(make({"posts": p}, {"exclude_keywords": ["rat"]}))
    assert r.verdict == "pass"


def test_pass_without_exclusions_and_no_data_without_posts():
    assert check_excluded_content(make({"posts": posts(3)})).verdict == "pass"
    assert check_excluded_content(make({}, {"exclude_keywords": ["crypto"]})).verdict == "insufficient_data"
