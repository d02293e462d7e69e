"""Brand-safety exclusions mapped to the fixed categories (DESIGN 5.3).

Only avoidance phrasing excludes: "no alcohol", "avoid creators who swear",
"alcohol-free brand", "nothing with drinking", "politically neutral". The same words
said positively ("craft beer creators") stay topics; conflicts.py reports a topic that
names an excluded category.
"""

from __future__ import annotations

import re

from agents.parsing.exclusions import scan_brands
from agents.parsing.fuzzy import MIN_LENGTH, closest
from agents.parsing.stopwords import STOPWORDS
from agents.parsing.text import Brief, Finding

# Words that name each category. Also used to spot topics that clash with an exclusion.
CATEGORY_TERMS: dict[str, tuple[str, ...]] = {
    "alcohol": (r"alcohol(?:ic)?", "booze", "boozy", "drinking", "drunk", "liquor", "spirits", r"beers?",
                r"wines?", r"cocktails?", "vodka", r"whiske?y", "gin", "rum", "tequila", r"brewer(?:y|ies)",
                r"alkohol\w*", "alcool", "alcol"),
    "gambling": ("gambling", "gamble", r"casinos?", "betting", r"bets?", r"sportsbooks?", "poker", "slots",
                 r"lotter(?:y|ies)", "igaming", r"gl[üu]cksspiel\w*", "apuestas", r"jeux\s+d'argent", "azzardo"),
    "tobacco": ("tobacco", "smoke", "smoking", r"smokers?", r"cigarettes?", r"cigars?", r"vap(?:e|es|ing)",
                r"e-?cigs?", r"e-?cigarettes?", "nicotine", "hookah", "shisha", "rauchen", r"tabak\w*", "tabaco",
                "fumar", "tabac"),
    "drugs": (r"drugs?", "cannabis", "weed", "marijuana", "thc", r"psychedelics?", "narcotics",
              r"recreational\s+drugs", r"drogen\w*", "drogas", "drogues", "droghe"),
    "adult": ("nsfw", r"explicit(?:\s+content)?", r"adult\s+content", "nudity", "nude", r"sexual(?:\s+content)?",
              r"porn(?:ography)?", "onlyfans", "racy", r"risqu[ée]", "sexy"),
    "violence": ("violence", "violent", "gore", "gory", "bloody"),
    "weapons": (r"guns?", r"firearms?", r"weapons?", "ammo", "ammunition", r"rifles?", "waffen", "armas", "armes"),
    "politics": ("politics", r"political(?:ly)?", "partisan", r"elections?", r"politik\w*", r"pol[íi]tic[ao]s?", r"politiques?", "politica"),
    "profanity": ("profanity", "profane", r"swear(?:s|ing|\s+words)?", "cursing", r"curse\s+words", r"cuss(?:ing)?",
                  r"foul\s+language", r"bad\s+language", r"explicit\s+language", r"vulgar(?:ity)?",
                  r"obscenit(?:y|ies)", r"f-?bombs?", "fluchen", r"groser[íi]as", r"grossi[èe]ret[ée]s?"),
    "hate": (r"hate(?:\s+speech)?", "hateful", r"racis[mt]", r"bigot(?:ry|s)?", r"extremis[mt]", r"xenophobi[ac]",
             r"homophobi[ac]", "discrimination"),
}
# Required multi-word phrases first, then longest, so "explicit language" (profanity) wins over "explicit" (adult).
_ALTS = sorted(((alt, cat) for cat, alts in CATEGORY_TERMS.items() for alt in alts),
               key=lambda p: (r"\s+" in p[0] and r"(?:\s+" not in p[0], len(p[0])), reverse=True)
_TERM = re.compile(r"\b(?<!-)(?:" + "|".join(alt for alt, _ in _ALTS) + r")(?!\w)", re.IGNORECASE)
_CATEGORY_RE = [(cat, re.compile(alt, re.IGNORECASE)) for alt, cat in _ALTS]


def _category(term: str) -> str:
    return next(cat for cat, rx in _CATEGORY_RE if rx.fullmatch(term))


