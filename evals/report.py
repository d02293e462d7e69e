"""Write an eval report: JSON (everything), Markdown (for people), PNG charts, a summary.

Charts use matplotlib's Agg backend: reports are written on servers and in CI, where
no display exists.
"""

from __future__ import annotations

import json
import math
from pathlib import Path
from typing import Sequence

from evals.models import EvalReport
from evals.systems import split_system

# Rows of the comparison table, in reading order: quality, safety, trust, speed.
TABLE_METRICS: tuple[tuple[str, str], ...] = (
    ("demo.ndcg@10", "demo nDCG@10"),
    ("demo.p@10", "demo P@10"),
    ("demo.recall@10", "demo Recall@10"),
    ("demo.hard_violations", "demo hard violations"),
    ("demo.hard_violation_rate", "demo creator violation rate"),
    ("demo.list_violations", "demo lists over count/budget/person twice"),
    ("demo.fraud_leakage", "demo fraud leakage"),
    ("demo.safety_leakage", "demo brand-safety leakage"),
    ("demo.faithfulness", "demo faithfulness"),
    ("demo.latency_p50_ms", "demo latency p50 ms"),
    ("demo.latency_p95_ms", "demo latency p95 ms"),
    ("demo.errors", "demo errors"),
    ("real.ndcg@10", "real nDCG@10"),
    ("real.p@10", "real P@10"),
    ("real.hard_violations", "real hard violations"),
    ("real.faithfulness", "real faithfulness"),
    ("real.latency_p95_ms", "real latency p95 ms"),
    ("real.errors", "real errors"),
    ("demo_v2.ndcg@10", "demo v2 (facets) nDCG@10"),
    ("demo_v2.p@10", "demo v2 (facets) P@10"),
    ("demo_v2.faithfulness", "demo v2 faithfulness"),
    ("demo_v2.topic_labels_unsupported", "demo v2 cards on topic without a quoted post"),
    ("fine.topic_labels_unsupported", "fine cards on topic without a quoted post"),
    ("fine.strict_p@10", "fine strict P@10 (grade 2)"),
    ("fine.p@10", "fine lenient P@10 (grade >= 1)"),
    ("fine.ndcg@10", "fine nDCG@10"),
    ("fine.strict_p@10_en", "fine strict P@10, English briefs"),
    ("fine.twins_strict_p@10", "fine strict P@10, de/es/fr twins"),
    ("fine.twins_en_strict_p@10", "fine strict P@10, their English twins"),
    ("fine.unjudged_returned", "fine unjudged creators returned"),
    ("fine.latency_p95_ms", "fine latency p95 ms"),
    ("fine.errors", "fine errors"),
)
CHART_METRICS = ("demo.ndcg@10", "demo.p@10", "demo.recall@10", "demo.fraud_leakage", "demo.safety_leakage",
                 "demo.hard_violation_rate", "demo.faithfulness", "real.ndcg@10", "real.p@10")


def _fmt(value: float | None, metric: str = "") -> str:
    if value is None or (isinstance(value, float) and math.isnan(value)):
        return "–"
    if metric.endswith("_ms"):
        return f"{value:,.0f}" if value >= 10 else f"{value:.1f}"
    if metric.endswith(("hard_violations", "list_violations", "errors", "unjudged_returned", "_unsupported")):
        return f"{value:.0f}"
    return f"{value:.3f}"


def comparison_rows(report: EvalReport) -> list[list[str]]:
    rows: list[list[str]] = []
    for metric, label in TABLE_METRICS:
        values = [report.metrics.get(f"{s}/{metric}") for s in report.systems]
        if all(v is None for v in values):
            continue
        rows.append([label, *(_fmt(v, metric) for v in values)])
    return rows


def _text_table(header: Sequence[str], rows: Sequence[Sequence[str]]) -> str:
    widths = [max(len(str(r[i])) for r in [header, *rows]) for i in range(len(header))]
    line = lambda r: "  ".join(str(c).ljust(w) if i == 0 else str(c).rjust(w) for i, (c, w) in enumerate(zip(r, widths)))  # noqa: E731
    return "\n".join([line(header), "  ".join("-" * w for w in widths), *(line(r) for r in rows)])


def _md_table(header: Sequence[str], rows: Sequence[Sequence[str]]) -> str:
    out = ["| " + " | ".join(header) + " |", "|" + "|".join(["---"] + ["---:"] * (len(header) - 1)) + "|"]
    out.extend("| " + " | ".join(str(c) for c in r) + " |" for r in rows)
    return "\n".join(out)


