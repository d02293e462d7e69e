"""The runner and gate on a hand-made corpus, hand-made cases and two fixed-ranking systems.

The systems below are test doubles that return fixed rankings, so every metric of the
run can be worked out by hand (see the comments); they are not shipped in evals/.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from agents.criteria import CampaignCriteria
from agents.shortlist import Shortlist, ShortlistedCreator
from evals.corpus import EvalCorpus
from evals.gate import Baseline, BaselineEntry, load_baseline, save_baseline
from evals.runner import EvalConfig, run_eval
from evals.systems import RankedResult, System

CREATORS = [
    # handle, platform, followers, country, niche, extra label fields
    ("vera", "instagram", 20000, "DE", "vegan_food", {}),
    ("vito", "instagram", 30000, "US", "vegan_food", {"fraud": {"bought_followers": True, "engagement_pod": False}}),
    ("bea", "instagram", 15000, "DE", "baking", {}),
    ("tom", "instagram", 50000, "US", "tech_reviews", {}),
    ("vic", "tiktok", 12000, "DE", "vegan_food", {}),
    ("kat", "instagram", 25000, "US", "mechanical_keyboards", {"safety": {"categories": ["alcohol"]}}),
    ("kim", "instagram", 40000, "US", "mechanical_keyboards", {}),
]

RETRIEVAL = [
    {"id": "A", "brief": "dairy-free cooks on Instagram", "quick": True, "k": 3, "relevant": {"vegan_food": 2},
     "partial": {"baking": 1}, "constraints": {"platforms": ["instagram"]}, "tags": ["paraphrase"]},
    {"id": "B", "brief": "clicky keyboards, no alcohol", "quick": True, "k": 3, "relevant": {"mechanical_keyboards": 2},
     "constraints": {"exclude_topics": ["alcohol"]}, "tags": ["brand-safety"]},
]
PARSE = [
    {"id": "p1", "brief": "IG, 10k+", "quick": True, "expected": {"platforms": ["instagram"], "followers_min": 10000}},
    {"id": "p2", "brief": "insta only", "quick": True, "expected": {"platforms": ["instagram"]}},
]
REAL = [
    {"id": "r1", "brief": "fitness accounts", "quick": True, "k": 2, "categories": ["fitness"],
     "constraints": {"platforms": ["instagram"]}},
]


def _write_jsonl(path: Path, rows: list[dict]) -> Path:
    path.write_text("".join(json.dumps(r) + "\n" for r in rows), encoding="utf-8")
    return path


@pytest.fixture
def world(tmp_path: Path) -> dict[str, Path]:
    corpus = [{"platform": p, "handle": h, "followers": f, "country": c, "languages": ["en"],
               "posts": [{"id": f"{h}-1", "text": f"post by {h}", "likes": 100, "comments": 10}]}
              for h, p, f, c, _, _ in CREATORS]
    labels = [{"platform": p, "handle": h, "niche": n, "related_niches": [], **extra} for h, p, _, _, n, extra in CREATORS]
    demo = _write_jsonl(tmp_path / "demo.jsonl", corpus)
    _write_jsonl(tmp_path / "demo.jsonl.labels.jsonl", labels)
    real = _write_jsonl(tmp_path / "real.jsonl", [
        {"platform": "instagram", "handle": "fit.one", "followers": 5000, "categories": ["fitness"]},
        {"platform": "instagram", "handle": "fit.two", "followers": 8000, "categories": ["fitness"]},
        {"platform": "instagram", "handle": "chef", "followers": 9000, "categories": ["food"]},
        {"platform": "instagram", "handle": "nofollowers", "categories": ["fitness"]},
    ])
    return {
        "demo": demo, "real": real, "tmp": tmp_path,
        "parse_ds": _write_jsonl(tmp_path / "parse.jsonl", PARSE),
        "demo_ds": _write_jsonl(tmp_path / "retrieval.jsonl", RETRIEVAL),
        "real_ds": _write_jsonl(tmp_path / "real_cases.jsonl", REAL),
    }


class FixedSystem:
    """Returns a fixed ranking per brief (a test double)."""

    def __init__(self, name: str, rankings: dict[str, list[str]], shortlists: dict[str, Shortlist] | None = None):
        self.name = name
        self.rankings = rankings
        self.shortlists = shortlists or {}
        self.closed = False

    async def shortlist(self, brief: str, limit: int) -> RankedResult:
        if brief not in self.rankings:
            raise RuntimeError("unknown brief")
        return RankedResult(keys=self.rankings[brief][:limit], shortlist=self.shortlists.get(brief), stage_ms={"retrieve": 1.0})

    def close(self) -> None:
        self.closed = True


def _good_shortlist() -> Shortlist:
    vera = ShortlistedCreator(rank=1, platform="instagram", handle="vera", followers=20000, score=0.9,
                              explanation="Vera has 20k followers.")
    return Shortlist(id="s1", brief=RETRIEVAL[0]["brief"], criteria=CampaignCriteria(platforms=["instagram"]), creators=[vera])


def _systems(seen: list[EvalCorpus]):
    def factory(corpus: EvalCorpus) -> list[System]:
        seen.append(corpus)
        good = FixedSystem("good", {
            RETRIEVAL[0]["brief"]: ["instagram:vera", "instagram:bea", "instagram:tom"],
            RETRIEVAL[1]["brief"]: ["instagram:kim"],
            REAL[0]["brief"]: ["instagram:fit.one", "instagram:fit.two"],
        }, {RETRIEVAL[0]["brief"]: _good_shortlist()})
        bm25 = FixedSystem("bm25", {
            RETRIEVAL[0]["brief"]: ["instagram:vito", "tiktok:vic", "instagram:vera"],
            RETRIEVAL[1]["brief"]: ["instagram:kat", "instagram:kim", "instagram:tom"],
            REAL[0]["brief"]: ["instagram:chef", "instagram:fit.two"],
        })
        return [good, bm25]
    return factory


def _config(world: dict[str, Path], **kw) -> EvalConfig:
    base = dict(tier="quick", work_dir=world["tmp"] / "work", report_dir=world["tmp"] / "report",
                baseline_path=world["tmp"] / "baseline.json", demo_corpus=world["demo"], real_data=world["real"],
                primary_system="good", bm25_system="bm25",
                datasets={"parse": world["parse_ds"], "demo": world["demo_ds"], "real": world["real_ds"]})
    return EvalConfig(**{**base, **kw})


async def _parse(brief: str) -> CampaignCriteria:
    return CampaignCriteria(platforms=["instagram"])


async def test_run_eval_metrics_by_hand(world: dict[str, Path], capsys: pytest.CaptureFixture[str]) -> None:
    seen: list[EvalCorpus] = []
    report = await run_eval(_config(world), _systems(seen), _parse)
    mt = report.metrics

    # Parse: p1 gets platforms right and followers_min wrong, p2 right -> 2 of 3 fields.
    assert mt["parser/parse.accuracy"] == pytest.approx(2 / 3)
    assert mt["parser/parse.exact_cases"] == pytest.approx(1 / 2)

    # qrels A = {vera: 2, bea: 1}  (vito is fraud, vic is on TikTok: both 0)
    # qrels B = {kim: 2}           (kat has an alcohol label and alcohol is excluded)
    # good:  A ranks vera, bea, tom -> ideal order, nDCG 1;  B ranks kim -> nDCG 1
    assert mt["good/demo.ndcg@10"] == pytest.approx(1.0)
    assert mt["good/demo.p@10"] == pytest.approx((2 / 3 + 1 / 3) / 2)
    assert mt["good/demo.recall@10"] == pytest.approx(1.0)
    # bm25:  A ranks vito(0), vic(0), vera(2): DCG 2/log2(4) = 1, IDCG 2 + 1/log2(3) = 2.630930 -> 0.380094
    #        B ranks kat(0), kim(2), tom(0):   DCG 2/log2(3) = 1.261860, IDCG 2     -> 0.630930
    assert mt["bm25/demo.ndcg@10"] == pytest.approx((0.380094 + 0.630930) / 2, abs=1e-5)
    assert mt["bm25/demo.recall@10"] == pytest.approx((1 / 2 + 1) / 2)
    # vic breaks "instagram only"; vito is fraud in 1 of 6 listed; kat leaks alcohol in 1 of 3 listed for B.
    assert mt["bm25/demo.hard_violations"] == 1
    assert mt["bm25/demo.hard_violation_rate"] == pytest.approx(1 / 6)
    assert mt["bm25/demo.fraud_leakage"] == pytest.approx(1 / 6)
    assert mt["bm25/demo.safety_leakage"] == pytest.approx(1 / 3)
    assert mt["good/demo.hard_violations"] == 0 and mt["good/demo.fraud_leakage"] == 0
    # Faithfulness: followers field + "20k" both match stored data; bm25 builds no shortlist.
    assert mt["good/demo.faithfulness"] == 1.0
    assert mt["bm25/demo.faithfulness"] is None

    # Real set: 'nofollowers' has no follower count and is skipped; fitness = {fit.one, fit.two}.
    assert report.corpora["real_instagram"] == {"creators": 3, "skipped_rows": 1}
    assert mt["good/real.p@10"] == pytest.approx(1.0) and mt["bm25/real.p@10"] == pytest.approx(0.5)
    # The systems never see the judged label.
    real_corpus = next(c for c in seen if c.name == "real_instagram")
    assert all("categories" not in json.loads(line) for line in real_corpus.path.read_text().splitlines())

    # Targets on the primary system: nDCG met, margin over bm25 = 1 - 0.505512 met, real P@10 met.
    targets = {t.name: t for t in report.targets}
    assert targets["nDCG@10 >= 0.85"].met is True
    assert targets["full agent beats BM25-only nDCG@10 by >= 0.1"].value == pytest.approx(1 - 0.505512, abs=1e-5)
    assert targets["parse accuracy >= 0.9"].met is False
    assert targets["parse accuracy >= 0.9"].miss == pytest.approx(0.9 - 2 / 3)

    # No baseline entries yet: the gate compares nothing and passes, and says so.
    assert report.exit_code == 0 and "nothing compared" in report.gate.note
    files = {p.name for p in (world["tmp"] / "report").iterdir()}
    assert {"report.json", "report.md", "metrics.png", "latency.png"} <= files
    out = capsys.readouterr().out
    assert "demo nDCG@10" in out and "MISSED by 0.233" in out
    # Real handles never reach the report.
    assert "fit.one" not in (world["tmp"] / "report" / "report.json").read_text()


async def test_gate_fails_on_regression_and_update_baseline(world: dict[str, Path]) -> None:
    save_baseline(Baseline(tiers={"quick": {
        "bm25/demo.ndcg@10": BaselineEntry(value=0.60, tolerance=0.02, direction="higher"),
        "good/demo.fraud_leakage": BaselineEntry(value=0.0, tolerance=0.01, direction="lower"),
        "gone/demo.p@10": BaselineEntry(value=0.5, tolerance=0.0, direction="higher"),
    }}), world["tmp"] / "baseline.json")
    report = await run_eval(_config(world, suites=["demo"]), _systems([]), None, echo=None)
    assert report.exit_code == 1
    assert [r.key for r in report.gate.regressions] == ["bm25/demo.ndcg@10"]
    assert report.gate.missing == ["gone/demo.p@10"] and report.gate.compared == 2
    assert report.skipped == []

    # Accept the current numbers as the new baseline, then the same run passes.
    await run_eval(_config(world, suites=["demo"], update_baseline=True), _systems([]), None, echo=None)
    stored = load_baseline(world["tmp"] / "baseline.json").tiers["quick"]
    assert stored["bm25/demo.ndcg@10"].value == pytest.approx(0.505512, abs=1e-5)
    assert stored["bm25/demo.hard_violations"].direction == "lower"
    again = await run_eval(_config(world, suites=["demo"]), _systems([]), None, echo=None)
    assert again.exit_code == 0 and again.gate.compared > 10


async def test_real_suite_skips_without_data(world: dict[str, Path]) -> None:
    report = await run_eval(_config(world, suites=["real", "parse"], real_data=world["tmp"] / "absent.jsonl"),
                            _systems([]), None, echo=None)
    assert any("real data file missing" in s and "absent.jsonl" in s for s in report.skipped)
    assert any(s.startswith("parse: no parse function") for s in report.skipped)
    assert report.suites == [] and report.exit_code == 0


async def test_safety_suite_reports_flat_metrics(world: dict[str, Path], tmp_path: Path) -> None:
    report = await run_eval(_config(world, suites=["safety"], report_dir=tmp_path / "rep"), _systems([]), None, echo=None)
    assert set(report.safety) == {f"safety_v1.{m}" for m in
                                  ("precision", "recall", "min_category_recall", "hate_recall", "profanity_recall")}
    for name, value in report.safety.items():
        assert report.metrics[f"safety/{name}"] == value and 0.85 <= value <= 1.0
    assert "safety_v1.recall" in (tmp_path / "rep" / "report.md").read_text(encoding="utf-8")
    assert report.suites == []


async def test_failing_system_scores_empty_and_is_counted(world: dict[str, Path]) -> None:
    def factory(corpus: EvalCorpus) -> list[System]:
        return [FixedSystem("broken", {})]
    report = await run_eval(_config(world, suites=["demo"], primary_system="broken"), factory, None, echo=None)
    assert report.metrics["broken/demo.errors"] == 2
    assert report.metrics["broken/demo.ndcg@10"] == 0.0
    assert "RuntimeError" in (report.suites[0].cases[0].error or "")


async def test_demo_corpus_is_generated_and_index_dir_is_fresh(world: dict[str, Path]) -> None:
    calls: list[tuple[Path, int, int]] = []

    def writer(out: Path, *, creators: int, seed: int) -> None:
        calls.append((out, creators, seed))
        out.write_text(world["demo"].read_text())
        Path(str(out) + ".labels.jsonl").write_text(Path(str(world["demo"]) + ".labels.jsonl").read_text())

    stale = world["tmp"] / "work" / "demo_index" / "old-shard"
    stale.mkdir(parents=True)
    seen: list[EvalCorpus] = []
    report = await run_eval(_config(world, suites=["demo"], demo_corpus=None, demo_seed=3), _systems(seen), None,
                            echo=None, demo_writer=writer)
    assert calls == [(world["tmp"] / "work" / "demo_3000_3.jsonl", 3000, 3)]  # quick tier size
    assert report.corpora["demo"]["creators"] == 7
    assert seen[0].work_dir.exists() and not any(seen[0].work_dir.iterdir())


async def test_empty_answers_are_warned_about(world: dict[str, Path]) -> None:
    def factory(corpus: EvalCorpus) -> list[System]:
        return [FixedSystem("mute", {RETRIEVAL[0]["brief"]: [], RETRIEVAL[1]["brief"]: []})]
    report = await run_eval(_config(world, suites=["demo"], primary_system="mute"), factory, None, echo=None)
    assert "demo: mute returned no creators for 2 of 2 briefs (A, B)" in report.warnings