# Avoidance cues that may stand up to a few words before the term.
_NEG = re.compile(
    r"\b(?:no\s+one|nobody|none\s+of|no|not?|non|never|nothing(?:\s+(?:with|about|related\s+to|involving|around))?|without|avoid(?:ing)?|"
    r"nichts(?:\s+(?:über|mit|zu))?|rien(?:\s+(?:sur|de))?|"
    r"exclud(?:e|es|ing)|exclusion\s+of|steer\s+clear\s+of|stay\s+away\s+from|keep\s+away\s+from|"
    r"don'?t|do\s+not|must\s+not|mustn'?t|shouldn'?t|should\s+not|can'?t|cannot|zero|free\s+of|"
    r"kein(?:e|en)?|ohne|nicht|sin|nada\s+de|evitar|sans|pas\s+de|[ée]viter|niente|senza|geen|zonder)\b|\bpas\s+d'",
    re.IGNORECASE,
)
# Words allowed between the cue and the term: "avoid creators who swear",
# "no content related to gambling", "nothing with drinking".
_FILLER = re.compile(
    r"(?:\s+(?:creators?|influencers?|people|anyone|anybody|one|body|accounts?|content|contenu|posts?|videos?|"
    r"who|that|which|discuss(?:es|ing)?|talk(?:s|ing)?|mention(?:s|ing)?|uses?|covers?|covering|"
    r"with|about|around|involving|related|to|of|any|the|a|an|promot(?:e|es|ed|ing)|show(?:s|ing)?|"
    r"has|have|had|worked|work(?:s|ing)?|post(?:s|ed|ing)?|done|been|ever|previously|recently|"
    r"featuring|mentioning|mention|glorifying|in|their|do|does|is|are|use|using|or|and|heavy|"
    r"frequent|excessive|explicit|too|much|overly|associated|affiliated|links?|ties|contenido|"
    r"de|con|du|la|le|des|inhalte?|mit)){0,5}\s+$",
    re.IGNORECASE,
)
_FILLER_WORD = re.compile(_FILLER.pattern[len("(?:\\s+"):_FILLER.pattern.index("){0,5}")], re.IGNORECASE)
MAX_FREE_WORDS = 2  # "no crypto gambling stuff", "avoid anyone promoting meat brands or alcohol"


def _only_filler(between: str) -> bool:
    """Between a cue and a term: filler words, plus at most two others, and no punctuation."""
    if not between.strip():
        return True
    if _FILLER.fullmatch(" " + between.lstrip()):
        return True
    if re.search(r"[^\w\s'-]|\d", between):
        return False
    words = between.split()
    free = [w for w in words if not _FILLER_WORD.fullmatch(w)]
    return len(words) <= 6 and len(free) <= MAX_FREE_WORDS


_FREE_SUFFIX = re.compile(r"^-free\b|^\s+free\b", re.IGNORECASE)
# Whole phrases that mean an exclusion without a negation word.
_PHRASES: tuple[tuple[str, tuple[str, ...], str], ...] = (
    (r"politically\s+neutral|apolitical|non-?political|neutral\s+on\s+politics", ("politics",), ""),
    (r"clean\s+(?:language|content|mouth)|family[\s-]friendly\s+language|no\s+foul\s+mouths?", ("profanity",), ""),
    (r"family[\s-]friendly|kid[\s-]safe|kid[\s-]friendly|safe\s+for\s+work|sfw|brand[\s-]safe\s+for\s+kids",
     ("adult",), "'{said}' read as excluding adult content"),
)
_PHRASE_RE = re.compile("|".join(f"(?P<p{i}>\\b(?:{p})\\b)" for i, (p, _, _) in enumerate(_PHRASES)),
                        re.IGNORECASE)
_GLUE = re.compile(r"-?\s*(?:,|/|&|\bor\b|\band\b|\bnor\b|\boder\b|\bund\b|\bo\b|\by\b|\bou\b|\bet\b|\bni\b|"
                   r"\bnoch\b|\bne\b)?\s*(?:d'|de\s+|du\s+)?(?:(?:any|other|anything|related|to|content|stuff|topics?|(?:or|and)\s+any|"
                   r"use|uses|using|discuss(?:es|ing)?|promot(?:e|es|ing)|post(?:s|ing)?|talk(?:s|ing)?\s+about)\s+)*",
                   re.IGNORECASE)


