"""Run the eval suites against a list of systems, score them, gate against the baseline.

Entry point: `run_eval(config, systems_factory, parse_fn)`. The factory is called once
per corpus with an `EvalCorpus` (an import-format JSONL plus a scratch directory) and
returns the systems to compare over that corpus; the runner never builds a system
itself, so the same runner scores BM25-only, dense-only, hybrid and the full agent.
Cases run one at a time so latency numbers are not distorted by self-contention.
"""

from __future__ import annotations

import asyncio
import inspect
import math
import statistics
import time
from datetime import datetime, timezone
from pathlib import Path
from typing import Awaitable, Callable, Literal, Sequence, TypeVar, Union

from pydantic import BaseModel, Field

from agents.criteria import CampaignCriteria, ParseResult
from agents.shortlist import ShortlistedCreator
from evals import metrics as m
from evals.cases import (
    FINE_SAMPLE_CREATORS,
    PARSE_V2,
    REAL_INSTAGRAM_FINE_V1,
    REAL_INSTAGRAM_V1,
    RETRIEVAL_V1,
    RETRIEVAL_V2,
    FineCase,
    ParseCase,
    RealCase,
    RetrievalCase,
    load_cases,
    select,
)
from evals.corpus import DemoWriter, EvalCorpus, LoadedCorpus, prepare_demo, prepare_real
from evals.gate import (BASELINE_PATH, GateResult, check_targets, compare, load_baseline, save_baseline,
                        updated_baseline)
from evals.judgments import CaseJudgments, load_judgments, qrels_path, resolve
from evals.judge import JsonClient, JudgeConfig, judge_shortlist
from evals.models import CaseResult, EvalReport, FieldMiss, ParseReport, RatioOut, SuiteResult
from evals.qrels import demo_qrels, real_qrels
from evals.systems import RankedResult, System, is_gated
from retrieval.features import CreatorFeatures
from retrieval.schema import Creator, Money, creator_key

T = TypeVar("T")
MaybeAwaitable = Union[T, Awaitable[T]]
SystemsFactory = Callable[[EvalCorpus], MaybeAwaitable[Sequence[System]]]
ParseFn = Callable[[str], MaybeAwaitable[Union[CampaignCriteria, ParseResult]]]
Echo = Callable[[str], None]

SAFETY_V1 = Path(__file__).with_name("datasets") / "safety_v1.jsonl"

# Quick tier: a corpus small enough to index and query in a few minutes on 2 cores.
QUICK_DEMO_CREATORS = 3_000
FULL_DEMO_CREATORS = 20_000
QUICK_REAL_CREATORS = 3_000


Suite = Literal["parse", "safety", "demo", "demo_v2", "real", "fine"]
# demo and demo_v2 share one demo corpus and index; fine has its own real sample.
# safety scores the brand-safety scan (lexicon + classifier) on safety_v1 (a few seconds).
SUITES: tuple[str, ...] = ("parse", "safety", "demo", "demo_v2", "real", "fine")


