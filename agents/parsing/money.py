"""Budgets and per-post price caps in any currency: "$15k", "5.000 €", "₹5 lakh", "R$10 mil".

Findings carry `(amount, currency)`; the currency may still be a placeholder ("JPY?",
"kr?", "pesos?") that `resolve_currency` settles once the countries are known.
"""

from __future__ import annotations

import re

from agents.parsing.currencies import CURRENCY_BY_COUNTRY, KRONA_BY_COUNTRY, PESO_BY_COUNTRY, PREFIXES, SUFFIXES
from agents.parsing.numbers import (
    MULT, NUM, WORD_NUM, multiplier, parse_number, quantity_value, range_values, word_number,
)
from agents.parsing.text import Brief, Finding, fmt_money


def _alternation(entries: tuple[tuple[str, str, bool], ...]) -> str:
    parts = []
    for token, _, case in sorted(entries, key=lambda e: len(e[0]), reverse=True):
        esc = re.escape(token)
        if token[-1].isalpha():
            esc += r"(?![^\W\d_])"  # "eur" must not start "europe"
        parts.append(esc if case else f"(?i:{esc})")
    return "(?:" + "|".join(dict.fromkeys(parts)) + ")"


_PRE = _alternation(PREFIXES)
_SUF = _alternation(SUFFIXES)
_CODE_OF: dict[str, str] = {}
for _tok, _code, _case in PREFIXES + SUFFIXES:
    _CODE_OF.setdefault(_tok if _case else _tok.lower(), _code)

_MONEY = re.compile(
    rf"(?<![\w$€£¥₹])(?:(?P<pre>{_PRE}) ?)?(?P<a>{NUM})(?P<am>{MULT})?(?: ?(?P<mid>{_SUF}))?"
    rf"(?: ?(?P<sep>-|to|bis|a|à|and|und|y|et) ?(?:(?P<pre2>{_PRE}) ?)?(?P<b>{NUM})(?P<bm>{MULT})?)?"
    rf"(?: ?(?P<suf>{_SUF}))?"
)
# Lakh and crore imply rupees even without a sign ("2 crore budget").
_INDIAN_MULT = re.compile(r"(?i:lakhs?|lacs?|crores?|cr)")
_BETWEEN = re.compile(r"(?i:between|zwischen|entre|from|von|de)\s*$")
_PER_POST_RIGHT = re.compile(
    r"^\s*(?:(?:max(?:imum)?|tops|cap|each|or less)\s*)?(?:/|per|a|each|pro|je|por|par)\s*"
    r"(?:single\s+)?(?:post|creator|influencer|video|reel|piece|deliverable|content|collab(?:oration)?|"
    r"placement|story|short|tiktok|story|beitrag|publicaci[oó]n|creador|publication|cr[ée]ateur|"
    r"influenceur|head|person|partner|account)s?(?:\s*(?:/|or)\s*(?:post|creator|video|piece)s?)*"
    r"|^\s*each\b|^\s*(?:a|per)\s+pop\b",
    re.IGNORECASE,
)
_PER_POST_LEFT = re.compile(
    r"(?:per|pro|por|par|each|a)\s+(?:post|creator|influencer|video|reel|piece|deliverable|beitrag|"
    r"publicaci[oó]n|creador|publication|cr[ée]ateur)s?\b[^.;,\d]{0,25}$"
    r"|(?:rate|fee|price)s?\s*(?:cap|limit|ceiling)?\s*(?:of|at|:|is|up to|under|below|max(?:imum)?)?[^.;\d]{0,12}$"
    r"|(?:cap|ceiling)\s*(?:of|at|:)?\s*$",
    re.IGNORECASE,
)
_BUDGET_CUE = re.compile(
    r"budget|total|spend|overall|in all|presupuesto|etat|gesamt|enveloppe|investment|inversi[oó]n",
    re.IGNORECASE,
)
_BUDGET_LEFT = re.compile(
    r"\b(?:(?:total|overall|campaign|our|the|a|max(?:imum)?)\s+)*(?:budget|presupuesto|gesamtbudget|etat)"
    r"(?:\s+(?:is|of|de|von|du|around|about|up\s+to|total|max(?:imum)?|de\s+hasta)|\s*[:=])*\s*$",
    re.IGNORECASE,
)
_BUDGET_RIGHT = re.compile(r"\s*(?:total\s+|overall\s+|campaign\s+)?(?:budget|presupuesto)\b", re.IGNORECASE)
# Money that is neither budget nor cap: product value, gifts, fees we don't model.
_OTHER_LEFT = re.compile(
    r"(?:worth|valued at|value of|retail|rrp|msrp|priced at|costs?|voucher|gift card|discount|"
    r"revenue|sales|raised|funding|valuation|at least|minimum|min\.?|from)\s*(?:of|at|:)?\s*$",
    re.IGNORECASE,
)
_OTHER_RIGHT = re.compile(r"^\s*(?:product|gift|voucher|discount|revenue|in sales|worth of product)",
                          re.IGNORECASE)


