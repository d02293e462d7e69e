"""Brand-safety scan eval (lexicon + classifier): precision and recall per category and language.

    python -m evals.safety [--data DIR] [--real FILE ...] [--real-half test|dev|all] [--no-model] [--json OUT]

Sets (see evals/datasets/README.md):
- `evals/datasets/safety_v1.jsonl` (in the repo): 500 hand-written captions, 50 per
  category (30 that should hit, 20 near misses that should not), in en/de/es/fr/pt/vi.
- In `--data DIR` when present (public, kept out of the repo; `scripts/fetch_safety_data.sh`
  writes them): `hatecheck_en.csv` (HateCheck, CC BY 4.0),
  `mhc_{german,spanish,french,portuguese}.csv` (Multilingual HateCheck, CC BY 4.0),
  `vihos_test.csv` (ViHOS test split, MIT), `olid_test_a.tsv` + `olid_labels_a.csv` (OLID
  test), `germeval2018_test.txt` (GermEval 2018 test, CC BY 4.0), `told_br.csv` (ToLD-Br,
  CC BY-SA 4.0), `stormfront_test.csv` (de Gibert et al. 2018, sampled test split, CC BY-SA
  3.0). None of them trained the classifiers or chose its thresholds (its train /
  dev data: retrieval/signals/model/MODEL_CARD.md). HateCheck / MHC were looked at while
  developing the lexicon (session 2), so for the lexicon they are development sets.
- `--real FILE`: creator JSON Lines (import format). No labels: the share of captions
  flagged per category is reported, an upper bound on the false-positive rate, on the
  held-out half of the creators by default (the classifier's thresholds used the other).
- `--no-model`: the lexicon alone, for comparison; `--no-reader`: without the contextual
  reader (`safety_reader`), i.e. the code before it.

The Davidson et al. (2017) tweets are the independent check of this work and are never
read here.
"""

from __future__ import annotations

import argparse
import csv
import hashlib
import json
from collections import Counter, defaultdict
from pathlib import Path

from retrieval.signals import safety_reader
from retrieval.signals.safety_lexicon import scan_text
from retrieval.signals.safety_model import text_hits

DATASET = Path(__file__).with_name("datasets") / "safety_v1.jsonl"
OFFENSIVE = frozenset({"profanity", "hate"})
MHC_LANGS = {"german": "de", "spanish": "es", "french": "fr", "portuguese": "pt"}
BATCH = 2000


def categories(text: str, model: bool = True) -> set[str]:
    """Categories the scan finds in one text: the lexicon, plus the classifier's when `model`."""
    return categories_many([text], model)[0]


def categories_many(texts: list[str], model: bool = True) -> list[set[str]]:
    """`categories` of many texts, the classifier run in batches (one call per text is slow)."""
    out = [{c for c, _ in scan_text(t)} for t in texts]
    if model:
        for start in range(0, len(texts), BATCH):
            for k, hits in enumerate(text_hits(texts[start:start + BATCH])):
                out[start + k].update(c for c, _, _ in hits)
    return out


def prf(tp: int, fp: int, fn: int, tn: int | None = None) -> dict[str, float | int | None]:
    out: dict[str, float | int | None] = {
        "precision": round(tp / (tp + fp), 3) if tp + fp else None,
        "recall": round(tp / (tp + fn), 3) if tp + fn else None,
        "tp": tp, "fp": fp, "fn": fn,
    }
    if tn is not None:
        out["cases"] = tp + fp + fn + tn
        out["false_positive_rate"] = round(fp / (fp + tn), 4) if fp + tn else None
    return out


def _score(wanted: list[bool], got: list[bool]) -> dict[str, float | int | None]:
    tp = sum(w and g for w, g in zip(wanted, got))
    fp = sum(g and not w for w, g in zip(wanted, got))
    fn = sum(w and not g for w, g in zip(wanted, got))
    return prf(tp, fp, fn, len(wanted) - tp - fp - fn)


def hand_cases(path: Path = DATASET, model: bool = True) -> dict:
    """Per category: a positive case must hit its category; a near miss must not."""
    counts: dict[str, Counter] = defaultdict(Counter)
    by_lang: dict[str, Counter] = defaultdict(Counter)
    misses: list[str] = []
    cases = [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines()]
    for case, cats in zip(cases, categories_many([c["text"] for c in cases], model)):
        cat, want = case["category"], bool(case["expected"])
        got = cat in cats
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


