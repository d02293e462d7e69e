"""`castlist eval --llm`: offline mode and LLM mode side by side, against a real endpoint.

Three parts, each on the same inputs in both modes:
- parse: the parse set's expected fields, per field, plus the values the model invented
  (caught by the merge) and any that still reached the criteria, first-try validity,
  fallbacks and latency per brief;
- dialogues: the follow-up dialogues (brief, then patches), field accuracy per mode;
- explanations: creators from a small demo run; how often the model's prose was shown,
  and whether every shown text keeps to the stored facts (the explainer's own check).
"""

from __future__ import annotations

import os
import statistics
import time
from collections import Counter
from pathlib import Path
from typing import Any, Callable, Sequence

from pydantic import BaseModel, Field

from agents.criteria import CONSTRAINT_FIELDS, CampaignCriteria
from agents.followup.dialogues import Dialogue, _same, _value
from agents.followup.parser import OfflineFollowupParser
from agents.followup.patch import apply_patch
from agents.llm.brief_parser import LLMBriefParser
from agents.llm.explainer import LLMExplainer, facts_for, review
from agents.llm.followup_parser import LLMFollowupParser
from agents.parsing.offline import parse_offline
from agents.shortlist import ShortlistedCreator
from evals import metrics as m
from evals.cases import ParseCase
from retrieval.schema import PLATFORMS

DIALOGUES_V1 = Path(__file__).resolve().parents[1] / "tests" / "agents" / "followup" / "data" / "dialogues_v1.jsonl"


class Latency(BaseModel):
    p50_s: float | None = None
    p95_s: float | None = None
    max_s: float | None = None

    @classmethod
    def of(cls, seconds: Sequence[float]) -> "Latency":
        if not seconds:
            return cls()
        ordered = sorted(seconds)
        p95 = _p95(ordered)
        return cls(p50_s=round(statistics.median(ordered), 2), p95_s=round(p95, 2), max_s=round(ordered[-1], 2))


class Tokens(BaseModel):
    """Tokens per model request and the server's own speeds, so latency can be judged apart
    from how loaded the machine was: seconds = uncached prompt tokens / prompt tokens/s +
    answer tokens / generation tokens/s."""

    requests: int = 0
    prompt_tokens_mean: float | None = None
    uncached_prompt_tokens_mean: float | None = Field(None, description="Prompt tokens the server evaluated "
                                                      "(the rest came from its prefix cache)")
    answer_tokens_p50: float | None = None
    answer_tokens_p95: float | None = None
    answer_tokens_max: int | None = None
    prompt_tokens_per_s: float | None = Field(None, description="Server-measured, over all requests")
    generation_tokens_per_s: float | None = Field(None, description="Server-measured, over all requests")
    load_average: tuple[float, float] | None = Field(None, description="1-minute load average, lowest and highest "
                                                     "seen at the requests")

    @classmethod
    def of(cls, usage: Sequence[Any], loads: Sequence[float] = ()) -> "Tokens":
        if not usage:
            return cls()
        answers = sorted(u.completion_tokens for u in usage)
        timed = [u for u in usage if u.prompt_ms and u.generation_ms]
        uncached = sum(u.prompt_tokens - u.cached_tokens for u in timed)
        return cls(
            requests=len(usage),
            prompt_tokens_mean=round(statistics.mean(u.prompt_tokens for u in usage), 1),
            uncached_prompt_tokens_mean=round(statistics.mean(u.prompt_tokens - u.cached_tokens for u in usage), 1),
            answer_tokens_p50=statistics.median(answers), answer_tokens_p95=float(_p95(answers)),
            answer_tokens_max=answers[-1],
            prompt_tokens_per_s=round(uncached / sum(u.prompt_ms for u in timed) * 1000, 2) if timed else None,
            generation_tokens_per_s=(round(sum(u.completion_tokens for u in timed)
                                           / sum(u.generation_ms for u in timed) * 1000, 2) if timed else None),
            load_average=(round(min(loads), 1), round(max(loads), 1)) if loads else None,
        )

    def estimate_s(self, uncached_prompt: float, answer: float, prompt_tps: float, generation_tps: float) -> float:
        return round(uncached_prompt / prompt_tps + answer / generation_tps, 2)


def _p95(ordered: Sequence[Any]) -> Any:
    return ordered[min(len(ordered) - 1, max(0, round(0.95 * len(ordered)) - 1))]


class ParseSide(BaseModel):
    accuracy: float
    exact_cases: float
    per_field: dict[str, float]
    latency: Latency


