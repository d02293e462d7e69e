"""Words that are never a topic on their own: grammar, brief boilerplate, campaign vocabulary.

A topic phrase is a run of words between these (topics.py), so the list decides where
phrases break. It holds no topic vocabulary: what remains is in the brief's own words.
"""

from __future__ import annotations

import re
from functools import lru_cache

_ENGLISH = """
a an the and or but nor not no yes so as than then too very really just only also even still both either
of in on at to from by for with without within into onto over under above below between across through
throughout about around near via per upon after before during since until while where when which who whom
whose what that this these those there here how why whether if else than
i me my mine we us our ours you your yours they them their theirs it its he she his her him itself
is are was were be been being am do does did done doing have has had having will would shall should can
could may might must need needs needed want wants wanted wanting like likes would've we're we've we'd we'll
i'm i'd i've you're they're it's that's there's let's don't doesn't didn't isn't aren't won't can't
please thanks thank hi hello hey ok okay etc e.g eg i.e ie vs via
looking look find finding search searching seeking seek hire hiring book booking recruit recruiting cast
casting get getting give show tell help source sourcing select selecting pick choose shortlist list lists
make makes making made create creates creating created produce produces producing post posts posting posted
share shares sharing shared talk talks talking cover covers covering covered focus focused focusing focuses
specialize specializes specializing specialized specialise specialising feature featuring featured
do work works working worked partner partnering partnered collaborate collaborating collab collabs
promote promotes promoting promoted promotion promotions advertise advertising sponsor sponsored sponsorship
campaign campaigns brand brands branded launch launches launching launched product products service services
company companies client clients business team agency marketer influencer-marketing
love loves loving passionate enjoy enjoys obsessed
creator creators influencer influencers content-creators bloggers blogger vloggers vlogger youtubers youtuber
tiktokers tiktoker instagrammers instagrammer streamers streamer kols kol kocs koc ambassadors ambassador
accounts account profiles profile people person persons talent talents partners voices personalities
handles handle page pages channel channels platform platforms social socials media network networks
content contents video videos reel reels story stories short shorts live lives image images photo photos
piece pieces deliverable deliverables format formats feed
audience audiences follower followers following followings subscribers subscriber subs fans viewers viewer
reach engagement engaged engaging rate rates er total spend cost costs price prices fee fees
money cap max min maximum minimum least most more less much many few several some any all every each
other another others such same different various lot lots kind kinds type types sort sorts
number numbers count amount size sized tier tiers level levels range ranges nano micro mid macro mega
small smaller large larger big bigger huge tiny top best great good high higher quality authentic genuine
credible relevant active popular strong solid amazing awesome perfect right ideal ideally preferably
preferred prefer nice bonus plus optional required requirement requirements must-have nice-to-have
niche niches space spaces area areas vertical verticals category categories industry industries sector
topic topics theme themes field fields related stuff things thing everything anything something someone
anyone everyone nobody none
location locations geo based located lives residing global globally worldwide international country
countries region regions city cities market markets state states nationwide
speaking language languages spoken
aged age ages years year old olds yo months month weeks week days day time times today now currently
recently soon asap quarter q1 q2 q3 q4 january february march april may june july august september october
november december spring summer autumn fall winter holiday holidays season
new upcoming next last past previous first second third one two three four five six seven eight nine ten
dozen hundred thousand million k m
female male women men woman man gender genders mostly mainly primarily predominantly majority skew skewing
skewed
exclude excluding excluded except avoid avoiding skip unless
target targets targeted targeting sponsors streams
views view impressions likes comments shares saves clicks ad ads disclosure disclosures disclosed
ensure make sure able ability willing interested keen happy
well better good-fit fit fits match matches matching suitable similar
"""
_GERMAN = """
der die das den dem des ein eine einen einem einer eines und oder aber mit für fur von vom zu zum zur im in
auf aus bei nach über unter bis zwischen pro je wir uns unser unsere suchen brauchen möchten wollen sollen
sollten sollte kein keine keinen nicht nur etwa ca rund mindestens maximal höchstens sowie auch sehr
influencer influencerinnen creator kreative inhalte inhalt follower abonnenten zielgruppe kampagne
marke marken deutschsprachige deutschsprachig ist sind sein haben hat plattform plattformen land
länder sprache thema themen anzahl innen ansässig wohnhaft basiert
konto konten kanal kanäle teilen teilt zeigen zeigt posten postet veröffentlichen veröffentlicht
"""
_SPANISH = """
el la los las un una unos unas y o con para de del en por que buscamos necesitamos queremos sobre entre
hasta más mas menos al lo se su sus nuestro nuestra nuestros nuestras creadores creadoras creador
influencers influenciadores presupuesto contenido contenidos marca campaña seguidores audiencia público es
son como muy también tambien sin cada basado basada basados basadas ubicados
cuenta cuentas canal canales comparten compartir comparte muestran mostrar muestra publican publicar publica
"""
_FRENCH = """
le la les un une des et ou avec pour de du en par que qui nous cherchons recherchons voulons besoin sur entre
plus moins au aux ce cette ces nos notre créateurs créatrices créateur influenceurs influenceuses contenu
marque campagne abonnés abonnes est sont comme très aussi sans chaque d l basé basée basés basées
compte comptes chaîne chaînes partagent partager partage montrent montrer montre publient publier publie
lancement
"""

STOPWORDS: frozenset[str] = frozenset((_ENGLISH + _GERMAN + _SPANISH + _FRENCH).split())

# The grammar words of a brief's own language, from a maintained list. Only for a brief
# in that language: the lists hold words that are topics in English ("solo", "fine",
# "grande", "usa").
_LISTED_LANGUAGES = {"de": "german", "es": "spanish", "fr": "french", "pt": "portuguese", "it": "italian",
                     "nl": "dutch"}
_WORD = re.compile(r"[^\W\d_]+(?:['’][^\W\d_]+)?")
_ENGLISH_GRAMMAR = frozenset(_ENGLISH.split())


@lru_cache(maxsize=8)
def _grammar_words(language: str) -> frozenset[str]:
    from stop_words import get_stop_words

    return frozenset(w.lower() for w in get_stop_words(_LISTED_LANGUAGES[language]))


def brief_language(text: str) -> str | None:
    """The brief's language when its grammar words say so: at least two of that language's
    and more than of English's. A statistical detector guesses Italian for "solo travel
    creators"; grammar words do not (a brief of topic words alone stays English)."""
    words = [w.lower() for w in _WORD.findall(text)]
    english = sum(w in _ENGLISH_GRAMMAR for w in words)
    hits = {lang: sum(w in _grammar_words(lang) for w in words) for lang in _LISTED_LANGUAGES}
    best = max(hits, key=lambda lang: hits[lang])
    return best if hits[best] >= 2 and hits[best] > english else None


def stopwords_for(language: str | None) -> frozenset[str]:
    """STOPWORDS plus the grammar words of the brief's language, when it is not English."""
    return STOPWORDS | _grammar_words(language) if language in _LISTED_LANGUAGES else STOPWORDS