def _code(token: str | None) -> str | None:
    if not token:
        return None
    return _CODE_OF.get(token) or _CODE_OF.get(token.lower())


def _has_between(brief: Brief, pos: int) -> bool:
    return bool(_BETWEEN.search(brief.left(pos, 20)))


def extract_money(brief: Brief) -> list[Finding]:
    """Find amounts with a currency (or lakh/crore) and say whether each is budget or cap."""
    found: list[Finding] = []
    for m in _MONEY.finditer(brief.text):
        if not brief.is_free(m.start(), m.end()):
            continue
        currency = _code(m["pre"]) or _code(m["mid"]) or _code(m["pre2"]) or _code(m["suf"])
        if currency is None and (m["am"] and _INDIAN_MULT.fullmatch(m["am"].strip())
                                 or m["bm"] and _INDIAN_MULT.fullmatch(m["bm"].strip())):
            currency = "INR"
        if currency is None:
            continue
        end = m.end()
        mil = 1e3 if currency.rstrip("?") in _MIL_THOUSAND else brief.mil
        amount, note = quantity_value(m["a"], m["am"], mil), ""
        if m["b"]:
            and_like = m["sep"].lower() in {"and", "und", "y", "et"}
            lo, hi = range_values(m["a"], m["am"], m["b"], m["bm"], mil)
            if (and_like and not _has_between(brief, m.start())) or lo > hi:
                end = m.end("mid") if m["mid"] else m.end("am") if m["am"] else m.end("a")
                if not (m["pre"] or m["mid"]):  # the currency belonged to the second number
                    continue
            else:
                amount = hi
                note = f"the range {m.group(0).strip()} read as its upper end, {fmt_money(hi, currency.rstrip('?'))}"
        if m["a"] and parse_number(m["a"]) == 0 and not m["am"]:
            continue
        found.append(_classify(brief, m.start(), end, amount, currency, note))
    for m in _WORDS_MONEY.finditer(brief.text):
        # "ten thousand dollars"
        if brief.is_free(*m.span()) and (n := word_number(m["w"])) is not None:
            currency = _code(m["suf"]) or "USD"
            scale = 100.0 if m["m"].lower() == "hundred" else multiplier(m["m"])
            found.append(_classify(brief, m.start(), m.end(), n * scale, currency, ""))
    for m in _BARE_BUDGET.finditer(brief.text):
        # "budget 3k": a budget with no currency; the countries settle it later.
        if brief.is_free(m.start("a"), m.end()) and not _NOT_MONEY.match(brief.text, m.end()):
            brief.consume(m.start(), m.end())
            found.append(Finding("budget", (quantity_value(m["a"], m["am"], brief.mil), "?"), m.start(), m.end()))
    return [f for f in found if f.field != "other"]


