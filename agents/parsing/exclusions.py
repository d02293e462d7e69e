"""Competitor/brand exclusions and handle exclusions.

"anyone who worked with Shein or Temu", "no creators who promoted Nike", "exclude partners
of Red Bull", "not working with competitors like Glossier" → exclude_brands;
"exclude @jane.bakes", "not @foo or @bar", "except @x" → exclude_handles. Brand names
are kept as written; a handle mentioned without avoidance ("like @x") is only a reference.
"""

from __future__ import annotations

import re

from agents.parsing.text import Brief, Finding

_NEG_CUE = re.compile(
    r"\b(?:no|not|never|exclude[sd]?|excluding|avoid(?:ing)?|without|except|skip|leave\s+out|rule\s+out|"
    r"filter\s+out|remove|drop|ban|don'?t\s+(?:want|include)|do\s+not\s+(?:want|include)|minus|"
    r"außer|ohne|keine?|sin|excepto|sauf|sans|pas)\b",
    re.IGNORECASE,
)
_WHO = (r"(?:who|that|which)\s+(?:has\s+|have\s+|had\s+|is\s+|are\s+)?(?:recently\s+|previously\s+|already\s+|ever\s+|"
        r"currently\s+|been\s+)?(?:work(?:s|ed|ing)?|partner(?:s|ed|ing)?|collaborat(?:es|ed|ing)|collab(?:s|bed)?|"
        r"post(?:s|ed)\s+(?:for|about)|done\s+(?:ads?|deals?|campaigns?|sponsorships?|content)|"
        r"promot(?:es|ed|ing)|advertis(?:es|ed|ing)|sponsored|paid|repp?(?:s|ed)|represent(?:s|ed)|"
        r"endors(?:es|ed|ing)|ambassadors?|(?:done|did|does|made|makes|ran|runs|posted|created)\s+(?:[\w-]+\s+){0,2}?"
        r"(?:for|with)\b)(?:\s+(?:with|for|by|of))?")
# "must not have promoted X", "shouldn't have worked with X"
_NOT_VERB = (r"(?:\bnot|\bnever|n't)\s+(?:have\s+|has\s+|had\s+|be\s+|been\s+|ever\s+)*(?:promoted|worked\s+with|"
             r"partnered\s+with|collaborated\s+with|advertised(?:\s+for)?|endorsed|been\s+sponsored\s+by|"
             r"repped|represented|(?:done|made|posted)\s+(?:[\w-]+\s+){0,2}?(?:for|with))")
_WHO_NEGATED = (r"(?:who|that)\s+(?:has|have|had)(?:n'?t|\s+not|\s+never)\s+(?:\w+\s+){0,2}?"
                r"(?:with|for|by|promoted|advertised|endorsed)")
_TRIGGERS = re.compile(
    rf"\b(?P<subj>(?:anyone|anybody|one|nobody|creators?|influencers?|people|accounts?|those|talent)\s+)?"
    rf"(?:(?P<neg_who>{_WHO_NEGATED})|(?P<who>{_WHO}))\s+"
    rf"|(?P<not_verb>{_NOT_VERB})\s+"
    r"|(?P<coop>\b(?:kooperation(?:en)?|zusammenarbeit(?:en)?|colaboraci[oó]n(?:es)?|collaborations?|partenariats?|"
    r"partnerships?|deals?|sponsorships?)\s+(?:mit|con|with|avec)\s+)"
    r"|(?P<of>\b(?:partners?|ambassadors?|affiliates?|collaborators?)\s+(?:of|for)\s+)"
    r"|(?P<comp>\b(?:competitors?|competing\s+brands?|rival\s+brands?|rivals|competition|"
    r"(?:excluded|blocked|blacklisted|banned)\s+brands?|brand\s+(?:block|black)list|konkurrenten?|competencia|"
    r"concurrents?)\s*(?:like|such\s+as|e\.?g\.?,?|including|incl\.?|namely|:|\(|-|wie|como|comme)\s*)"
    r"|(?P<by>\b(?:sponsored|promoted|paid|endorsed)\s+by\s+)"
    r"|(?P<with>\b(?:work(?:s|ed|ing)?|partner(?:ed|ing)?|collaborat(?:ed|ing))\s+with\s+)",
    re.IGNORECASE,
)
_POSITIVE = re.compile(r"\b(?:want|love|prefer|like|need|looking\s+for|ideally|great\s+if|bonus)\b", re.IGNORECASE)
_TOKEN = re.compile(r"(?:the\s+)?([\w][\w&'.+!-]*)")
_CAP_TOKEN = re.compile(r"\s+([A-Z0-9][\w&'.+!-]*)")
_GLUE = re.compile(r"\s*(?:,|/|&|\bor\b|\band\b|\bnor\b|\boder\b|\bund\b|\bo\b|\bou\b|\bni\b|\bnoch\b)\s*"
                   r"(?:(?:or|and)\s+)?")
