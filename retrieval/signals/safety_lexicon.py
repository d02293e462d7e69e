"""Brand-safety lexicon per category (DESIGN 5.3 `exclude_topics` categories).

Matching is on whole word tokens (never substrings), so "shot" never matches inside
"photoshoot" and single ambiguous words are avoided or fenced by context:

- ambiguous words are left out entirely ("shot", "high", "pot", "coke", "acid", "xxx",
  "nude", "slots", "shooting", "jackpot", "sake", "rum", "vin"; "rosé" is also a
  Blackpink singer and "kkk" is Vietnamese laughter, so only "rosé wine" and
  "ku klux klan" count);
- the rest carry a context fence: a neighbour word that cancels the hit, e.g. "wine
  red", "cigarette pants", "pistol squat", "glue gun", "poker face", "drunk elephant"
  (a skincare brand), "food porn", "killing it", "killing me", "assault bike",
  "hangover setting spray", "root beer", "trump card".

Terms are multilingual where easy (Bier/Wein/cerveza/vino, casino/apuestas/Wetten).
Hashtag compounds ("craftbeer", "sportsbetting") are listed explicitly, since tags have
no spaces; a few terms count only as whole hashtags (#420, #2a, #vote). Japanese and
Chinese, written without spaces, use a short list of substrings (ビール, 赌场, 选举 ...),
and a few emoji name a category by themselves (🍷 🍺 🥂 🎰 🚬 🔞).

On top of the terms written here, `lexicon/*.tsv` adds public, licensed word lists with a
severity per term (sources and licences in `lexicon/README.md`): slurs and profanity in
English (Surge AI's list), German, Spanish, French, Portuguese and Vietnamese, threats,
drug slang, and alcohol, gambling and tobacco brand names. Obfuscated spellings
(`n*gga`, `h0e`, `f u c k`, `fuuuck`) are read through `obfuscation.extra_tokens`, and
hate without slurs through the identity + derogation rule of `hate_rules`.

Severity: `severe` (slurs), `strong` (strong profanity, threats), `mild` (mild
profanity such as "damn", "wtf"), `topic` (a category's subject: beer, casino, rifle).
"""

from __future__ import annotations

import csv
import re
from bisect import bisect_right
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import Sequence

from retrieval.schema import Post
from retrieval.signals.hate_rules import DEROGATION, DETERMINERS, GROUP_WORDS, IDENTITY, PEOPLE_NOUNS, WINDOW
from retrieval.signals.obfuscation import any_suspect, extra_tokens
from retrieval.signals.text import PostText, post_text, words

LEXICON_DIR = Path(__file__).with_name("lexicon")
SEVERITIES: tuple[str, ...] = ("topic", "mild", "strong", "severe")
# Severity of the terms written in LEXICON below (profanity and hate; the rest are topics).
_MILD_PROFANITY = frozenset("wtf shit shitty bullshit bitch bitches scheiße scheisse mierda merde".split())

