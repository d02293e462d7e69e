"""Topic facets, word evidence and the evidence routes (pure functions, real static model)."""

from __future__ import annotations

import numpy as np
import pytest

from agents.topicality import facet_of, facets_of, readable_in_english, relevance, shows_word, topic_evidence
from retrieval.calibration import TopicCalibration, fit_threshold, load_calibration

CAL = TopicCalibration(model="test", post_threshold=0.4, profile_threshold=0.45, profile_floor=0.1)


@pytest.mark.parametrize("phrase, focus, word", [
    ("vegan food", "vegan food", "vegan"),
    ("review mechanical keyboards", "mechanical keyboards", "keyboards"),
    ("crypto exchange", "crypto exchange", "crypto"),
    ("sustainable fashion", "sustainable fashion", "sustainable"),
    ("weight loss journey", "weight loss", "weight"),
    ("luxury hotel reviewers", "luxury hotel", "luxury"),
])
def test_facet_focus_drops_generic_words_and_picks_the_rarer_word(phrase, focus, word):
    facet = facet_of(phrase)
    assert facet is not None
    assert facet.focus == focus
    assert facet.distinguishing == word


@pytest.mark.parametrize("phrase, focus, word", [
    ("dog owners", "dog owners", "dog"),
    ("cake decorators", "cake decorators", "cake"),
    ("showcasing rings", "showcasing rings", "rings"),
    ("dance teachers", "dance teachers", "dance"),
])
def test_a_role_or_format_word_confirms_but_never_distinguishes(phrase, focus, word):
    facet = facet_of(phrase)
    assert facet is not None and (facet.focus, facet.distinguishing) == (focus, word)


def test_role_words_and_particles_alone_are_no_facet():
    assert facet_of("off") is None
    assert [f.focus for f in facets_of(["yoga teachers", "practitioners", "asanas"])] == ["yoga teachers", "asanas"]
    assert [f.focus for f in facets_of(["sneakerheads", "off", "sneaker collection"])] == [
        "sneakerheads", "sneaker collection"]


@pytest.mark.parametrize("text, word, expected", [
    ("my lentil curry #veganfood", "vegan", True),
    ("vegans unite", "vegan", True),
    ("best döner in town #streetfood", "vegan", False),
    ("clicky switches on my new keyboard", "keyboards", True),
    ("my cat sleeps", "cat", True),
    ("new category of catch", "cat", False),
    ("learning spanish at a language exchange", "crypto", False),
    ("bitcoin and #cryptocurrency news", "crypto", True),
])
def test_distinguishing_word_in_words_and_compound_hashtags(text, word, expected):
    assert shows_word(text, word) is expected


def test_evidence_routes_prefer_the_post_that_names_the_topic(embedder):
    facet = facet_of("vegan food")
    posts = {"p1": "Best döner in Berlin #streetfood", "p2": "Lentil curry, fully #vegan tonight"}
    ids = list(posts)
    vectors = embedder.posts.embed(list(posts.values()))
    focus = embedder.posts.embed([facet.focus])[0]
    ev = topic_evidence(facet, posts, ids, vectors, focus, profile_similarity=0.2, calibration=CAL)
    assert ev is not None and ev.route == "post_words" and ev.post_id == "p2"


def test_no_evidence_for_a_near_niche(embedder):
    facet = facet_of("vegan food")
    posts = {"p1": "Best döner in Berlin #streetfood", "p2": "Currywurst with extra fries #berlinfood"}
    vectors = embedder.posts.embed(list(posts.values()))
    focus = embedder.posts.embed([facet.focus])[0]
    cal = load_calibration(embedder.name)
    # A profile near the topic but below the stricter profile bar does not make it on topic.
    ev = topic_evidence(facet, posts, list(posts), vectors, focus, profile_similarity=cal.profile_threshold - 0.05,
                        calibration=cal)
    assert ev is None


def test_profile_route_only_above_the_profile_bar():
    facet = facet_of("vegan food")
    ev = topic_evidence(facet, {}, [], None, np.zeros(4, dtype=np.float32), profile_similarity=0.5, calibration=CAL)
    assert ev is not None and ev.route == "profile" and ev.post_id is None
    assert relevance(ev, 0.5, CAL) < relevance(ev.model_copy(update={"route": "post_words", "post_similarity": 0.5}), 0.5, CAL)


