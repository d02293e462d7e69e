import pytest

from retrieval.signals.language import detect_languages, detect_one


@pytest.mark.parametrize("text,lang", [
    ("Heute backen wir ein Roggenbrot und es ist lecker", "de"),
    ("Today we bake a sourdough loaf and it is so tasty", "en"),
    ("Hoy hacemos pan de masa madre con mi abuela", "es"),
    ("Hoje fazemos pão com a minha avó, está muito bom", "pt"),
    ("Aujourd'hui on fait du pain avec ma mère, c'est très bon", "fr"),
    ("Oggi facciamo il pane con la nonna, è molto buono", "it"),
    ("Vandaag bakken we een brood en het is heel lekker", "nl"),
    ("Hôm nay mình làm bánh mì nhé", "vi"),
    ("今日はパンを焼きました", "ja"),
    ("今天我们做面包", "zh"),
    ("오늘 빵을 구웠어요", "ko"),
    ("Сегодня мы печём хлеб", "ru"),
    ("اليوم نخبز الخبز", "ar"),
    ("आज हम रोटी बना रहे हैं", "hi"),
])
def test_detect_one(text, lang):
    assert detect_one(text) == lang


def test_hashtags_do_not_vote():
    # German caption full of English hashtags stays German.
    assert detect_one("Das ist mein Brot und es ist gut #the #and #is #bread #love #with") == "de"


def test_unclear_is_none():
    assert detect_one("🔥🔥🔥") is None
    assert detect_one("Berlin 2026") is None


def test_detect_languages_keeps_minor_language_over_20_percent():
    texts = ["Das ist ein Test und es ist gut"] * 3 + ["This is a test and it is good"]
    assert detect_languages(texts) == ["de", "en"]
    assert detect_languages(["Das ist ein Test und es ist gut"] * 9 + ["This is a test and it is good"]) == ["de"]


def test_demo_corpus_main_language_when_available():
    demo = pytest.importorskip("retrieval.demo")
    if not hasattr(demo, "generate"):
        pytest.skip("retrieval.demo.generate not available")
    from retrieval.features import compute_features
    from retrieval.schema import Creator

    hits = total = 0
    for row, label in demo.generate(300, seed=5):
        f = compute_features(Creator.model_validate(row), demo.NOW)
        total += 1
        hits += bool(f.languages_detected) and f.languages_detected[0] == label.language
    assert hits / total >= 0.95
