"""Handles are unique by construction, whatever language and niche a person draws."""

from __future__ import annotations

import random
import re

from retrieval.demo.handles import BLOCK, render, signature_tag, slot_for
from retrieval.demo.locales import LOCALES, NAME_SLOTS
from retrieval.demo.niches import NICHES

HANDLE = re.compile(r"^[\w.\-]{1,100}$")


def test_slots_are_a_bijection_within_and_across_blocks() -> None:
    ids = [*range(0, 5000), *range(BLOCK - 2500, BLOCK + 2500), *range(5 * BLOCK, 5 * BLOCK + 2000)]
    slots = {slot_for(i) for i in ids}
    assert len(slots) == len(ids)
    assert all(s.number == i // BLOCK for s, i in zip(map(slot_for, ids), ids))


def test_rendered_handles_are_unique_for_random_languages_and_niches() -> None:
    rng = random.Random(5)
    handles, tags = set(), set()
    count = 60_000
    for person in range(count):
        slot = slot_for(person)
        loc = rng.choice(LOCALES)
        niche = rng.choice(NICHES)
        handle = render(slot, loc.names[slot.name_index % NAME_SLOTS][0], niche.handle_words[slot.word_index])
        assert HANDLE.match(handle), handle
        handles.add(handle)
        tags.add(signature_tag(handle))
    assert len(handles) == count
    assert len(tags) == count  # the personal hashtag is one-to-one too


def test_first_block_has_no_numbers() -> None:
    niche, loc = NICHES[0], LOCALES[0]
    first = [render(slot_for(i), loc.names[slot_for(i).name_index][0], niche.handle_words[slot_for(i).word_index])
             for i in range(1000)]
    assert not any(h[-1].isdigit() for h in first)
