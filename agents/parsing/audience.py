"""Audience gender and age: "women 25-34", "men 18-34", "Gen Z", "21+", "mostly female", "moms".

Findings: field "gender" with "female" / "male" / "any", field "ages" with `(min, max)`
(either may be None, or "LDA" for the legal drinking age, settled once countries are
known). Life-stage words are inferred (soft) and always come with an assumption.
"""

from __future__ import annotations

import re

from agents.parsing.text import Brief, Finding

# Generations by birth years (Pew Research cohort boundaries), ages as of REFERENCE_YEAR.
# A fixed year keeps the parser pure and its tests stable; bump it yearly.
REFERENCE_YEAR = 2025
_GENERATIONS: tuple[tuple[str, int, int, str], ...] = (
    # pattern, born from, born to, label
    (r"gen(?:eration)?[\s-]?z|zoomers|genz", 1997, 2012, "Gen Z"),
    (r"millennials?|gen(?:eration)?[\s-]?y", 1981, 1996, "millennials"),
    (r"gen(?:eration)?[\s-]?x(?:ers)?", 1965, 1980, "Gen X"),
    (r"(?:baby\s+)?boomers", 1946, 1964, "boomers"),
)
_F = (r"women|woman|females?|ladies|girls|frauen|weiblich(?:e|es)?|mujeres|femenin[oa]|femmes|"
      r"f[ée]minine?s?")
_M = r"men|man|males?|guys|boys|männer|männlich(?:e|es)?|hombres|masculin[oa]s?|hommes"
_AGE = r"(1[3-9]|[2-9]\d)"
_AGE_RANGE = rf"{_AGE}\s*(?:-|to|bis|a|à|and|und)\s*(1[3-9]|[2-9]\d|100)(?!\d|[.,]\d|\s?%|\s?[kKmM]\b)"
_YEARS = r"(?:[\s-]*(?:year[\s-]?olds?|years?(?:[\s-]old)?|yo|y/?o|yrs|jährige[n]?|jahre|años|ans)\b)"
_AUD = (r"audiences?|followers|viewers|consumers|customers|users|shoppers|demographics?|demo|target(?:ing)?|"
        r"reach(?:ing)?|people|adults|zielgruppe|publikum|p[úu]blico|audiencia")

_GENDER_TERM = re.compile(rf"(?<![\w'])(?:(?P<f>{_F})|(?P<m>{_M}))(?!['\w])", re.IGNORECASE)
_GENDER_LEFT = re.compile(
    rf"(?:(?:mostly|predominantly|majority|primarily|largely|mainly|overwhelmingly|heavily|mostly|skew(?:s|ed|ing)?"
    rf"(?:\s+towards?)?|\d{{1,3}}\s?%\+?|{_AUD})\s+(?:(?:is|are|of|for)\s+)?(?:(?:mostly|mainly|primarily|"
    rf"young|adult|working|busy)\s+)*|(?:for|aimed\s+at|speak(?:s|ing)?\s+to|targeting|reach(?:ing)?)\s+"
    rf"(?:(?:young|adult|working|busy)\s+)*)$",
    re.IGNORECASE,
)
_GENDER_RIGHT = re.compile(
    rf"^(?:[\s-]+(?:{_AUD}|skew(?:ed|ing)?|dominated|leaning|majority|aged?\b|\d)|\s*\d|\s+\(\d|"
    rf"\s+(?:de|von|entre|zwischen|âgées?\s+de)\s+\d)",
    re.IGNORECASE,
)
# The creator's own gender: "female creators", "female fitness creators", "weibliche Creator",
# "mujeres influencers"; up to two words may qualify the noun. Not the audience's.
_CREATOR_NOUN = (r"(?:creators?|influencers?|bloggers?|vloggers?|youtubers?|tiktokers?|instagrammers?|streamers?|"
                 r"founders?|athletes?|hosts?|ambassadors?|talents?|creadore?s|influencer)")
_CREATOR_RIGHT = re.compile(
    rf"^(?:[\s-]+(?!(?:and|or|with|for|who|that|in|on|of|from|to|at|aged?|audiences?|followers)\b)[^\W\d_][\w'-]*){{0,2}}?"
    rf"[\s-]+{_CREATOR_NOUN}\b",
    re.IGNORECASE)
