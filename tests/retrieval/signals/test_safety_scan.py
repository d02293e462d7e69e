"""The combined scan: lexicon + classifier per post and per creator."""

from retrieval.schema import Post
from retrieval.signals import safety_lexicon
from retrieval.signals.safety_model import CLASSIFIER_TERM
from retrieval.signals.safety_scan import post_hits, safety_hits


def _post(i: int, text: str, comments: list[str] | None = None) -> Post:
    return Post(id=f"p{i}", url=f"https://example.test/p{i}", text=text, comments_sample=comments or [])


POSTS = [
    _post(0, "Morning run by the river, legs are dead but happy"),
    _post(1, "Trời đẹp quá. Bọn nó ngu."),  # Vietnamese, no listed word: the classifier's
    _post(2, "f*ck this traffic, you dumb n1gger"),
    _post(3, "Killing it at the gym today, new PR"),
    _post(4, "Brunch with friends", ["Trời đẹp quá. Bọn nó ngu."]),  # comments: the lexicon's job only
    _post(5, "bọn gays ngu"),
    _post(6, "Great ride this morning. You are a worthless idiot."),  # English, no listed word: the embedding head's
    _post(7, "Lovely sunset at the beach with my dog"),
]


def test_classifier_hits_carry_category_severity_and_score():
    hits = [h for h in post_hits(POSTS[1]) if h.term == CLASSIFIER_TERM]
    assert [(h.category, h.field) for h in hits] == [("profanity", "text")]
    assert hits[0].severity in ("mild", "strong") and hits[0].score > 0.5
    hate = [h for h in post_hits(POSTS[5]) if h.category == "hate"]
    assert hate and hate[0].term == CLASSIFIER_TERM and hate[0].severity == "strong"


def test_obfuscated_slur_and_profanity_come_from_the_lexicon_with_their_word():
    hits = {(h.category, h.term, h.severity) for h in post_hits(POSTS[2])}
    assert ("hate", "nigger", "severe") in hits
    assert any(c == "profanity" and t == "fuck" for c, t, _ in hits)


def test_english_insult_is_flagged_by_the_embedding_head_with_its_score():
    hits = post_hits(POSTS[6])
    assert [(h.category, h.term, h.field, h.severity) for h in hits] == [("profanity", CLASSIFIER_TERM, "text", "mild")]
    assert hits[0].score > 0.5


def test_gym_talk_clean_captions_and_comments_are_not_flagged_by_a_classifier():
    assert post_hits(POSTS[3]) == []
    assert post_hits(POSTS[7]) == []
    assert all(h.term != CLASSIFIER_TERM for h in post_hits(POSTS[4]))


def test_creator_scan_is_the_union_of_post_scans():
    expected: dict[str, list[str]] = {}
    for p in POSTS:
        for cat in dict.fromkeys(h.category for h in post_hits(p)):
            expected.setdefault(cat, []).append(p.id)
    got = safety_hits(POSTS)
    assert got == expected
    assert "p1" in got["profanity"] and "p5" in got["hate"] and "p6" in got["profanity"]
    assert "p6" not in got.get("hate", [])  # an insult at a person, no group named
    # the lexicon alone misses the classifier's posts
    assert not {"p1", "p6"} & set(safety_lexicon.safety_hits(POSTS).get("profanity", []))
