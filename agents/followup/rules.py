"""The offline follow-up parser: a message in a thread -> CriteriaPatch, by rules.

A follow-up is read clause by clause. Instruction words ("drop", "instead", "also",
"no ... please", "egal", "en vez de", "au lieu de") decide the operation; what is left
after they are taken out is read for values by the brief parser (platforms, follower
figures, money, formats, topics) and by CLDR names (countries and languages in any
language). Instruction words never reach topics.
"""

from __future__ import annotations

import re
from typing import Any

from rapidfuzz import fuzz, process

from agents.criteria import CampaignCriteria
from agents.followup import vocabulary as v
from agents.followup.locale_names import find_names
from agents.followup.patch import LIST_FIELDS, CriteriaPatch, FieldEdit
from agents.parsing.offline import parse_offline

_RE = lambda alt: re.compile(rf"(?<![\w'])(?:{alt})(?![\w'])", re.IGNORECASE)  # noqa: E731
_REMOVE, _DONT_CARE, _ADD, _ONLY = _RE(v.REMOVE), _RE(v.DONT_CARE), _RE(v.ADD), _RE(v.ONLY)
_INSTEAD_OF, _SWITCH, _RAISE, _LOWER, _SET = _RE(v.INSTEAD_OF), _RE(v.SWITCH), _RE(v.RAISE), _RE(v.LOWER), _RE(v.SET)
_PLEASE = _RE(v.PLEASE)
_SWAP = re.compile(rf"(?<![\w'])(?:{v.SWAP})\s+(?P<old>.+?)\s+(?:{v.SWAP_TO})\s+(?P<new>.+)", re.IGNORECASE)
_NOUNS = {field: re.compile(rf"(?<![\w-])(?:{pattern})(?![\w-])", re.IGNORECASE) for field, pattern in v.FIELD_NOUNS.items()}
_NEXT_INSTRUCTION = (r"also|add|drop|remove|forget|no|make|raise|lower|exclude|only|set|change|switch|"
                     r"auch|entferne|vergiss|kein|keine|nur|también|quita|olvida|sin|solo|aussi|enlève|oublie|sans|seulement")
_CLAUSES = re.compile(rf"\s+(?:and|und|y|et)\s+(?=(?:{_NEXT_INSTRUCTION})\b)|[.;!?\n]+|,\s*(?=(?:and|but|also|und|aber|y|pero|et|mais)\b)|\s+but\s+|\s+aber\s+|\s+pero\s+|\s+mais\s+", re.IGNORECASE)

_RANK = r"(?:number|no\.?|nr\.?|n°|nº|num(?:ber|ero|éro)?|número|#)\s*(\d{1,3})"
_MORE_LIKE = re.compile(
    r"(?:more|others?|ones?|creators?|someone|people|mehr|weitere|andere|más|mas|otros|plus|d'autres|autres)?\s*"
    r"(?:like|similar\s+to|resembling|wie|ähnlich\s+wie|aehnlich\s+wie|como|parecidos?\s+a|similares\s+a|comme|"
    r"similaires?\s+à|semblables?\s+à)\s+(?:the\s+|der\s+|el\s+|le\s+|la\s+)?(?:" + _RANK + r"|@([\w.\-]+)|(\d{1,3})(?:st|nd|rd|th)?\s+(?:one|creator)|"
    rf"({'|'.join(v.ORDINALS)})\s+(?:one|creator|influencer|account))",
    re.IGNORECASE,
)
# "the second creator looks great, find similar ones": the rank first, the request after it.
_SIMILAR_TO_NTH = re.compile(
    rf"\b(?:the\s+)?(?P<nth>{'|'.join(v.ORDINALS)})\s+(?:one|creator|influencer|account|profile)\b[^.;!?\n]{{0,60}}?"
    r"\b(?:similar(?:\s+ones)?|more\s+like\s+(?:this|that|them|him|her|it))\b", re.IGNORECASE)