# Nouns that are female or male by themselves: "créatrices", "influenceuses", "creadoras",
# "Influencerinnen" (not the inclusive "Influencer:innen"), "Bloggerinnen".
_GENDERED_CREATOR = re.compile(
    r"(?<![\w:*_])(?:(?P<f>cr[ée]atrices|influenceuses|creadoras|influencerinnen|creatorinnen|bloggerinnen|"
    r"youtuberinnen|sportlerinnen)|(?P<m>creadores\s+(?:hombres|masculinos)))\b", re.IGNORECASE)
# The gender after the noun: "creators (female)", "influencers masculinos", "creadores mujeres".
_GENDER_AFTER_CREATOR = re.compile(
    rf"\b{_CREATOR_NOUN}(?:\s*\(\s*(?:(?P<f1>{_F})|(?P<m1>{_M}))(?:\s+only)?\s*\)|"
    rf"\s+(?:(?P<f2>mujeres|femeninas|femmes|f[ée]minines)|(?P<m2>hombres|masculinos|hommes|masculins)))(?!\w)",
    re.IGNORECASE)
# "only women", "women only", "men only", "just female": the creators, unless the clause speaks
# of the audience ("audience: women only").
_ONLY_GENDER = re.compile(
    rf"\b(?:only|just|exclusively|nur|solo|sólo|seulement|uniquement)\s+(?:(?P<f1>{_F})|(?P<m1>{_M}))(?![\w'])"
    rf"|(?<![\w'])(?:(?P<f2>{_F})|(?P<m2>{_M}))\s+only\b", re.IGNORECASE)
_AUDIENCE_WORD = re.compile(rf"\b(?:{_AUD}|for|aimed|targets?|skew\w*|mostly|majority)\b", re.IGNORECASE)
# An audience word right before "women ... creators" makes it the audience ("reaching women
# creators"); "looking for women creators" is the creators.
_AUDIENCE_LEFT = re.compile(rf"\b(?:{_AUD}|aimed\s+at|speak(?:s|ing)?\s+to)\s+(?:(?:is|are|of|mostly|mainly)\s+)*$",
                            re.IGNORECASE)
CREATOR_GENDER_NOTE = ("creator gender is not in the creator data, so it is not filtered: the shortlist may include "
                       "creators of any gender; check each profile")
_NEUTRAL = re.compile(
    rf"\b(?:(?:{_M})\s+(?:and|&|or|\+)\s+(?:{_F})|(?:{_F})\s+(?:and|&|or|\+)\s+(?:{_M})|both\s+genders|"
    r"all\s+genders|any\s+gender|gender[\s-]neutral|unisex)\b",
    re.IGNORECASE,
)
_MOMS = re.compile(r"\b(?:(?:new\s+|young\s+|working\s+|expecting\s+)?(?:moms|mums|mothers|mamas|mommies)|"
                   r"(?:dads|fathers))\b", re.IGNORECASE)

_RANGE_CUED = re.compile(
    rf"(?:\b(?:aged?|ages|age\s+(?:range|group|bracket)|between\s+the\s+ages\s+of|edad(?:es)?|âgée?s?\s+de|"
    rf"alter)\s*:?\s*(?:of\s+|between\s+|zwischen\s+|entre\s+|de\s+)?{_AGE_RANGE}{_YEARS}?)"
    rf"|(?<![\w.,])(?:{_AGE_RANGE}{_YEARS})",
    re.IGNORECASE,
)
_AFTER_GENDER = re.compile(rf"[\s-]*(?:aged?\s+|\(\s*|(?:de|von|entre|zwischen|âgées?\s+de)\s+)?{_AGE_RANGE}",
                           re.IGNORECASE)