def _target_rows(report: EvalReport) -> list[list[str]]:
    rows = []
    for t in report.targets:
        status = "not measured" if t.met is None else ("met" if t.met else f"MISSED by {t.miss:.3f}")
        rows.append([t.name, _fmt(t.value), status])
    return rows


def summary_text(report: EvalReport) -> str:
    parts = [f"castlist eval — tier {report.tier}, {report.duration_s:.0f}s"]
    if report.parse is not None:
        parts.append(f"parse: accuracy {report.parse.accuracy:.3f} over {report.parse.cases} briefs "
                     f"({report.parse.exact_cases:.0%} fully right, {len(report.parse.errors)} errors)")
    if report.safety:
        parts.append("safety_v1: " + ", ".join(f"{k.split('.', 1)[1]} {_fmt(v)}" for k, v in report.safety.items()))
    rows = comparison_rows(report)
    if rows:
        parts.append(_text_table(["metric", *report.systems], rows))
    header, by_model = model_rows(report)
    if by_model:
        parts.append("embedding models side by side (only the default model's systems are gated):")
        parts.append(_text_table(header, by_model))
    parts.append("targets (primary system '%s'):" % report.roles.get("primary", "?"))
    parts.append(_text_table(["target", "value", "status"], _target_rows(report)))
    gate = report.gate
    if gate.note:
        parts.append(f"gate: {gate.note}")
    elif gate.passed:
        parts.append(f"gate: PASS ({gate.compared} metrics compared, {len(gate.missing)} missing)")
    else:
        parts.append(f"gate: FAIL — {len(gate.regressions)} regression(s):")
        parts.extend(f"  {r.key}: {r.baseline:.4g} -> {_fmt(r.current)} (tolerance {r.tolerance:g}, {r.direction} is better)"
                     for r in gate.regressions)
    if gate.missing:
        parts.append(f"gate: baseline metrics not produced by this run: {', '.join(gate.missing)}")
    parts.extend(f"skipped: {s}" for s in report.skipped)
    parts.extend(f"warning: {w}" for w in report.warnings if "returned no creators" in w)
    if report.baseline_updated:
        parts.append(f"baseline updated for tier {report.tier}")
    if report.report_dir is not None:
        parts.append(f"report: {report.report_dir}")
    return "\n".join(parts)


# Rows of the side-by-side table of embedding models (quality only: latency and
# violations are in the main table under each system's own name).
MODEL_METRICS: tuple[tuple[str, str], ...] = (
    ("fine.strict_p@10", "fine strict P@10"),
    ("fine.p@10", "fine lenient P@10"),
    ("fine.ndcg@10", "fine nDCG@10"),
    ("fine.strict_p@10_en", "fine strict P@10, English"),
    ("fine.twins_strict_p@10", "fine twins (de/es/fr) strict P@10"),
    ("fine.twins_en_strict_p@10", "fine their English twins"),
    ("fine.unjudged_returned", "fine unjudged returned"),
    ("real.p@10", "real P@10 by category"),
    ("real.ndcg@10", "real nDCG@10"),
    ("demo_v2.ndcg@10", "demo v2 nDCG@10"),
    ("demo.ndcg@10", "demo nDCG@10"),
)


def model_rows(report: EvalReport) -> tuple[list[str], list[list[str]]]:
    """Header and rows setting each embedding model's systems side by side: one row per
    (metric, model), one column per system. Empty when only one model ran."""
    split = [split_system(s) for s in report.systems]
    models = list(dict.fromkeys(m for _, m in split))
    if len(models) < 2:
        return [], []
    bases = list(dict.fromkeys(b for b, _ in split))
    names = {(b, m): s for s, (b, m) in zip(report.systems, split)}
    rows = []
    for metric, label in MODEL_METRICS:
        for model in models:
            values = [report.metrics.get(f"{names[(b, model)]}/{metric}") if (b, model) in names else None for b in bases]
            if any(v is not None for v in values):
                rows.append([label, model, *(_fmt(v, metric) for v in values)])
    return ["metric", "embedding model", *bases], rows


def model_section(report: EvalReport) -> list[str]:
    header, rows = model_rows(report)
    if not rows:
        return []
    intro = ("Same corpora and cases; each model indexed the corpus itself. Only the default model's systems are "
             "gated; the others are reported under `<system>@<model>`.")
    return ["", "## Embedding models side by side", "", intro, "", _md_table(header, rows)]