_BRANDS = re.compile(
    r"(?:who|that|which)?\s*(?:has|have|had)?\s*(?:ever\s+)?"
    r"(?:promoted|promotes|promoting|worked\s+with|works\s+with|partnered\s+with|did\s+(?:ads?|deals?|sponsorships?)\s+(?:for|with)|"
    r"sponsored\s+by|advertised|advertises|ads?\s+for|posted\s+for|"
    r"für\s+|geworben\s+für|mit\s+|que\s+(?:hayan|han|haya)\s+(?:promocionado|trabajado\s+con|anunciado)|"
    r"qui\s+(?:ont|a)\s+(?:promu|fait\s+la\s+promotion\s+de|travaillé\s+avec|fait\s+de\s+la\s+pub\s+pour))\s+"
    r"(?P<names>[^.;!?\n]+)",
    re.IGNORECASE,
)
_BRAND_GERMAN = re.compile(r"(?:die|welche)\s+(?:für|mit)\s+(?P<names>.+?)\s+(?:geworben|gearbeitet|kooperiert)", re.IGNORECASE)
_BRAND_SPLIT = re.compile(r"\s*(?:,|\bor\b|\band\b|\boder\b|\bund\b|\bo\b|\by\b|\bou\b|\bet\b|/|&)\s*", re.IGNORECASE)
_BRAND_TAIL = re.compile(r"\s+(?:before|in\s+the\s+past|recently|ever|already|please|bitte|por\s+favor|s'il\s+vous\s+plaît)\b.*$|[\s,]+$", re.IGNORECASE)
_EXCLUDE_VERB = re.compile(r"(?<![\w'])(?:exclude|excluding|no|not|without|remove|drop|avoid|skip|ohne|keine?n?|sin|sans|pas\s+de|"
                           r"schlie(?:ß|ss)e?\s+aus|ausschließen|excluye|excluir|exclu(?:s|ez|re))(?![\w'])", re.IGNORECASE)
_INCLUDE_AGAIN = re.compile(r"\b(?:include|allow|bring\s+back|are\s+fine|is\s+fine|ok(?:ay)?\s+again|again)\b", re.IGNORECASE)
_HANDLE = re.compile(r"@([A-Za-z0-9_.][\w.\-]*\w|[A-Za-z0-9_])")
_AMOUNT = re.compile(
    r"(?P<pre>[$€£¥]|usd|eur|gbp|chf|cad|aud)?\s*(?P<num>\d+(?:[.,]\d+)*)\s*(?P<unit>k|m|thousand|million|mio|tausend|mil)?\b\s*"
    r"(?P<post>[$€£¥]|usd|eur|gbp|chf|cad|aud|dollars?|euros?|pounds?)?", re.IGNORECASE)
_CURRENCY = {"$": "USD", "€": "EUR", "£": "GBP", "¥": "JPY", "dollar": "USD", "dollars": "USD", "euro": "EUR",
             "euros": "EUR", "pound": "GBP", "pounds": "GBP"}
_AUDIENCE = re.compile(r"\b(?:audiences?|followers?\s+in|viewers|publikum|zielgruppe|audiencia|p[úu]blico|public)\b", re.IGNORECASE)
_LANGUAGE_CONTEXT = re.compile(r"\b(?:language|speaking|speaks?|spoken|sprach\w*|idioma|langue|content|posts?|videos?)\b|\b(?:in|auf|en)\s+$", re.IGNORECASE)
# "drop anyone over 50k": a removal of the big ones is a cap, though "over 50k" alone reads as a floor.
_DROP_SIZE = re.compile(
    r"(?:anyone|anybody|creators?|those|accounts?|people|ones|alle|todos|ceux)?\s*(?:with\s+)?"
    r"(?P<dir>over|above|more\s+than|bigger\s+than|larger\s+than|under|below|less\s+than|smaller\s+than|fewer\s+than|"
    r"über|unter|más\s+de|menos\s+de|plus\s+de|moins\s+de)\s+"
    r"(?P<num>\d+(?:[.,]\d+)?)\s*(?P<unit>k|m|thousand|million|mio|tausend|mil)?\b", re.IGNORECASE)
_BIGGER = re.compile(r"over|above|more|bigger|larger|über|más|plus", re.IGNORECASE)
_TOPIC_WORD = re.compile(r"[\w'&+-]+")


