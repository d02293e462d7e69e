"""The parse node's word on a brief without a topic."""

from __future__ import annotations

from agents.nodes.parse import no_topic_warning
from agents.parsing.offline import parse_offline


def test_a_brief_with_neither_topic_nor_filter_gets_advice():
    warning = no_topic_warning(parse_offline("influencers").criteria)
    assert warning is not None and "no topic and no filter" in warning and "what they post about" in warning


def test_filters_without_a_topic_are_said_to_rank_alone():
    warning = no_topic_warning(parse_offline("creators in Germany on TikTok with 10k-50k followers").criteria)
    assert warning is not None and warning.startswith("The brief names no topic: creators are listed on your filters alone")


def test_a_topic_needs_no_warning():
    assert no_topic_warning(parse_offline("vegan food creators").criteria) is None
