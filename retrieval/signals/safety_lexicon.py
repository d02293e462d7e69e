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
no spaces. Scripts without spaces (Chinese, Japanese) are not covered.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Sequence

from retrieval.schema import Post
from retrieval.signals.text import PostText, plain, post_text, words

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
    ),
    "gambling": (
        "casino", "casinos", "gambling", "gamble", "gambler", "betting", "sportsbook",
        "bookmaker", "poker", "roulette", "blackjack", "baccarat", "lotto", "parlay",
        "apuestas", "apuesta", "apostas", "aposta", "cassino", "sportwetten", "wetten",
        "wettanbieter", "glücksspiel", "spielothek", "tragamonedas",
        "slot machine", "slot machines", "online slots", "sports betting", "place your bets",
        "cá cược", "nhà cái",
        "onlinecasino", "casinolife", "sportsbetting", "pokerlife", "pokernight", "bettingtips",
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
    ),
    "adult": (
        "porn", "porno", "pornhub", "nsfw", "onlyfans", "nudes", "fetish", "erotic", "erotica",
        "sexcam", "camgirl", "sextoy", "sextoys",
        "only fans", "sex toy", "sex toys", "adult content", "sex tape",
    ),
    "violence": (
        "murder", "murdered", "killing", "stabbing", "stabbed", "massacre", "beheading",
        "bloodbath", "torture", "gore", "assault", "violence", "gewalt", "violencia",
        "asesinato", "mord",
        "mass shooting", "school shooting", "street fight", "fight video", "beat up",
    ),
    "weapons": (
        "gun", "guns", "firearm", "firearms", "rifle", "rifles", "pistol", "pistols",
        "handgun", "handguns", "shotgun", "ammo", "ammunition", "glock", "waffe", "waffen",
        "gewehr", "pistola", "pistolas", "armas",
        "ar 15", "ak 47", "concealed carry", "gun range", "shooting range", "assault rifle",
        "gunsofinstagram", "gunlife", "ar15", "ak47", "pewpew",
    ),
    "politics": (
        "election", "elections", "politics", "political", "politician", "politicians", "trump",
        "biden", "democrats", "republicans", "maga", "parliament", "senator", "bundestag",
        "wahlkampf", "bundestagswahl", "elecciones", "eleições",
        "trump2020", "trump2024", "vote blue", "vote red",
    ),
    "profanity": (
        "fuck", "fucking", "fuckin", "fucked", "fck", "motherfucker", "shit", "shitty",
        "bullshit", "bitch", "bitches", "asshole", "cunt", "wtf", "stfu", "scheiße",
        "scheisse", "mierda", "puta", "putain", "merde", "cazzo",
    ),
    "hate": (
        "nazi", "nazis", "ku klux klan", "subhuman", "untermensch", "1488",
        "white power", "heil hitler", "sieg heil", "white supremacy", "white supremacist",
        "ethnic cleansing", "race war", "neo nazi",
    ),
}

# word -> (previous words that cancel it, next words that cancel it)
CONTEXT_FENCES: dict[str, tuple[frozenset[str], frozenset[str]]] = {
    k: (frozenset(p.split()), frozenset(n.split())) for k, (p, n) in {
        "wine": ("", "red colored coloured color colour lipstick lip shade nail nails hair velvet tone stain gums"),
        "champagne": ("", "gold color colour shade highlighter hair blonde toast"),
        "hangover": ("", "setting spray primer"),
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

_UNIGRAMS: dict[str, str] = {}
_NGRAMS: dict[str, list[tuple[tuple[str, ...], str]]] = {}
for _cat, _terms in LEXICON.items():
    for _term in _terms:
        _toks = tuple(words(_term))
        if len(_toks) == 1:
            _UNIGRAMS[_toks[0]] = _cat
        elif _toks:
            _NGRAMS.setdefault(_toks[0], []).append((_toks, _cat))
_FIRST: frozenset[str] = frozenset(_UNIGRAMS) | frozenset(_NGRAMS)
# The same with '#'/'@' prefixes, to gate tagged token lists without copying them.
_FIRST_TAGGED: frozenset[str] = _FIRST | frozenset("#" + t for t in _FIRST)


@dataclass(frozen=True)
class Hit:
    category: str
    term: str
    field: str  # "text", "hashtags" or "comments"


def scan_tokens(tokens: list[str]) -> list[tuple[str, str]]:
    """(category, term) hits in a token list, honouring context fences."""
    if _FIRST.isdisjoint(tokens):
        return []
    out: list[tuple[str, str]] = []
    n = len(tokens)
    for i, tok in enumerate(tokens):
        if tok not in _FIRST:
            continue
        for seq, cat in _NGRAMS.get(tok, ()):
            if tuple(tokens[i:i + len(seq)]) == seq:
                out.append((cat, " ".join(seq)))
        cat1 = _UNIGRAMS.get(tok)
        if cat1 is None:
            continue
        fence = CONTEXT_FENCES.get(tok)
        if fence:
            prev = tokens[i - 1] if i > 0 else ""
            nxt = tokens[i + 1] if i + 1 < n else ""
            if prev in fence[0] or nxt in fence[1]:
                continue
        out.append((cat1, tok))
    return out


def scan_text(text: str | None) -> list[tuple[str, str]]:
    return scan_tokens(words(text)) if text else []


def post_hits(post: Post, text: PostText | None = None, include_comments: bool = True) -> list[Hit]:
    """Every lexicon hit on a post: caption text, hashtags, and (optionally) sampled comments.

    `text` is the post's `PostText` when the caller already tokenised it.
    """
    if text is None:
        text = post_text(post)
    hits: list[Hit] = []
    if not _FIRST_TAGGED.isdisjoint(text.tokens):
        hits += [Hit(c, t, "text") for c, t in scan_tokens(plain(text.tokens))]
    for tag in post.hashtags:
        cat = _UNIGRAMS.get(tag.casefold())
        if cat:
            hits.append(Hit(cat, tag.casefold(), "hashtags"))
    if include_comments:
        for comment in text.comments:
            if not _FIRST.isdisjoint(comment.tokens):
                hits += [Hit(c, t, "comments") for c, t in scan_tokens(comment.tokens)]
    return hits


def safety_hits(posts: Sequence[Post], texts: Sequence[PostText] | None = None) -> dict[str, list[str]]:
    """Category -> ids of posts whose text, hashtags or sampled comments match it."""
    out: dict[str, list[str]] = {}
    for i, post in enumerate(posts):
        pid = post.id or f"#{i}"
        hits = post_hits(post, texts[i] if texts is not None else None)
        for cat in dict.fromkeys(h.category for h in hits):
            out.setdefault(cat, []).append(pid)
    return out


def excerpt(text: str, term: str, width: int = 80) -> str:
    """A verbatim window of `text` around the first whole-word match of `term`."""
    pattern = r"(?<!\w)" + r"\W+".join(re.escape(w) for w in term.split()) + r"(?!\w)"
    m = re.search(pattern, text, re.IGNORECASE)
    if not m:
        return text[: 2 * width]
    start = max(m.start() - width, 0)
    end = min(m.end() + width, len(text))
    return text[start:end]