class EvalConfig(BaseModel):
    tier: Literal["quick", "full"] = "quick"
    work_dir: Path = Field(description="scratch space for corpora and indexes (not the repo)")
    report_dir: Path | None = Field(None, description="where report.json/.md and charts go; None writes nothing")
    baseline_path: Path = BASELINE_PATH
    update_baseline: bool = Field(False, description="rewrite this tier's baseline entries from this run")
    suites: list[Suite] = Field(default_factory=lambda: list(SUITES))
    demo_corpus: Path | None = Field(None, description="an existing demo corpus (labels next to it); else one is generated")
    demo_creators: int | None = Field(None, description=f"default {QUICK_DEMO_CREATORS} quick / {FULL_DEMO_CREATORS} full")
    demo_seed: int = 7
    real_data: Path | None = Field(None, description="instagram_kim2020.jsonl; the real suite is skipped without it")
    real_max_creators: int | None = Field(None, description=f"default {QUICK_REAL_CREATORS} quick / all full")
    primary_system: str = Field("full_agent", description="system the targets are checked on (the full agent)")
    bm25_system: str = Field("bm25_only", description="the BM25-only baseline system")
    dense_system: str = Field("dense_only", description="the dense-only baseline system")
    case_timeout_s: float = 180.0
    judge: JudgeConfig | None = Field(None, description="optional LLM judge of explanation helpfulness; never gated")
    features_as_of: datetime | None = Field(
        None, description="the reference time the systems computed features with (ingest --as-of); default now")
    datasets: dict[str, Path] = Field(default_factory=lambda: {"parse": PARSE_V2, "demo": RETRIEVAL_V1, "demo_v2": RETRIEVAL_V2,
                                                               "real": REAL_INSTAGRAM_V1, "fine": REAL_INSTAGRAM_FINE_V1,
                                                               "safety": SAFETY_V1})
    fine_sample: int = Field(FINE_SAMPLE_CREATORS, description="the sample the fine set's judgments were made on")

    @classmethod
    def from_cli(cls, tier: str, data_dir: Path, report_dir: Path | None = None, baseline: Path | None = None,
                 update_baseline: bool = False, real_data: Path | None = None,
                 suites: Sequence[str] | None = None) -> "EvalConfig":
        """The config for `castlist eval` flags: scratch in DATA_DIR/eval/<tier>, the report in
        DATA_DIR/eval-reports/<tier>-<UTC time> unless --report-dir is given."""
        stamp = datetime.now(timezone.utc).strftime("%Y%m%dT%H%M%SZ")
        return cls(tier=tier, work_dir=data_dir / "eval" / tier,  # type: ignore[arg-type]
                   report_dir=report_dir or data_dir / "eval-reports" / f"{tier}-{stamp}",
                   baseline_path=baseline or BASELINE_PATH, update_baseline=update_baseline, real_data=real_data,
                   suites=list(suites or SUITES))

    def demo_size(self) -> int:
        return self.demo_creators or (QUICK_DEMO_CREATORS if self.tier == "quick" else FULL_DEMO_CREATORS)

    def real_size(self) -> int | None:
        return self.real_max_creators if self.real_max_creators is not None else (QUICK_REAL_CREATORS if self.tier == "quick" else None)


async def _resolve(value: MaybeAwaitable[T]) -> T:
    return await value if inspect.isawaitable(value) else value  # type: ignore[return-value]


# --------------------------------------------------------------------------- parse suite


async def run_parse_suite(cases: Sequence[ParseCase], parse_fn: ParseFn) -> ParseReport:
    scores: list[dict[str, bool]] = []
    misses: list[FieldMiss] = []
    errors: list[str] = []
    latencies: list[float] = []
    for case in cases:
        t0 = time.perf_counter()
        try:
            out = await _resolve(parse_fn(case.brief))
        except Exception as exc:  # a crash scores every expected field wrong
            errors.append(f"{case.id}: {type(exc).__name__}: {exc}")
            scores.append({name: False for name in case.expected})
            continue
        finally:
            latencies.append((time.perf_counter() - t0) * 1000)
        criteria = out.criteria if isinstance(out, ParseResult) else out
        case_scores = m.parse_field_scores(case.expected, criteria)
        scores.append(case_scores)
        for name, ok in case_scores.items():
            if not ok:
                actual = m.actual_value(criteria, name)
                misses.append(FieldMiss(case_id=case.id, field=name, expected=case.expected[name], actual=actual))
    acc = m.parse_accuracy(scores)
    return ParseReport(cases=acc.cases, accuracy=acc.overall, exact_cases=acc.exact_cases, per_field=acc.per_field,
                       errors=errors, misses=misses, latency_ms=m.latency_summary(latencies))


# --------------------------------------------------------------------------- scoring one case

FactsFn = Callable[[Creator], Sequence[float]]
JudgeFn = Callable[[str, Sequence[ShortlistedCreator]], Awaitable[float | None]]


def _price_lows(keys: Sequence[str], result: RankedResult | None, creators: dict[str, Creator]) -> list[Money | None]:
    listed = {}
    if result is not None and result.shortlist is not None:
        listed = {creator_key(c.platform, c.handle): c for c in result.shortlist.creators}
    out: list[Money | None] = []
    for key in keys:
        sc = listed.get(key)
        if sc is not None and sc.price_estimate is not None:
            out.append(Money(amount=sc.price_estimate.low, currency=sc.price_estimate.currency))
        elif key in creators and creators[key].rate_card is not None:
            card = creators[key].rate_card
            out.append(Money(amount=card.amount, currency=card.currency))
        else:
            out.append(None)
    return out


