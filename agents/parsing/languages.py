"""Content languages: "German-speaking", "in Spanish", "Spanish-language content", "French content".

A language is set only when the brief speaks of language (speaking, content in, -language);
"German creators" is a country (geo.py), and a country never sets a language — at most
an assumption sentence says what the creators there probably speak.
"""

from __future__ import annotations

import re

from agents.parsing.text import Brief, Finding

# Language names (English, plus the DE/ES/FR names briefs use) → ISO 639-1.
LANGUAGES: dict[str, str] = {
    "english": "en", "german": "de", "spanish": "es", "french": "fr", "italian": "it", "portuguese": "pt",
    "dutch": "nl", "flemish": "nl", "polish": "pl", "swedish": "sv", "norwegian": "no", "danish": "da",
    "finnish": "fi", "icelandic": "is", "japanese": "ja", "korean": "ko", "chinese": "zh", "mandarin": "zh",
    "cantonese": "zh", "hindi": "hi", "arabic": "ar", "turkish": "tr", "russian": "ru", "ukrainian": "uk",
    "indonesian": "id", "bahasa": "id", "malay": "ms", "vietnamese": "vi", "thai": "th", "tagalog": "tl",
    "filipino": "tl", "greek": "el", "czech": "cs", "hungarian": "hu", "romanian": "ro", "hebrew": "he",
    "bengali": "bn", "urdu": "ur", "tamil": "ta", "swahili": "sw", "persian": "fa", "farsi": "fa",
    "catalan": "ca", "croatian": "hr", "serbian": "sr", "bulgarian": "bg", "slovak": "sk",
    # German
    "deutsch": "de", "englisch": "en", "spanisch": "es", "französisch": "fr", "italienisch": "it",
    # Spanish
    "español": "es", "espanol": "es", "castellano": "es", "inglés": "en", "ingles": "en", "alemán": "de",
    "francés": "fr", "portugués": "pt",
    # French
    "français": "fr", "francais": "fr", "anglais": "en", "allemand": "de", "espagnol": "es", "italien": "it",
}
# Country → main language, only to phrase an assumption, never to set the field.
COUNTRY_LANGUAGE: dict[str, str] = {
    "DE": "de", "AT": "de", "FR": "fr", "ES": "es", "MX": "es", "AR": "es", "CO": "es", "CL": "es", "PE": "es",
    "IT": "it", "PT": "pt", "BR": "pt", "NL": "nl", "PL": "pl", "SE": "sv", "NO": "no", "DK": "da", "FI": "fi",
    "JP": "ja", "KR": "ko", "CN": "zh", "TW": "zh", "TR": "tr", "RU": "ru", "UA": "uk", "ID": "id",
    "VN": "vi", "TH": "th", "GR": "el", "CZ": "cs", "HU": "hu", "RO": "ro", "IL": "he",
    "US": "en", "GB": "en", "AU": "en", "NZ": "en", "IE": "en",
}

_NAME = r"(?:" + "|".join(sorted((re.escape(n) for n in LANGUAGES), key=len, reverse=True)) + r")"
_CANDIDATE = re.compile(rf"\b{_NAME}\b", re.IGNORECASE)
_CONTENT = (r"(?:content|posts?|videos?|captions?|subtitles?|reels?|stories|tiktoks|shorts|copy|voice-?overs?|"
            r"audio|channels?)")
# What makes a language name a language here, on its right or on its left.
_RIGHT = re.compile(
    rf"(?:-?\s*(?:or|and|/|,|&)\s*{_NAME})*(?P<suffix>[\s-]+(?:speaking|speakers?|language|sprachige?n?|"
    rf"parlante|hablantes?)\b|[\s-]+{_CONTENT}\b(?![\s-]+creators?))",
    re.IGNORECASE,
)
_LEFT = re.compile(
    r"(?:\b(?:in|auf|en)|\b(?:speak(?:s|ing)?|post(?:s|ing)?\s+in|content\s+in|written\s+in|talk(?:s|ing)?\s+in|"
    r"fluent\s+in|bilingual(?:\s+in)?))\s+\(?$",
    re.IGNORECASE,
)
_NOT_AFTER_IN = re.compile(r"[\s-]+(?:creators?|influencers?|audiences?|market|cities|regions?|food|cuisine)\b",
                           re.IGNORECASE)
_WORD_LANG = {"deutschsprachig": "de", "englischsprachig": "en", "französischsprachig": "fr",
              "spanischsprachig": "es", "hispanohablante": "es", "francophone": "fr", "anglophone": "en",
              "lusophone": "pt", "hispanophone": "es", "germanophone": "de", "nederlandstalig": "nl",
              "engelstalig": "en", "franstalig": "fr", "duitstalig": "de"}
_WORDS = re.compile(r"\b(?:" + "|".join(_WORD_LANG) + r")\w*", re.IGNORECASE)
_ALONE = re.compile(rf"\s*(?:in\s+)?{_NAME}(?:\s*(?:/|or|and|&)\s*{_NAME})*(?:[\s-]+only)?\s*", re.IGNORECASE)
_NEXT_NAME = re.compile(rf"\s*,\s*(?:and\s+|or\s+)?{_NAME}\b", re.IGNORECASE)
_NEXT_DEMONYMS = re.compile(r"(?:\s*(?:,|and|or|&|/)\s*[A-Z][\w-]*)+[\s-]+(?:creators?|influencers?|bloggers?|"
                            r"youtubers?|tiktokers?|instagrammers?|streamers?|accounts?|audiences?)\b")
_GLUE = re.compile(r"-?\s*(?:,|/|&|\+|or|and|und|oder|y|o|et|ou)\s*", re.IGNORECASE)


def _code(word: str) -> str | None:
    w = word.lower()
    if w in LANGUAGES:
        return LANGUAGES[w]
    for stem, code in _WORD_LANG.items():
        if w.startswith(stem):
            return code
    return None


def _alone(brief: Brief, m: re.Match[str]) -> bool:
    """A language name that is a whole clause: "US or Canada, English, no guns"."""
    start, end = brief.clause(m.start())
    if not _ALONE.fullmatch(brief.text, start, end):
        return False
    # "German, Austrian and Swiss creators": a list of demonyms, not a language.
    rest = brief.text[end:brief.sentence(end)[1]]
    return not _NEXT_NAME.match(rest) and not _NEXT_DEMONYMS.match(rest)


def extract_languages(brief: Brief) -> list[Finding]:
    found: list[Finding] = []
    text = brief.text
    for m in _WORDS.finditer(text):
        if brief.is_free(*m.span()):
            brief.consume(*m.span())
            found.append(Finding("languages", _code(m.group(0)) or "", m.start(), m.end()))
    candidates = [m for m in _CANDIDATE.finditer(text) if brief.is_free(*m.span())]
    accepted: list[tuple[re.Match[str], int]] = []
    for i, m in enumerate(candidates):
        right = _RIGHT.match(text, m.end())
        left_ok = _LEFT.search(text, max(0, m.start() - 25), m.start()) and not _NOT_AFTER_IN.match(text, m.end())
        joined = bool(accepted) and accepted[-1][0] is candidates[i - 1] and \
            _GLUE.fullmatch(text, candidates[i - 1].end(), m.start()) is not None
        if right or left_ok or joined or _alone(brief, m):
            end = m.end() + (len(right.group(0)) if right and right.group(0).startswith(right["suffix"]) else 0)
            accepted.append((m, end))
    for m, end in accepted:
        brief.consume(m.start(), end)
        found.append(Finding("languages", LANGUAGES[m.group(0).lower()], m.start(), end))
    return found