_STOP = {
    "in", "the", "last", "past", "before", "recently", "within", "during", "this", "that", "any", "other",
    "brands", "brand", "companies", "company", "competitors", "competitor", "them", "us", "our", "a", "an",
    "similar", "etc", "year", "years", "months", "month", "who", "which", "on", "for", "with", "to", "is",
    "are", "we", "you", "they", "it", "its", "their", "and", "or", "also", "no", "not", "at", "as", "if",
    "instagram", "tiktok", "youtube", "creators", "influencers", "creator", "influencer", "accounts",
    "big", "major", "fast", "fashion", "beauty", "brands'", "ones", "such", "like", "e.g.", "eg", "etc.",
}
_GENERIC_SAFETY = re.compile(r"alcohol|gambling|casino|betting|tobacco|vap|cannabis|weed|crypto|politic", re.I)
_BRAND_NOUN = re.compile(r"\s*(?:partners?|ambassadors?|partnerships?|collabs?|collaborations?|deals?|sponsors?|"
                         r"sponsorships?|affiliates?|creators?|campaigns?|ads)\b", re.IGNORECASE)
_REFERENCE = re.compile(r"\s+(?:competitors?|rivals?|alternatives?)\b", re.IGNORECASE)
_NEG_BRAND_LIST = re.compile(r"\b(?:no|not|exclude|excluding|avoid|without)\s+(?:current\s+|past\s+|recent\s+|"
                             r"existing\s+|previous\s+)?(?-i:(?=[A-Z0-9]))", re.IGNORECASE)


def scan_brands(text: str, pos: int, limit: int, capital_first: bool = False) -> tuple[list[str], int]:
    """Brand names from `pos`: "Shein or Temu", "Red Bull, H&M and L'Oréal"."""
    brands: list[str] = []
    end = pos
    while len(brands) < 10:
        m = _TOKEN.match(text, pos, limit)
        if not m:
            break
        first = m.group(1).rstrip(".,'")
        if first.lower() in _STOP or first.isdigit() or (capital_first and not first[:1].isupper()):
            break
        words = [first]
        cur = m.end()
        while len(words) < 4:
            c = _CAP_TOKEN.match(text, cur, limit)
            if not c or c.group(1).rstrip(".,'").lower() in _STOP:
                break
            words.append(c.group(1))
            cur = c.end()
        name = re.sub(r"\s+", " ", text[m.start(1):cur]).rstrip(".,;:'")
        if name.endswith("'s"):
            name = name[:-2]
        if not name:
            break
        brands.append(name)
        end = m.start(1) + len(text[m.start(1):cur].rstrip(".,;:'"))
        g = _GLUE.match(text, cur, limit)
        if not g or g.end() == cur:
            break
        pos = g.end()
    return brands, end