def parse_followup(message: str, criteria: CampaignCriteria, all_platforms: tuple[str, ...] = ()) -> CriteriaPatch:
    """The patch a follow-up asks for, read against the thread's criteria."""
    text = message.strip()  # line breaks stay: they end a clause, not the message
    if v.COMMAND.match(text):
        return CriteriaPatch()
    edits: list[FieldEdit] = []
    more_like: list[str] = []
    text = _take_more_like(text, more_like)
    text = _take_brands(text, edits, criteria)
    text = _take_handles(text, edits, criteria)
    for clause in _clauses(text):
        edits.extend(_clause(clause, criteria))
    return CriteriaPatch(edits=_dedupe(edits), more_like=more_like)


def _instructed(text: str) -> bool:
    return any(p.search(text) for p in (_REMOVE, _DONT_CARE, _ADD, _ONLY, _INSTEAD_OF, _SWITCH, _RAISE, _SET))


def _clauses(text: str) -> list[str]:
    """Sentences and instruction-led parts; a comma starts a clause only when what follows
    carries its own instruction ("drop makeup, skincare instead"), so a list of values
    ("also Austria, Switzerland") stays under the instruction before it."""
    out: list[str] = []
    for part in _CLAUSES.split(text):
        if not part or not part.strip(" ,"):
            continue
        pieces = [p for p in part.split(",") if p.strip()]
        merged: list[str] = []
        for piece in pieces:
            if merged and not _instructed(piece):
                merged[-1] += "," + piece
            else:
                merged.append(piece)
        out += [m.strip(" ,") for m in merged if m.strip(" ,")]
    return out


# ----------------------------------------------------------------- spans taken first


def _blank(text: str, start: int, end: int) -> str:
    return text[:start] + " " * (end - start) + text[end:]


def _take_more_like(text: str, out: list[str]) -> str:
    for m in list(_MORE_LIKE.finditer(text)):
        rank, handle, ordinal, word = m.group(1), m.group(2), m.group(3), m.group(4)
        out.append(f"@{handle.lower()}" if handle else
                   f"#{v.ORDINALS.index(word.lower()) + 1}" if word else f"#{int(rank or ordinal)}")
        text = _blank(text, m.start(), m.end())
    for m in list(_SIMILAR_TO_NTH.finditer(text)):
        out.append(f"#{v.ORDINALS.index(m.group('nth').lower()) + 1}")
        text = _blank(text, m.start(), m.end())
    return text


def _take_brands(text: str, edits: list[FieldEdit], criteria: CampaignCriteria) -> str:
    for pattern in (_BRAND_GERMAN, _BRANDS):
        for m in list(pattern.finditer(text)):
            left = text[max(0, m.start() - 60):m.start()]
            if not _EXCLUDE_VERB.search(left + " " + m.group(0)[:20]) and not re.search(r"\b(?:anyone|nobody|creators?|no one|niemand|nadie|personne)\b", left, re.I):
                continue
            names = [n for n in (_BRAND_TAIL.sub("", p).strip(" '\"") for p in _BRAND_SPLIT.split(m.group("names"))) if n]
            names = [n for n in names if n.lower() not in v.INSTRUCTION_WORDS]
            if not names:
                continue
            again = bool(_INCLUDE_AGAIN.search(m.group(0)))
            edits.append(FieldEdit(field="exclude_brands", op="remove" if again else "add", values=names))
            start = m.start()
            verb = None
            for verb in _EXCLUDE_VERB.finditer(left):
                pass
            if verb is not None:
                start = m.start() - len(left) + verb.start()
            text = _blank(text, start, m.end())
    return text


def _take_handles(text: str, edits: list[FieldEdit], criteria: CampaignCriteria) -> str:
    for m in list(_HANDLE.finditer(text)):
        handle = m.group(1).lower()
        around = text[max(0, m.start() - 40):m.end() + 30]
        if _INCLUDE_AGAIN.search(around) and handle in criteria.exclude_handles:
            edits.append(FieldEdit(field="exclude_handles", op="remove", values=[handle]))
        else:
            edits.append(FieldEdit(field="exclude_handles", op="add", values=[handle]))
        text = _blank(text, m.start(), m.end())
    return text


