"""Where creators are based and where their audience is.

Countries (names in EN/DE/ES/FR, demonyms, ISO codes in context), cities and US states
(mapped to their country; a city where creators are based is also kept as creator_cities),
regions (DACH, Nordics, Benelux, LATAM, SEA, EU ...).
"creators based in Germany" / "German creators" → creator_countries; "audience in the
US" / "US audience" / "reaching French consumers" → audience_countries; a bare
"in Germany" → creator_countries plus an assumption. "not in France" / "except France"
yields "countries_negated".
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from agents.parsing.geo_data import AMBIGUOUS_CODES, EXACT, FIRST_WORDS, ISO_CODES, LOOKUP, SPECIAL_CODES, Place
from agents.parsing.text import Brief, Finding, fold, list_connected

_WORD = re.compile(r"[^\W\d_]+")
_JOIN = re.compile(r"[\s.'-]{1,3}")  # what may stand between the words of one name ("St. Louis")
_EXACT_RE = re.compile(
    r"(?<![\w.])(?:" + "|".join(re.escape(n) for n in sorted(set(EXACT) | set(SPECIAL_CODES), key=len, reverse=True))
    + r")(?![\w]|\.\w)"
)
_CODE_RE = re.compile(r"(?<![\w.&/-])[A-Z]{2}(?![\w&]|\.\w)|(?<=[/&])[A-Z]{2}(?![\w])")
_KIND_ORDER = {"country": 0, "region": 1, "state": 2, "city": 3, "demonym": 4}

_CREATOR = (r"(?:creators?|influencers?|influencer(?::innen|innen)|influenceu(?:r|se)s?|creador(?:es|as)?|"
            r"cr[ée]at(?:eur|rice)s?|bloggers?|vloggers?|youtubers?|tiktokers?|instagrammers?|streamers?|kols?|"
            r"talents?|accounts?|profiles?|ambassadors?|voices|personalities|moms|dads|parents|chefs|athletes)")
_AUD = (r"(?:audiences?|followers?|following|viewers?|consumers?|customers?|shoppers?|users?|buyers?|fans|readers|"
        r"households|market|markets|demographic|público|audiencia|publikum|zielgruppe|consommateurs)")
# Topics where a demonym names a cuisine or style, not where someone lives ("Italian food").
_CULTURE = (r"(?:food|cuisine|cooking|recipes?|dishes|wine|wines|beer|coffee|tea|design|style|fashion|music|culture|"
            r"language|art|cars?|history|literature|film|cinema|football|soccer|interiors?|architecture|"
            r"heritage|traditions?|baking|pastry|street\s+food)")
# After a demonym up to two words may qualify the noun ("German beauty creators"); after
# a place name the noun follows at once ("US audience", "Berlin-based creators").
_RIGHT_NOUN_GAP = re.compile(
    rf"^((?:[\s-]+(?!(?:{_CULTURE}|with|for|and|or|in|on|of|who|that|from|to|at|by)\b)[^\W\d_][\w'-]*){{0,2}}?)"
    rf"[\s-]+(?:(?P<c>{_CREATOR})|(?P<a>{_AUD}))\b",
    re.IGNORECASE,
)
_RIGHT_NOUN_NEAR = re.compile(rf"^()[\s-]+(?:based\s+)?(?:(?P<c>{_CREATOR})|(?P<a>{_AUD}))\b", re.IGNORECASE)
_RIGHT_COMPANY = re.compile(r"[\s-]+(?:based\s+)?(?:startups?|brands?|compan(?:y|ies)|agency|agencies|business(?:es)?|"
                            r"shops?|stores?|offices?|hq|headquarters|team|firm|retailers?|restaurants?|caf[eé]s?|"
                            r"bakery|hotels?|events?|festivals?|launch|stores?)\b", re.IGNORECASE)
_ONLY_RIGHT = re.compile(r"^(?:[\s-]*based)?[\s-]+only\b", re.IGNORECASE)
_ONLY_LEFT = re.compile(r"\b(?:only|exclusively|solely)\s+(?:(?:in|from|based\s+in)\s+)?(?:the\s+)?$", re.IGNORECASE)
_RIGHT_BASED = re.compile(r"^[\s-]*based\b", re.IGNORECASE)
# "not based in France", "no creators from the US", "outside the UK", "Europe except Spain",
# "keine Creator aus Österreich", "excepto España", "sauf la France", "hors de Belgique".
_NEG_WHO = r"(?:creators?|influencers?|one|accounts?|profiles?|creator|influencer|creadores|cr[ée]ateurs)"
_LEFT_NEG = re.compile(r"(?:\bnot\s+(?:(?:be\s+|been\s+)?(?:based|located|living)\s+)?(?:in|from)|\boutside(?:\s+of)?|"
                       rf"\bexcluding|\bexclude|\bexcept(?:\s+for)?|\bbut\s+not|\bother\s+than|\bno|\bnon|"
                       rf"\bno\s+{_NEG_WHO}\s+(?:(?:based|located|living)\s+)?(?:in|from)|\bnicht\s+(?:in|aus)|\baußer|"
                       rf"\bkeine?n?\s+(?:Creator|Influencer|Accounts?)\s+(?:in|aus)|\bexcepto|\bsalvo|\bmenos|"
                       rf"\bfuera\s+de|\bno\s+(?:de|en)|\bsauf|\bhors(?:\s+de)?|\bpas\s+(?:en|au|aux|de))"
                       r"\s+(?:the\s+|la\s+|le\s+|les\s+|l'|el\s+|der\s+|dem\s+|den\s+|die\s+)?$", re.IGNORECASE)
_LEFT_AUD = re.compile(
    rf"(?:{_AUD}\s+(?:(?:is|are|mostly|mainly|primarily|largely|based|located|living|concentrated)\s+)*"
    rf"(?:in|from|across|within|throughout)|\breach(?:ing)?(?:\s+(?:people|consumers|users|customers))?\s+in|"
    rf"\breach(?:ing)?|\btarget(?:ing)?|\bsell(?:ing)?\s+(?:to|in)|\blaunch(?:ing)?\s+in|\bavailable\s+in|"
    rf"\bmarkets?\s*:|\bfor\s+the|\bpúblico\s+en|\baudiencia\s+en|\bZielgruppe\s+in)\s+(?:the\s+)?$",
    re.IGNORECASE,
)
_LEFT_CREATOR = re.compile(
    rf"(?:\b(?:based|located|living|live|lives|residing|resident|from|out\s+of|ans[äa]ssig|wohnhaft|"
    rf"basad[oa]s|bas[ée]e?s)(?:\s+(?:in|en|à|au|aux))?|\b{_CREATOR}\s+(?:[^\W\d_]+\s+){{0,2}}?"
    rf"(?:in|from|across|aus|en|de|à|au))\s+(?:the\s+)?$",
    re.IGNORECASE,
)
_LEFT_COUNT_IN = re.compile(r"\d\s*(?:k|m|mio|million|thousand)?\+?\s+(?:followers|subs|subscribers|fans)\s+"
                            r"(?:in|from|across)\s+(?:the\s+)?$", re.IGNORECASE)
# "posting about Paris", "content on Japan": the place is what the posts show, a topic.
_LEFT_TOPIC = re.compile(r"\b(?:about|featuring|showcasing|covering|[üu]ber|sobre|sur)\s+(?:the\s+)?$", re.IGNORECASE)
_LEFT_IN = re.compile(r"\b(?:in|across|within|throughout|en|au|aux|im|à)\s+(?:the\s+)?$", re.IGNORECASE)
_NEAR_AUD = re.compile(rf"\b(?:{_AUD}|target(?:s|ed|ing)?|women|men|females?|males?|moms|mums|gen\s?z|"
                       rf"millennials|teens)\b", re.IGNORECASE)
_NEAR_CREATOR = re.compile(rf"\b{_CREATOR}\b", re.IGNORECASE)
_CONTEXT_CODE = re.compile(rf"^(?:[\s-]*based|[\s-]+{_CREATOR}|[\s-]+{_AUD}|\s*\))", re.IGNORECASE)


_UNSAID = " (the brief does not say creators or audience)"


@dataclass
class _Mention:
    start: int
    end: int
    place: Place
    said: str


def _right_noun(brief: Brief, group: list[_Mention]) -> re.Match[str] | None:
    rx = _RIGHT_NOUN_GAP if any(m.place.kind == "demonym" for m in group) else _RIGHT_NOUN_NEAR
    return rx.match(brief.right(group[-1].end, 60))


def _pick(places: list[Place], said: str, lowercase_brief: bool) -> Place | None:
    ok = [p for p in places if not p.capitalised or said[:1].isupper() or (lowercase_brief and not p.strict)]
    return min(ok, key=lambda p: _KIND_ORDER[p.kind]) if ok else None


def _find(brief: Brief) -> list[_Mention]:
    text = brief.text
    lowercase_brief = not any(c.isupper() for c in text)
    found: list[_Mention] = []
    for m in _EXACT_RE.finditer(text):
        if brief.is_free(*m.span()):
            s = m.group(0)
            place = EXACT.get(s) or Place("country", SPECIAL_CODES[s], s, True)
            found.append(_Mention(m.start(), m.end(), place, s))
            brief.consume(*m.span())
    tokens = [(m.start(), m.end(), fold(m.group(0))) for m in _WORD.finditer(text)]
    i = 0
    while i < len(tokens):
        step = 1
        for n in range(min(FIRST_WORDS.get(tokens[i][2], 0), len(tokens) - i), 0, -1):
            seg = tokens[i:i + n]
            if any(not _JOIN.fullmatch(text, seg[k][1], seg[k + 1][0]) for k in range(n - 1)):
                continue
            places = LOOKUP.get(" ".join(t[2] for t in seg))
            if not places:
                continue
            start, end = seg[0][0], seg[-1][1]
            said = text[start:end]
            place = _pick(places, said, lowercase_brief)
            if place is None or not brief.is_free(start, end):
                continue
            found.append(_Mention(start, end, place, said))
            step = n
            break
        i += step
    for m in _CODE_RE.finditer(text):
        code = m.group(0)
        if code in ISO_CODES and brief.is_free(*m.span()):
            found.append(_Mention(m.start(), m.end(), Place("code", (code,), code, True), code))
    return sorted(found, key=lambda x: x.start)


def _groups(text: str, mentions: list[_Mention]) -> list[list[_Mention]]:
    groups: list[list[_Mention]] = []
    for m in mentions:
        if groups and list_connected(text, groups[-1][-1].end, m.start):
            groups[-1].append(m)
        else:
            groups.append([m])
    return groups


def _accepted(brief: Brief, group: list[_Mention]) -> bool:
    """Demonyms need a noun after them; a lone country code needs context."""
    kinds = {m.place.kind for m in group}
    right = brief.right(group[-1].end, 60)
    left = brief.left(group[0].start, 60)
    named = bool(_right_noun(brief, group) or _RIGHT_BASED.match(right))
    if kinds <= {"demonym"}:
        return named
    if kinds == {"code"} and len(group) == 1:
        c_start, c_end = brief.clause(group[0].start)
        alone = brief.text[c_start:c_end].strip(" .") == group[0].said
        return group[0].place.codes[0] not in AMBIGUOUS_CODES and bool(
            named or alone or _CONTEXT_CODE.match(right) or _LEFT_CREATOR.search(left) or _LEFT_AUD.search(left)
            or _LEFT_IN.search(left))
    return True


def _role(brief: Brief, group: list[_Mention]) -> tuple[str, str]:
    """('creator' | 'audience' | 'negated', assumption or '')."""
    first, last = group[0], group[-1]
    left = brief.left(first.start, 70)
    right = brief.right(last.end, 60)
    if _LEFT_NEG.search(left):
        return "negated", ""
    noun = _right_noun(brief, group)
    if noun:
        role = "audience" if noun["a"] else "creator"
        if noun.group(1).strip() and any(m.place.kind == "demonym" for m in group):
            said = brief.text[first.start:last.end + noun.end()].strip()
            codes = ", ".join(dict.fromkeys(c for m in group for c in m.place.codes))
            where = "creators based in" if role == "creator" else "an audience in"
            return role, f"'{said}' read as {where} {codes}"
        return role, ""
    if _RIGHT_BASED.match(right):
        return "creator", ""
    if _LEFT_COUNT_IN.search(left):
        return "creator", ""  # "with 10k followers in Poland": the count is the creators'
    if _LEFT_AUD.search(left):
        return "audience", ""
    if _LEFT_CREATOR.search(left):
        return "creator", ""
    said = brief.text[first.start:last.end]
    clause_left = brief.left(first.start, 70, clause=True)
    near_aud = [m.end() for m in _NEAR_AUD.finditer(clause_left)]
    near_creator = [m.end() for m in _NEAR_CREATOR.finditer(clause_left)]
    if near_aud and (not near_creator or near_aud[-1] > near_creator[-1]):
        return "audience", f"'{said}' read as where the audience is (the nearest subject is the audience)"
    return "creator", f"'{said}' read as where the creators are based{_UNSAID}"


def city_note(said: str, city: str, code: str) -> str:
    """The assumption for a city filter: creators whose data names no city do not match."""
    name = city if fold(said) == fold(city) else f"{city} ('{said}')"
    return (f"creators based in {name}, {code}: only creators whose data names that city match; "
            "creators with no city in the data are left out")


def extract_geo(brief: Brief) -> tuple[list[Finding], list[str]]:
    """Findings: creator_countries / audience_countries / countries_negated (value an ISO code) and
    creator_cities (value the city's English name, for cities where the creators are based)."""
    text = brief.text
    mentions = _find(brief)
    found: list[Finding] = []
    notes: list[str] = []
    for group in _groups(text, mentions):
        if not _RIGHT_NOUN_GAP.match(brief.right(group[-1].end, 60)):
            # Without "creators"/"audience" after the list, a demonym is an adjective or a
            # language ("US or Canada, English"), not a place.
            group = [m for m in group if m.place.kind != "demonym"]
        if not group or not _accepted(brief, group):
            continue
        if _LEFT_TOPIC.search(brief.left(group[0].start, 30)):
            continue
        if _RIGHT_COMPANY.match(brief.right(group[-1].end, 30)):
            for m in group:  # "a Berlin startup": where the brand is, not a filter
                brief.consume(m.start, m.end)
            continue
        role, role_note = _role(brief, group)
        if role == "negated":
            # "außer", "except", "not based in": instruction words of the exclusion, never topics.
            left = brief.left(group[0].start, 70)
            neg = _LEFT_NEG.search(left)
            if neg:
                brief.consume(group[0].start - len(left) + neg.start(), group[0].start)
        ambiguous = role_note.endswith(_UNSAID)
        field = {"creator": "creator_countries", "audience": "audience_countries", "negated": "countries_negated"}[role]
        where = {"creator": "creators based in", "audience": "an audience in", "negated": "excluded:"}[role]
        cue = _LEFT_CREATOR.search(brief.left(group[0].start, 70)) if role == "creator" else None
        if cue and not _NEAR_CREATOR.match(cue.group(0)):
            # "living in", "based in": grammar of the place, not a topic ("zero-waste living").
            brief.consume(group[0].start - len(cue.group(0)), group[0].start)
        place_notes = False
        only = bool(_ONLY_RIGHT.match(brief.right(group[-1].end, 20)) or _ONLY_LEFT.search(brief.left(group[0].start, 30)))
        for m in group:
            brief.consume(m.start, m.end)
            based = _RIGHT_BASED.match(text[m.end:m.end + 10])
            if based:
                brief.consume(m.end, m.end + based.end())
            codes = m.place.codes
            note = m.place.note
            city = m.place.city if m.place.kind == "city" else ""
            if role == "negated" and m.place.kind in {"city", "state"}:
                # Excluding Berlin is not excluding Germany: only whole countries are excluded.
                notes.append(f"'{m.said}' is excluded in the brief, but only whole countries can be excluded; "
                             "not applied")
                continue
            if not note and (m.place.kind == "region" or len(codes) > 1):
                note = f"'{m.said}' read as {', '.join(codes)}" + (f", {where} them" if role != "negated" else "")
            elif not note and city and role == "creator":
                note = city_note(m.said, city, codes[0])
            elif not note and m.place.kind in {"city", "state"}:
                what = "city" if city else "state or region"
                note = f"'{m.said}' read as {where} {codes[0]}; there is no {what} filter" + \
                    (" for the audience" if city else "")
            if note and ambiguous:
                note += _UNSAID
                place_notes = True
            if city and role == "creator":
                found.append(Finding("creator_cities", city, m.start, m.end, note=note))
            for code in codes:
                found.append(Finding(field, code, m.start, m.end, note=note))
                if only and role != "negated":
                    found.append(Finding(f"{field}_only", code, m.start, m.end))
        if role_note and not (ambiguous and place_notes and all(m.place.kind != "country" for m in group)):
            notes.append(role_note)
    return found, notes