# Single-word terms long enough to recognise with one typo ("no alchohol").
_PLAIN_TERMS: dict[str, str] = {
    "alcohol": "alcohol", "alcoholic": "alcohol", "liquor": "alcohol", "gambling": "gambling",
    "casino": "gambling", "casinos": "gambling", "betting": "gambling", "tobacco": "tobacco",
    "smoking": "tobacco", "cigarettes": "tobacco", "vaping": "tobacco", "nicotine": "tobacco",
    "cannabis": "drugs", "marijuana": "drugs", "nudity": "adult", "explicit": "adult", "violence": "violence",
    "violent": "violence", "weapons": "weapons", "firearms": "weapons", "politics": "politics",
    "political": "politics", "profanity": "profanity", "swearing": "profanity", "cursing": "profanity",
    "racism": "hate", "hateful": "hate",
}
_NEG_WORD = re.compile(rf"(?:{_NEG.pattern})\s+(?P<w>[^\W\d_]{{{MIN_LENGTH - 1},}})\b", re.IGNORECASE)


def _typos(brief: Brief) -> list[Finding]:
    found = []
    for m in _NEG_WORD.finditer(brief.text):
        if not brief.is_free(*m.span()) or m["w"].lower() in _PLAIN_TERMS:
            continue
        term = closest(m["w"], _PLAIN_TERMS)
        if term:
            brief.consume(*m.span())
            found.append(Finding("exclude_topics", _PLAIN_TERMS[term], m.start(), m.end(),
                                 note=f"'{m['w']}' read as {term}"))
    return found


def extract_safety(brief: Brief) -> list[Finding]:
    found: list[Finding] = []
    for m in _PHRASE_RE.finditer(brief.text):
        if not brief.is_free(*m.span()):
            continue
        _, cats, note = _PHRASES[int((m.lastgroup or "p0")[1:])]
        brief.consume(*m.span())
        for c in cats:
            found.append(Finding("exclude_topics", c, m.start(), m.end(),
                                 note=note.format(said=m.group(0)) if note else ""))
    prev_end: int | None = None
    for m in _TERM.finditer(brief.text):
        if not brief.is_free(*m.span()):
            continue
        category = _category(m.group(0))
        left = brief.left(m.start(), 80, clause=False)
        start = m.start()
        negated = False
        if prev_end is not None and _GLUE.fullmatch(brief.text, prev_end, m.start()):
            negated, start = True, prev_end
        else:
            for cue in _NEG.finditer(left):
                between = left[cue.end():]
                if _only_filler(between):
                    negated = True
                    start = m.start() - len(left) + cue.start()
                    break
        free = _FREE_SUFFIX.match(brief.text[m.end():m.end() + 6])
        end = m.end()
        if free:
            negated, end = True, m.end() + free.end()
        if not negated:
            prev_end = None
            continue
        brief.consume(start, end)
        found.append(Finding("exclude_topics", category, start, end))
        prev_end = end
    return found + _typos(brief)


# Exclusions outside the fixed categories ("no crypto", "avoid energy drinks", "keine Krypto",
# "sin comida rápida", "pas de fast-food") become exclude_keywords, in the brief's words (lower
# case), one entry per excluded thing; they are kept out of the topics.
_PHRASE = r"(?P<words>[^\W\d_][\w'-]*(?:\s+[^\W\d_][\w'-]*){0,2}?)"
_PHRASE_END = (r"(?=\s*(?:content|creators?|influencers?|posts?|videos?|topics?|stuff|brands?|accounts?|niches?|"
               r"inhalte?n?|themen|contenidos?|temas|contenus?|sujets)?"
               r"(?:\s+(?:either|too|as\s+well|anymore|any\s+more|please|pls|thanks))?"
               r"(?:(?=\s+(?:like|such\s+as|e\.g\.)\s+[A-Z])|"
               r"\s*(?:[,.;:!?)\n]|$|\s(?:and|or|nor|but|please|und|oder|noch|bitte|y|o|ni|pero|et|ou|mais)\b)))")
