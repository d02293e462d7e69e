from agents.tools.vetting import check_brand_safety
from retrieval.features import excluding_safety
from tests.agents.tools.helpers import make, posts


def test_fail_on_excluded_topic_in_caption_with_verbatim_evidence():
    p = posts(3)
    p[1]["text"] = "Sunday brunch with a cold beer in the garden"
    r = check_brand_safety(make({"posts": p}, {"exclude_topics": ["alcohol"]}))
    assert r.verdict == "fail"
    assert r.evidence[0].post_id == "p1" and r.evidence[0].url == "https://example.test/p1"
    assert "cold beer in the garden" in r.evidence[0].text
    assert "alcohol in 1 of 3 posts" in r.summary


def test_fail_on_hashtag():
    p = posts(3)
    p[0]["hashtags"] = ["sportsbetting"]
    r = check_brand_safety(make({"posts": p}, {"exclude_topics": ["gambling"]}))
    assert r.verdict == "fail"
    assert r.evidence[0].text == "#sportsbetting"


def test_warn_when_only_comments_hit():
    p = posts(3)
    p[2]["comments_sample"] = ["love it", "this is fucking great"]
    r = check_brand_safety(make({"posts": p}, {"exclude_topics": ["profanity"]}))
    assert r.verdict == "warn"
    assert r.evidence[0].text.startswith("this is fucking great")


def test_other_categories_are_information_only():
    p = posts(3)
    p[0]["text"] = "Casino night with friends"
    r = check_brand_safety(make({"posts": p}, {"exclude_topics": ["alcohol"]}))
    assert r.verdict == "pass"
    assert "gambling (1)" in r.summary


def test_clean_pass_and_false_positive_words():
    p = posts(3)
    p[0]["text"] = "Shot on 35mm during the photoshoot, wine red lipstick and cigarette pants"
    r = check_brand_safety(make({"posts": p}, {"exclude_topics": ["alcohol", "tobacco"]}))
    assert r.verdict == "pass"
    assert "No brand-safety hits in 3 posts" in r.summary


def test_insufficient_without_posts():
    assert check_brand_safety(make({}, {"exclude_topics": ["alcohol"]})).verdict == "insufficient_data"


def test_emoji_only_hit_warns_instead_of_failing():
    p = posts(3)
    p[0]["text"] = "Wedding weekend with the best people 🥂"
    r = check_brand_safety(make({"posts": p}, {"exclude_topics": ["alcohol"]}))
    assert r.verdict == "warn"
    assert "🥂" in r.evidence[0].text


def test_mild_profanity_only_warns_unless_the_brief_is_family_friendly():
    p = posts(3)
    p[0]["text"] = "damn, what a view"
    gaming = check_brand_safety(make({"posts": p}, {"exclude_topics": ["profanity"]}))
    assert gaming.verdict == "warn"
    assert "mild" in gaming.evidence[0].method
    family = check_brand_safety(make({"posts": p}, {"exclude_topics": ["profanity", "adult"]}))
    assert family.verdict == "fail"


def test_obfuscated_slur_fails_with_severity_term_and_quote():
    p = posts(3)
    p[1]["text"] = "lol you n*gga are wild"
    r = check_brand_safety(make({"posts": p}, {"exclude_topics": ["hate"]}))
    assert r.verdict == "fail"
    ev = r.evidence[0]
    assert ev.post_id == "p1" and ev.url == "https://example.test/p1"
    assert ev.method.startswith("hate (severe): 'nigga'")
    assert "n*gga" in ev.text


def test_strong_profanity_fails():
    p = posts(3)
    p[2]["text"] = "f u c k mondays"
    assert check_brand_safety(make({"posts": p}, {"exclude_topics": ["profanity"]})).verdict == "fail"