_RANGE_BARE = re.compile(rf"(?<![\w.,$€£-]){_AGE_RANGE}", re.IGNORECASE)
_PLUS = re.compile(rf"(?<![\w.,$€£])({_AGE})\s?\+(?!\d)(?P<years>{_YEARS})?", re.IGNORECASE)
_PLUS_OK_RIGHT = re.compile(
    rf"^\s*(?:$|[.,;:)!?/]|(?:{_AUD}|only|demographic|crowd|market|women|men|females?|males?)\b)",
    re.IGNORECASE,
)
_MIN_WORD = re.compile(
    rf"\b(?:over|above|older\s+than|at\s+least|aged|min(?:imum)?\s+age(?:\s+of)?|ü(?:ber|ber)|mayores\s+de|"
    rf"plus\s+de)\s+{_AGE}(?!\d|[.,]\d|\s?%|\s?[kKmM]\b)(?P<years>{_YEARS})?",
    re.IGNORECASE,
)
_MIN_TRAIL = re.compile(rf"(?<![\w.,$€£]){_AGE}\s*(?:{_YEARS}\s*)?(?:and|or)\s+(?:older|over|up|above)\b",
                        re.IGNORECASE)
_MAX_WORD = re.compile(
    rf"\b(?:under|below|younger\s+than|max(?:imum)?\s+age(?:\s+of)?)\s+{_AGE}(?!\d|[.,]\d|\s?%|\s?[kKmM]\b)"
    rf"(?P<years>{_YEARS})?|(?<![\w.,$€£]){_AGE}\s*(?:{_YEARS}\s*)?(?:and|or)\s+(?:under|younger|below)\b",
    re.IGNORECASE,
)
_AGE_CONTEXT = re.compile(rf"\b(?:age[sd]?|years?|{_AUD}|women|men|drinking|legal)\b", re.IGNORECASE)
_LDA = re.compile(r"\b(?:(?:of\s+)?legal\s+(?:drinking\s+)?age|LDA|drinking\s+age)\b", re.IGNORECASE)
_LIFE_STAGES: tuple[tuple[str, int | None, int | None, str], ...] = (
    (r"teens|teenagers|teenage\s+(?:audience|girls|boys)", 13, 17,
     "'teens' read as ages 13–17 (the 13-17 audience bucket)"),
    (r"college\s+students|university\s+students|students", 18, 24, "'students' read as ages 18–24"),
    (r"young\s+adults", 18, 34, "'young adults' read as ages 18–34"),
    (r"seniors|retirees|over[\s-]65s", 65, None, "'seniors' read as ages 65+"),
)
_LIFE_RE = re.compile(r"\b(?:" + "|".join(p for p, *_ in _LIFE_STAGES) + r")\b", re.IGNORECASE)
_GEN_RE = re.compile(r"\b(?:" + "|".join(p for p, *_ in _GENERATIONS) + r")\b", re.IGNORECASE)
_KIDS = re.compile(r"\b(?:gen(?:eration)?[\s-]?alpha|kids|children|toddlers)\b", re.IGNORECASE)


def _age(lo: str | None, hi: str | None) -> tuple[int | None, int | None]:
    return (int(lo) if lo else None), (int(hi) if hi else None)