LEXICON: dict[str, tuple[str, ...]] = {
    "alcohol": (
        "beer", "beers", "bier", "biere", "bière", "cerveza", "cervezas", "cerveja", "birra",
        "wine", "wines", "wein", "weine", "vino", "vinos", "vinho", "sekt", "prosecco",
        "champagne", "whisky", "whiskey", "vodka", "tequila", "mezcal", "gin", "bourbon",
        "cognac", "brandy", "liquor", "booze", "schnapps", "schnaps", "cocktail", "cocktails",
        "margarita", "margaritas", "mojito", "mojitos", "sangria", "aperol", "rosé wine", "rosé all day",
        "brewery", "breweries", "brauerei", "cervecería", "winery", "weingut", "sommelier",
        "bartender", "hangover", "drunk", "tipsy", "rượu", "nhậu",
        "happy hour", "craft beer", "wine tasting", "beer pong", "open bar", "tequila shots",
        "jello shots", "pub crawl", "bia hơi",
        "craftbeer", "beerstagram", "beerlover", "beertime", "beeroftheday", "instabeer",
        "winelover", "winelovers", "winetime", "winetasting", "wineoclock", "winestagram",
        "instawine", "cocktailsofinstagram", "cocktailtime", "whiskylover", "whiskeylover",
        "ginandtonic", "happyhour", "drinkresponsibly", "roséallday",
        "mimosas", "bottomless mimosa", "negroni", "caipirinha", "weinprobe", "feierabendbier",
        "prost", "bières", "vinhos", "dégustation de vin", "vin rouge", "vin blanc", "verre de vin",
        "chupitos",
    ),
    "gambling": (
        "casino", "casinos", "gambling", "gamble", "gambler", "betting", "sportsbook",
        "bookmaker", "poker", "roulette", "blackjack", "baccarat", "lotto", "parlay",
        "apuestas", "apuesta", "apostas", "aposta", "cassino", "sportwetten", "wetten",
        "wettanbieter", "glücksspiel", "spielothek", "tragamonedas",
        "slot machine", "slot machines", "online slots", "sports betting", "place your bets",
        "cá cược", "nhà cái",
        "onlinecasino", "casinolife", "sportsbetting", "pokerlife", "pokernight", "bettingtips",
        "free spins", "wettquoten", "aposté", "apostar", "apostei", "casino bonus",
    ),
    "tobacco": (
        "cigarette", "cigarettes", "cigar", "cigars", "tobacco", "smoking", "vape", "vapes",
        "vaping", "juul", "hookah", "shisha", "nicotine", "snus", "iqos", "zigarette",
        "zigaretten", "tabak", "rauchen", "cigarrillo", "cigarrillos", "tabaco", "cigarro",
        "cigarros", "thuốc lá",
        "vapelife", "vapenation", "cigarlife", "cigaroftheday", "hookahlife",
    ),
    "drugs": (
        "cocaine", "kokain", "cocaína", "heroin", "meth", "methamphetamine", "weed",
        "marijuana", "marihuana", "maconha", "cannabis", "thc", "lsd", "mdma", "ketamine",
        "psilocybin", "stoner", "drogas", "drogen",
        "magic mushrooms", "smoke weed", "get high",
        "weedstagram", "stonernation", "420friendly", "cannabiscommunity", "smokeweed",
        "edibles", "microdosing", "microdosing shrooms", "happy 4 20", "420 friendly", "puff puff pass",
    ),
    "adult": (
        "porn", "porno", "pornhub", "nsfw", "onlyfans", "nudes", "fetish", "erotic", "erotica",
        "sexcam", "camgirl", "sextoy", "sextoys",
        "only fans", "sex toy", "sex toys", "adult content", "sex tape",
        "uncensored", "18 only", "18 content", "spicy pics", "adultcontent", "18plus",
    ),
    "violence": (
        "murder", "murdered", "killing", "stabbing", "stabbed", "massacre", "beheading",
        "bloodbath", "torture", "gore", "assault", "violence", "gewalt", "violencia",
        "asesinato", "mord",
        "mass shooting", "school shooting", "street fight", "fight video", "beat up",
        "brawl", "brawls", "road rage", "blood everywhere", "streetfight", "fightvideo",
    ),
    "weapons": (
        "gun", "guns", "firearm", "firearms", "rifle", "rifles", "pistol", "pistols",
        "handgun", "handguns", "shotgun", "ammo", "ammunition", "glock", "waffe", "waffen",
        "gewehr", "pistola", "pistolas", "armas",
        "ar 15", "ak 47", "concealed carry", "gun range", "shooting range", "assault rifle",
        "gunsofinstagram", "gunlife", "ar15", "ak47", "pewpew",
        "holster", "tactical knife", "gunrange", "tacticalgear",
    ),
    "politics": (
        "election", "elections", "politics", "political", "politician", "politicians", "trump",
        "biden", "democrats", "republicans", "maga", "parliament", "senator", "bundestag",
        "wahlkampf", "bundestagswahl", "elecciones", "eleições",
        "trump2020", "trump2024", "vote blue", "vote red",
        "campaign rally", "vote them out", "élection", "élections", "eleição", "comício", "mitin",
        "wählen gehen", "geht wählen",
    ),
    "profanity": (
        "fuck", "fucking", "fuckin", "fucked", "fck", "motherfucker", "shit", "shitty",
        "bullshit", "bitch", "bitches", "asshole", "cunt", "wtf", "stfu", "scheiße",
        "scheisse", "mierda", "puta", "putain", "merde", "cazzo", "joder", "caralho", "porra",
    ),
    "hate": (
        "nazi", "nazis", "ku klux klan", "subhuman", "untermensch", "1488",
        "white power", "heil hitler", "sieg heil", "white supremacy", "white supremacist",
        "ethnic cleansing", "race war", "neo nazi",
        "don't belong here", "dont belong here", "send them back", "send them all back",
        "stay out of our country", "shouldn't be allowed in this country", "culture is being replaced",
        "great replacement", "sendthemback", "saveourculture", "theydontbelong",
    ),
}