# ----------------------------------------------------------------- one clause


_SCALE = re.compile(rf"\b(?P<verb>{'|'.join(v.SCALE)})\b", re.IGNORECASE)
_ALLOWED_TOO = re.compile(rf"\b{v.ALLOWED_TOO}\b", re.IGNORECASE)
_N_MORE = re.compile(
    r"^\s*(?:(?:ok(?:ay)?|and|so|then|please)[\s,]+)*(?:show\s+me|give\s+me|get\s+me|find\s+me|i\s+need|we\s+need|"
    r"i\s+want|we\s+want|add)?\s*(?P<n>\d{1,3})\s+more\b(?:\s+(?:creators?|influencers?|people|accounts|profiles|results))?"
    r"\s*(?:please)?[\s.!]*$", re.IGNORECASE)
# "alcohol is fine", "allow gambling again", "remove the alcohol restriction": an exclusion the
# thread holds is lifted.
_LIFT = re.compile(r"\b(?:(?:is|are)\s+(?:fine|ok(?:ay)?|allowed)|allow(?:ed)?|ok(?:ay)?\s+now|"
                   r"(?:restriction|filter|exclusion|ban|rule|limit)s?)\b", re.IGNORECASE)
# "make it 20", "give me 15 instead": a bare number after a request verb is the count.
_BARE_COUNT = re.compile(
    r"^\s*(?:(?:ok(?:ay)?|actually|and|so|then|please|hm+)[\s,]+)*"
    r"(?:make\s+it|give\s+me|show\s+me|get\s+me|find\s+me|i\s+need|we\s+need|i\s+want|we\s+want|"
    r"let'?s\s+(?:do|say|go\s+with))\s+(?:only\s+|just\s+)?(?P<n>\d{1,3})\s*"
    r"(?:creators?|influencers?|people|accounts|profiles|results|of\s+them)?\s*(?:instead|please|then)?[\s.!]*$",
    re.IGNORECASE,
)


