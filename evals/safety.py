"""Brand-safety lexicon eval: precision and recall per category and language.

    python -m evals.safety [--data DIR] [--real FILE ...] [--json OUT]

Sets (see evals/datasets/README.md):
- `evals/datasets/safety_v1.jsonl` (in the repo): 500 hand-written captions, 50 per
  category (30 that should hit, 20 near misses that should not), in en/de/es/fr/pt/vi.
- In `--data DIR` when present (public, licensed, kept out of the repo):
  `hatecheck_en.csv` (HateCheck, CC BY 4.0), `mhc_{german,spanish,french,portuguese}.csv`
  (Multilingual HateCheck, CC BY 4.0) and `vihos_test.csv` (ViHOS test split, MIT).
  HateCheck / MHC were used while developing the lexicon (a development set, not a
  held-out one); the ViHOS test split was not looked at while building the lexicon
  (its train split was the source of Vietnamese terms).
- `--real FILE`: creator JSON Lines (import format). No labels: the share of captions
  flagged per category is reported, an upper bound on the false-positive rate.

The Davidson et al. (2017) tweets are the independent check of this work and are never
read here.
"""

from __future__ import annotations

import argparse
import csv
import json
from collections import Counter, defaultdict
from pathlib import Path

from retrieval.signals.safety_lexicon import scan_text

DATASET = Path(__file__).with_name("datasets") / "safety_v1.jsonl"
OFFENSIVE = frozenset({"profanity", "hate"})
MHC_LANGS = {"german": "de", "spanish": "es", "french": "fr", "portuguese": "pt"}


def categories(text: str) -> set[str]:
    return {c for c, _ in scan_text(text)}


def prf(tp: int, fp: int, fn: int) -> dict[str, float | int | None]:
    return {
        "precision": round(tp / (tp + fp), 3) if tp + fp else None,
        "recall": round(tp / (tp + fn), 3) if tp + fn else None,
        "tp": tp, "fp": fp, "fn": fn,
    }


def hand_cases(path: Path = DATASET) -> dict:
    """Per category: a positive case must hit its category; a near miss must not."""
    counts: dict[str, Counter] = defaultdict(Counter)
    by_lang: dict[str, Counter] = defaultdict(Counter)
    misses: list[str] = []
    for line in path.read_text(encoding="utf-8").splitlines():
        case = json.loads(line)
        cat, want = case["category"], bool(case["expected"])
        got = cat in categories(case["text"])
        key = {(True, True): "tp", (True, False): "fn", (False, True): "fp", (False, False): "tn"}[(want, got)]
        counts[cat][key] += 1
        by_lang[case["lang"]][key] += 1
        if key in ("fn", "fp"):
            misses.append(f"{key} {case['id']}: {case['text']}")
    return {
        "per_category": {c: prf(k["tp"], k["fp"], k["fn"]) | {"cases": sum(k.values())} for c, k in sorted(counts.items())},
        "per_language": {lang: prf(k["tp"], k["fp"], k["fn"]) for lang, k in sorted(by_lang.items())},
        "errors": misses,
    }


def _hatecheck(path: Path) -> dict:
    """HateCheck-format cases: 'hateful' should hit `hate`; 'non-hateful' should not.
    Also: hateful cases flagged in any offensive category, and recall per functionality."""
    tp = fp = fn = tn = 0
    any_hit = 0
    func: dict[str, Counter] = defaultdict(Counter)
    with path.open(encoding="utf-8", newline="") as fh:
        for row in csv.DictReader(fh):
            cats = categories(row["test_case"])
            hateful = row["label_gold"] == "hateful"
            hit = "hate" in cats
            tp += hateful and hit
            fn += hateful and not hit
            fp += (not hateful) and hit
            tn += (not hateful) and not hit
            if hateful:
                any_hit += bool(cats & (OFFENSIVE | {"violence"}))
            func[row["functionality"]]["n"] += 1
            func[row["functionality"]]["flagged_hate"] += hit
    out = prf(tp, fp, fn) | {"cases": tp + fp + fn + tn}
    out["hateful_flagged_any_offensive_or_violence"] = round(any_hit / (tp + fn), 3) if tp + fn else None
    out["flag_rate_by_functionality"] = {f: round(c["flagged_hate"] / c["n"], 3) for f, c in sorted(func.items())}
    return out


def _vihos(path: Path) -> dict:
    """ViHOS: a comment with any hateful/offensive span should hit profanity or hate."""
    tp = fp = fn = tn = 0
    with path.open(encoding="utf-8", newline="") as fh:
        for row in csv.DictReader(fh):
            offensive = bool(json.loads(row["index_spans"]))
            hit = bool(categories(row["content"]) & OFFENSIVE)
            tp += offensive and hit
            fn += offensive and not hit
            fp += (not offensive) and hit
            tn += (not offensive) and not hit
    return prf(tp, fp, fn) | {"cases": tp + fp + fn + tn,
                              "false_positive_rate": round(fp / (fp + tn), 3) if fp + tn else None}


def public_sets(data: Path) -> dict:
    out: dict[str, dict] = {}
    if (data / "hatecheck_en.csv").exists():
        out["hatecheck_en"] = _hatecheck(data / "hatecheck_en.csv")
    for name, lang in MHC_LANGS.items():
        if (data / f"mhc_{name}.csv").exists():
            out[f"mhc_{lang}"] = _hatecheck(data / f"mhc_{name}.csv")
    if (data / "vihos_test.csv").exists():
        out["vihos_test_vi"] = _vihos(data / "vihos_test.csv")
    return out


def real_captions(files: list[str]) -> dict:
    """Share of real captions flagged per category (no labels: an upper bound on FPs)."""
    out = {}
    for f in files:
        n = 0
        flagged: Counter = Counter()
        with open(f, encoding="utf-8") as fh:
            for line in fh:
                for post in json.loads(line).get("posts", []):
                    text = post.get("text")
                    if not text:
                        continue
                    n += 1
                    cats = categories(text)
                    flagged.update(cats)
                    flagged["any"] += bool(cats)
                    flagged["profanity_or_hate"] += bool(cats & OFFENSIVE)
        out[Path(f).name] = {"captions": n} | {c: round(k / n, 4) for c, k in flagged.most_common()}
    return out


def main(argv: list[str] | None = None) -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--data", type=Path, help="directory with the public sets (see module doc)")
    ap.add_argument("--real", nargs="*", default=[], help="creator JSONL files for the flag rate on real captions")
    ap.add_argument("--json", type=Path, help="write the report here")
    ap.add_argument("--errors", action="store_true", help="print the hand-written cases that fail")
    args = ap.parse_args(argv)
    report: dict = {"hand": hand_cases()}
    if args.data:
        report["public"] = public_sets(args.data)
    if args.real:
        report["real"] = real_captions(args.real)
    errors = report["hand"].pop("errors")
    text = json.dumps(report, indent=1, ensure_ascii=False)
    print(text)
    if args.errors:
        print("\n".join(errors))
    if args.json:
        args.json.write_text(text + "\n", encoding="utf-8")


if __name__ == "__main__":
    main()