def gate_metrics(path: Path = DATASET) -> dict[str, float | None]:
    """The quick gate's numbers: micro precision / recall over all categories of the
    hand-written cases, the lowest category recall, and hate and profanity recall."""
    per = hand_cases(path)["per_category"]
    tp = sum(int(v["tp"] or 0) for v in per.values())
    fp = sum(int(v["fp"] or 0) for v in per.values())
    fn = sum(int(v["fn"] or 0) for v in per.values())
    recalls = [v["recall"] for v in per.values() if v["recall"] is not None]
    overall = prf(tp, fp, fn)
    return {
        "safety_v1.precision": overall["precision"], "safety_v1.recall": overall["recall"],
        "safety_v1.min_category_recall": min(recalls) if recalls else None,
        "safety_v1.hate_recall": per.get("hate", {}).get("recall"),
        "safety_v1.profanity_recall": per.get("profanity", {}).get("recall"),
    }


def _csv(path: Path, **kw) -> list[dict[str, str]]:
    with path.open(encoding="utf-8", newline="") as fh:
        return list(csv.DictReader(fh, **kw))


def _hatecheck(path: Path, model: bool) -> dict:
    """HateCheck-format cases: 'hateful' should hit `hate`; 'non-hateful' should not.
    Also offensive-or-hate (profanity or hate) on the same labels, and recall per functionality."""
    rows = _csv(path)
    cats = categories_many([r["test_case"] for r in rows], model)
    hateful = [r["label_gold"] == "hateful" for r in rows]
    out = _score(hateful, ["hate" in c for c in cats])
    out["offensive_or_hate"] = _score(hateful, [bool(c & OFFENSIVE) for c in cats])
    func: dict[str, Counter] = defaultdict(Counter)
    for r, c in zip(rows, cats):
        func[r["functionality"]]["n"] += 1
        func[r["functionality"]]["flagged_hate"] += "hate" in c
    out["flag_rate_by_functionality"] = {f: round(c["flagged_hate"] / c["n"], 3) for f, c in sorted(func.items())}
    return out


def _vihos(path: Path, model: bool) -> dict:
    """ViHOS: a comment with any hateful/offensive span should hit profanity or hate."""
    rows = _csv(path)
    cats = categories_many([r["content"] for r in rows], model)
    return _score([bool(json.loads(r["index_spans"])) for r in rows], [bool(c & OFFENSIVE) for c in cats])


def _olid_test(texts_path: Path, labels_path: Path, model: bool) -> dict:
    """OLID test (level A): OFF should hit profanity or hate."""
    labels = dict(line.split(",") for line in labels_path.read_text(encoding="utf-8").split())
    rows = _csv(texts_path, delimiter="\t", quoting=csv.QUOTE_NONE)
    cats = categories_many([r["tweet"] for r in rows], model)
    return _score([labels[r["id"]] == "OFF" for r in rows], [bool(c & OFFENSIVE) for c in cats])


def _germeval_test(path: Path, model: bool) -> dict:
    """GermEval 2018 test: OFFENSE should hit profanity or hate; ABUSE (group-based) should hit hate."""
    rows = [line.rsplit("\t", 2) for line in path.read_text(encoding="utf-8").splitlines()]
    cats = categories_many([t for t, _, _ in rows], model)
    out = _score([c == "OFFENSE" for _, c, _ in rows], [bool(c & OFFENSIVE) for c in cats])
    out["hate_abuse"] = _score([f == "ABUSE" for _, _, f in rows], ["hate" in c for c in cats])
    return out


def _told_br(path: Path, model: bool) -> dict:
    """ToLD-Br (pt): a tweet at least two of three annotators flagged in any class should
    hit profanity or hate; homophobia / racism / misogyny / xenophobia (>= 2) should hit hate."""
    rows = _csv(path)
    cats = categories_many([r["text"] for r in rows], model)
    hate_cols = ("homophobia", "racism", "misogyny", "xenophobia")
    toxic = [any(float(v) >= 2 for k, v in r.items() if k != "text") for r in rows]
    out = _score(toxic, [bool(c & OFFENSIVE) for c in cats])
    out["hate"] = _score([any(float(r[k]) >= 2 for k in hate_cols) for r in rows], ["hate" in c for c in cats])
    return out