def test_classifier_hit_quotes_the_sentence_and_names_the_model():
    p = posts(3)
    p[1]["text"] = "Trời đẹp quá. Bọn nó ngu."  # Vietnamese, no listed word ("Lovely weather. They are stupid.")
    r = check_brand_safety(make({"posts": p}, {"exclude_topics": ["profanity"]}))
    # A model's guess with no listed word is mild: it warns, and fails a family-friendly brief.
    assert r.verdict == "warn"
    ev = r.evidence[0]
    assert ev.post_id == "p1" and ev.url == "https://example.test/p1"
    assert ev.text == "Bọn nó ngu."
    assert ev.method.startswith("profanity (mild): classifier p=0.")
    assert check_brand_safety(make({"posts": p}, {"exclude_topics": ["profanity", "adult"]})).verdict == "fail"
    assert check_brand_safety(make({"posts": p}, {"exclude_topics": ["hate"]})).verdict == "pass"


def test_classifier_hate_warns_a_no_hate_brief_with_the_sentence_quoted():
    # Only a classifier read it as hate (no slur, no listed term): the marketer judges the
    # quote, and the creator is not excluded in the index either.
    p = posts(3)
    p[2]["text"] = "bọn gays ngu"  # "gays are stupid": offensive and names a group
    inp = make({"posts": p}, {"exclude_topics": ["hate"]})
    r = check_brand_safety(inp)
    assert r.verdict == "warn" and "classifier's reading" in r.summary
    assert r.evidence[0].method.startswith("hate (strong): classifier p=")
    assert r.evidence[0].text == "bọn gays ngu"
    assert "hate" in inp.features.safety_hits and "hate" not in excluding_safety(inp.features)


def test_hate_a_listed_term_or_the_group_rule_finds_still_fails_and_excludes():
    p = posts(3)
    p[1]["text"] = "immigrants are vermin"  # a named group next to a dehumanising word
    inp = make({"posts": p}, {"exclude_topics": ["hate"]})
    assert check_brand_safety(inp).verdict == "fail"
    assert "hate" in excluding_safety(inp.features)


def test_english_insult_from_the_embedding_head_warns_and_quotes_its_sentence():
    p = posts(3)
    p[2]["text"] = "Great ride this morning. You are a worthless idiot."  # no listed word
    r = check_brand_safety(make({"posts": p}, {"exclude_topics": ["hate", "profanity"]}))
    assert r.verdict == "warn"
    ev = r.evidence[0]
    assert ev.post_id == "p2" and ev.url == "https://example.test/p2"
    assert ev.text == "You are a worthless idiot."
    assert ev.method.startswith("profanity (mild): classifier p=0.")
    assert check_brand_safety(make({"posts": p}, {"exclude_topics": ["hate"]})).verdict == "pass"


def test_english_group_insult_from_the_embedding_head_warns_a_no_hate_brief():
    p = posts(3)
    p[0]["text"] = "women are too stupid to vote"
    r = check_brand_safety(make({"posts": p}, {"exclude_topics": ["hate"]}))
    assert r.verdict == "warn"
    assert r.evidence[0].method.startswith("hate (strong): classifier p=")


def test_hits_come_from_ingest_without_a_second_scan(monkeypatch):
    # Issue 11: results that depend only on stored data are computed once, at ingest.
    import agents.tools.vetting.brand_safety as tool

    p = posts(3)
    p[1]["text"] = "Sunday brunch with a cold beer in the garden"
    inp = make({"posts": p}, {"exclude_topics": ["alcohol"]})
    assert inp.features.safety_post_hits and "p1" in inp.features.safety_post_hits

    def no_scan(post):
        raise AssertionError("scanned again per brief")

    monkeypatch.setattr(tool, "post_hits", no_scan)
    stored = check_brand_safety(inp)
    assert stored.verdict == "fail" and "cold beer in the garden" in stored.evidence[0].text
    monkeypatch.undo()
    # Features stored before the hits were kept (None) are scanned as before, with the same answer.
    old = inp.model_copy(update={"features": inp.features.model_copy(update={"safety_post_hits": None})})
    assert check_brand_safety(old).model_dump() == stored.model_dump()