def _clause(clause: str, criteria: CampaignCriteria) -> list[FieldEdit]:
    if (more := _N_MORE.match(clause)) and int(more.group("n")) > 0:
        # "show me 5 more": five beside the ones asked for, not a list of five.
        current = criteria.creators_count or 0
        return [FieldEdit(field="creators_count", op="set", value=current + int(more.group("n")))]
    if (bare := _BARE_COUNT.match(clause)) and int(bare.group("n")) > 0:
        return [FieldEdit(field="creators_count", op="set", value=int(bare.group("n")))]
    if (allowed := _allowed_again(clause, criteria)):
        return [FieldEdit(field="exclude_topics", op="remove", values=allowed)]
    if (lifted := _lifted_exclusions(clause, criteria)):
        return lifted
    if m := _INSTEAD_OF.search(clause):
        return _instead(clause[:m.start()], clause[m.end():], criteria)
    if m := _SWAP.search(clause):
        return _instead(m.group("new"), m.group("old"), criteria)
    if (scaled := _scaled_money(clause, criteria)) is not None:
        return [scaled]
    removing = bool(_REMOVE.search(clause)) and not _ADD.search(clause)
    dont_care = bool(_DONT_CARE.search(clause))
    adding = bool(_ADD.search(clause) or _ALLOWED_TOO.search(clause))
    switching = bool(_SWITCH.search(clause) or _ONLY.search(clause))
    raw = parse_offline(_PLEASE.sub(" ", clause)).criteria
    if not raw.exclude_topics and removing:
        # "tampoco apuestas", "pas de jeux d'argent non plus": a negation the brief parser
        # reads only in its usual form; ask it with a plain "no" in front of what is left.
        probe = parse_offline("no " + _strip_instructions(clause)).criteria
        if probe.exclude_topics:
            raw = raw.model_copy(update={"exclude_topics": probe.exclude_topics})
    values = _values(clause, criteria)
    if raw.creator_gender and "creator_gender" not in values:
        values["creator_gender"] = raw.creator_gender  # "only women": the instruction word is part of it
    edits: list[FieldEdit] = []

    # Safety categories keep the brief parser's reading: "no alcohol" excludes, it does not remove.
    if raw.exclude_topics and not dont_care:
        again = bool(_INCLUDE_AGAIN.search(clause))
        edits.append(FieldEdit(field="exclude_topics", op="remove" if again else "add", values=list(raw.exclude_topics)))
        values.pop("topics", None)
    # So do other exclusions: "no crypto either", "also exclude Spain" add to the exclusion lists
    # ("exclude Spain" also takes Spain out of the countries below, as in a brief).
    keywords = [k for k in raw.exclude_keywords if _is_keyword(k)]
    if keywords and not dont_care:
        edits.append(FieldEdit(field="exclude_keywords", op="add", values=keywords))
        values.pop("topics", None)
    if raw.exclude_countries and not dont_care:
        edits.append(FieldEdit(field="exclude_countries", op="add", values=list(raw.exclude_countries)))
        for f in ("creator_countries", "audience_countries"):
            if f in values:  # an excluded country is no country to add
                values[f] = [c for c in values[f] if c not in raw.exclude_countries]
                if not values[f]:
                    del values[f]
            held = [c for c in raw.exclude_countries if c in getattr(criteria, f)]
            if held and len(held) < len(getattr(criteria, f)):
                edits.append(FieldEdit(field=f, op="remove", values=held))

    if any_match := v.ANY_FIELD.search(clause):
        fields = _fields_of_noun(any_match.group("noun") or "countries")
        if fields == ["audience_gender"]:
            fields = _gender_fields(clause, criteria)
        if any_match.group("anywhere") and criteria.creator_cities:
            fields.append("creator_cities")  # "anywhere": no city either
        for field in fields:
            edits.append(FieldEdit(field=field, op="clear"))
        return edits

    named = fields_named(clause)
    both = raw.budget is not None and raw.max_price_per_post is not None and not (removing or dont_care)
    money = None if both else _money_edit(clause, named, criteria, removing or dont_care)
    if both:
        # "budget €3,000, max €100 per post": two amounts, each read in its own place by the
        # brief parser; the single-amount reading below would give the budget the last one.
        edits += [FieldEdit(field=f, op="set", value=getattr(raw, f).model_dump(include={"amount", "currency"}))
                  for f in ("budget", "max_price_per_post")]
    if money is not None:
        edits.append(money)
    if both or money is not None:
        named = [f for f in named if f not in ("budget", "max_price_per_post")]
        for key in ("budget", "max_price_per_post", "followers_min", "followers_max", "topics"):
            values.pop(key, None)

    if removing and (size := _DROP_SIZE.search(clause)) and "budget" not in named and "max_price_per_post" not in named:
        number = float(size.group("num").replace(",", "."))
        number *= {"k": 1e3, "thousand": 1e3, "tausend": 1e3, "mil": 1e3, "m": 1e6, "million": 1e6, "mio": 1e6}.get(
            (size.group("unit") or "").lower(), 1)
        field = "followers_max" if _BIGGER.match(size.group("dir")) else "followers_min"
        edits.append(FieldEdit(field=field, op="set", value=int(number)))
        return edits

    if removing or dont_care:
        list_values = {f: vals for f, vals in values.items() if f in LIST_FIELDS}
        # "no creators from Berlin" is no reason to drop Germany: only a country the clause
        # names itself leaves the criteria (recorded: it removed DE, so any country came back).
        named_countries = {m.code for m in find_names(clause) if m.kind == "country"}
        for f in ("creator_countries", "audience_countries"):
            if f in list_values:
                list_values[f] = [c for c in list_values[f] if c in named_countries]
        list_values = {f: vals for f, vals in list_values.items() if vals}
        if list_values:
            for field, vals in list_values.items():
                edits.extend(_removal(field, vals, criteria))
        scalar_named = [f for f in values if f not in LIST_FIELDS]
        for field in dict.fromkeys(named + ([] if list_values else scalar_named)):
            if field not in list_values:
                edits.append(FieldEdit(field=field, op="clear"))
        return edits

    for field, vals in values.items():
        if field not in LIST_FIELDS:
            edits.append(FieldEdit(field=field, op="set", value=vals))
        elif field == "topics":
            edits.append(FieldEdit(field=field, op="set" if switching and not adding else "add", values=vals))
        else:
            edits.append(FieldEdit(field=field, op="add" if adding else "set", values=vals))
    return edits