def test_fit_threshold_reaches_the_target_precision():
    scores = [0.9, 0.8, 0.7, 0.6, 0.5, 0.4, 0.3]
    relevant = [True, True, True, False, True, False, False]
    fit = fit_threshold(scores, relevant, 0.75)
    assert fit.threshold == 0.5 and fit.precision == 0.8 and fit.recall == 1.0


def test_packaged_calibration_exists_for_the_default_model(embedder):
    cal = load_calibration(embedder.name)
    assert 0 < cal.post_threshold < 1 and 0 < cal.profile_threshold < 1
    assert "pooled" in cal.measured and cal.sources


def test_a_broad_word_alone_is_not_a_multiword_topic(embedder):
    """'japanese' in a tulip-field post is not 'japanese food'; with a food word it is."""
    facet = facet_of("japanese food")
    cal = load_calibration(embedder.name)
    posts = {"p1": "Tulip field in the park, so pretty in spring #japanesegarden #flowers"}
    vectors = embedder.posts.embed(list(posts.values()))
    focus = embedder.posts.embed([facet.focus])[0]
    assert topic_evidence(facet, posts, list(posts), vectors, focus, 0.0, cal) is None
    posts = {"p2": "Ramen night: the best japanese food in town, rich tonkotsu broth #ramen"}
    vectors = embedder.posts.embed(list(posts.values()))
    ev = topic_evidence(facet, posts, list(posts), vectors, focus, 0.0, cal)
    assert ev is not None and ev.route == "post_words" and ev.word == facet.distinguishing


def test_a_post_of_one_or_two_words_is_no_evidence_of_meaning():
    facet = facet_of("sushi")
    posts = {"p1": "brunch ♡"}
    # A vector identical to the focus: only the post's length can refuse it.
    focus = np.ones(4, dtype=np.float32) / 2
    ev = topic_evidence(facet, posts, list(posts), focus[None, :], focus, 0.0, CAL)
    assert ev is None


def test_quote_shows_the_matched_word_verbatim():
    from agents.evidence import excerpt_around
    from agents.topicality import word_pattern
    from retrieval.schema import Post

    text = ("Happy Saturday! Up early scheming about weekend projects and thinking about what to do with "
            "the garage, the garden, the shed and the little room under the stairs that nobody uses. "
            "Long story short, we start our DIY renovation next week. #home")
    quote = excerpt_around(Post(id="1", text=text), word_pattern("diy"))
    assert quote.startswith("…") and "DIY" in quote and quote[1:] in text


@pytest.mark.parametrize(("word", "readable"), [("vegan", True), ("yoga", True), ("makeup", True),
                                                ("pérdida", False), ("tatuajes", False), ("chats", False),
                                                ("landschaftsfotografen", False)])
def test_readable_in_english(word: str, readable: bool) -> None:
    assert readable_in_english(word) is readable


def test_closeness_routes_off_for_a_focus_the_model_cannot_read(embedder):
    # An English-only model puts an unknown Spanish word near any Spanish caption.
    facet = facet_of("tatuajes")
    posts = {"p1": "Hoy os enseño en el blog un nuevo rincón de mi casa después de la reforma"}
    vectors = embedder.posts.embed(list(posts.values()))
    focus = embedder.posts.embed([facet.focus])[0]
    strict = topic_evidence(facet, posts, list(posts), vectors, focus, profile_similarity=0.99, calibration=CAL,
                            closeness=False)
    assert strict is None
    worded = {"p2": "Mis nuevos tatuajes del fin de semana"}
    ev = topic_evidence(facet, worded, list(worded), embedder.posts.embed(list(worded.values())),
                        focus, profile_similarity=0.0, calibration=CAL, closeness=False)
    assert ev is not None and ev.route == "post_words"


def test_generic_only_phrases_are_no_facet_beside_a_specific_one():
    assert [f.focus for f in facets_of(["comptes", "chats"])] == ["chats"]
    assert [f.focus for f in facets_of(["lifestyle"])] == ["lifestyle"]