# Only as a whole hashtag: as words these are numbers or everyday words.
HASHTAG_ONLY: dict[str, str] = {"420": "drugs", "2a": "weapons", "vote": "politics", "nsfw": "adult"}

# Scripts written without spaces: plain substring terms (checked on non-ASCII text only).
CJK_TERMS: dict[str, str] = {
    "ワイン": "alcohol", "ビール": "alcohol", "日本酒": "alcohol", "红酒": "alcohol", "啤酒": "alcohol",
    "鸡尾酒": "alcohol", "精酿": "alcohol", "微醺": "alcohol", "白酒": "alcohol",
    "カジノ": "gambling", "賭け": "gambling", "赌场": "gambling", "赌博": "gambling", "博彩": "gambling",
    "タバコ": "tobacco", "香烟": "tobacco", "大麻": "drugs",
    "選挙": "politics", "选举": "politics", "竞选": "politics",
    "クソ": "profanity", "他妈的": "profanity", "我靠": "profanity",
}
# Emoji that name the category by themselves.
EMOJI: dict[str, str] = {
    "🍷": "alcohol", "🍺": "alcohol", "🍻": "alcohol", "🥂": "alcohol", "🥃": "alcohol",
    "🍸": "alcohol", "🍾": "alcohol", "🍶": "alcohol", "🎰": "gambling", "🚬": "tobacco", "🔞": "adult",
}