class ParseComparison(BaseModel):
    cases: int
    planned: int | None = Field(None, description="Briefs asked for; more than `cases` when a time limit cut the run")
    offline: ParseSide
    llm: ParseSide
    worse_fields: list[str] = Field(description="Fields where LLM mode scored below offline")
    llm_used: int = Field(description="Briefs where the merged LLM reading was used")
    fallbacks: dict[str, int] = Field(description="Why LLM mode fell back to offline, by reason")
    first_try_valid: float = Field(description="Share of briefs whose first model answer was schema-valid")
    model_invented: list[str] = Field(description="Values the model gave that the brief never mentions (dropped)")
    invented_in_result: list[str] = Field(description="Constraints in LLM-mode criteria that neither the offline "
                                                      "reading nor the expected answer has")
    adopted: dict[str, int] = Field(description="Fields where the model's supported value was used")
    checks: dict[str, int] = Field(default_factory=dict)
    misses: list[str] = Field(default_factory=list, description="Fields LLM mode got wrong and offline right")
    tokens: Tokens = Field(default_factory=Tokens)
    cut_at_cap: int = Field(0, description="Briefs whose answer was cut at the parse token budget and read up to "
                                           "its last whole field")
    quiet_estimate: Latency | None = Field(None, description="Per-brief model time from each brief's tokens at the "
                                           "quiet-machine speeds given to the eval")


class DialogueSide(BaseModel):
    fields: int
    correct: int
    accuracy: float
    followup_fallbacks: int = 0
    misses: list[str] = Field(default_factory=list, description="dialogue turn field: got, wanted")
    model_patches_used: int = 0


class ExplanationReport(BaseModel):
    creators: int
    llm_prose_shown: int
    template_kept: int
    rejected_reasons: dict[str, int]
    shown_faithful: float = Field(description="Share of shown LLM prose whose numbers are all stored facts")
    latency: Latency


class LLMEvalReport(BaseModel):
    model: str
    parse: ParseComparison | None = None
    dialogues: dict[str, DialogueSide] = Field(default_factory=dict)
    explanations: ExplanationReport | None = None
    notes: list[str] = Field(default_factory=list)


def _fallback_reason(problem: str | None, rejected: str | None) -> str:
    """A countable reason: "timeout", "invalid output", "most values not in the brief"..."""
    if problem:
        return problem.split(" after ")[0].split(":")[0]
    if rejected and "not in the brief" in rejected:
        return "most values not in the brief"
    return rejected or "unknown"


def _set(value: Any) -> bool:
    return value is not None and value != [] and value != ""