# Words between the cue and the thing: "avoid anyone promoting crypto", "sans contenu gaming".
_LEAD = (r"(?:(?:anyone|anybody|creators?|influencers?|people|accounts?|who|that|promot(?:e|es|ed|ing)|"
         r"post(?:s|ed|ing)?|talk(?:s|ing)?|about|featuring|mentioning|content|contenu|contenido|inhalte|über|sobre|sur)\s+){0,3}")
_NEG_OTHER = re.compile(
    rf"\b(?:no|avoid(?:ing)?|without|exclude|excluding|nothing\s+(?:about|with|related\s+to)|"
    rf"(?:don'?t|do\s+not)\s+want(?:\s+anything\s+(?:about|with))?|steer\s+clear\s+of|stay\s+away\s+from|"
    rf"keine?[nrs]?|ohne|nichts\s+(?:über|mit|zu)|sin|nada\s+(?:de|sobre)|evitar|sans|pas\s+de|pas\s+d(?=')|aucune?|rien\s+sur|"
    rf"[ée]viter)(?:\s+|(?<=d)')(?:(?:la|le|les|el|los|las|der|die|das)\s+)?{_LEAD}{_PHRASE}{_PHRASE_END}",
    re.IGNORECASE)
_CONTINUE = re.compile(rf"\s*(?:,|/|\bor\b|\band\b|\bnor\b|\boder\b|\bund\b|\bnoch\b|\bo\b|\by\b|\bni\b|\bou\b|\bet\b)\s*"
                       rf"(?P<cue>(?:no|not|without|kein(?:e[nrs]?)?|ohne|sin|sans|pas\s+de)\s+)?{_PHRASE}{_PHRASE_END}",
                       re.IGNORECASE)
# Negated words that are not a thing to exclude: "no later than May", "no more than 5 posts",
# "no minimum", "no preference", "no need".
_NOT_A_THING = frozenset("""
    more less later earlier longer fewer need problem problems worries rush limit limits minimum maximum preference
    preferences requirement requirements restriction restrictions idea clue doubt way matter exceptions exception
    one body thing things other others mas más plus moins weniger mehr
    specific particular strict fixed exact hard budget budgets follower followers platform platforms country
    countries language languages niche niches size sizes age ages gender deadline cap caps price prices rate rates
""".split())
# What a list of exclusions may not run into: "no celebrities, food creators" names who is wanted.
_WANTED_NOUN = re.compile(r"\s+(?:creators?|influencers?|accounts?|bloggers?|vloggers?|youtubers?|tiktokers?|"
                          r"streamers?|people|profiles?|creadore?s|cr[ée]ateurs|Creator)\b", re.IGNORECASE)
# A comma continues a list of exclusions only when the list goes on to an "or"/"and" in the same
# sentence ("no crypto, fast food or energy drinks"); else the comma ends it ("no crypto, vegan recipes").
_LIST_GOES_ON = re.compile(r"[^.;!?\n]*?\b(?:or|and|nor|oder|und|noch|o|y|ni|ou|et)\b", re.IGNORECASE)


# "no bought followers", "no fake engagement": fraud, which the authenticity check screens on
# every creator (agents/tools/vetting/authenticity.py); not words to keep out of the content.
_FRAUD = re.compile(r"\b(?:bought|fake|purchased|paid|botted|inflated)\s+(?:followers|engagement|likes|views|comments)\b|"
                    r"\bbots?\b|\bfraud\w*|\bengagement\s+pods?\b", re.IGNORECASE)
# A product described by what it lacks ("skincare without nasty ingredients"): "without" right
# after a noun qualifies that noun. An exclusion stands at the start of a clause ("..., without
# gaming content") or after the creators ("creators without gaming content").
_LACKS = re.compile(r"^(?:without|ohne|sin|sans)\b", re.IGNORECASE)
_LACKS_OK_LEFT = re.compile(r"(?:^|[,.;:!?(\n-]|\b(?:and|but|also|please|creators?|influencers?|accounts?|people|"
                            r"anyone|und|aber|y|pero|et|mais|creadores|cr[ée]ateurs|Creator|Influencer))\s*$", re.IGNORECASE)


