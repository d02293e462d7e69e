"""When a creator counts as on the brief's topic: evidence in their own posts.

A brief's topic phrase is split into facets: its *focus* (the phrase without generic
creator words such as "review" or "journey") and its *distinguishing word* (the rarest
word of the focus by general word frequency: "vegan" in "vegan food", "keyboards" in
"mechanical keyboards", "crypto" in "crypto exchange"). A creator is on topic only when
a post shows the focus: the distinguishing word in the post's words or hashtags, or the
post's meaning close to the focus (per-post vectors). A profile-level match (the
transformer's vector of the whole content profile) above a stricter bar is only a near
miss: labelled so and listed after every creator whose posts show the topic. Bios never count: they are the creator's own claims and the first
place keyword stuffing and injected instructions go.

The two similarity bars come from a calibration on labelled data per embedding model
(retrieval/calibration.py), not from constants tuned on one corpus.
"""

from __future__ import annotations

import os
import re
from functools import lru_cache
from typing import Literal, Sequence

import numpy as np
from pydantic import BaseModel

from retrieval.calibration import TopicCalibration

# Words that name a kind of content or a creator rather than what the content is about.
GENERIC_WORDS = frozenset("""
review reviews reviewer reviewers reviewing unboxing unboxings journey journeys tips tip ideas idea inspo
inspiration lover lovers life lifestyle content daily vlog vlogs vlogger vloggers guide guides community
account accounts page pages channel channels video videos photo photos post posts creator creators influencer
influencers blogger bloggers people folks enthusiast enthusiasts fans fan related stuff things world scene
creadores creador contenido influencer influencers kanal kanäle inhalte créateurs créatrices contenu chaîne
comptes compte cuentas cuenta konten konto perfiles profils lancement lanzamiento launch marque marca marke
""".split())
# A creator's role, a content format or the act of posting: part of what a post may show
# (they confirm), never the word that distinguishes the topic ("dog owners", "dance
# teachers", "cake decorators", "showcasing rings": the dog, the dance, the cake, the rings).
ROLE_WORDS = frozenset("""
owners owner teachers teacher instructors instructor coaches coach practitioners practitioner artists artist
spotters spotter decorators decorator makers maker experts expert pros tutorials tutorial updates looks designs
collection collections routine routines finds showcasing showing sharing posting exploring shooting styling
""".split())
_WORD = re.compile(r"[^\W_]+(?:[-'][^\W_]+)*", re.UNICODE)
FREQUENCY_LANGUAGES = ("en", "de", "es", "fr", "pt", "it")

Route = Literal["post_words", "post_meaning", "profile"]


class TopicFacet(BaseModel):
    phrase: str  # as the brief said it
    focus: str  # what a post must show
    distinguishing: str  # the rarest word of the focus


class TopicEvidence(BaseModel):
    """Why a creator counts as on topic, with the post that shows it when there is one."""

    facet: str
    focus: str | None = None  # the words a post had to show: what a card names ("mechanical keyboards", not "review mechanical keyboards")
    route: Route
    post_id: str | None = None
    word: str | None = None  # the distinguishing word the post shows (route post_words)
    post_similarity: float = 0.0  # the evidence post's similarity to the focus
    profile_similarity: float = 0.0


@lru_cache(maxsize=4096)
def _zipf(word: str) -> float:
    from wordfreq import zipf_frequency

    return max(zipf_frequency(word, lang) for lang in FREQUENCY_LANGUAGES)


# Particles a phrasal verb leaves behind when the parser takes the verb ("show off").
_PARTICLES = frozenset("off up out down away back over along around".split())


def facet_of(phrase: str) -> TopicFacet | None:
    """None for a phrase of particles only ("off" left of "show off their collection")."""
    words = [w for w in _WORD.findall(phrase.lower()) if w and w not in _PARTICLES]
    content = [w for w in words if w not in GENERIC_WORDS] or words
    if not content:
        return None
    distinguishing = min([w for w in content if w not in ROLE_WORDS] or content, key=lambda w: (_zipf(w), -len(w)))
    return TopicFacet(phrase=phrase, focus=" ".join(content), distinguishing=distinguishing)


def _only_generic(phrase: str) -> bool:
    return all(w in GENERIC_WORDS or w in ROLE_WORDS or w in _PARTICLES for w in _WORD.findall(phrase.lower()))


def facets_of(topics: Sequence[str]) -> list[TopicFacet]:
    """One facet per topic phrase; a phrase of generic words only ("accounts",
    "lifestyle") is a facet only when the brief names nothing more specific."""
    specific = [t for t in topics if not _only_generic(t)]
    return [f for f in (facet_of(t) for t in (specific or topics)) if f is not None]


@lru_cache(maxsize=4096)
def readable_in_english(word: str) -> bool:
    """Whether an English-only model can read the word: known in English and not more of
    another language's word ("pérdida", "tatuajes", "chats" are not). Such a model puts an
    unknown word near every caption in a foreign language, so its closeness means nothing."""
    from wordfreq import zipf_frequency

    english = zipf_frequency(word, "en")
    return english > 0 and english >= max(zipf_frequency(word, lang) for lang in FREQUENCY_LANGUAGES[1:]) - 0.5


@lru_cache(maxsize=1)
def _stemmer():
    import snowballstemmer

    return snowballstemmer.stemmer("english")


def word_prefix(word: str) -> str:
    """What a matching word starts with: the Snowball stem where it is a prefix of the
    word ("gardeners" -> "garden", "photography" -> "photograph"), else the word itself
    ("weddings" stems to "wed", too short to be safe)."""
    word = word.lower()
    stem = _stemmer().stemWord(word)
    common = os.path.commonprefix([stem, word])
    if len(common) >= 4:
        return common
    if len(word) <= 5:
        return stem  # a short word: matched whole, plural allowed ("cats" -> "cat")
    return word[:-1] if word.endswith("s") else word