# word -> (previous words that cancel it, next words that cancel it)
CONTEXT_FENCES: dict[str, tuple[frozenset[str], frozenset[str]]] = {
    k: (frozenset(p.split()), frozenset(n.split())) for k, (p, n) in {
        "wine": ("", "red colored coloured color colour lipstick lip shade nail nails hair velvet tone stain gums"),
        "champagne": ("", "gold color colour shade highlighter hair blonde toast"),
        "hangover": ("", "setting spray primer"),
        "porra": ("", "antequerana"),
        "apostar": ("", "por"),
        "aposté": ("", "por"),
        "apostei": ("", "em no na"),
        "bourbon": ("", "vanilla"),
        "vodka": ("", "sauce pasta"),
        "beers": ("root ginger", ""),
        "cocktail": ("vitamin smoothie fruit", "dress dresses ring attire sauce"),
        "cocktails": ("vitamin smoothie fruit mocktails", "dress dresses rings"),
        "drunk": ("", "elephant"),
        "poker": ("", "face"),
        "wetten": ("", "dass"),
        "cigarette": ("", "pants trousers jeans leg"),
        "weed": ("garden pull pulling sea", "killer control barrier free"),
        "porn": ("food earth cabin book travel sky plant car shoe room", ""),
        "killing": ("", "it me us him her them"),
        "gore": ("al", ""),
        "gun": ("glue heat nail massage water nerf spray staple airbrush caulk caulking squirt top bubble", "metal grey gray shy"),
        "guns": ("water nerf glue massage bubble", "out n"),
        "rifle": ("", "paper"),
        "pistol": ("sentadilla agachamento", "squat squats"),
        "pistols": ("", "squat squats"),
        "trump": ("", "card cards"),
        "nazi": ("grammar soup", ""),
        "assault": ("", "rifle bike bikes"),
        # added with the public lexicons (issue 14)
        "pistola": ("", "squat de cola silicona"),
        "pistolet": ("squat", "à a squat"),
        "pistolen": ("", "kniebeugen"),
        "súng": ("", "nước keo"),
        "gin": ("", "gerbread"),
        "beer": ("root ginger", "battered"),
        "alcohol": ("no non zero", "free"),
        "vinho": ("cor", ""),
        "betting": ("", "myself yourself ourselves"),
        "casino": ("", "royale"),
        "lottery": ("", "of"),
        "smoking": ("quit stop stopped quitting", "hot gun"),
        "murder": ("", "mystery"),
        "tuer": ("", "le"),
        "giết": ("", "thời"),
        "matar": ("", "el a saudade tempo"),
        "dick": ("", "s van"),
    }.items()
}
# Words that are everyday words in another language ("hoe" is Dutch for "how"): they
# count after one of these words, or when written obfuscated ('h0e'), which no Dutch
# sentence does.
REQUIRE_PREVIOUS: dict[str, frozenset[str]] = {
    "hoe": frozenset("a the that this you ur your my his stupid dumb blind lil little ass these those some "
                     "like dirty broke fake".split()),
}

# Words too common to anchor a phrase: a phrase is looked up from its longest uncommon
# word ("happy hour" from "hour", "adult content" from "adult"), or its first word when
# all are common, so everyday words in captions and comments rarely trigger checks.
_COMMON: frozenset[str] = frozenset("""
a an the of to in on at by for with and or is are be being t s don do not all out up our your my
this that them they it we you me he him her his great free only get got open white school stay send
happy place magic online sports mass street road race blood beat fight video vote 18 4 20 de la le
vin verre geht gehen puff pass only sex allowed country culture shouldn neo ku content back high
friendly need needs going gonna their those right off get life light link send trip clip haul brunch con
proud bag mega chicken tasting range should must every deserve deserves want wanna
""".split())

Entry = tuple[str, str]  # (category, severity)


def _lexicon_entries() -> list[tuple[tuple[str, ...], str, str]]:
    """(word tokens, category, severity) of every term: LEXICON above, then lexicon/*.tsv.

    Terms of the Surge list spell obfuscations themselves ('sh1t', '@ss', 's.o.b.'):
    they are read through the leet table, like obfuscated text at scan time; masked
    entries ('c*nt') are left to the run-time mask resolver."""
    from retrieval.signals.obfuscation import LEET

    out: list[tuple[tuple[str, ...], str, str]] = []
    for cat, terms in LEXICON.items():
        for term in terms:
            sev = "topic"
            if cat == "profanity":
                sev = "mild" if term in _MILD_PROFANITY else "strong"
            elif cat == "hate":
                sev = "severe"
            out.append((tuple(words(term)), cat, sev))
    for path in sorted(LEXICON_DIR.glob("*.tsv")):
        with path.open(encoding="utf-8", newline="") as fh:
            for row in csv.DictReader(fh, delimiter="\t"):
                term = row["term"]
                if row["source"] == "surge-ai/profanity":
                    if "*" in term:
                        continue
                    toks = tuple(re.findall(r"[^\W_]+", term.translate(LEET)))
                else:
                    toks = tuple(words(term))
                if toks:
                    out.append((toks, row["category"], row["severity"]))
    return out


def _keep_worst(entries: list[Entry], cat: str, sev: str) -> None:
    for k, (c, s) in enumerate(entries):
        if c == cat:
            if SEVERITIES.index(sev) > SEVERITIES.index(s):
                entries[k] = (cat, sev)
            return
    entries.append((cat, sev))