def score_case(
    *,
    suite: str,
    case: RetrievalCase | RealCase,
    system: str,
    qrels: dict[str, int],
    result: RankedResult | None,
    error: str | None,
    latency_ms: float,
    loaded: LoadedCorpus,
    facts_fn: FactsFn | None = None,
    judged: CaseJudgments | None = None,
) -> CaseResult:
    """All per-case metrics for one system's answer (a failed call scores as an empty list).

    With `judged` (the fine set), P@k is lenient (grade >= 1), a strict P@k counts grade 2
    only, and returned creators without a judgment are listed (they score 0)."""
    returned = list(dict.fromkeys(result.keys)) if result is not None else []
    top = returned[: case.k]
    criteria = case.constraints
    prices = _price_lows(top, result, loaded.creators)
    violations: list[str] = []
    violating = 0
    for key, price in zip(top, prices):
        creator = loaded.creators.get(key)
        found = ["not in the corpus"] if creator is None else m.constraint_violations(creator, criteria, price)
        if found:
            violating += 1
            violations.extend(f"{key if suite.startswith('demo') else '#' + str(top.index(key) + 1)}: {v}" for v in found)
    list_violations = m.shortlist_violations(_price_lows(returned, result, loaded.creators), criteria)
    if loaded.labels:
        list_violations.extend(m.repeated_people(top, loaded.labels))

    faith = m.Faithfulness()
    topic_labels: list[str] = []
    if result is not None and result.shortlist is not None:
        for sc in result.shortlist.creators[: case.k]:
            creator = loaded.creators.get(creator_key(sc.platform, sc.handle))
            if creator is None:
                faith.checked += 1
                faith.unsupported.append(f"{sc.platform}:{sc.handle}: not a stored creator")
                continue
            one = m.explanation_faithfulness(sc, creator, result.shortlist.criteria,
                                             facts_fn(creator) if facts_fn else (), brief=result.shortlist.brief)
            faith.checked += one.checked
            who = f"{sc.platform}:{sc.handle}" if suite.startswith("demo") else f"#{sc.rank}"
            faith.unsupported.extend(f"{who}: {u}" for u in one.unsupported)
            label = m.unsupported_topic_label(sc, creator)
            if label:
                topic_labels.append(f"{who}: {label}")

    fraud = m.fraud_leakage(top, loaded.labels) if loaded.labels else m.Ratio(0, 0)
    safety = m.safety_leakage(top, loaded.labels, criteria.exclude_topics) if loaded.labels else m.Ratio(0, 0)
    return CaseResult(
        suite=suite, case_id=case.id, system=system, k=case.k, relevant=len(qrels), returned=len(returned),
        ndcg=m.ndcg_at_k(top, qrels, case.k), precision=m.precision_at_k(top, qrels, case.k),
        recall=m.recall_at_k(top, qrels, case.k),
        violating_creators=violating, violations=violations, list_violations=list_violations,
        fraud=RatioOut(hits=fraud.hits, total=fraud.total), safety=RatioOut(hits=safety.hits, total=safety.total),
        faithfulness=RatioOut(hits=faith.ratio.hits, total=faith.ratio.total), unsupported_claims=faith.unsupported[:50],
        unsupported_topic_labels=topic_labels, latency_ms=latency_ms, stage_ms=dict(result.stage_ms) if result is not None else {},
        top_keys=top if suite.startswith("demo") else [], tags=list(case.tags), error=error,
        strict_precision=m.precision_at_k(top, qrels, case.k, min_grade=2) if judged is not None else None,
        unjudged=[k for k in top if not judged.judged(k)] if judged is not None else [],
        language=getattr(case, "language", None), twin_of=getattr(case, "twin_of", None),
    )


def _sum_ratio(cases: Sequence[CaseResult], attr: str) -> float | None:
    hits = sum(getattr(c, attr).hits for c in cases)
    total = sum(getattr(c, attr).total for c in cases)
    return hits / total if total else None


