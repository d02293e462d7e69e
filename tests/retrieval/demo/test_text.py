"""Captions, bios and comments vary like real creators' text does."""

from __future__ import annotations

import re
from collections import Counter, defaultdict

from retrieval.demo.niches import NICHES

from .conftest import Row

WORD = re.compile(r"[a-z][a-z'-]{3,}")
KANA = re.compile(r"[\u3040-\u30ff]")
HAN = re.compile(r"[\u4e00-\u9fff]")
STOPWORDS = {
    "de": r"\b(ich|und|mit|der|die|das|euch|nach|für|zum|heute|mein|meine|ist)\b|[äöüß]",
    "es": r"\b(el|la|los|las|con|por|para|mi|que|hoy|y)\b|[ñáéíóú¿¡]",
    "fr": r"\b(le|la|les|des|avec|pour|mon|ma|et|aujourd'hui|sur)\b|[àâçéèêëîïôûù]",
    "pt": r"\b(o|a|os|as|com|para|meu|minha|que|hoje|e)\b|[ãõáéíóúç]",
}


def _body(text: str) -> str:
    """Caption text without hashtags and @mentions (the creator's own words)."""
    return re.sub(r"[#@][\w.]+", " ", text.lower())


def test_no_two_creators_share_a_caption(sample: list[Row]) -> None:
    owner: dict[str, tuple[str, str]] = {}
    for row, _ in sample:
        key = (row["platform"], row["handle"])
        for p in row["posts"]:
            assert owner.setdefault(p["text"], key) == key, p["text"]


def test_a_creator_does_not_repeat_a_caption(sample: list[Row]) -> None:
    for row, _ in sample:
        texts = [p["text"] for p in row["posts"]]
        assert len(set(texts)) == len(texts)


def test_no_keyword_or_hashtag_is_shared_by_every_creator_of_a_niche(sample: list[Row]) -> None:
    words_by_niche: dict[str, list[set[str]]] = defaultdict(list)
    tags_by_niche: dict[str, list[set[str]]] = defaultdict(list)
    for row, label in sample:
        if label.language != "en":
            continue
        words_by_niche[label.niche].append({w for p in row["posts"] for w in WORD.findall(_body(p["text"]))})
        tags_by_niche[label.niche].append({t.lower() for p in row["posts"] for t in p["hashtags"]})
    checked = 0
    for niche, creators in words_by_niche.items():
        if len(creators) < 20:
            continue
        checked += 1
        common_words = set.intersection(*creators)
        common_tags = set.intersection(*tags_by_niche[niche])
        assert not common_tags, (niche, common_tags)
        # Words every creator of the niche uses must be generic (used across niches).
        others = [ws for n, cs in words_by_niche.items() if n != niche for ws in cs]
        for word in common_words:
            assert sum(word in ws for ws in others) / len(others) > 0.3, (niche, word)
    assert checked >= 25


def test_niche_ids_never_appear_in_text(sample: list[Row]) -> None:
    compound_ids = [n.id for n in NICHES if "_" in n.id]
    for row, _ in sample:
        blob = " ".join([row["bio"], *(p["text"] for p in row["posts"])])
        assert not any(nid in blob for nid in compound_ids)


def test_vegan_creators_paraphrase(sample: list[Row]) -> None:
    # The brief's example: not every vegan creator says "vegan".
    vegan = [r for r, lab in sample if lab.niche == "vegan_food" and lab.language == "en"]
    says_vegan = sum(any("vegan" in p["text"].lower() for p in r["posts"]) for r in vegan)
    assert len(vegan) >= 30 and says_vegan < len(vegan)
    vocab = Counter(w for r in vegan for p in r["posts"] for w in ("plant-based", "dairy-free", "meatless", "tofu") if w in p["text"].lower())
    assert len(vocab) == 4


def test_non_english_creators_write_in_their_language(sample: list[Row]) -> None:
    counts = Counter()
    for row, label in sample:
        lang = label.language
        if lang == "en":
            continue
        texts = [_body(p["text"]) for p in row["posts"]]
        if lang == "ja":
            ok = sum(bool(KANA.search(t)) for t in texts)
        elif lang == "zh":
            ok = sum(bool(HAN.search(t)) and not KANA.search(t) for t in texts)
        else:
            ok = sum(bool(re.search(STOPWORDS[lang], t)) for t in texts)
        assert ok >= 0.6 * len(texts), (lang, row["handle"], texts[:2])
        counts[lang] += 1
    assert set(counts) == {"de", "es", "fr", "pt", "ja", "zh"}


def test_bios_names_and_comments_are_present_and_varied(sample: list[Row]) -> None:
    bios = Counter(r["bio"] for r, _ in sample)
    assert all(r["display_name"] and r["bio"] for r, _ in sample)
    assert len(bios) > 0.7 * len(sample)
    comments = Counter(c.split(": ", 1)[1] for r, lab in sample if not lab.fraud for p in r["posts"] for c in p["comments_sample"])
    assert len(comments) > 2000