_UNIGRAMS: dict[str, list[Entry]] = {}
# anchor word -> [(phrase tokens, anchor offset in the phrase, category, severity)]
_PHRASES: dict[str, list[tuple[tuple[str, ...], int, str, str]]] = {}
for _toks, _cat, _sev in _lexicon_entries():
    if len(_toks) > 1 and all(len(t) == 1 for t in _toks):
        continue  # spelled-out letters ('f u c k'): read by `obfuscation` instead
    if len(_toks) == 1:
        _keep_worst(_UNIGRAMS.setdefault(_toks[0], []), _cat, _sev)
    else:
        _rare = [i for i, t in enumerate(_toks) if t not in _COMMON]
        _anchor = max(_rare, key=lambda i: (len(_toks[i]), i)) if _rare else 0
        _bucket = _PHRASES.setdefault(_toks[_anchor], [])
        if not any(seq == _toks and c == _cat for seq, _, c, _ in _bucket):
            _bucket.append((_toks, _anchor, _cat, _sev))
_HASH_ONLY_TAGGED: dict[str, str] = {"#" + t: c for t, c in HASHTAG_ONLY.items()}
_WORD_KEYS: frozenset[str] = frozenset(_UNIGRAMS) | frozenset(_PHRASES)
_RULE_KEYS: frozenset[str] = IDENTITY | DEROGATION | GROUP_WORDS
# Gate for caption tokens (hashtags keep their '#') and for comment tokens.
_GATE: frozenset[str] = (_WORD_KEYS | frozenset("#" + t for t in _WORD_KEYS) | frozenset(_HASH_ONLY_TAGGED)
                         | _RULE_KEYS)
_TAG_KEYS: frozenset[str] = frozenset(_UNIGRAMS) | frozenset(HASHTAG_ONLY)
_BREAKS = frozenset(("\n", "\x00"))
_EXTRAS = "\x01"  # before the de-obfuscated tokens of a text: a break for phrases, not for the hate rule
# Characters that start a CJK term or are a category emoji: checked with `in`, which
# is far faster than a regex character class over text with emoji.
_SYMBOL_CHARS: tuple[str, ...] = tuple(sorted({t[0] for t in CJK_TERMS} | {e[0] for e in EMOJI}))
_CJK_CHARS: tuple[str, ...] = tuple(sorted({t[0] for t in CJK_TERMS}))
_EMOJI_CHARS: tuple[str, ...] = tuple(sorted({e[0] for e in EMOJI}))
# Words people mask ('f*ck', 'n*gga'): the profanity and hate words, by first letter.
_MASKABLE: dict[str, list[str]] = {}
for _w, _entries in _UNIGRAMS.items():
    if any(c in ("profanity", "hate") for c, _ in _entries) and _w.isalpha() and len(_w) >= 3:
        _MASKABLE.setdefault(_w[0], []).append(_w)


@lru_cache(maxsize=4096)
def _resolve_mask_cached(pattern: str) -> tuple[str, ...]:
    if pattern.replace("*", "") == "":
        return ()
    if "*" not in pattern:
        return (pattern,) if pattern in _UNIGRAMS else ()
    if pattern[0] == "*":
        return ()  # people keep the first letter of a word they mask ('f*ck', 'n*gga')
    pool = _MASKABLE.get(pattern[0], [])
    for flex in (False, True):
        rx = re.compile("".join(
            (r"[^\W\d_]{%d,%d}" % (len(part), len(part) + 1) if flex else r"[^\W\d_]{%d}" % len(part)) if part[0] == "*"
            else re.escape(part)
            for part in re.findall(r"\*+|[^*]+", pattern)
        ))
        found = tuple(w for w in pool if rx.fullmatch(w))
        if found:
            return found[:1]
    return ()


def resolve_mask(pattern: str) -> list[str]:
    """Profanity and hate words that a masked spelling ('f*ck', 'n*gga') can stand for."""
    return list(_resolve_mask_cached(pattern))