@lru_cache(maxsize=1024)
def word_pattern(word: str) -> re.Pattern[str]:
    """The distinguishing word at the start of a word or anywhere in a hashtag
    ("vegan" in "vegans", "#veganfood"); short words only as whole words (plural allowed)."""
    prefix = re.escape(word_prefix(word))
    if len(prefix) <= 3:
        return re.compile(rf"(?<![^\W_]){prefix}(?:e?s)?(?![^\W_])")
    return re.compile(rf"(?<![^\W_]){prefix}|#[^\W_]*{prefix}")


@lru_cache(maxsize=1024)
def _prefix(word: str) -> str:
    return word_prefix(word)


def shows_word(text: str, word: str) -> bool:
    return shows_lowered(text.lower(), word)


def shows_lowered(lowered: str, word: str) -> bool:
    """`shows_word` on a text already lowered (topic evidence lowers each post once)."""
    # Every match contains the prefix itself; most posts do not, and a substring test
    # costs a fraction of the regex (this runs per post, facet and word of every brief).
    return _prefix(word) in lowered and bool(word_pattern(word).search(lowered))


# A post that names the distinguishing word needs less closeness than one that does not:
# two thirds of the meaning bar (the word itself is half the evidence).
WORD_CONFIRM_SHARE = 2 / 3
MIN_MEANING_WORDS = 5  # a static vector of one or two words is noise ("brunch♡" came out 0.51 to "sushi")


@lru_cache(maxsize=16_384)
def _word_count(text: str) -> int:
    # Cached: each post is counted once per facet of a brief, and again by later briefs.
    return len(_WORD.findall(text))


def topic_evidence(
    facet: TopicFacet,
    post_texts: dict[str, str],
    post_ids: Sequence[str],
    post_vectors: np.ndarray | None,
    focus_post_vector: np.ndarray,
    profile_similarity: float,
    calibration: TopicCalibration,
    closeness: bool = True,
    lowered_texts: dict[str, str] | None = None,
) -> TopicEvidence | None:
    """The strongest evidence this creator makes the facet, or None.

    Words: the distinguishing word in a post; for a focus of several words the post must
    also carry another of them or be two thirds of the way to the meaning bar ("japanese"
    in a tulip-field post is not "japanese food"). Meaning: a post of a few words or
    more whose vector clears the calibrated bar. Profile: the stricter profile bar. Both
    closeness routes only where the model can read the focus (`closeness`). `lowered_texts`:
    `post_texts` lowered, where the caller keeps them (retrieve does, per creator)."""
    sims = dict(zip(post_ids, (post_vectors @ focus_post_vector).tolist())) if post_vectors is not None else {}
    others = [w for w in facet.focus.split() if w != facet.distinguishing]
    lowered = lowered_texts if lowered_texts is not None else {pid: text.lower() for pid, text in post_texts.items()}

    def confirmed(pid: str) -> bool:
        return not others or any(shows_lowered(lowered[pid], w) for w in others) or \
            sims.get(pid, 0.0) >= calibration.post_threshold * WORD_CONFIRM_SHARE

    worded = [pid for pid in post_texts
              if shows_lowered(lowered[pid], facet.distinguishing) and confirmed(pid)]
    if worded:
        pid = max(worded, key=lambda p: sims.get(p, 0.0))
        return TopicEvidence(facet=facet.phrase, focus=facet.focus, route="post_words", post_id=pid, word=facet.distinguishing,
                             post_similarity=round(sims.get(pid, 0.0), 4), profile_similarity=round(profile_similarity, 4))
    meaningful = [(sim, pid) for pid, sim in sims.items()
                  if closeness and _word_count(post_texts.get(pid, "")) >= MIN_MEANING_WORDS]
    best_sim, best_id = max(meaningful, default=(0.0, None))
    if best_id is not None and best_sim >= calibration.post_threshold:
        return TopicEvidence(facet=facet.phrase, focus=facet.focus, route="post_meaning", post_id=best_id,
                             post_similarity=round(best_sim, 4), profile_similarity=round(profile_similarity, 4))
    if closeness and profile_similarity >= calibration.profile_threshold:
        return TopicEvidence(facet=facet.phrase, focus=facet.focus, route="profile", post_id=best_id,
                             post_similarity=round(best_sim, 4), profile_similarity=round(profile_similarity, 4))
    return None


def relevance(evidence: TopicEvidence | None, profile_similarity: float, calibration: TopicCalibration,
              coverage: float = 1.0, head_shown: bool = True, fused: float = 0.0) -> float:
    """0..1: post evidence first (words beat meaning beat profile), then whether the
    posts show the brief's first topic (its head: "landscape photographers" in "landscape
    photographers shooting mountains, sunsets and nature"; the rest qualify it), how many
    of its facets they show, how close the best post and the profile are, and the hybrid
    search's own order (`fused`, 1 for its first hit). Bio text plays no part: it is in
    neither the profile vector nor the BM25 text."""
    route_weight = {"post_words": 1.0, "post_meaning": 0.8, "profile": 0.5}
    post = evidence.post_similarity if evidence else 0.0
    base = route_weight[evidence.route] if evidence else 0.0
    post_scaled = min(1.0, max(0.0, (post - 0.1) / 0.6))
    profile_scaled = min(1.0, max(0.0, (profile_similarity - calibration.profile_floor) / 0.4))
    return round(0.25 * base + 0.1 * head_shown + 0.1 * coverage + 0.15 * post_scaled + 0.1 * profile_scaled
                 + 0.3 * fused, 4)
