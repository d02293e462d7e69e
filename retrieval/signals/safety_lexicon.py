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
"""

from __future__ import annotations

import re
from bisect import bisect_right
from dataclasses import dataclass
from typing import Sequence

from retrieval.schema import Post
from retrieval.signals.text import PostText, post_text, words

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
        "beer": ("root ginger", ""),
        "beers": ("root ginger", ""),
        "cocktail": ("vitamin smoothie fruit", "dress dresses ring attire sauce"),
        "cocktails": ("vitamin smoothie fruit mocktails", "dress dresses rings"),
        "drunk": ("", "elephant"),
        "poker": ("", "face"),
        "wetten": ("", "dass"),
        "cigarette": ("", "pants trousers jeans leg"),
        "smoking": ("", "hot gun"),
        "weed": ("garden pull pulling sea", "killer control barrier free"),
        "porn": ("food earth cabin book travel sky plant car shoe room", ""),
        "killing": ("", "it me us him her them"),
        "gore": ("al", ""),
        "gun": ("glue heat nail massage water nerf spray staple airbrush caulk caulking squirt top bubble", "metal grey gray shy"),
        "guns": ("water nerf glue massage bubble", "out n"),
        "rifle": ("", "paper"),
        "pistol": ("", "squat squats"),
        "pistols": ("", "squat squats"),
        "trump": ("", "card cards"),
        "nazi": ("grammar soup", ""),
        "assault": ("", "rifle bike bikes"),
    }.items()
}

# Words too common to anchor a phrase: a phrase is looked up from its longest uncommon
# word ("happy hour" from "hour", "adult content" from "adult"), or its first word when
# all are common, so everyday words in captions and comments rarely trigger checks.
_COMMON: frozenset[str] = frozenset("""
a an the of to in on at by for with and or is are be being t s don do not all out up our your my
this that them they it we you me he him her his great free only get got open white school stay send
happy place magic online sports mass street road race blood beat fight video vote 18 4 20 de la le
vin verre geht gehen puff pass only sex allowed country culture shouldn neo ku content back high
friendly
""".split())

_UNIGRAMS: dict[str, str] = {}
# anchor word -> [(phrase tokens, anchor offset in the phrase, category)]
_PHRASES: dict[str, list[tuple[tuple[str, ...], int, str]]] = {}
for _cat, _terms in LEXICON.items():
    for _term in _terms:
        _toks = tuple(words(_term))
        if len(_toks) == 1:
            _UNIGRAMS[_toks[0]] = _cat
        elif _toks:
            _rare = [i for i, t in enumerate(_toks) if t not in _COMMON]
            _anchor = max(_rare, key=lambda i: (len(_toks[i]), i)) if _rare else 0
            _PHRASES.setdefault(_toks[_anchor], []).append((_toks, _anchor, _cat))
_HASH_ONLY_TAGGED: dict[str, str] = {"#" + t: c for t, c in HASHTAG_ONLY.items()}
_WORD_KEYS: frozenset[str] = frozenset(_UNIGRAMS) | frozenset(_PHRASES)
# Gate for caption tokens (hashtags keep their '#') and for comment tokens.
_GATE: frozenset[str] = _WORD_KEYS | frozenset("#" + t for t in _WORD_KEYS) | frozenset(_HASH_ONLY_TAGGED)
_TAG_KEYS: frozenset[str] = frozenset(_UNIGRAMS) | frozenset(HASHTAG_ONLY)
# Characters that start a CJK term or are a category emoji: checked with `in`, which
# is far faster than a regex character class over text with emoji.
_SYMBOL_CHARS: tuple[str, ...] = tuple(sorted({t[0] for t in CJK_TERMS} | {e[0] for e in EMOJI}))
_CJK_CHARS: tuple[str, ...] = tuple(sorted({t[0] for t in CJK_TERMS}))
_EMOJI_CHARS: tuple[str, ...] = tuple(sorted({e[0] for e in EMOJI}))


def _has_any(text: str, chars: tuple[str, ...]) -> bool:
    return any(ch in text for ch in chars)


@dataclass(frozen=True)
class Hit:
    category: str
    term: str
    field: str  # "text", "hashtags", "emoji" (an emoji in the caption) or "comments"


def _bare(token: str) -> str:
    return token[1:] if token[:1] == "#" else token


def _scan_positions(tokens: list[str]) -> list[tuple[int, str, str]]:
    """(position, category, term) of every hit in a token list, in text order.

    '#tag' tokens read as words (and a few count only as hashtags: #420); '@name'
    tokens never match. Context fences cancel ambiguous words. Candidates are found
    with one C-level set intersection, so clean text costs almost nothing."""
    candidates = _GATE.intersection(tokens)
    if not candidates:
        return []
    found: list[tuple[int, str, str]] = []
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
            found += [(i, hash_only, cand[1:]) for i in positions]
            continue
        tok = _bare(cand)
        for seq, offset, cat in _PHRASES.get(tok, ()):
            k = len(seq)
            for i in positions:
                start = i - offset
                if start >= 0 and start + k <= n and tuple(_bare(t) for t in tokens[start:start + k]) == seq:
                    found.append((start, cat, " ".join(seq)))
        cat1 = _UNIGRAMS.get(tok)
        if cat1 is None:
            continue
        fence = CONTEXT_FENCES.get(tok)
        for i in positions:
            if fence:
                prev = _bare(tokens[i - 1]) if i > 0 else ""
                nxt = _bare(tokens[i + 1]) if i + 1 < n else ""
                if prev in fence[0] or nxt in fence[1]:
                    continue
            found.append((i, cat1, tok))
    found.sort(key=lambda x: x[0])
    return found


def scan_tokens(tokens: list[str]) -> list[tuple[str, str]]:
    """(category, term) hits in a token list, in text order (see `_scan_positions`)."""
    return [(cat, term) for _, cat, term in _scan_positions(tokens)]


def scan_cjk(text: str) -> list[tuple[str, str]]:
    """(category, term) hits of the CJK substring terms; ASCII text has none."""
    if text.isascii() or not _has_any(text, _CJK_CHARS):
        return []
    return [(cat, term) for term, cat in CJK_TERMS.items() if term in text]


def scan_emoji(text: str) -> list[tuple[str, str]]:
    if text.isascii() or not _has_any(text, _EMOJI_CHARS):
        return []
    return [(cat, e) for e, cat in EMOJI.items() if e in text]


def scan_text(text: str | None) -> list[tuple[str, str]]:
    """Word, CJK and emoji hits in one text."""
    return scan_tokens(words(text)) + scan_cjk(text) + scan_emoji(text) if text else []


def post_hits(post: Post, text: PostText | None = None, include_comments: bool = True) -> list[Hit]:
    """Every lexicon hit on a post: caption text, hashtags, and (optionally) sampled comments.

    `text` is the post's `PostText` when the caller already tokenised it.
    """
    if text is None:
        text = post_text(post)
    hits = [Hit(c, t, "text") for c, t in scan_tokens(text.tokens)]
    if post.text and not post.text.isascii():
        hits += [Hit(c, t, "text") for c, t in scan_cjk(post.text)]
        hits += [Hit(c, t, "emoji") for c, t in scan_emoji(post.text)]
    for tag in post.hashtags:
        key = tag.casefold()
        cat = _UNIGRAMS.get(key) or HASHTAG_ONLY.get(key)
        if cat:
            hits.append(Hit(cat, key, "hashtags"))
    if include_comments:
        for raw, tokens in zip(text.comment_raws, text.comment_tokens):
            hits += [Hit(c, t, "comments") for c, t in scan_tokens(tokens) + scan_cjk(raw) + scan_emoji(raw)]
    return hits


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
    for i, pt in enumerate(texts):
        if pt.tokens or pt.comment_flat:
            # caption, then the comments ("\n" already separates them), then a sentinel
            tokens += pt.tokens
            tokens.append(_SENTINEL)
            tokens += pt.comment_flat
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
    for pos, cat, _ in _scan_positions(tokens):
        hit_posts.setdefault(cat, set()).add(end_post[bisect_right(ends, pos)])
    for i, post in enumerate(posts):
        if post.hashtags and not _TAG_KEYS.isdisjoint(map(str.casefold, post.hashtags)):
            for tag in post.hashtags:
                key = tag.casefold()
                cat = _UNIGRAMS.get(key) or HASHTAG_ONLY.get(key)
                if cat:
                    hit_posts.setdefault(cat, set()).add(i)
    if symbol_texts and _has_any("\n".join(t for _, t in symbol_texts), _SYMBOL_CHARS):
        for i, t in symbol_texts:
            for cat, _ in scan_cjk(t) + scan_emoji(t):
                hit_posts.setdefault(cat, set()).add(i)
    return {
        cat: [posts[i].id or f"#{i}" for i in sorted(idx)]
        for cat, idx in sorted(hit_posts.items(), key=lambda kv: min(kv[1]))
    }


def excerpt(text: str, term: str, width: int = 80) -> str:
    """A verbatim window of `text` around the first whole-word match of `term`."""
    pattern = r"(?<!\w)" + r"\W+".join(re.escape(w) for w in term.split()) + r"(?!\w)"
    m = re.search(pattern, text, re.IGNORECASE)
    if not m:
        return text[: 2 * width]
    start = max(m.start() - width, 0)
    end = min(m.end() + width, len(text))
    return text[start:end]