def _scaled_money(clause: str, criteria: CampaignCriteria) -> FieldEdit | None:
    """ "double the budget", "halve the per-post cap": the amount the thread holds times a factor."""
    m = _SCALE.search(clause)
    if m is None:
        return None
    named = [f for f in fields_named(clause) if f in ("budget", "max_price_per_post")]
    money = getattr(criteria, named[0]) if named else None
    if money is None:
        return None
    factor = v.SCALE[m.group("verb").lower()]
    return FieldEdit(field=named[0], op="set", value={"amount": round(money.amount * factor, 2), "currency": money.currency})


def _allowed_again(clause: str, criteria: CampaignCriteria) -> list[str]:
    """Excluded categories the clause lifts; only ones the thread holds, and only with a lifting phrase."""
    if not criteria.exclude_topics or not _LIFT.search(clause):
        return []
    named = parse_offline("no " + _strip_instructions(_LIFT.sub(" ", clause))).criteria.exclude_topics
    return [t for t in named if t in criteria.exclude_topics]


# "drop the crypto exclusion", "crypto is fine now", "Spain is ok again": an exclusion the thread
# holds is lifted. Only values the thread excludes, and only with a lifting phrase.
def _lifted_exclusions(clause: str, criteria: CampaignCriteria) -> list[FieldEdit]:
    if not (criteria.exclude_keywords or criteria.exclude_countries) or not (_LIFT.search(clause) or _INCLUDE_AGAIN.search(clause)):
        return []
    low = clause.lower()
    edits: list[FieldEdit] = []
    words = [k for k in criteria.exclude_keywords if re.search(rf"(?<!\w){re.escape(k.lower())}(?!\w)", low)]
    if words:
        edits.append(FieldEdit(field="exclude_keywords", op="remove", values=words))
    named = {m.code for m in find_names(clause) if m.kind == "country"}
    countries = [c for c in criteria.exclude_countries if c in named]
    if countries:
        edits.append(FieldEdit(field="exclude_countries", op="remove", values=countries))
    return edits


def _is_keyword(phrase: str) -> bool:
    """An excluded thing, not a field ("no budget limit") or an instruction ("no more")."""
    return not fields_named(phrase) and not all(w in v.INSTRUCTION_WORDS for w in phrase.lower().split())


def _gender_fields(clause: str, criteria: CampaignCriteria) -> list[str]:
    """ "any gender": the creators' or the audience's as the clause says; unsaid, whichever the
    thread holds (both when it holds both)."""
    if re.search(r"\bcreators?\b|\binfluencers?\b", clause, re.IGNORECASE):
        return ["creator_gender"]
    if _AUDIENCE.search(clause) or re.search(r"\baudience\b", clause, re.IGNORECASE):
        return ["audience_gender"]
    held = [f for f in ("creator_gender", "audience_gender") if getattr(criteria, f)]
    return held or ["audience_gender"]


def _instead(new_part: str, old_part: str, criteria: CampaignCriteria) -> list[FieldEdit]:
    new, old = _values(new_part, criteria), _values(old_part, criteria)
    edits: list[FieldEdit] = []
    for field, vals in new.items():
        if field not in LIST_FIELDS:
            edits.append(FieldEdit(field=field, op="set", value=vals))
            continue
        gone: list[str] = []
        for old_field, old_vals in old.items():
            if old_field not in LIST_FIELDS:
                continue
            present = _present_in(field, old_vals, criteria) if _kin(field, old_field) else []
            gone += present
        if field == "topics" and not gone and "topics" in old:
            gone = _present_in("topics", old["topics"], criteria)
        if gone:
            edits.append(FieldEdit(field=field, op="replace", values=vals, replaces=gone))
        else:
            edits.append(FieldEdit(field=field, op="set", values=vals))
    # "Canada instead of the US" where the US is the audience's: the new value goes where the old one was.
    for e in edits:
        if e.field == "creator_countries" and e.op == "set" and old.get("creator_countries"):
            olds = old["creator_countries"]
            if not set(olds) & set(criteria.creator_countries) and set(olds) & set(criteria.audience_countries):
                e.field, e.op, e.replaces = "audience_countries", "replace", [o for o in olds if o in criteria.audience_countries]
    return edits


