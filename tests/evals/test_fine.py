"""The fine-grained set end to end: graded qrels by creator_ref, strict and lenient P@10,
nDCG, twins beside their English briefs, unjudged creators listed and scored 0.

The two systems are fixed rankings (test doubles) so every number is worked out by hand.
"""

from __future__ import annotations

import json
import math
from pathlib import Path

import pytest

from evals.corpus import EvalCorpus
from evals.judgments import Judgment, creator_ref, load_judgments, qrels_path, resolve
from evals.report import markdown
from evals.runner import EvalConfig, run_eval
from tests.evals.test_runner import FixedSystem, _write_jsonl

FINE = [
    {"id": "f1", "brief": "vegan food creators", "quick": True, "k": 4, "facet": "vegan", "domain": "food",
     "constraints": {"followers_max": 50000}},
    {"id": "f1-de", "brief": "vegane Food-Creator", "quick": True, "k": 4, "facet": "vegan", "domain": "food",
     "language": "de", "twin_of": "f1", "constraints": {"followers_max": 50000}},
]
# handle -> (followers, grade for the vegan facet or None when nobody judged it)
CREATORS = {"vera": (20000, 2), "vic": (30000, 2), "doner": (10000, 0), "bread": (15000, 1),
            "big": (900000, 2), "fresh": (12000, None)}


@pytest.fixture
def fine_world(tmp_path: Path) -> dict:
    corpus = _write_jsonl(tmp_path / "real.jsonl", [
        {"platform": "instagram", "handle": h, "followers": f, "posts": [{"text": f"post by {h}"}]}
        for h, (f, _) in CREATORS.items()])
    ds = _write_jsonl(tmp_path / "fine.jsonl", FINE)
    judged = [{"case_id": case, "creator_ref": creator_ref(f"instagram:{h}"), "grade": g, "note": "hand-made"}
              for case in ("f1", "f1-de") for h, (_, g) in CREATORS.items() if g is not None]
    _write_jsonl(qrels_path(ds), judged)
    return {"tmp": tmp_path, "corpus": corpus, "ds": ds}


def _factory(seen: list[EvalCorpus]):
    def factory(corpus: EvalCorpus):
        seen.append(corpus)
        en, de = FINE[0]["brief"], FINE[1]["brief"]
        good = FixedSystem("good", {en: ["instagram:vera", "instagram:vic", "instagram:bread", "instagram:fresh"],
                                    de: ["instagram:vera", "instagram:doner", "instagram:fresh"]})
        bad = FixedSystem("bad", {en: ["instagram:doner", "instagram:big", "instagram:bread", "instagram:vera"],
                                  de: ["instagram:doner"]})
        return [good, bad]
    return factory


def _dcg(gains: list[float]) -> float:
    return sum((2 ** g - 1) / math.log2(i + 2) for i, g in enumerate(gains))