async def compare_parse(cases: Sequence[ParseCase], parser: LLMBriefParser, client: Any,
                        say=print, record: Callable[[dict[str, Any]], None] | None = None,
                        quiet_speeds: tuple[float, float] | None = None,
                        stop_at: float | None = None) -> ParseComparison:
    """`record` gets one dict per brief as it finishes (the model's answer included, for
    replaying it in tests); `quiet_speeds` (prompt, generation tokens/s) turn each brief's
    tokens into a quiet-machine latency estimate; `stop_at` (time.monotonic()) starts no
    brief after it, and the comparison covers the briefs run (`cases` says how many)."""
    scores: dict[str, list[dict[str, bool]]] = {"offline": [], "llm": []}
    times: dict[str, list[float]] = {"offline": [], "llm": []}
    fallbacks: Counter[str] = Counter()
    adopted: Counter[str] = Counter()
    checks: Counter[str] = Counter()
    first_try = used = cut = 0
    planned = len(cases)
    model_invented: list[str] = []
    invented_final: list[str] = []
    misses: list[str] = []
    usage: list[Any] = []
    loads: list[float] = []
    estimates: list[float] = []
    run: list[ParseCase] = []
    for i, case in enumerate(cases, 1):
        if stop_at is not None and time.monotonic() >= stop_at:
            say(f"  time limit: stopped after {len(run)} of {len(cases)} briefs")
            break
        run.append(case)
        started = time.perf_counter()
        offline = parse_offline(case.brief).criteria
        times["offline"].append(time.perf_counter() - started)
        started = time.perf_counter()
        result = await parser.parse(case.brief)
        times["llm"].append(time.perf_counter() - started)
        attempts = getattr(client, "last_attempts", 0)
        calls = list(getattr(client, "last_usage", []))
        usage += calls
        loads.append(os.getloadavg()[0])
        if quiet_speeds and calls:
            estimates.append(sum(Tokens().estimate_s(c.prompt_tokens - c.cached_tokens, c.completion_tokens, *quiet_speeds)
                                 for c in calls))
        outcome = parser.last_outcome
        cut += bool(getattr(client, "last_cut", False))
        first_try += attempts == 1 and parser.last_problem is None
        if result.parser == "llm":
            used += 1
        else:
            fallbacks[_fallback_reason(parser.last_problem, outcome.rejected if outcome else None)] += 1
        if outcome is not None:
            model_invented += [f"{case.id}: {v}" for v in outcome.invented]
            adopted.update(outcome.adopted)
            checks.update(outcome.checks)
        off_scores = m.parse_field_scores(case.expected, offline)
        llm_scores = m.parse_field_scores(case.expected, result.criteria)
        scores["offline"].append(off_scores)
        scores["llm"].append(llm_scores)
        misses += [f"{case.id} {name}: {m.actual_value(result.criteria, name)!r}"
                   for name, ok in llm_scores.items() if off_scores[name] and not ok]
        from_checks = {"audience_age_min"} if outcome and "audience_age" in outcome.checks else set()
        for name in (*CONSTRAINT_FIELDS, "creators_count"):
            if (_set(getattr(result.criteria, name)) and not _set(getattr(offline, name))
                    and name not in case.expected and name not in from_checks):
                invented_final.append(f"{case.id}: {name}={getattr(result.criteria, name)!r}")
        if record is not None:
            answer = getattr(parser, "last_answer", None)
            record({"id": case.id, "brief": case.brief, "parser": result.parser, "seconds": round(times["llm"][-1], 2),
                    "attempts": attempts, "problem": parser.last_problem, "cut": getattr(client, "last_cut", False),
                    "answer": answer.model_dump(mode="json", exclude_defaults=True) if answer is not None else None,
                    "invented": outcome.invented if outcome else [], "adopted": outcome.adopted if outcome else [],
                    "rejected": outcome.rejected if outcome else None,
                    "worse": [n for n, ok in llm_scores.items() if off_scores[n] and not ok],
                    "better": [n for n, ok in llm_scores.items() if ok and not off_scores[n]],
                    "usage": [vars(c) for c in calls], "load": round(loads[-1], 2)})
        tokens = "; ".join(f"{c.prompt_tokens - c.cached_tokens}+{c.completion_tokens} tokens" for c in calls)
        say(f"  parse {i}/{len(cases)} {case.id}: {result.parser} in {times['llm'][-1]:.1f}s ({tokens or 'no answer'})")
    sides = {}
    for mode in ("offline", "llm"):
        acc = m.parse_accuracy(scores[mode])
        sides[mode] = ParseSide(accuracy=round(acc.overall, 4), exact_cases=round(acc.exact_cases, 4),
                                per_field={k: round(v, 4) for k, v in acc.per_field.items()},
                                latency=Latency.of(times[mode]))
    cases = run
    worse = [f for f, v in sides["llm"].per_field.items() if v < sides["offline"].per_field.get(f, 0) - 1e-9]
    return ParseComparison(
        cases=len(cases), planned=planned, offline=sides["offline"], llm=sides["llm"], worse_fields=worse, llm_used=used,
        fallbacks=dict(fallbacks), first_try_valid=round(first_try / len(cases), 4) if cases else 0.0,
        model_invented=model_invented, invented_in_result=invented_final, adopted=dict(adopted),
        checks=dict(checks), misses=misses, cut_at_cap=cut, tokens=Tokens.of(usage, loads),
        quiet_estimate=Latency.of(estimates) if estimates else None)


async def compare_dialogues(dialogues: Sequence[Dialogue], brief_parser: LLMBriefParser,
                            followups: LLMFollowupParser, say=print) -> dict[str, DialogueSide]:
    out: dict[str, DialogueSide] = {}
    for mode in ("offline", "llm"):
        fields = correct = fallbacks = used = 0
        misses: list[str] = []
        reader = followups if mode == "llm" else OfflineFollowupParser()
        for n, d in enumerate(dialogues, 1):
            criteria: CampaignCriteria | None = None
            for turn in d.turns:
                more_like: list[str] = []
                if criteria is None:
                    criteria = (await brief_parser.parse(turn.message)).criteria if mode == "llm" \
                        else parse_offline(turn.message).criteria
                else:
                    reading = await reader.read(turn.message, criteria)
                    fallbacks += mode == "llm" and reading.parser != "llm"
                    used += mode == "llm" and reading.parser == "llm"
                    more_like = reading.patch.more_like
                    criteria = apply_patch(criteria, reading.patch, PLATFORMS).criteria
                for name, want in turn.expect.items():
                    fields += 1
                    got = _value(criteria, name, more_like)
                    correct += _same(got, want)
                    if not _same(got, want):
                        misses.append(f"{d.id} “{turn.message[:60]}” {name}: got {got!r}, wanted {want!r}")
            if mode == "llm":
                say(f"  dialogue {n}/{len(dialogues)} {d.id}")
        out[mode] = DialogueSide(fields=fields, correct=correct, accuracy=round(correct / fields, 4) if fields else 0.0,
                                 followup_fallbacks=fallbacks, misses=misses, model_patches_used=used)
    return out