def fine_sections(report: EvalReport) -> list[str]:
    """The fine set per brief: twins beside their English briefs, and the creators returned
    that nobody judged (they scored 0; judge them to extend the qrels)."""
    fine = [s for s in report.suites if s.suite == "fine"]
    if not fine:
        return []
    md = ["", "## Fine-grained real set: non-English twins beside their English briefs (strict P@10)", ""]
    by_system = {s.system: {c.case_id: c for c in s.cases} for s in fine}
    twins = [c for c in fine[0].cases if c.twin_of]
    rows = []
    for t in twins:
        row = [f"{t.case_id} ({t.language}) / {t.twin_of}"]
        for system, cases in by_system.items():
            mine, en = cases.get(t.case_id), cases.get(t.twin_of or "")
            row.append(f"{_fmt(mine.strict_precision if mine else None)} / {_fmt(en.strict_precision if en else None)}")
        rows.append(row)
    md.append(_md_table(["twin / English", *by_system], rows) if rows else "_no twins in this tier_")
    md += ["", "## Fine-grained real set: unjudged creators returned (scored 0)", ""]
    unjudged = sorted({(c.case_id, k) for s in fine for c in s.cases for k in c.unjudged})
    if not unjudged:
        md.append("None: every returned creator in the top 10 was judged.")
    else:
        md += [f"{len(unjudged)} (brief, creator) pairs; judge them with `python -m evals.pooling` packets to extend "
               "`real_instagram_fine_v1.qrels.jsonl`.", "", *(f"- {cid}: {key}" for cid, key in unjudged)]
    return md


def markdown(report: EvalReport) -> str:
    md = [f"# castlist eval report — tier `{report.tier}`", "",
          f"Started {report.started_at:%Y-%m-%d %H:%M} UTC, {report.duration_s:.0f}s. "
          f"Systems: {', '.join(report.systems) or 'none'}. Primary: `{report.roles.get('primary')}`, "
          f"BM25 baseline: `{report.roles.get('bm25')}`.", ""]
    for name, info in report.corpora.items():
        md.append(f"- corpus `{name}`: " + ", ".join(f"{k} {v}" for k, v in info.items()))
    md += ["", "## Systems compared", "", _md_table(["metric", *report.systems], comparison_rows(report)) if report.systems else "_no systems ran_",
           "", "![metrics by system](metrics.png)", "", "![latency](latency.png)", "",
           *model_section(report), "",
           "## Targets", "", _md_table(["target", "value", "status"], _target_rows(report)), "", "## Regression gate", ""]
    gate = report.gate
    if gate.note:
        md.append(gate.note)
    else:
        md.append(f"{'PASS' if gate.passed else 'FAIL'}: {gate.compared} compared, {len(gate.regressions)} regressions, "
                  f"{len(gate.missing)} missing, {len(gate.improvements)} improved beyond tolerance.")
        if gate.regressions:
            md += ["", _md_table(["metric", "baseline", "now", "tolerance", "better"],
                                 [[r.key, f"{r.baseline:.4g}", _fmt(r.current), f"{r.tolerance:g}", r.direction] for r in gate.regressions])]
    if report.parse is not None:
        p = report.parse
        md += ["", "## Brief parsing", "", f"Accuracy {p.accuracy:.3f} over {p.cases} briefs; {p.exact_cases:.0%} fully right; "
               f"p50 {p.latency_ms.get('p50', float('nan')):.0f} ms.", "",
               _md_table(["field", "accuracy"], [[f, f"{v:.3f}"] for f, v in p.per_field.items()])]
        if p.misses:
            md += ["", "Misses (first 40):", "",
                   _md_table(["case", "field", "expected", "got"],
                             [[x.case_id, x.field, f"`{json.dumps(x.expected, ensure_ascii=False)}`",
                               f"`{json.dumps(x.actual, ensure_ascii=False, default=str)}`"] for x in p.misses[:40]])]
        if p.errors:
            md += ["", "Errors:", "", *(f"- {e}" for e in p.errors[:20])]
    if report.safety:
        md += ["", "## Brand safety (safety_v1, lexicon + classifier)", "",
               _md_table(["metric", "value"], [[k, _fmt(v)] for k, v in report.safety.items()])]
    for suite in report.suites:
        md += ["", f"## {suite.suite} / {suite.system}", ""]
        if suite.stage_p50_ms:
            md.append("Stage p50 ms: " + ", ".join(f"{k} {v:,.0f}" for k, v in suite.stage_p50_ms.items()))
            md.append("")
        if suite.by_tag:
            md += [_md_table(["tag", "cases", "nDCG@10", "P@10"],
                             [[t, f"{v['cases']:.0f}", f"{v['ndcg@10']:.3f}", f"{v['p@10']:.3f}"] for t, v in suite.by_tag.items()]), ""]
        worst = sorted(suite.cases, key=lambda c: (c.error is None, c.ndcg))[:8]
        md.append(_md_table(["case", "relevant", "nDCG", "P", "violations", "unsupported", "error"],
                            [[c.case_id, str(c.relevant), f"{c.ndcg:.3f}", f"{c.precision:.2f}", str(c.violating_creators + len(c.list_violations)),
                              str(len(c.unsupported_claims)), (c.error or "")[:60]] for c in worst]))
        problems = [(c.case_id, v) for c in suite.cases for v in (*c.violations, *c.list_violations, *c.unsupported_claims, *c.unsupported_topic_labels)]
        if problems:
            md += ["", "Violations and unsupported claims (first 30):", "", *(f"- {cid}: {v}" for cid, v in problems[:30])]
    md += fine_sections(report)
    if report.judge:
        md += ["", "## LLM judge (explanation helpfulness 1–5, not gated)", "",
               _md_table(["system", "mean"], [[k, f"{v:.2f}"] for k, v in report.judge.items()])]
    if report.skipped or report.warnings:
        md += ["", "## Skipped and warnings", "", *(f"- skipped: {s}" for s in report.skipped),
               *(f"- {w}" for w in report.warnings)]
    return "\n".join(md) + "\n"