def extract_audience(brief: Brief) -> tuple[list[Finding], list[str]]:
    found: list[Finding] = []
    warnings: list[str] = []
    text = brief.text

    def add(field: str, value: object, start: int, end: int, inferred: bool = False, note: str = "") -> None:
        brief.consume(start, end)
        found.append(Finding(field, value, start, end, inferred=inferred, note=note))

    for m in _NEUTRAL.finditer(text):
        if brief.is_free(*m.span()):
            add("gender", "any", *m.span())
    for m in _RANGE_CUED.finditer(text):
        if brief.is_free(*m.span()):
            lo, hi = (m.group(1), m.group(2)) if m.group(1) else (m.group(3), m.group(4))
            add("ages", _age(lo, hi), *m.span())
    for m in _GENDER_TERM.finditer(text):
        if not brief.is_free(*m.span()):
            continue
        gender = "female" if m["f"] else "male"
        right = text[m.end():m.end() + 30]
        if _CREATOR_RIGHT.match(text[m.end():m.end() + 60]) and not _AUDIENCE_LEFT.search(brief.left(m.start(), 45)):
            add("creator_gender", gender, *m.span())
            continue
        if _GENDER_LEFT.search(brief.left(m.start(), 45)) or _GENDER_RIGHT.match(right):
            add("gender", gender, *m.span())
            r = _AFTER_GENDER.match(text, m.end())
            if r and brief.is_free(r.start(1), r.end(2)):
                add("ages", _age(r.group(1), r.group(2)), r.start(1), r.end(2))
    for m in _GENDERED_CREATOR.finditer(text):
        if brief.is_free(*m.span()):
            # Not consumed: the noun still says these are creators (geo reads "créatrices en France").
            found.append(Finding("creator_gender", "female" if m["f"] else "male", m.start(), m.end()))
    for m in _GENDER_AFTER_CREATOR.finditer(text):
        g = next((k for k in ("f1", "m1", "f2", "m2") if m[k]), "f1")
        if brief.is_free(m.start(g), m.end(g)):
            add("creator_gender", "female" if g.startswith("f") else "male", m.start(g), m.end(g) + (1 if g.endswith("1") else 0))
    for m in _ONLY_GENDER.finditer(text):
        if not brief.is_free(*m.span()):
            continue
        gender = "female" if (m["f1"] or m["f2"]) else "male"
        audience = _AUDIENCE_WORD.search(brief.left(m.start(), 40)) is not None  # "audience: women only"
        add("gender" if audience else "creator_gender", gender, *m.span())
    for m in _MOMS.finditer(text):
        word = m.group(0).lower()
        gender = "male" if word in ("dads", "fathers") else "female"
        found.append(Finding("gender", gender, m.start(), m.end(), inferred=True,
                             note=f"'{m.group(0)}' read as a mostly {gender} audience"))
    for m in _RANGE_BARE.finditer(text):
        if brief.is_free(*m.span()) and _AGE_CONTEXT.search(brief.left(m.start(), 40)):
            if not re.match(r"^\s*(?:creators?|influencers?|posts?|videos?|followers?|countries|days|weeks|months)\b",
                            text[m.end():m.end() + 20], re.IGNORECASE):
                add("ages", _age(m.group(1), m.group(2)), *m.span())
    for m in _PLUS.finditer(text):
        if not brief.is_free(*m.span()):
            continue
        if m["years"] or _PLUS_OK_RIGHT.match(text[m.end():m.end() + 20]) or \
                _AGE_CONTEXT.search(brief.left(m.start(), 30)):
            add("ages", (int(m.group(1)), None), *m.span())
    for m in _MIN_TRAIL.finditer(text):
        if brief.is_free(*m.span()):
            add("ages", (int(m.group(1)), None), *m.span())
    for m in _MIN_WORD.finditer(text):
        if brief.is_free(*m.span()) and (m["years"] or _AGE_CONTEXT.search(brief.left(m.start(), 40))
                                          or m.group(1) in ("18", "21")):
            add("ages", (int(m.group(1)), None), *m.span())
    for m in _MAX_WORD.finditer(text):
        if brief.is_free(*m.span()) and (m["years"] or _AGE_CONTEXT.search(brief.left(m.start(), 40))):
            add("ages", (None, int(m.group(1) or m.group(3))), *m.span())
    for m in _LDA.finditer(text):
        if brief.is_free(*m.span()):
            add("ages", ("LDA", None), *m.span())
    for m in _GEN_RE.finditer(text):
        if not brief.is_free(*m.span()):
            continue
        for pattern, born_from, born_to, _label in _GENERATIONS:
            if re.fullmatch(pattern, m.group(0), re.IGNORECASE):
                lo, hi = REFERENCE_YEAR - born_to, REFERENCE_YEAR - born_from
                note = f"'{m.group(0)}' (born {born_from}–{born_to}) read as ages {max(lo, 13)}–{hi}"
                if lo < 18:
                    note = (f"'{m.group(0)}' (born {born_from}–{born_to}, ages {max(lo, 13)}–{hi} in "
                            f"{REFERENCE_YEAR}) read as ages 18–{hi}: adult audiences for advertising")
                    lo = 18
                add("ages", (lo, hi), *m.span(), inferred=True, note=note)
                break
    for m in _LIFE_RE.finditer(text):
        if not brief.is_free(*m.span()):
            continue
        for pattern, lo, hi, note in _LIFE_STAGES:
            if re.fullmatch(pattern, m.group(0), re.IGNORECASE):
                add("ages", (lo, hi), *m.span(), inferred=True, note=note)
                break
    for m in _KIDS.finditer(text):
        if brief.is_free(*m.span()) and re.search(r"audience|target|reach", brief.left(m.start(), 25), re.I):
            warnings.append(f"an audience of '{m.group(0)}' (under 13) cannot be targeted; ages left open")
    return found, warnings