def deobfuscated(text: str | None) -> list[str]:
    """Extra tokens for obfuscated spellings in `text` (see `obfuscation`)."""
    return extra_tokens(text, resolve_mask)


def _has_any(text: str, chars: tuple[str, ...]) -> bool:
    return any(ch in text for ch in chars)


@dataclass(frozen=True)
class Hit:
    category: str
    term: str
    field: str  # "text", "hashtags", "emoji" (an emoji in the caption) or "comments"
    severity: str = "topic"  # one of SEVERITIES
    score: float | None = None  # the classifier's probability, for its hits (`safety_scan`)


def _bare(token: str) -> str:
    return token[1:] if token[:1] == "#" else token


def _hate_rule(tokens: list[str], ident: list[int], derog: list[int]) -> list[tuple[int, str, str, str]]:
    """Identity word and derogation word within WINDOW tokens, with no text break between."""
    found = []
    for i in ident:
        for j in derog:
            if i != j and abs(i - j) <= WINDOW:
                lo, hi = min(i, j), max(i, j)
                if _BREAKS.isdisjoint(tokens[lo:hi]):
                    found.append((lo, "hate", f"{_bare(tokens[i])} … {_bare(tokens[j])}", "strong"))
                    break
    return found


def _scan_positions(tokens: list[str]) -> list[tuple[int, str, str, str]]:
    """(position, category, term, severity) of every hit in a token list, in text order.

    '#tag' tokens read as words (and a few count only as hashtags: #420); '@name'
    tokens never match. Context fences cancel ambiguous words. Candidates are found
    with one C-level set intersection, so clean text costs almost nothing."""
    candidates = _GATE.intersection(tokens)
    if not candidates:
        return []
    found: list[tuple[int, str, str, str]] = []
    ident: list[int] = []
    derog: list[int] = []
    n = len(tokens)
    for cand in candidates:
        positions = []
        i = -1
        while True:
            try:
                i = tokens.index(cand, i + 1)
            except ValueError:
                break
            positions.append(i)
        hash_only = _HASH_ONLY_TAGGED.get(cand)
        if hash_only:
            found += [(i, hash_only, cand[1:], "topic") for i in positions]
            continue
        if cand in IDENTITY:
            ident += positions
        elif cand in GROUP_WORDS:
            ident += [i for i in positions if (i > 0 and tokens[i - 1] in DETERMINERS)
                      or (i + 1 < n and tokens[i + 1] in PEOPLE_NOUNS)]
        if cand in DEROGATION:
            derog += positions
        tok = _bare(cand)
        for seq, offset, cat, sev in _PHRASES.get(tok, ()):
            k = len(seq)
            for i in positions:
                start = i - offset
                if start >= 0 and start + k <= n and tuple(_bare(t) for t in tokens[start:start + k]) == seq:
                    found.append((start, cat, " ".join(seq), sev))
        entries = _UNIGRAMS.get(tok)
        if not entries:
            continue
        fence = CONTEXT_FENCES.get(tok)
        required = REQUIRE_PREVIOUS.get(tok)
        for i in positions:
            if required and not (i > 0 and _bare(tokens[i - 1]) in required) and not _after_extras(tokens, i):
                continue
            if fence:
                prev = _bare(tokens[i - 1]) if i > 0 else ""
                nxt = _bare(tokens[i + 1]) if i + 1 < n else ""
                if prev in fence[0] or nxt in fence[1]:
                    continue
            found += [(i, cat, tok, sev) for cat, sev in entries]
    if ident:
        # threats and violence aimed at a group are hate too ("I want to kill all women")
        derog += [i for i, cat, _, _ in found if cat == "violence"]
        if derog:
            found += _hate_rule(tokens, ident, derog)
    found.sort(key=lambda x: x[0])
    return found