def fine_metrics(judged: Sequence[CaseResult]) -> dict[str, float | None]:
    """Strict P@10 over all judged briefs, and for the non-English twins beside their
    English originals (same briefs, so the gap is the cost of the language)."""
    mean = lambda xs: statistics.fmean(xs) if xs else None  # noqa: E731
    strict = {c.case_id: c.strict_precision for c in judged if c.strict_precision is not None}
    twins = [c for c in judged if c.twin_of and c.twin_of in strict]
    return {
        "fine.strict_p@10": mean(list(strict.values())),
        "fine.strict_p@10_en": mean([v for c in judged if (c.language or "en") == "en" for v in [strict.get(c.case_id)] if v is not None]),
        "fine.twins_strict_p@10": mean([strict[c.case_id] for c in twins]),
        "fine.twins_en_strict_p@10": mean([strict[c.twin_of] for c in twins if c.twin_of]),
        "fine.unjudged_returned": float(sum(len(c.unjudged) for c in judged)),
    }


def aggregate(suite: str, system: str, cases: list[CaseResult]) -> SuiteResult:
    """Suite metrics for one system. Cases with no relevant creator in the corpus are left
    out of the ranking means (as BEIR does) but still count for violations and leakage."""
    judged = [c for c in cases if c.relevant > 0]
    mean = lambda xs: statistics.fmean(xs) if xs else None  # noqa: E731
    listed = sum(min(c.returned, c.k) for c in cases)
    violating = sum(c.violating_creators for c in cases)
    latencies = [c.latency_ms for c in cases]
    lat = m.latency_summary(latencies)
    metrics: dict[str, float | None] = {
        f"{suite}.ndcg@10": mean([c.ndcg for c in judged]),
        f"{suite}.p@10": mean([c.precision for c in judged]),
        f"{suite}.recall@10": mean([c.recall for c in judged]),
        f"{suite}.hard_violations": float(violating + sum(1 for c in cases if c.list_violations)),
        f"{suite}.hard_violation_rate": violating / listed if listed else 0.0,
        f"{suite}.list_violations": float(sum(1 for c in cases if c.list_violations)),
        f"{suite}.faithfulness": _sum_ratio(cases, "faithfulness"),
        f"{suite}.topic_labels_unsupported": float(sum(len(c.unsupported_topic_labels) for c in cases)),
        f"{suite}.latency_p50_ms": lat["p50"],
        f"{suite}.latency_p95_ms": lat["p95"],
        f"{suite}.errors": float(sum(1 for c in cases if c.error)),
        f"{suite}.cases": float(len(cases)),
    }
    if suite == "fine":
        metrics.update(fine_metrics(judged))
    if suite.startswith("demo"):
        metrics[f"{suite}.fraud_leakage"] = _sum_ratio(cases, "fraud")
        metrics[f"{suite}.safety_leakage"] = _sum_ratio(cases, "safety")
    by_tag: dict[str, dict[str, float]] = {}
    for tag in sorted({t for c in judged for t in c.tags}):
        tagged = [c for c in judged if tag in c.tags]
        by_tag[tag] = {"cases": float(len(tagged)), "ndcg@10": statistics.fmean(c.ndcg for c in tagged),
                       "p@10": statistics.fmean(c.precision for c in tagged)}
    stages: dict[str, list[float]] = {}
    for c in cases:
        for stage, ms in c.stage_ms.items():
            stages.setdefault(stage, []).append(ms)
    return SuiteResult(suite=suite, system=system, cases=cases, metrics=metrics, by_tag=by_tag, latencies_ms=latencies,
                       stage_p50_ms={s: m.percentile(v, 50) for s, v in stages.items()})


# --------------------------------------------------------------------------- running systems


async def _ask(system: System, brief: str, limit: int, timeout_s: float) -> tuple[RankedResult | None, str | None, float]:
    t0 = time.perf_counter()
    try:
        result = await asyncio.wait_for(system.shortlist(brief, limit), timeout=timeout_s)
        error = None
    except asyncio.TimeoutError:
        result, error = None, f"timeout after {timeout_s:g}s"
    except Exception as exc:  # one failing brief must not end the run
        result, error = None, f"{type(exc).__name__}: {exc}"
    return result, error, (time.perf_counter() - t0) * 1000