def _classify(brief: Brief, start: int, end: int, amount: float, currency: str, note: str) -> Finding:
    right = brief.right(end, 40)
    left = brief.left(start, 50)
    value = (amount, currency)
    per = _PER_POST_RIGHT.search(right)
    if _BUDGET_LEFT.search(left) and not per:
        return _budget(brief, start, end, value, note, left, right)
    if per:
        brief.consume(start, end + per.end())
        if re.search(r"creator|influencer|head|person|partner|account|creador|cr[ée]ateur|influenceur",
                     per.group(0), re.IGNORECASE) and not re.search(r"post|video|piece", per.group(0), re.I):
            note = (note + "; " if note else "") + "a price per creator read as the cap per post"
        return Finding("max_price_per_post", value, start, end + per.end(), note=note)
    if _PER_POST_LEFT.search(left):
        brief.consume(start, end)
        return Finding("max_price_per_post", value, start, end, note=note)
    if _OTHER_LEFT.search(left) or _OTHER_RIGHT.search(right):
        brief.consume(start, end)
        return Finding("other", value, start, end)
    return _budget(brief, start, end, value, note, left, right)


def _budget(brief: Brief, start: int, end: int, value: tuple[float, str], note: str, left: str,
            right: str) -> Finding:
    amount, currency = value
    brief.consume(start, end)
    for cue in (_BUDGET_LEFT.search(left), _BUDGET_RIGHT.match(right)):
        if cue:  # "budget" itself is a topic word elsewhere ("budget travel"); here it is ours
            offset = start - len(left) if cue.re is _BUDGET_LEFT else end
            brief.consume(offset + cue.start(), offset + cue.end())
    if not _BUDGET_CUE.search(left) and not _BUDGET_CUE.search(right[:25]):
        sentence = f"{fmt_money(amount, currency.rstrip('?'))} read as the total budget"
        note = f"{note}; {sentence}" if note else sentence
    return Finding("budget", value, start, end, note=note)


_WORDS_MONEY = re.compile(rf"\b(?P<w>{WORD_NUM})\s+(?P<m>hundred|thousand|million)\s+(?P<suf>{_SUF})",
                          re.IGNORECASE)
# Currencies of countries where "mil" is a thousand ("R$10 mil" even in an English brief).
_MIL_THOUSAND = {"BRL", "MXN", "ARS", "COP", "CLP", "PEN", "UYU", "EUR", "pesos"}
_BARE_BUDGET = re.compile(
    rf"\b(?:(?:total|overall|campaign)\s+)?(?:budget|presupuesto|gesamtbudget)(?:\s+(?:is|of|de|von|du|around|about|"
    rf"approx\.?|up\s+to|max(?:imum)?|total))*\s*[:=]?\s*(?P<a>{NUM})(?P<am>{MULT})?(?![\w%]|[.,]\d|\s?[+])",
    re.IGNORECASE,
)
_NOT_MONEY = re.compile(r"\s*(?:followers?|subs|subscribers?|creators?|influencers?|views|posts?|videos?)\b", re.I)
_CHINA = re.compile(r"(?i:\bchina\b|\bchinese\b|\bRMB\b|\bCNY\b|yuan|xiaohongshu|\bXHS\b|little red book|"
                    r"douyin|weibo|tmall|中国|小红书)")


def resolve_currency(code: str, text: str, countries: list[str]) -> tuple[str, str]:
    """Settle ambiguous signs; return (ISO code, assumption or '')."""
    if code == "JPY?":
        if _CHINA.search(text):
            return "CNY", "'¥' read as Chinese yuan (CNY) because the brief is about China"
        return "JPY", "'¥' read as Japanese yen (JPY)"
    if code == "kr?":
        for c in countries:
            if c in KRONA_BY_COUNTRY:
                return KRONA_BY_COUNTRY[c], f"'kr' read as {KRONA_BY_COUNTRY[c]} from the country {c}"
        return "SEK", "'kr' read as Swedish kronor (SEK); say DKK or NOK if meant"
    if code == "pesos?":
        for c in countries:
            if c in PESO_BY_COUNTRY:
                return PESO_BY_COUNTRY[c], f"'pesos' read as {PESO_BY_COUNTRY[c]} from the country {c}"
        return "MXN", "'pesos' read as Mexican pesos (MXN)"
    if code == "?":
        named = [CURRENCY_BY_COUNTRY[c] for c in countries if c in CURRENCY_BY_COUNTRY]
        top = max(set(named), key=named.count) if named else None
        if top and named.count(top) * 2 >= len(named):  # "EU": most countries pay in euros
            return top, f"the budget names no currency; read as {top} from the countries in the brief"
        return "USD", "the budget names no currency; read as USD"
    return code, ""