def _after_extras(tokens: list[str], i: int) -> bool:
    """True when token `i` is a de-obfuscated token (it follows the extras marker of its text)."""
    while i > 0:
        i -= 1
        if tokens[i] == _EXTRAS:
            return True
        if tokens[i] in _BREAKS:
            return False
    return False


def _with_extras(tokens: list[str], raw: str | None) -> list[str]:
    """`tokens` plus, after a break, the tokens obfuscated spellings in `raw` stand for."""
    extra = deobfuscated(raw)
    return tokens + [_EXTRAS] + extra if extra else tokens


def scan_tokens(tokens: list[str]) -> list[tuple[str, str]]:
    """(category, term) hits in a token list, in text order (see `_scan_positions`)."""
    return [(cat, term) for _, cat, term, _ in _scan_positions(tokens)]


def scan_cjk(text: str) -> list[tuple[str, str]]:
    """(category, term) hits of the CJK substring terms; ASCII text has none."""
    if text.isascii() or not _has_any(text, _CJK_CHARS):
        return []
    return [(cat, term) for term, cat in CJK_TERMS.items() if term in text]


def scan_emoji(text: str) -> list[tuple[str, str]]:
    if text.isascii() or not _has_any(text, _EMOJI_CHARS):
        return []
    return [(cat, e) for e, cat in EMOJI.items() if e in text]


def _cjk_severity(cat: str) -> str:
    return "strong" if cat == "profanity" else "topic"


def scan_detailed(text: str | None) -> list[tuple[str, str, str]]:
    """(category, term, severity) of word (obfuscations included), CJK and emoji hits in one text."""
    if not text:
        return []
    hits = [(c, t, s) for _, c, t, s in _scan_positions(_with_extras(words(text), text))]
    return hits + [(c, t, _cjk_severity(c)) for c, t in scan_cjk(text) + scan_emoji(text)]


def scan_text(text: str | None) -> list[tuple[str, str]]:
    """(category, term) of word (obfuscations included), CJK and emoji hits in one text."""
    return [(c, t) for c, t, _ in scan_detailed(text)]


def post_hits(post: Post, text: PostText | None = None, include_comments: bool = True) -> list[Hit]:
    """Every lexicon hit on a post: caption text, hashtags, and (optionally) sampled comments.

    `text` is the post's `PostText` when the caller already tokenised it.
    """
    if text is None:
        text = post_text(post)
    hits = [Hit(c, t, "text", s) for _, c, t, s in _scan_positions(_with_extras(text.tokens, post.text))]
    if post.text and not post.text.isascii():
        hits += [Hit(c, t, "text", _cjk_severity(c)) for c, t in scan_cjk(post.text)]
        hits += [Hit(c, t, "emoji") for c, t in scan_emoji(post.text)]
    for tag in post.hashtags:
        key = tag.casefold()
        entries = _UNIGRAMS.get(key) or ([(HASHTAG_ONLY[key], "topic")] if key in HASHTAG_ONLY else [])
        hits += [Hit(cat, key, "hashtags", sev) for cat, sev in entries]
    if include_comments:
        for raw, tokens in zip(text.comment_raws, text.comment_tokens):
            hits += [Hit(c, t, "comments", s) for _, c, t, s in _scan_positions(_with_extras(tokens, raw))]
            hits += [Hit(c, t, "comments", _cjk_severity(c)) for c, t in scan_cjk(raw) + scan_emoji(raw)]
    return list(dict.fromkeys(hits))


_SENTINEL = "\x00"  # never a word token (nor is "\n"): keeps phrases and fences inside one text