def feature_facts_fn(as_of: Sequence[datetime] = ()) -> FactsFn:
    """Numbers the ingest-time features derive from stored data, so explanations may cite
    them (ER by the platform's method, cadence, recency, shares, price band).

    Recency depends on the reference time the systems used; every candidate in `as_of`
    (default: now) contributes its numbers.
    """
    from retrieval.features import compute_features

    times = list(as_of) or [datetime.now(timezone.utc)]
    cache: dict[str, list[float]] = {}

    def facts(creator: Creator) -> list[float]:
        if creator.key not in cache:
            cache[creator.key] = [v for now in times for v in _feature_values(compute_features(creator, now))]
        return cache[creator.key]

    return facts


def _feature_values(f: CreatorFeatures) -> list[float]:
    vals = [f.engagement.median, f.engagement.mean, f.posts_per_week, f.days_since_last_post,
            f.sponsored_share, float(f.sponsored_posts), f.disclosure_rate, f.likes_per_comment,
            f.generic_comment_share, f.repeated_commenter_share, float(f.comments_sampled),
            f.max_daily_growth, f.following_ratio, float(len(f.undisclosed_sponsored_post_ids)),
            float(f.engagement.posts_used)]
    if f.price is not None:
        vals.extend([f.price.low, f.price.high])
    return [v for v in vals if v is not None and not math.isnan(v)]


async def run_suite(
    suite: str,
    cases: Sequence[RetrievalCase | RealCase],
    systems: Sequence[System],
    loaded: LoadedCorpus,
    timeout_s: float,
    facts_fn: FactsFn | None = None,
    echo: Echo | None = None,
    judge: JudgeFn | None = None,
    judgments: dict[str, CaseJudgments] | None = None,
) -> tuple[list[SuiteResult], list[str]]:
    warnings: list[str] = []
    qrels_by_case: dict[str, dict[str, int]] = {}
    judged_by_case: dict[str, CaseJudgments] = {}
    for case in cases:
        if isinstance(case, FineCase):
            j = (judgments or {}).get(case.id, CaseJudgments())
            judged_by_case[case.id] = j
            q = fine_qrels(case, j, loaded.creators)
        elif isinstance(case, RetrievalCase):
            q = demo_qrels(case, loaded.creators, loaded.labels)
        else:
            q = real_qrels(case, loaded.creators, loaded.categories)
        qrels_by_case[case.id] = q
        if len(q) < case.k:
            warnings.append(f"{suite}: case {case.id} has {len(q)} relevant creators in this corpus (cutoff {case.k})")
    results: list[SuiteResult] = []
    for system in systems:
        scored: list[CaseResult] = []
        for case in cases:
            result, error, ms = await _ask(system, case.brief, case.k, timeout_s)
            scored.append(score_case(suite=suite, case=case, system=system.name, qrels=qrels_by_case[case.id],
                                     result=result, error=error, latency_ms=ms, loaded=loaded, facts_fn=facts_fn,
                                     judged=judged_by_case.get(case.id)))
            if judge is not None and result is not None and result.shortlist is not None:
                scored[-1].judge_mean = await judge(case.brief, result.shortlist.creators)
        agg = aggregate(suite, system.name, scored)
        results.append(agg)
        empty = [c.case_id for c in scored if c.returned == 0 and c.error is None]
        if empty:
            # Zero results without an error usually means a filter or a vetting rule rejects
            # everything (e.g. activity judged against the wrong reference date).
            warnings.append(f"{suite}: {system.name} returned no creators for {len(empty)} of {len(scored)} briefs "
                            f"({', '.join(empty[:5])}{'…' if len(empty) > 5 else ''})")
        if echo:
            echo(f"  {suite} / {system.name}: nDCG@10 {_fmt(agg.metrics.get(f'{suite}.ndcg@10'))}, "
                 f"P@10 {_fmt(agg.metrics.get(f'{suite}.p@10'))}, {int(agg.metrics[f'{suite}.errors'] or 0)} errors")
    return results, warnings


def fine_qrels(case: FineCase, judged: CaseJudgments, creators: dict[str, Creator]) -> dict[str, int]:
    """The judged grades, dropped to 0 for creators that break the brief's hard constraints
    (a follower range): the judges graded topic only."""
    return {k: g for k, g in judged.qrels().items()
            if k in creators and not m.constraint_violations(creators[k], case.constraints)}


def _demo_now() -> datetime:
    from retrieval.demo import NOW

    return NOW


def _fmt(v: float | None) -> str:
    return "n/a" if v is None else f"{v:.3f}"