_NAMED_AFTER = re.compile(r"\s*(?:content|creators?|influencers?|posts?|videos?|stuff|brands?|labels|companies)?\s+"
                          r"(?:like|such\s+as|e\.g\.)\s+(?=[A-Z])")


_BEFORE_CATEGORY = re.compile(
    rf"(?:no|avoid(?:ing)?|without|exclude|excluding|nothing\s+(?:about|with|related\s+to)|keine?[nrs]?|ohne|sin|"
    rf"nada\s+de|sans|pas\s+de)\s+{_LEAD}(?P<words>[^\W\d_][\w'-]*(?:\s+[^\W\d_][\w'-]*)?)"
    rf"\s*(?:,|/|\bor\b|\bnor\b|\boder\b|\bnoch\b|\bni\b|\bo\b|\bou\b)\s+", re.IGNORECASE)


def extract_other_exclusions(brief: Brief, safety: list[Finding]) -> tuple[list[Finding], list[str]]:
    """exclude_keywords findings for negated phrases that are not safety categories."""
    found: list[Finding] = []
    warnings: list[str] = []

    def take(m: re.Match[str] | None, start: int | None = None, continued: bool = False) -> int | None:
        if m is None or not brief.is_free(m.start("words"), m.end("words")):
            return None
        if continued and (_WANTED_NOUN.match(brief.text, m.end("words")) or (
                m.group(0).lstrip().startswith(",") and not m.group("cue")
                and not _LIST_GOES_ON.match(brief.text, m.end("words")))):
            return None
        words = m["words"].split()
        if all(w.lower() in STOPWORDS for w in words):
            return None
        brief.consume(m.start(), m.end())
        said = " ".join(w.lower() for w in words).strip(" '-")
        if words[0].lower() in _NOT_A_THING:
            return None  # spent, so "later" is no topic, but nothing to exclude
        if _TERM.fullmatch(said):  # "no alcohol, crypto or vaping": a category in the list stays a category
            found.append(Finding("exclude_topics", _category(said), m.start("words"), m.end("words")))
            return m.end()
        if _FRAUD.search(said):
            warnings.append(f"'{said}' is screened by the fraud check on every creator, not as excluded content")
            return m.end()
        if _LACKS.match(m.group(0)) and not _LACKS_OK_LEFT.search(brief.text[max(0, m.start() - 30):m.start()]):
            warnings.append(f"'{m.group(0).strip()}' read as describing the product, not as content to exclude")
            return None
        found.append(Finding("exclude_keywords", said, m.start() if start is None else start, m.end()))
        named = _NAMED_AFTER.match(brief.text, m.end())
        if named:
            # "no fast fashion brands like Shein or Temu": the kind is excluded, and so are the brands named.
            _, s_end = brief.sentence(named.end())
            brands, end = scan_brands(brief.text, named.end(), s_end, capital_first=True)
            if brands:
                brief.consume(m.end(), end)
                found.extend(Finding("exclude_brands", b, m.end(), end) for b in brands)
                return None
        return m.end()

    for f in safety:
        # "no crypto or gambling": the category's negation spans the words before it; a thing
        # listed there is excluded too.
        before = _BEFORE_CATEGORY.match(brief.text[f.start:f.end])
        if before and not all(w.lower() in STOPWORDS or _FILLER_WORD.fullmatch(w) for w in before["words"].split()):
            said = before["words"].lower()
            if not _FRAUD.search(said) and said.split()[0] not in _NOT_A_THING and not _TERM.search(said):
                found.append(Finding("exclude_keywords", said, f.start, f.end))
        pos: int | None = f.end
        while pos is not None:
            pos = take(_CONTINUE.match(brief.text, pos), continued=True)
    for m in _NEG_OTHER.finditer(brief.text):
        pos = take(m)
        while pos is not None:
            pos = take(_CONTINUE.match(brief.text, pos), continued=True)
    return found, warnings