def safety_hits(posts: Sequence[Post], texts: Sequence[PostText] | None = None) -> dict[str, list[str]]:
    """Category -> ids of posts whose text, hashtags or sampled comments match it.

    Same answer as `post_hits` on every post, in one pass per creator: all caption and
    comment tokens go into one list (a sentinel between texts), so a clean creator costs
    a few C-level set operations instead of work per post and comment.
    """
    if texts is None:
        texts = [post_text(p) for p in posts]
    ends: list[int] = []       # token index just past each text's sentinel
    end_post: list[int] = []   # ... and the post that text belongs to
    tokens: list[str] = []
    symbol_texts: list[tuple[int, str]] = []
    raws = [pt.post.text for pt in texts if pt.post.text] + [c for pt in texts for c in pt.comment_raws]
    # Obfuscated spellings are rare: one cheap check per creator decides whether texts are read for them.
    deob = any_suspect({t for pt in texts for t in pt.tokens} | {t for pt in texts for t in pt.comment_flat}, raws,
                       _WORD_KEYS.__contains__)
    for i, pt in enumerate(texts):
        if pt.tokens or pt.comment_flat:
            # caption (+ its de-obfuscated tokens), then the comments ("\n" already
            # separates them; + theirs), then a sentinel
            tokens += _with_extras(pt.tokens, pt.post.text) if deob else pt.tokens
            tokens.append(_SENTINEL)
            tokens += _with_extras(pt.comment_flat, "\n".join(pt.comment_raws)) if deob and pt.comment_raws else pt.comment_flat
            tokens.append(_SENTINEL)
            ends.append(len(tokens))
            end_post.append(i)
        if pt.post.text and not pt.post.text.isascii():
            symbol_texts.append((i, pt.post.text))
        if pt.comment_raws:
            joined = "\n".join(pt.comment_raws)
            if not joined.isascii():
                symbol_texts.append((i, joined))
    hit_posts: dict[str, set[int]] = {}
    for pos, cat, _, _ in _scan_positions(tokens):
        hit_posts.setdefault(cat, set()).add(end_post[bisect_right(ends, pos)])
    for i, post in enumerate(posts):
        if post.hashtags and not _TAG_KEYS.isdisjoint(map(str.casefold, post.hashtags)):
            for tag in post.hashtags:
                key = tag.casefold()
                for cat, _ in _UNIGRAMS.get(key) or ([(HASHTAG_ONLY[key], "topic")] if key in HASHTAG_ONLY else []):
                    hit_posts.setdefault(cat, set()).add(i)
    if symbol_texts and _has_any("\n".join(t for _, t in symbol_texts), _SYMBOL_CHARS):
        for i, t in symbol_texts:
            for cat, _ in scan_cjk(t) + scan_emoji(t):
                hit_posts.setdefault(cat, set()).add(i)
    return {
        cat: [posts[i].id or f"#{i}" for i in sorted(idx)]
        for cat, idx in sorted(hit_posts.items(), key=lambda kv: min(kv[1]))
    }


# Letters and the symbols that stand in for them, for finding an obfuscated spelling.
_LOOKALIKE = {"a": "a4@*", "e": "e3€*", "i": "i1!|¡*", "o": "o0*", "s": "s5$*", "t": "t7+*", "b": "b8*"}


def _loose_pattern(term: str) -> str:
    """A regex for `term` spelled with leet, masks, repeats or separators ('n * g g a')."""
    parts = []
    for w in term.split():
        parts.append(r"[\W_]{0,2}".join("[" + re.escape(_LOOKALIKE.get(ch, ch + "*")) + "]+" for ch in w))
    return r"(?<!\w)" + r"\W+".join(parts) + r"(?!\w)"


def excerpt(text: str, term: str, width: int = 80) -> str:
    """A verbatim window of `text` around the first match of `term`: the whole word, or
    its obfuscated spelling ('n*gga', 'f u c k') when the text hid it."""
    if " … " in term:  # an identity + derogation hit: centre on its first word
        term = term.split(" … ")[0]
    pattern = r"(?<!\w)" + r"\W+".join(re.escape(w) for w in term.split()) + r"(?!\w)"
    m = re.search(pattern, text, re.IGNORECASE) or re.search(_loose_pattern(term), text, re.IGNORECASE)
    if not m:
        return text[: 2 * width]
    start = max(m.start() - width, 0)
    end = min(m.end() + width, len(text))
    return text[start:end]
