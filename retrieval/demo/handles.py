"""Unique, natural-looking handles in constant memory.

A handle is a name, a niche word and a style ("lena.plantpowered", "flourandfolds_jonas.co",
"k.mio.thockandclack7"). The person number alone picks the name slot, word slot, style
and a trailing number, through a bijection, so two people never get the same handle
without any memory of earlier handles (the corpus must stream to 1,000,000 creators):

* within a block of BLOCK consecutive person numbers, the rank is permuted by an
  affine map (coprime multiplier) so neighbours do not look alike; the permuted rank is
  split into (name slot, word slot, style slot); the block number becomes the suffix
  (none for the first block);
* a handle can be parsed back to those slots, because names, niche words and style
  literals are disjoint sets of letter-only tokens and every style has its own token
  pattern (checked at import). So distinct persons give distinct handles.

The name slot indexes the person's language's name list (`NAME_SLOTS` long in every
language; lists are disjoint across languages), the word slot the niche's
`handle_words` (disjoint across niches).
"""

from __future__ import annotations

import math
import string
from dataclasses import dataclass

from retrieval.demo.locales import LOCALES, NAME_SLOTS
from retrieval.demo.niches import HANDLE_WORDS_PER_NICHE, NICHES

# Every style has its own sequence of token kinds (name, word, extra, initial, literal),
# so a handle parses back to its slots whatever the separators; it also makes
# `signature_tag` (separators -> '_') one-to-one.
_PLAIN = ("{n}.{w}", "{w}_{n}", "{w}.with.{n}", "{w}.by.{n}", "its.{n}.{w}", "hey.{n}_{w}", "the.{w}.{n}",
          "{n}.loves.{w}")
_EXTRA = ("{n}.{w}.{x}", "{x}.{n}.{w}", "{w}_{n}.{x}", "{n}_{x}.{w}")
_INITIAL = ("{n}.{i}.{w}", "{i}.{n}.{w}")
EXTRAS = ("daily", "studio", "club", "life", "hq", "world", "notes", "journal", "diaries", "co", "lab",
          "online", "official", "tv", "vibes", "corner", "house", "den", "place", "spot", "zone", "talks",
          "stories", "creates", "shares", "eats")
_LITERALS = ("with", "by", "its", "hey", "the", "loves")
_LETTERS = string.ascii_lowercase

STYLE_SLOTS = len(_PLAIN) + len(_EXTRA) * len(EXTRAS) + len(_INITIAL) * len(_LETTERS)
BLOCK = NAME_SLOTS * HANDLE_WORDS_PER_NICHE * STYLE_SLOTS
_MULTIPLIER = 9_973   # coprime with BLOCK: the affine map is a permutation of [0, BLOCK)
_OFFSET = 4_241


@dataclass(frozen=True, slots=True)
class HandleSlot:
    name_index: int
    word_index: int
    style_slot: int
    number: int   # 0 means no numeric suffix


def slot_for(person_id: int) -> HandleSlot:
    block, rank = divmod(person_id, BLOCK)
    r = (rank * _MULTIPLIER + _OFFSET) % BLOCK
    r, name_index = divmod(r, NAME_SLOTS)
    style_slot, word_index = divmod(r, HANDLE_WORDS_PER_NICHE)
    return HandleSlot(name_index, word_index, style_slot, block)


def render(slot: HandleSlot, name: str, word: str) -> str:
    s = slot.style_slot
    if s < len(_PLAIN):
        handle = _PLAIN[s].format(n=name, w=word)
    elif (s := s - len(_PLAIN)) < len(_EXTRA) * len(EXTRAS):
        style, extra = divmod(s, len(EXTRAS))
        handle = _EXTRA[style].format(n=name, w=word, x=EXTRAS[extra])
    else:
        style, letter = divmod(s - len(_EXTRA) * len(EXTRAS), len(_LETTERS))
        handle = _INITIAL[style].format(n=name, w=word, i=_LETTERS[letter])
    return f"{handle}{slot.number}" if slot.number else handle


def signature_tag(handle: str) -> str:
    """A creator's personal hashtag ("lena_plantpowered"): the handle's tokens joined
    by '_'. One-to-one on generated handles, so it is unique per person."""
    return handle.replace(".", "_")


def _check() -> None:
    kinds = {"n": "N", "w": "W", "x": "X", "i": "I"}
    sequences = [
        tuple(kinds.get(t.strip("{}"), t) for t in style.replace("_", ".").split("."))
        for style in (*_PLAIN, *_EXTRA, *_INITIAL)
    ]
    if len(set(sequences)) != len(sequences):
        raise ValueError("two handle styles share a token sequence")
    if not all(lit in _LITERALS for seq in sequences for lit in seq if lit not in ("N", "W", "X", "I")):
        raise ValueError("a handle style uses a literal not listed in _LITERALS")
    if math.gcd(_MULTIPLIER, BLOCK) != 1:
        raise ValueError("handle permutation multiplier must be coprime with BLOCK")
    names = {a for loc in LOCALES for a, _ in loc.names[:NAME_SLOTS]}
    words = {w for n in NICHES for w in n.handle_words}
    groups = {"names": names, "words": words, "extras": set(EXTRAS), "literals": set(_LITERALS)}
    labels = list(groups)
    for i, a in enumerate(labels):
        if any(len(t) < 2 for t in groups[a]):
            raise ValueError(f"handle {a} must be 2+ letters (single letters are initials)")
        for b in labels[i + 1:]:
            if groups[a] & groups[b]:
                raise ValueError(f"handle {a} and {b} overlap: {sorted(groups[a] & groups[b])}")


_check()
