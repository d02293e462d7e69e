"""The safety eval runs on its hand-written set and the lexicon meets its floor per category.

Floors are below the measured values (see evals/datasets/README.md) so a regression in
any category fails here; public sets are read only when present (not in the repo).
"""

import json

import pytest

from evals.safety import DATASET, hand_cases, main, prf


def test_dataset_has_fifty_cases_per_category_in_six_languages():
    rows = [json.loads(line) for line in DATASET.read_text(encoding="utf-8").splitlines()]
    by_cat: dict[str, int] = {}
    for r in rows:
        by_cat[r["category"]] = by_cat.get(r["category"], 0) + 1
    assert len(by_cat) == 10 and min(by_cat.values()) >= 50
    assert {r["lang"] for r in rows} == {"en", "de", "es", "fr", "pt", "vi"}


@pytest.fixture(scope="module")
def report():
    return hand_cases()


@pytest.mark.parametrize("category", ["alcohol", "gambling", "tobacco", "drugs", "adult", "weapons",
                                      "politics", "violence", "profanity", "hate"])
def test_each_category_meets_its_floor(report, category):
    m = report["per_category"][category]
    assert m["recall"] >= 0.85, m
    assert m["precision"] >= 0.85, m


def test_prf_and_cli_report(tmp_path):
    assert prf(3, 1, 1) == {"precision": 0.75, "recall": 0.75, "tp": 3, "fp": 1, "fn": 1}
    assert prf(0, 0, 0)["precision"] is None
    out = tmp_path / "r.json"
    main(["--data", str(tmp_path), "--json", str(out)])
    saved = json.loads(out.read_text())
    assert set(saved["hand"]["per_language"]) == {"en", "de", "es", "fr", "pt", "vi"}
    assert saved["public"] == {}  # no public sets in an empty directory


def test_quick_gate_metrics_are_named_and_meet_their_floor():
    from evals.gate import DEFAULT_TOLERANCES
    from evals.safety import gate_metrics

    metrics = gate_metrics()
    assert set(metrics) == {"safety_v1.precision", "safety_v1.recall", "safety_v1.min_category_recall",
                            "safety_v1.hate_recall", "safety_v1.profanity_recall"}
    assert set(metrics) <= set(DEFAULT_TOLERANCES)  # gated once the lead refreshes the baseline
    assert metrics["safety_v1.precision"] >= 0.95 and metrics["safety_v1.recall"] >= 0.9
    assert metrics["safety_v1.min_category_recall"] >= 0.85


def test_classifier_off_is_the_lexicon_alone():
    from evals.safety import categories

    insult = "bọn nó ngu"  # Vietnamese, no listed word: only the classifier flags it
    assert "profanity" in categories(insult)
    assert "profanity" not in categories(insult, model=False)