def _kin(a: str, b: str) -> bool:
    return a == b or {a, b} <= {"creator_countries", "audience_countries"}


def _present_in(field: str, vals: list[str], criteria: CampaignCriteria) -> list[str]:
    current = list(getattr(criteria, field))
    if field == "topics":
        return [m for m in (_closest_topic(t, current) for t in vals) if m]
    return [x for x in vals if x in current]


def _removal(field: str, vals: list[str], criteria: CampaignCriteria) -> list[FieldEdit]:
    if field == "topics":
        hits = [m for m in (_closest_topic(t, criteria.topics) for t in vals) if m]
        return [FieldEdit(field="topics", op="remove", values=hits)] if hits else []
    if field in ("creator_countries", "audience_countries"):
        edits = []
        for code in vals:
            where = [f for f in ("creator_countries", "audience_countries") if code in getattr(criteria, f)] or [field]
            edits += [FieldEdit(field=f, op="remove", values=[code]) for f in where]
        return edits
    return [FieldEdit(field=field, op="remove", values=vals)]


def _closest_topic(phrase: str, topics: list[str]) -> str | None:
    if not topics:
        return None
    best = process.extractOne(phrase.lower(), topics, scorer=fuzz.token_set_ratio, score_cutoff=85)
    if best is None:
        best = process.extractOne(phrase.lower(), topics, scorer=fuzz.partial_ratio, score_cutoff=90)
    return best[0] if best else None


# ----------------------------------------------------------------- values in a clause


def _strip_instructions(text: str) -> str:
    for pattern in (_DONT_CARE, _INSTEAD_OF, _SWITCH, _ONLY, _ADD, _REMOVE, _RAISE, _PLEASE):
        text = pattern.sub(" ", text)
    return text


def _values(clause: str, criteria: CampaignCriteria) -> dict[str, Any]:
    """Field -> values (lists) or value (scalars) a clause names, instruction words aside."""
    stripped = _strip_instructions(clause)
    for noun in _NOUNS.values():
        stripped = noun.sub(lambda m: " " if m.group(0).lower() not in ("audience",) else m.group(0), stripped)
    out: dict[str, Any] = {}
    names = find_names(stripped, skip=frozenset(w for w in v.INSTRUCTION_WORDS if len(w) < 6))
    for mention in names:
        left = stripped[max(0, mention.start - 12):mention.start]
        if mention.kind == "language":
            if mention.code in criteria.languages or _LANGUAGE_CONTEXT.search(left) or _LANGUAGE_CONTEXT.search(clause):
                out.setdefault("languages", []).append(mention.code)
                stripped = _blank(stripped, mention.start, mention.end)
            continue
        field = "audience_countries" if _AUDIENCE.search(clause) else "creator_countries"
        out.setdefault(field, []).append(mention.code)
        stripped = _blank(stripped, mention.start, mention.end)
    # X (formerly Twitter) is one capital letter: the brief parser wants context for it, a
    # follow-up ("get rid of X", "also X") names it bare.
    if re.search(r"(?<![\w'-])X(?![\w'-])", stripped):
        out["platforms"] = ["x"]
        stripped = re.sub(r"(?<![\w'-])X(?![\w'-])", " ", stripped)
    parsed = parse_offline(stripped).criteria if stripped.strip() else CampaignCriteria()
    data = parsed.model_dump()
    # Numbers need their field's noun ("engagement above 3%"), which was blanked above so it
    # cannot become a topic: read the scalars once more with the nouns in, when one is named.
    noun_scalars = [f for f in ("min_engagement_rate", "audience_age_min", "audience_age_max")
                    if data[f] is None and f in fields_named(clause)]
    if noun_scalars:
        with_nouns = parse_offline(_strip_instructions(clause)).criteria
        data.update({f: getattr(with_nouns, f) for f in noun_scalars})
    for field in ("platforms", "formats", "tiers", "languages", "creator_countries", "audience_countries",
                  "creator_cities"):
        if data[field]:
            if field == "platforms" and len(data[field]) > 3:
                continue  # "any platform except …" readings: the clause's own operation decides
            out[field] = list(dict.fromkeys(out.get(field, []) + data[field]))
    topics = [t for t in (_without_filler(t) for t in data["topics"]) if t and _is_topic(t)]
    if topics:
        out["topics"] = topics
    for field in ("followers_min", "followers_max", "audience_gender", "audience_age_min", "audience_age_max",
                  "min_engagement_rate", "creators_count", "creator_gender"):
        if data[field] is not None:
            out[field] = data[field]
    for field in ("budget", "max_price_per_post"):
        if data[field] is not None:
            out[field] = data[field]
    return out


