"""Obfuscated spellings become the words they stand for; clean text adds nothing."""

import pytest

from retrieval.signals.obfuscation import any_suspect, extra_tokens
from retrieval.signals.safety_lexicon import resolve_mask
from retrieval.signals.text import words


@pytest.mark.parametrize("text,word", [
    ("what a h0e", "hoe"),
    ("sh1t happens", "shit"),
    ("b!tch please", "bitch"),
    ("you n*gga", "nigga"),
    ("f**k off", "fuck"),
    ("fuuuuuck this", "fuck"),
    ("f u c k mondays", "fuck"),
    ("n.i.g.g.e.r", "nigger"),
    ("s-h-i-t", "shit"),
    ("$hit", "shit"),
])
def test_obfuscations_are_read(text, word):
    assert word in extra_tokens(text, resolve_mask)


@pytest.mark.parametrize("text", [
    "Sunday brunch with friends", "@jane.doe thanks!", "Top 10 tips for 2024", "Wow! So good", "",
])
def test_clean_text_adds_nothing(text):
    assert extra_tokens(text, resolve_mask) == []


def test_masks_resolve_only_to_lexicon_words():
    assert resolve_mask("f*ck") == ["fuck"]
    assert resolve_mask("h*llo") == []        # "hello" is not a lexicon word
    assert resolve_mask("***") == []


def test_creator_level_check_is_false_for_clean_text_and_true_for_hidden_words():
    is_word = {"fuck", "shit"}.__contains__
    clean = ["Sooo good!!! @amy loved it", "Top 10 picks for 2024"]
    assert not any_suspect({t for c in clean for t in words(c)}, clean, is_word)
    for hidden in (["fuuuck that"], ["sh1t"], ["b!tch"], ["f*ck"], ["f u c k"]):
        assert any_suspect({t for c in hidden for t in words(c)}, hidden, is_word), hidden


@pytest.mark.parametrize("text", ["*ad* new smoothie", "**bold** claim", "thanks @yakult.at", "5* hotel"])
def test_emphasis_stars_and_mentions_are_not_masks(text):
    assert extra_tokens(text, resolve_mask) == []


def test_trailing_stars_still_mask():
    assert extra_tokens("f***", resolve_mask) == ["fuck"]