async def _build_systems(factory: SystemsFactory, corpus: EvalCorpus) -> list[System]:
    systems = list(await _resolve(factory(corpus)))
    names = [s.name for s in systems]
    if len(set(names)) != len(names):
        raise ValueError(f"system names must be unique, got {names}")
    return systems


async def _close(systems: Sequence[System]) -> None:
    # Systems may hold an index lock or a database connection; closing is optional.
    for s in systems:
        for attr in ("aclose", "close"):
            fn = getattr(s, attr, None)
            if callable(fn):
                await _resolve(fn())
                break


def flat_metrics(report: EvalReport) -> dict[str, float | None]:
    flat: dict[str, float | None] = {}
    if report.parse is not None:
        flat["parser/parse.accuracy"] = report.parse.accuracy
        flat["parser/parse.exact_cases"] = report.parse.exact_cases
    for name, value in report.safety.items():
        flat[f"safety/{name}"] = value
    for s in report.suites:
        for name, value in s.metrics.items():
            flat[f"{s.system}/{name}"] = value
    return flat


async def _run_corpus(runs, systems_factory, loaded, config, facts, say, judge, report, all_systems,
                      judgments_fn: Callable[[], dict[str, CaseJudgments]] | None = None) -> None:
    """Build the systems over one corpus once, run each (suite, cases) on it, close them,
    and collect results. Judgments are read after indexing, so the latest qrels count."""
    systems = await _build_systems(systems_factory, loaded.corpus)
    judgments = judgments_fn() if judgments_fn else None
    try:
        for suite, cases in runs:
            suites, warns = await run_suite(suite, cases, systems, loaded, config.case_timeout_s, facts, say, judge,
                                            judgments)
            report.suites.extend(suites)
            report.warnings.extend(warns)
    finally:
        await _close(systems)
    all_systems.extend(s.name for s in systems if s.name not in all_systems)