def _without_filler(phrase: str) -> str:
    return " ".join(w for w in phrase.split() if w.lower() not in v.FILLER_WORDS)


def _is_topic(phrase: str) -> bool:
    words = _TOPIC_WORD.findall(phrase.lower())
    return bool(words) and not any(w in v.INSTRUCTION_WORDS for w in words) and not any(
        noun.fullmatch(phrase) for noun in _NOUNS.values())


def fields_named(clause: str) -> list[str]:
    """The criteria fields a text names by a noun ("budget", "followers", "countries")."""
    out: list[str] = []
    for noun, pattern in _NOUNS.items():
        if pattern.search(clause):
            out += _fields_of_noun_key(noun)
    if "audience_countries" in out:
        out = [f for f in out if f != "creator_countries"]
    return list(dict.fromkeys(out))


def _fields_of_noun_key(noun: str) -> list[str]:
    return list(v.FIELD_GROUPS.get(noun, (noun,)))


def _fields_of_noun(word: str) -> list[str]:
    for noun, pattern in _NOUNS.items():
        if pattern.search(word):
            return _fields_of_noun_key(noun)
    return ["creator_countries"]


def _money_edit(clause: str, named: list[str], criteria: CampaignCriteria, removing: bool) -> FieldEdit | None:
    field = "max_price_per_post" if "max_price_per_post" in named else "budget" if "budget" in named else None
    if field is None or removing:
        return None
    amounts = [m for m in _AMOUNT.finditer(clause) if m.group("num")]
    if not amounts:
        return None
    m = amounts[-1]
    number = float(m.group("num").replace(",", "")) if m.group("num").count(",") and len(m.group("num").split(",")[-1]) == 3 \
        else float(m.group("num").replace(",", "."))
    unit = (m.group("unit") or "").lower()
    number *= {"k": 1e3, "thousand": 1e3, "tausend": 1e3, "mil": 1e3, "m": 1e6, "million": 1e6, "mio": 1e6}.get(unit, 1)
    code = (m.group("pre") or m.group("post") or "").lower()
    currency = _CURRENCY.get(code, code.upper() if len(code) == 3 else None)
    old = getattr(criteria, field)
    currency = currency or (old.currency if old else None) or (criteria.budget.currency if criteria.budget else None) or "USD"
    return FieldEdit(field=field, op="set", value={"amount": number, "currency": currency})


def _dedupe(edits: list[FieldEdit]) -> list[FieldEdit]:
    """Each edit once; a removal a set or replace of the same field already made is dropped
    ("I meant Austria, not Germany": the set to Austria has taken Germany out)."""
    seen: set[str] = set()
    out: list[FieldEdit] = []
    for e in edits:
        key = e.model_dump_json()
        if key in seen:
            continue
        if e.op == "remove" and any(o.field == e.field and o.op in ("set", "replace")
                                    and not set(e.values) & set(o.values) for o in out):
            continue
        seen.add(key)
        out.append(e)
    return out
