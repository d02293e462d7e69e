"""A cheap language guesser: writing system first, then stopwords for Latin scripts.

Good enough to tell German from English or Spanish from Portuguese in captions; not a
general-purpose identifier. Each text (the bio, each caption) gets at most one
language; a language is reported when it wins at least 20 % of the texts that could be
classified (so bilingual creators get both), most frequent first. Hashtags, mentions
and URLs are removed first: they are often English in any language.
"""

from __future__ import annotations

import re
from collections import Counter
from typing import Iterable

from retrieval.signals.text import URL, tagged_words

_TAGS = re.compile(r"[#@][^\s#@]+", re.UNICODE)

# Writing systems (Unicode ranges) that point to one language by themselves.
_SCRIPTS: tuple[tuple[str, re.Pattern[str]], ...] = (
    ("ja", re.compile(r"[\u3040-\u30ff]")),            # hiragana/katakana
    ("ko", re.compile(r"[\uac00-\ud7af\u1100-\u11ff]")),
    ("zh", re.compile(r"[\u4e00-\u9fff]")),            # Han without kana
    ("ru", re.compile(r"[\u0400-\u04ff]")),            # Cyrillic read as Russian
    ("ar", re.compile(r"[\u0600-\u06ff]")),
    ("hi", re.compile(r"[\u0900-\u097f]")),
    ("th", re.compile(r"[\u0e00-\u0e7f]")),
    ("he", re.compile(r"[\u0590-\u05ff]")),
    ("el", re.compile(r"[\u0370-\u03ff]")),
)

# Frequent function words, chosen to be distinctive; shared words count for each.
STOPWORDS: dict[str, frozenset[str]] = {
    lang: frozenset(text.split())
    for lang, text in {
        "en": "the and is are was were you your with this that have has for not but what "
              "my our we they just so of to in on at be will can from all about im",
        "de": "und der die das ist nicht ich du wir ein eine einen mit auf für von zu den dem "
              "auch sich es sind war mein meine heute noch nur schon wie aber oder bei",
        "es": "el la los las y es que de en un una con por para no muy mi mis pero como del "
              "al más está son hoy todo gracias esta este",
        "fr": "le la les et est que de des un une avec pour pas je tu nous vous ce cette mon "
              "ma mes sur dans mais très est aujourd du au",
        "pt": "o a os as e é que de em um uma com para não muito meu minha mas como do da "
              "dos das no na hoje obrigado obrigada você está são",
        "it": "il la lo gli le e è che di in un una con per non molto mio mia ma come del "
              "della sono oggi questo questa anche grazie",
        "nl": "de het een en is van dat niet ik je wij met op voor zijn maar ook dit deze "
              "heel vandaag nog wel er",
        "vi": "và của là không có những một cho với này được người em anh các khi đã "
              "rất mình cũng thì lại như quá nhé",
        "id": "yang dan di ini itu dengan untuk tidak ada aku kamu saya dari akan juga "
              "sudah bisa sama lagi banget",
        "tr": "ve bir bu için çok ile da de ne ben sen gibi daha olan ama var",
        "pl": "i w na nie się to jest że z do jak co ale tak jestem dla",
        "sv": "och är att det som en på för med jag inte har av till den",
    }.items()
}

_VI_MARKS = re.compile(r"[ăđơưạảấầẩẫậắằẳẵặẹẻẽếềểễệỉịọỏốồổỗộớờởỡợụủứừửữựỳỵỷỹ]", re.IGNORECASE)
_NON_LATIN = re.compile(r"[\u0370-\u03ff\u0400-\u04ff\u0590-\u06ff\u0900-\u097f\u0e00-\u0e7f"
                        r"\u1100-\u11ff\u3040-\u30ff\u4e00-\u9fff\uac00-\ud7af]")
_MIN_SHARE = 0.2

# token -> languages whose stopword list holds it (one dict lookup per token)
_WORD_LANGS: dict[str, tuple[str, ...]] = {}
for _lang, _stop in STOPWORDS.items():
    for _w in _stop:
        _WORD_LANGS[_w] = _WORD_LANGS.get(_w, ()) + (_lang,)


def detect_one(text: str, tokens: list[str] | None = None) -> str | None:
    """The language of one text, or None when unclear.

    `tokens` are the text's `tagged_words` when the caller already has them.
    """
    if "http" in text or "www." in text:
        text = URL.sub(" ", text)
    if tokens is None:
        tokens = tagged_words(text)
    if not text.isascii():
        if _NON_LATIN.search(text) is not None:
            tokens = [t for t in tokens if t[0] not in "#@"]
            letters = sum(map(len, tokens))
            if letters < 3:
                return None
            if "#" in text or "@" in text:
                text = _TAGS.sub(" ", text)
            if len(_NON_LATIN.findall(text)) * 3 >= letters:  # a third of the letters
                for lang, pattern in _SCRIPTS:
                    if len(pattern.findall(text)) * 3 >= letters:
                        return "ja" if lang == "zh" and _SCRIPTS[0][1].search(text) else lang
                return None  # mixed non-Latin scripts
        if _VI_MARKS.search(text) is not None and len(_VI_MARKS.findall(text)) >= 2:
            return "vi"
    # Tags and mentions are never stopwords, so they need no filtering here.
    scores: dict[str, int] = {}
    for tok in tokens:
        langs = _WORD_LANGS.get(tok)
        if langs:
            for lang in langs:
                scores[lang] = scores.get(lang, 0) + 1
    if not scores:
        return None
    ranked = sorted(scores.items(), key=lambda kv: -kv[1])[:2]
    top = ranked[0][1]
    second = ranked[1][1] if len(ranked) > 1 else 0
    need = 1 if len(tokens) <= 4 else 2  # one stopword decides only very short texts
    if top < need or top == second:
        return None
    return ranked[0][0]


def detect_languages(
    texts: Iterable[str | None | tuple[str, list[str]]], max_texts: int = 8, max_chars: int = 600
) -> list[str]:
    """Languages of a creator's texts, most frequent first.

    Items are texts, or (text, tagged tokens) pairs. At most `max_texts` non-empty texts
    are read (a creator's language shows in a handful of captions); plain texts are cut to
    `max_chars`.
    """
    votes: Counter[str] = Counter()
    seen = 0
    for item in texts:
        if isinstance(item, tuple):
            text, tokens = item
        else:
            text, tokens = (item[:max_chars] if item else item), None
        if not text:
            continue
        seen += 1
        if seen > max_texts:
            break
        lang = detect_one(text, tokens)
        if lang:
            votes[lang] += 1
    total = sum(votes.values())
    if not total:
        return []
    return [lang for lang, n in votes.most_common() if n / total >= _MIN_SHARE]