def _charts(report: EvalReport, out: Path) -> list[Path]:
    import matplotlib

    matplotlib.use("Agg")
    import matplotlib.pyplot as plt

    written: list[Path] = []
    systems = report.systems
    metrics = [mt for mt in CHART_METRICS if any(report.metrics.get(f"{s}/{mt}") is not None for s in systems)]
    if systems and metrics:
        cols = 3
        rows = math.ceil(len(metrics) / cols)
        fig, axes = plt.subplots(rows, cols, figsize=(4.2 * cols, 3.0 * rows), squeeze=False)
        for ax, metric in zip(axes.flat, metrics):
            values = [report.metrics.get(f"{s}/{metric}") for s in systems]
            heights = [0.0 if v is None else v for v in values]
            bars = ax.bar(range(len(systems)), heights, color=[f"C{i}" for i in range(len(systems))])
            for bar, v in zip(bars, values):
                ax.annotate("–" if v is None else f"{v:.2f}", (bar.get_x() + bar.get_width() / 2, bar.get_height()),
                            ha="center", va="bottom", fontsize=8)
            ax.set_title(metric, fontsize=10)
            ax.set_xticks(range(len(systems)), systems, rotation=20, fontsize=8)
            ax.set_ylim(0, max(1.0, max(heights) * 1.15))
        for ax in list(axes.flat)[len(metrics):]:
            ax.set_visible(False)
        fig.tight_layout()
        path = out / "metrics.png"
        fig.savefig(path, dpi=110)
        plt.close(fig)
        written.append(path)
    series = [(f"{s.system}\n{s.suite}", s.latencies_ms) for s in report.suites if s.latencies_ms]
    if series:
        fig, ax = plt.subplots(figsize=(max(5.0, 1.4 * len(series)), 3.6))
        ax.boxplot([v for _, v in series], whis=(5, 95), showfliers=True)
        ax.set_xticks(range(1, len(series) + 1), [n for n, _ in series], fontsize=8)
        ax.set_ylabel("ms per brief")
        if max(max(v) for _, v in series) > 50 * max(1e-9, min(min(v) for _, v in series)):
            ax.set_yscale("log")  # agents and plain retrieval differ by orders of magnitude
        ax.set_title("latency per brief (whiskers p5–p95)")
        fig.tight_layout()
        path = out / "latency.png"
        fig.savefig(path, dpi=110)
        plt.close(fig)
        written.append(path)
    return written


def write_report(report: EvalReport, out: Path) -> list[Path]:
    out.mkdir(parents=True, exist_ok=True)
    paths = [out / "report.json", out / "report.md"]
    paths[0].write_text(report.model_dump_json(indent=2), encoding="utf-8")
    paths[1].write_text(markdown(report), encoding="utf-8")
    paths.extend(_charts(report, out))
    return paths
