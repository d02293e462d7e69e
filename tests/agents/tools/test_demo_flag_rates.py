"""The vetting tools on the demo corpus: planted problems are flagged at good rates and
clean creators rarely are. The labels are read here, by the test, never by the tools.

Measured on 2,000 creators (seed 7) when written: every planted problem flagged at
98–100 %; clean creators flagged at <= 1 % (authenticity 0.9 % warn, 0 fail).
"""

from __future__ import annotations

from collections import Counter

import pytest

demo = pytest.importorskip("retrieval.demo")
if not hasattr(demo, "generate"):
    pytest.skip("retrieval.demo.generate not available", allow_module_level=True)

from agents.criteria import SAFETY_CATEGORIES, CampaignCriteria  # noqa: E402
from agents.tools.vetting import VettingInput, run_all  # noqa: E402
from retrieval.features import compute_features  # noqa: E402
from retrieval.schema import Creator  # noqa: E402

N_CREATORS = 800


@pytest.fixture(scope="module")
def outcomes() -> Counter:
    criteria = CampaignCriteria(exclude_topics=list(SAFETY_CATEGORIES))
    counts: Counter = Counter()
    for row, label in demo.generate(N_CREATORS, seed=11):
        creator = Creator.model_validate(row)
        features = compute_features(creator, demo.NOW)
        verdicts = {r.tool: r.verdict for r in run_all(VettingInput(creator=creator, features=features, criteria=criteria, now=demo.NOW))}
        planted = {
            "authenticity": bool(label.fraud),
            "brand_safety": bool(label.safety),
            "sponsored_saturation": label.over_sponsored,
            "disclosure": label.undisclosed_ads,
            "activity": label.inactive,
        }
        for tool, is_planted in planted.items():
            group = "planted" if is_planted else "clean"
            counts[(tool, group, "n")] += 1
            if verdicts[tool] in ("warn", "fail"):
                counts[(tool, group, "flagged")] += 1
            if verdicts[tool] == "fail":
                counts[(tool, group, "fail")] += 1
    return counts


def rate(counts: Counter, tool: str, group: str, what: str) -> float:
    n = counts[(tool, group, "n")]
    assert n > 0, f"no {group} creators for {tool}"
    return counts[(tool, group, what)] / n


@pytest.mark.parametrize("tool", ["authenticity", "brand_safety", "sponsored_saturation", "disclosure", "activity"])
def test_planted_problems_are_flagged(outcomes, tool):
    assert outcomes[(tool, "planted", "n")] >= 10
    assert rate(outcomes, tool, "planted", "flagged") >= 0.9


@pytest.mark.parametrize("tool", ["authenticity", "brand_safety", "sponsored_saturation", "disclosure", "activity"])
def test_clean_creators_are_rarely_flagged(outcomes, tool):
    assert rate(outcomes, tool, "clean", "flagged") <= 0.03
    assert rate(outcomes, tool, "clean", "fail") <= 0.005


def test_authenticity_fails_most_planted_fraud(outcomes):
    assert rate(outcomes, "authenticity", "planted", "fail") >= 0.6
