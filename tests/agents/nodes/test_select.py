"""The short-list warning says why found creators are missing: the checks they failed."""

from __future__ import annotations

from agents.nodes.select import _failed_vetting


def test_failed_checks_are_counted_most_first():
    rejected = {"tiktok:a": "authenticity: follower growth spikes", "tiktok:b": "sponsored_saturation: 9 of 10",
                "instagram:c": "authenticity: low comment quality"}
    assert _failed_vetting(rejected) == " (3 more were found but failed vetting: authenticity 2, sponsored saturation 1)"


def test_nothing_said_when_nothing_failed():
    assert _failed_vetting({}) == ""


def test_one_rejection_reads_in_the_singular():
    assert _failed_vetting({"instagram:a": "authenticity"}) == " (1 more was found but failed vetting: authenticity 1)"