def extract_brands(brief: Brief) -> tuple[list[Finding], list[str]]:
    found: list[Finding] = []
    warnings: list[str] = []
    text = brief.text
    for m in _TRIGGERS.finditer(text):
        if not brief.is_free(*m.span()):
            continue
        left = brief.left(m.start(), 80)
        negated = bool(_NEG_CUE.search(left) or m["neg_who"] or m["comp"] or m["not_verb"])
        if m["who"] and not negated and (m["subj"] or "").strip().lower() in ("anyone", "anybody") \
                and not _POSITIVE.search(left):
            negated = True
        if not negated:
            continue
        _, s_end = brief.sentence(m.end())
        brands, end = scan_brands(text, m.end(), s_end)
        if brands and _REFERENCE.match(text, end):
            brands = brands[:-1]  # "sponsored by GitHub Copilot competitors like ...": the reference brand
        brands = [b for b in brands if not _GENERIC_SAFETY.search(b) or b[:1].isupper()]
        if not brands:
            continue
        start = m.start()
        cues = list(_NEG_CUE.finditer(left))
        if cues and not m["comp"]:
            start = m.start() - len(left) + cues[-1].start()
        brief.consume(start, end)
        for b in brands:
            found.append(Finding("exclude_brands", b, start, end))
    for m in _NEG_BRAND_LIST.finditer(text):
        if not brief.is_free(*m.span()):
            continue
        _, s_end = brief.sentence(m.end())
        brands, end = scan_brands(text, m.end(), s_end, capital_first=True)
        if brands and _BRAND_NOUN.match(text, end):
            brief.consume(m.start(), end)
            found.extend(Finding("exclude_brands", b, m.start(), end) for b in brands)
    if not found and re.search(r"\bcompetitors?\b|\bcompeting\s+brands\b", text, re.IGNORECASE):
        warnings.append("competitors are mentioned but not named; name them to exclude them")
    return found, warnings


_HANDLE = re.compile(r"(?<![\w@.])@([A-Za-z0-9_](?:[\w.]{0,28}[\w])?)")
_HANDLE_CUE = re.compile(
    r"\b(?:exclude[sd]?|excluding|except(?:\s+for)?|not|no|without|minus|but\s+not|other\s+than|besides|avoid|"
    r"skip|leave\s+out|drop|ignore|blacklist|blocklist|never|don'?t\s+include|außer|ohne|excepto|sin|sauf|sans|"
    r"already\s+(?:booked|signed|working\s+with|work\s+with|have|partnered\s+with|contracted))"
    r"(?:\s+(?:creators?|influencers?|accounts?|the\s+account|handles?|people|anyone|like|such\s+as|e\.g\.)){0,3}"
    r"\s*:?\s*$",
    re.IGNORECASE,
)
_HANDLE_TRAIL = re.compile(r"^\s*(?:\((?:excluded|booked)\)|(?:is|are)?\s*(?:excluded|out|off[\s-]limits|"
                           r"already\s+(?:booked|signed|on\s+board)|not\s+(?:wanted|allowed|an\s+option)))",
                           re.IGNORECASE)
_HANDLE_GLUE = re.compile(r"\s*(?:,|/|&|\bor\b|\band\b|\bnor\b|\bni\b|\bnoch\b|\bou\b|\bo\b|\boder\b)?\s*"
                          r"(?:(?:or|and)\s+)?")


def extract_handles(brief: Brief) -> tuple[list[Finding], list[str]]:
    text = brief.text
    mentions = [m for m in _HANDLE.finditer(text) if brief.is_free(*m.span())]
    groups: list[list[re.Match[str]]] = []
    for m in mentions:
        if groups and _HANDLE_GLUE.fullmatch(text, groups[-1][-1].end(), m.start()):
            groups[-1].append(m)
        else:
            groups.append([m])
    found: list[Finding] = []
    references: list[str] = []
    for group in groups:
        first, last = group[0], group[-1]
        left = brief.left(first.start(), 60)
        cue = _HANDLE_CUE.search(left)
        trail = _HANDLE_TRAIL.match(text[last.end():last.end() + 40])
        start, end = first.start(), last.end()
        if cue:
            start = first.start() - len(left) + cue.start()
        if trail:
            end = last.end() + trail.end()
        brief.consume(start, end)
        if cue or trail:
            found.extend(Finding("exclude_handles", h.group(1), start, end) for h in group)
        else:
            references.extend("@" + h.group(1) for h in group)
    warnings = [f"{', '.join(references)} mentioned as a reference, not used as a filter"] if references else []
    return found, warnings
