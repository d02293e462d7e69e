from agents.shortlist import VettingResult
from agents.tools.vetting import VETTING_TOOLS, run_all

from tests.agents.tools.helpers import make, posts


def test_registry_names_match_results_and_run_all_order():
    inp = make({"posts": posts(6, likes=500, comments=20), "following": 300},
               {"exclude_topics": ["alcohol"], "exclude_brands": ["Red Bull"], "audience_countries": ["DE"]})
    results = run_all(inp)
    assert [r.tool for r in results] == list(VETTING_TOOLS)
    assert set(VETTING_TOOLS) == {"authenticity", "brand_safety", "sponsored_saturation", "disclosure",
                                  "competitor_conflict", "excluded_content", "activity", "audience_fit"}
    for r in results:
        assert isinstance(r, VettingResult)
        assert 0 <= r.confidence <= 1 and r.summary.endswith(".")
        assert all(e.method for e in r.evidence if e.kind == "metric")