async def run_eval(
    config: EvalConfig,
    systems_factory: SystemsFactory,
    parse_fn: ParseFn | None = None,
    *,
    echo: Echo | None = print,
    demo_writer: DemoWriter | None = None,
) -> EvalReport:
    """Run the configured suites, check targets, gate against the baseline, write the report.

    Returns the report; `report.exit_code` is non-zero when a metric regressed beyond its
    tolerance. Suites that cannot run (no real data file, no parser) are listed in
    `report.skipped` with the reason, never silently dropped.
    """
    t0 = time.perf_counter()
    say = echo or (lambda _msg: None)
    report = EvalReport(tier=config.tier)
    config.work_dir.mkdir(parents=True, exist_ok=True)

    if "parse" in config.suites:
        if parse_fn is None:
            report.skipped.append("parse: no parse function given")
        else:
            cases = select(load_cases(config.datasets["parse"], ParseCase), config.tier)
            say(f"parse: {len(cases)} briefs")
            report.parse = await run_parse_suite(cases, parse_fn)

    if "safety" in config.suites:
        from evals.safety import gate_metrics

        report.safety = gate_metrics(config.datasets.get("safety", SAFETY_V1))
        say(f"safety: recall {_fmt(report.safety.get('safety_v1.recall'))}, "
            f"precision {_fmt(report.safety.get('safety_v1.precision'))}")

    now = datetime.now(timezone.utc)
    real_facts = feature_facts_fn([config.features_as_of or now])
    all_systems: list[str] = []
    judge_client: JsonClient | None = None
    judge: JudgeFn | None = None
    if config.judge is not None:
        from evals.judge import make_client

        judge_cfg = config.judge
        judge_client = make_client(judge_cfg)

        async def judge(brief: str, creators: Sequence[ShortlistedCreator]) -> float | None:
            assert judge_client is not None
            return await judge_shortlist(judge_client, brief, creators, judge_cfg.max_creators_per_case)

    demo_runs = [(name, select(load_cases(config.datasets[name], RetrievalCase), config.tier))
                 for name in ("demo", "demo_v2") if name in config.suites and name in config.datasets]
    if demo_runs:
        cases = [c for _, run_cases in demo_runs for c in run_cases]
        loaded = prepare_demo(config.demo_corpus, config.demo_size(), config.demo_seed, config.work_dir, demo_writer)
        report.corpora["demo"] = {"path": str(loaded.corpus.path), "creators": loaded.corpus.size,
                                  "labels": len(loaded.labels), "skipped_rows": loaded.skipped_rows}
        missing_niches = sorted({n for c in cases for n in (*c.relevant, *c.partial)} - {l.niche for l in loaded.labels.values()})
        if missing_niches:
            report.warnings.append(f"demo: niche ids not present in the labels: {missing_niches}")
        say(", ".join(f"{name}: {len(c)} briefs" for name, c in demo_runs) + f" over {loaded.corpus.size} creators")
        # The demo corpus is dated relative to the generator's fixed NOW; systems may
        # ingest it as of NOW or as of the wall clock, so both readings count.
        demo_facts = feature_facts_fn([config.features_as_of] if config.features_as_of else [_demo_now(), now])
        await _run_corpus(demo_runs, systems_factory, loaded, config, demo_facts, say, judge, report, all_systems)

    if "real" in config.suites:
        if config.real_data is None or not config.real_data.exists():
            where = "no path given (--real-data)" if config.real_data is None else f"{config.real_data} does not exist"
            report.skipped.append(f"real_instagram: skipped, real data file missing: {where}")
            say(report.skipped[-1])
        else:
            cases = select(load_cases(config.datasets["real"], RealCase), config.tier)
            loaded = prepare_real(config.real_data, config.work_dir, config.real_size())
            report.corpora["real_instagram"] = {"creators": loaded.corpus.size, "skipped_rows": loaded.skipped_rows}
            say(f"real_instagram: {len(cases)} briefs over {loaded.corpus.size} creators")
            await _run_corpus([("real", cases)], systems_factory, loaded, config, real_facts, say, judge, report, all_systems)

    if "fine" in config.suites and "fine" in config.datasets:
        if config.real_data is None or not config.real_data.exists():
            report.skipped.append("real_instagram_fine: skipped, real data file missing")
            say(report.skipped[-1])
        else:
            cases = select(load_cases(config.datasets["fine"], FineCase), config.tier)
            loaded = prepare_real(config.real_data, config.work_dir / "fine", config.fine_sample)
            info = report.corpora["real_instagram_fine"] = {"creators": loaded.corpus.size, "sample": config.fine_sample}

            def fine_judgments(fine_loaded: LoadedCorpus = loaded) -> dict[str, CaseJudgments]:
                judged = resolve(load_judgments(qrels_path(config.datasets["fine"])), fine_loaded.creators)
                info["judged_pairs"] = sum(len(j.grades) for j in judged.values())
                return judged

            say(f"real_instagram_fine: {len(cases)} briefs over {loaded.corpus.size} creators")
            await _run_corpus([("fine", cases)], systems_factory, loaded, config, real_facts, say, judge, report,
                              all_systems, fine_judgments)

    if judge_client is not None:
        await _close([judge_client])  # type: ignore[list-item]
        for name in dict.fromkeys(all_systems):
            means = [c.judge_mean for s in report.suites if s.system == name for c in s.cases if c.judge_mean is not None]
            if means:
                report.judge[name] = statistics.fmean(means)
    report.systems = list(dict.fromkeys(all_systems))
    report.roles = {"primary": config.primary_system, "bm25": config.bm25_system, "dense": config.dense_system,
                    "parser": "parser"}
    report.metrics = flat_metrics(report)
    report.targets = check_targets(report.metrics, report.roles)

    baseline = load_baseline(config.baseline_path)
    report.gate = compare(report.metrics, baseline, config.tier)
    if report.systems and not any(is_gated(s) for s in report.systems):
        report.gate = GateResult(note="not gated: every system of this run uses another embedding model than the "
                                      "baseline's, so its metrics are reported only")
    if config.update_baseline:
        # Only the default model's systems: a second model's metrics are reported, not gated.
        gated = {k: v for k, v in report.metrics.items() if is_gated(k.split("/", 1)[0])}
        save_baseline(updated_baseline(gated, baseline, config.tier), config.baseline_path)
        report.baseline_updated = True

    report.duration_s = time.perf_counter() - t0
    if config.report_dir is not None:
        from evals.report import write_report  # matplotlib is imported only when writing

        report.report_dir = config.report_dir
        write_report(report, config.report_dir)
    if echo:
        from evals.report import summary_text

        echo(summary_text(report))
    return report
