import pytest

from retrieval.signals.language import LANGUAGES, detect_languages, detect_one, detector


# Written for these tests in the style of real captions (slang, emoji, no accents,
# hashtags); none is copied from the real data.
CAPTIONS = [
    ("Hôm nay mình làm bánh mì nhé", "vi"),
    ("Trend này làm sao thiếu tui được 😂😂", "vi"),
    ("Lần đầu đi Đà Lạt mà trời lạnh quá mọi người ơi 🥶 #dalat #xuhuong", "vi"),
    ("Bữa sáng nhanh gọn cho mấy bà lười nấu nè, 10 phút là xong", "vi"),
    ("Heute gibt's mein liebstes Bananenbrot, ganz ohne Zucker 🍌 #backen #rezept", "de"),
    ("Neuer Beitrag ist online! Link in der Bio 💛 *Werbung", "de"),
    ("Hoy os traigo mi rutina de piel para el invierno, ¿cuál es la vuestra? ✨", "es"),
    ("No puedo creer que ya sea diciembre 😱 ¡feliz finde a todos!", "es"),
    ("Petit déj du dimanche avec les enfants, on a fait des crêpes 🥞", "fr"),
    ("Ma routine cheveux bouclés, dites-moi en commentaire si vous voulez la vidéo", "fr"),
    ("Uma das minhas metas para este ano é comer melhor sem sofrer 🥗", "pt"),
    ("Sabato al mare con le amiche, che giornata stupenda ☀️", "it"),
    ("Monday mood: coffee first, emails later ☕️ #mondaymotivation", "en"),
    ("Swipe for the before and after 👉 this room took us three weekends!!", "en"),
    ("今天的穿搭分享，这件外套真的超级保暖 #穿搭", "zh"),
    ("今日のコーデ☺️ 寒くなってきたのでニットを出しました", "ja"),
    ("오늘 카페 투어 다녀왔어요 ☕️ 분위기 너무 좋았어요", "ko"),
    ("Сегодня готовим сырники на завтрак 🥞", "ru"),
    ("เพลงนี้ฮิตมากช่วงนี้ ใครยังไม่เคยฟังบ้าง", "th"),
    ("Akhirnya bisa liburan juga setelah kerja lembur terus 😭 #bali", "id"),
    ("Grabe ang init ngayon pero sulit ang beach day namin!", "tl"),
    ("Bugün kahvaltıda menemen yaptık, tarifini yoruma yazıyorum", "tr"),
]


@pytest.mark.parametrize("text,lang", CAPTIONS)
def test_detect_one(text, lang):
    assert detect_one(text) == lang


def test_detected_codes_are_the_codes_briefs_ask_for():
    # The language filter compares these codes with the brief parser's ISO 639-1 codes.
    from agents.parsing.languages import LANGUAGES as BRIEF_LANGUAGES

    assert set(LANGUAGES) <= set(BRIEF_LANGUAGES.values())


def test_detector_is_built_once():
    assert detector() is detector()


def test_hashtags_do_not_vote():
    # German caption full of English hashtags stays German.
    assert detect_one("Das ist mein Brot und es ist gut #the #and #is #bread #love #with") == "de"


def test_unclear_is_none():
    assert detect_one("🔥🔥🔥") is None
    assert detect_one("Berlin 2026") is None
    assert detect_one("#ootd #fyp @someone") is None


def test_vietnamese_creator_is_detected_over_english_hashtags():
    texts = [
        "Chưa được nghỉ hè nữa là sao 😩 #fyp #foryou #viral",
        "Ai cũng có một thời như vậy thôi 🤣 #trending",
        "ok",
        "Món này ăn với cơm nóng là hết sảy luôn #cooking #food",
    ]
    assert detect_languages(texts) == ["vi"]


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