async def test_fine_suite_scores_by_hand(fine_world: dict) -> None:
    seen: list[EvalCorpus] = []
    config = EvalConfig(tier="quick", work_dir=fine_world["tmp"] / "work", report_dir=fine_world["tmp"] / "report",
                        baseline_path=fine_world["tmp"] / "baseline.json", real_data=fine_world["corpus"],
                        suites=["fine"], datasets={"fine": fine_world["ds"]}, fine_sample=100,
                        primary_system="good", bm25_system="bad")
    report = await run_eval(config, _factory(seen), None, echo=None)
    assert [c.name for c in seen] == ["real_instagram"]
    good = {c.case_id: c for s in report.suites if s.system == "good" for c in s.cases}
    # "big" breaks followers_max 50k, so its judged 2 counts 0: relevant = vera, vic (2), bread (1).
    assert good["f1"].relevant == 3
    assert good["f1"].strict_precision == pytest.approx(2 / 4)  # vera, vic
    assert good["f1"].precision == pytest.approx(3 / 4)  # + bread
    ideal = _dcg([2, 2, 1])
    assert good["f1"].ndcg == pytest.approx(_dcg([2, 2, 1, 0]) / ideal)
    assert good["f1"].unjudged == ["instagram:fresh"]
    assert good["f1-de"].strict_precision == pytest.approx(1 / 4)
    assert good["f1-de"].unjudged == ["instagram:fresh"]

    m = report.metrics
    assert m["good/fine.strict_p@10"] == pytest.approx((2 / 4 + 1 / 4) / 2)
    assert m["good/fine.strict_p@10_en"] == pytest.approx(2 / 4)
    assert m["good/fine.twins_strict_p@10"] == pytest.approx(1 / 4)
    assert m["good/fine.twins_en_strict_p@10"] == pytest.approx(2 / 4)
    assert m["good/fine.unjudged_returned"] == 2.0
    # bad: doner 0, big dropped by the constraint, bread 1, vera 2.
    assert m["bad/fine.strict_p@10_en"] == pytest.approx(1 / 4)
    assert m["bad/fine.p@10"] == pytest.approx((2 / 4 + 0) / 2)

    md = markdown(report)
    assert "f1-de (de) / f1" in md and "0.250 / 0.500" in md
    assert "- f1: instagram:fresh" in md
    written = json.loads((fine_world["tmp"] / "report" / "report.json").read_text())
    assert written["corpora"]["real_instagram_fine"]["judged_pairs"] == 10


async def test_suite_selection_runs_one_suite_alone(fine_world: dict) -> None:
    config = EvalConfig(tier="quick", work_dir=fine_world["tmp"] / "work", report_dir=None,
                        baseline_path=fine_world["tmp"] / "baseline.json", real_data=fine_world["corpus"],
                        suites=["fine"], datasets={"fine": fine_world["ds"], "demo": Path("/nonexistent")},
                        fine_sample=100)
    report = await run_eval(config, _factory([]), None, echo=None)
    assert {s.suite for s in report.suites} == {"fine"} and report.parse is None


def test_judgments_reject_long_notes_and_duplicates(tmp_path: Path) -> None:
    ref = creator_ref("instagram:Vera")
    assert ref == creator_ref("instagram:vera") and ref.startswith("sha256:") and len(ref) == 23
    ok = {"case_id": "f1", "creator_ref": ref, "grade": 2, "note": "vegan recipes"}
    path = _write_jsonl(tmp_path / "q.jsonl", [ok, {**ok, "creator_ref": creator_ref("instagram:x"), "note": "w " * 13}])
    with pytest.raises(ValueError, match="12 words"):
        load_judgments(path)
    path = _write_jsonl(tmp_path / "q.jsonl", [ok, ok])
    with pytest.raises(ValueError, match="duplicate"):
        load_judgments(path)
    resolved = resolve([Judgment(**ok)], ["instagram:vera", "instagram:other"])
    assert resolved["f1"].grades == {"instagram:vera": 2}
    assert resolve([Judgment(**ok)], ["instagram:other"]) == {}


def test_issue_8_targets_resolve_against_the_baselines() -> None:
    from evals.gate import check_targets

    roles = {"primary": "full_agent", "bm25": "bm25_only", "dense": "dense_only", "parser": "parser"}
    current = {"full_agent/fine.strict_p@10": 0.70, "bm25_only/fine.strict_p@10": 0.45,
               "dense_only/fine.strict_p@10": 0.60, "full_agent/fine.twins_strict_p@10": 0.50,
               "full_agent/fine.twins_en_strict_p@10": 0.65, "full_agent/demo_v2.ndcg@10": 0.93}
    results = {t.name: t for t in check_targets(current, roles)}
    assert results["fine set strict P@10 >= 0.80"].miss == pytest.approx(0.10)
    assert results["fine strict P@10 beats BM25-only by >= 0.20"].met is True
    assert results["fine strict P@10 beats dense-only by >= 0.15"].miss == pytest.approx(0.05)
    assert results["de/es/fr twins within 0.10 of English (strict P@10)"].miss == pytest.approx(0.05)
    assert results["demo v2 (facets) nDCG@10 >= 0.90"].met is True