async def check_explanations(creators: Sequence[tuple[ShortlistedCreator, list[str]]], explainer: LLMExplainer,
                             say=print) -> ExplanationReport:
    shown = kept = faithful = 0
    reasons: Counter[str] = Counter()
    times: list[float] = []
    for creator, topics in creators:
        started = time.perf_counter()
        result = await explainer.explain(creator, topics)
        times.append(time.perf_counter() - started)
        if result.source == "llm":
            shown += 1
            # Checked again here, independently of the explainer's own decision.
            faithful += not review(result.text, creator, facts_for(creator, topics))
        else:
            kept += 1
            reasons.update(r.split(":")[0].split(" (")[0] for r in result.rejected[:1])
        say(f"  explanation @{creator.handle}: {result.source} in {times[-1]:.1f}s")
    return ExplanationReport(creators=len(creators), llm_prose_shown=shown, template_kept=kept,
                             rejected_reasons=dict(reasons), shown_faithful=round(faithful / shown, 4) if shown else 1.0,
                             latency=Latency.of(times))


def _token_lines(p: ParseComparison) -> list[str]:
    t = p.tokens
    if not t.requests:
        return []
    lines = [f"- {t.requests} model requests: prompt {t.prompt_tokens_mean} tokens on average, "
             f"{t.uncached_prompt_tokens_mean} of them evaluated (the rest from the server's prefix cache); "
             f"answer tokens p50 {t.answer_tokens_p50}, p95 {t.answer_tokens_p95}, max {t.answer_tokens_max}",
             f"- server speed here: prompt {t.prompt_tokens_per_s} tokens/s, generation {t.generation_tokens_per_s} "
             f"tokens/s (1-minute load average {t.load_average})"]
    if p.quiet_estimate:
        lines.append(f"- model time per brief at the quiet-machine speeds given: p50 {p.quiet_estimate.p50_s} s, "
                     f"p95 {p.quiet_estimate.p95_s} s (estimate: tokens ÷ tokens/s, not measured)")
    return lines


def markdown(report: LLMEvalReport) -> str:
    lines = [f"# castlist eval --llm ({report.model})", ""]
    p = report.parse
    if p:
        cut = f" of {p.planned}, time limit reached" if p.planned and p.planned > p.cases else ""
        lines += [f"## Parse ({p.cases} briefs{cut})", "", "| field | offline | LLM mode |", "|---|---|---|"]
        for name in sorted(set(p.offline.per_field) | set(p.llm.per_field)):
            mark = " ⚠" if name in p.worse_fields else ""
            lines.append(f"| {name} | {p.offline.per_field.get(name, 0):.3f} | {p.llm.per_field.get(name, 0):.3f}{mark} |")
        lines += [f"| **overall** | {p.offline.accuracy:.3f} | {p.llm.accuracy:.3f} |",
                  f"| exact briefs | {p.offline.exact_cases:.3f} | {p.llm.exact_cases:.3f} |",
                  f"| p50 / p95 per brief (s) | {p.offline.latency.p50_s} / {p.offline.latency.p95_s} | "
                  f"{p.llm.latency.p50_s} / {p.llm.latency.p95_s} |", "",
                  f"- LLM reading used on {p.llm_used} of {p.cases} briefs; first answer valid on "
                  f"{p.first_try_valid:.0%} ({p.cut_at_cap} cut at the token budget, read up to the last whole "
                  f"field); fallbacks: {p.fallbacks or 'none'}",
                  f"- fields below offline: {p.worse_fields or 'none'}",
                  f"- values the model invented (dropped by the merge): {len(p.model_invented)}; "
                  f"invented constraints in LLM-mode criteria: {len(p.invented_in_result)}",
                  f"- model values adopted (supported by the brief's text): {p.adopted or 'none'}; checks: {p.checks or 'none'}",
                  *_token_lines(p), ""]
    if report.dialogues:
        lines += ["## Dialogues", "", "| mode | fields | accuracy | follow-up fallbacks | model patches used |",
                  "|---|---|---|---|---|"]
        for mode, d in report.dialogues.items():
            lines.append(f"| {mode} | {d.fields} | {d.accuracy:.3f} | {d.followup_fallbacks} | "
                         f"{d.model_patches_used if mode == 'llm' else '–'} |")
        lines.append("")
        for mode, d in report.dialogues.items():
            lines += [f"- {mode} miss: {m}" for m in d.misses]
        lines.append("")
    e = report.explanations
    if e:
        lines += ["## Explanations", "", f"- {e.creators} creators: LLM prose shown for {e.llm_prose_shown}, template "
                  f"kept for {e.template_kept} ({e.rejected_reasons or 'no rejections'})",
                  f"- shown LLM prose faithful to stored facts: {e.shown_faithful:.0%}; template explanations "
                  "are built from stored data (offline faithfulness by construction)",
                  f"- latency per explanation p50 / p95: {e.latency.p50_s} / {e.latency.p95_s} s", ""]
    lines += [f"- {n}" for n in report.notes]
    return "\n".join(lines) + "\n"
