"""Re-score recorded model answers with the current merge: `python -m evals.llm_replay <llm_parse_cases.jsonl>`.

`castlist eval --llm` writes one line per brief with the model's answer. When the merge
changes after a run, this replays those answers through it (no model, no network) and
prints the parse comparison again; tokens, speeds and latencies are the run's own. The
output says it is a replay: the model was not asked again.
"""

from __future__ import annotations

import json
import sys
from collections import Counter
from pathlib import Path

from agents.criteria import CONSTRAINT_FIELDS
from agents.llm.client import CallUsage
from agents.llm.merge import merge
from agents.llm.schema import LLMCriteria
from agents.parsing.offline import parse_offline
from evals import metrics as m
from evals.cases import PARSE_V1, ParseCase, load_cases
from evals.llm_eval import Latency, ParseComparison, ParseSide, Tokens, _fallback_reason


def _set(value: object) -> bool:
    return value is not None and value != [] and value != ""


def replay(rows: list[dict]) -> ParseComparison:
    cases = {c.id: c for c in load_cases(PARSE_V1, ParseCase)}
    scores: dict[str, list[dict[str, bool]]] = {"offline": [], "llm": []}
    fallbacks: Counter[str] = Counter()
    adopted: Counter[str] = Counter()
    checks: Counter[str] = Counter()
    used = first_try = cut = 0
    model_invented: list[str] = []
    invented_final: list[str] = []
    misses: list[str] = []
    usage: list[CallUsage] = []
    for row in rows:
        case = cases[row["id"]]
        offline = parse_offline(case.brief).criteria
        merged, outcome = offline, None
        usage += [CallUsage(**u) for u in row.get("usage", [])]
        cut += bool(row.get("cut"))
        if row.get("answer") is None:
            fallbacks[_fallback_reason(row.get("problem") or "no answer", None)] += 1
        else:
            first_try += row.get("attempts") == 1
            outcome = merge(LLMCriteria.model_validate(row["answer"]), offline, case.brief)
            model_invented += [f"{case.id}: {v}" for v in outcome.invented]
            if outcome.rejected:
                fallbacks[_fallback_reason(None, outcome.rejected)] += 1
            else:
                merged, used = outcome.criteria, used + 1
                adopted.update(outcome.adopted)
                checks.update(outcome.checks)
        off_scores = m.parse_field_scores(case.expected, offline)
        llm_scores = m.parse_field_scores(case.expected, merged)
        scores["offline"].append(off_scores)
        scores["llm"].append(llm_scores)
        misses += [f"{case.id} {n}" for n, ok in llm_scores.items() if off_scores[n] and not ok]
        from_checks = {"audience_age_min"} if outcome and "audience_age" in outcome.checks else set()
        invented_final += [f"{case.id}: {n}={getattr(merged, n)!r}" for n in (*CONSTRAINT_FIELDS, "creators_count")
                           if _set(getattr(merged, n)) and not _set(getattr(offline, n))
                           and n not in case.expected and n not in from_checks]
    sides = {}
    for mode in ("offline", "llm"):
        acc = m.parse_accuracy(scores[mode])
        sides[mode] = ParseSide(accuracy=round(acc.overall, 4), exact_cases=round(acc.exact_cases, 4),
                                per_field={k: round(v, 4) for k, v in acc.per_field.items()},
                                latency=Latency.of([r["seconds"] for r in rows]) if mode == "llm" else Latency())
    worse = [f for f, v in sides["llm"].per_field.items() if v < sides["offline"].per_field.get(f, 0) - 1e-9]
    return ParseComparison(
        cases=len(rows), offline=sides["offline"], llm=sides["llm"], worse_fields=worse, llm_used=used,
        fallbacks=dict(fallbacks), first_try_valid=round(first_try / len(rows), 4) if rows else 0.0,
        model_invented=model_invented, invented_in_result=invented_final, adopted=dict(adopted), checks=dict(checks),
        misses=misses, cut_at_cap=cut,
        tokens=Tokens.of(usage, [r["load"] for r in rows if "load" in r]))


def main(argv: list[str]) -> int:
    rows = [json.loads(line) for line in Path(argv[0]).read_text(encoding="utf-8").splitlines() if line.strip()]
    from evals.llm_eval import LLMEvalReport, markdown

    report = LLMEvalReport(model="recorded answers, replayed through the current merge (the model was not asked again)",
                           parse=replay(rows))
    print(markdown(report))
    print(json.dumps({"invented_in_result": report.parse.invented_in_result, "misses": report.parse.misses,
                      "adopted": report.parse.adopted}, indent=1))
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