def _stormfront(path: Path, model: bool) -> dict:
    """Stormfront sentences (de Gibert et al. 2018, its balanced sampled test split): 'hate'
    should hit `hate`; also flagged profanity or hate on the same labels."""
    rows = _csv(path)
    cats = categories_many([r["text"] for r in rows], model)
    hateful = [r["label"] == "hate" for r in rows]
    out = _score(hateful, ["hate" in c for c in cats])
    out["offensive_or_hate"] = _score(hateful, [bool(c & OFFENSIVE) for c in cats])
    return out


def public_sets(data: Path, model: bool = True) -> dict:
    out: dict[str, dict] = {}
    if (data / "hatecheck_en.csv").exists():
        out["hatecheck_en"] = _hatecheck(data / "hatecheck_en.csv", model)
    for name, lang in MHC_LANGS.items():
        if (data / f"mhc_{name}.csv").exists():
            out[f"mhc_{lang}"] = _hatecheck(data / f"mhc_{name}.csv", model)
    if (data / "olid_test_a.tsv").exists():
        out["olid_test_en"] = _olid_test(data / "olid_test_a.tsv", data / "olid_labels_a.csv", model)
    if (data / "germeval2018_test.txt").exists():
        out["germeval2018_test_de"] = _germeval_test(data / "germeval2018_test.txt", model)
    if (data / "told_br.csv").exists():
        out["told_br_pt"] = _told_br(data / "told_br.csv", model)
    if (data / "vihos_test.csv").exists():
        out["vihos_test_vi"] = _vihos(data / "vihos_test.csv", model)
    if (data / "stormfront_test.csv").exists():
        out["stormfront_test_en"] = _stormfront(data / "stormfront_test.csv", model)
    return out


def real_half(handle: str) -> str:
    """Creators split by a hash of the handle: the classifier's thresholds were chosen on
    the "dev" half (scripts/train_safety_model.py); "test" is the held-out half."""
    return "dev" if int(hashlib.sha1(handle.encode("utf-8")).hexdigest()[:8], 16) % 2 == 0 else "test"


def real_captions(files: list[str], model: bool = True, half: str | None = "test") -> dict:
    """Share of real captions flagged per category (no labels: an upper bound on FPs),
    and the share only the classifier flags for profanity or hate (what it adds)."""
    out = {}
    for f in files:
        texts: list[str] = []
        with open(f, encoding="utf-8") as fh:
            for line in fh:
                creator = json.loads(line)
                if half and real_half(creator.get("handle", "")) != half:
                    continue
                texts += [p["text"] for p in creator.get("posts", []) if p.get("text")]
        lex = categories_many(texts, model=False)
        both = categories_many(texts, model) if model else lex
        flagged: Counter = Counter()
        for a, b in zip(lex, both):
            flagged.update(b)
            flagged["any"] += bool(b)
            flagged["profanity_or_hate"] += bool(b & OFFENSIVE)
            flagged["profanity_or_hate_classifier_only"] += bool(b & OFFENSIVE) and not (a & OFFENSIVE)
        n = max(len(texts), 1)
        out[Path(f).name] = {"captions": len(texts), "half": half or "all"} | {c: round(k / n, 4) for c, k in flagged.most_common()}
    return out


def main(argv: list[str] | None = None) -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--data", type=Path, help="directory with the public sets (see module doc)")
    ap.add_argument("--real", nargs="*", default=[], help="creator JSONL files for the flag rate on real captions")
    ap.add_argument("--real-half", default="test", choices=["test", "dev", "all"], help="which half of the real creators")
    ap.add_argument("--no-model", action="store_true", help="lexicon only (the classifier off)")
    ap.add_argument("--no-reader", action="store_true", help="the contextual reader off (static heads, word model, lexicon)")
    ap.add_argument("--json", type=Path, help="write the report here")
    ap.add_argument("--errors", action="store_true", help="print the hand-written cases that fail")
    args = ap.parse_args(argv)
    model = not args.no_model
    safety_reader.set_enabled(not args.no_reader)
    report: dict = {"classifier": model, "reader": model and not args.no_reader, "hand": hand_cases(model=model)}
    if args.data:
        report["public"] = public_sets(args.data, model)
    if args.real:
        report["real"] = real_captions(args.real, model, None if args.real_half == "all" else args.real_half)
    errors = report["hand"].pop("errors")
    text = json.dumps(report, indent=1, ensure_ascii=False)
    print(text)
    if args.errors:
        print("\n".join(errors))
    if args.json:
        args.json.write_text(text + "\n", encoding="utf-8")


if __name__ == "__main__":
    main()
