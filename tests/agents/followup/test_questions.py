"""Questions about the last list are answered from its own reasons, never read as edits."""

from __future__ import annotations

from agents.criteria import CampaignCriteria
from agents.followup.questions import answer, asked_about
from agents.shortlist import Shortlist, ShortlistedCreator


def test_which_creator_is_asked_about():
    assert asked_about("why is the third one there?") == "#3"
    assert asked_about("Why #2?") == "#2"
    assert asked_about("why number 4") == "#4"
    assert asked_about("how come @Foo.bar is listed") == "@foo.bar"
    assert asked_about("why so few?") is None
    assert asked_about("drop the third one") is None


def test_the_answer_is_the_cards_reasons():
    card = ShortlistedCreator(rank=2, platform="instagram", handle="Green.Plate", followers=20000, score=0.8,
                              explanation="x", reasons=["Posts on “vegan food”, e.g. “tofu bowl”", "20k followers"],
                              risks=["1 sponsored post in 12"])
    listed = Shortlist(id="s1", brief="vegan", criteria=CampaignCriteria(topics=["vegan food"]), creators=[card])
    said = answer("#2", listed)
    assert said.startswith("#2 @Green.Plate is listed because: Posts on “vegan food”") and "Watch: 1 sponsored" in said
    assert answer("@green.plate", listed) == said
    assert answer("#5", listed) == "There is no #5 in the last list (1 creator)."
