"""Train the offensive / hate heads on static MiniLM vectors (`retrieval/signals/safety_embedding.py`).

    python scripts/train_safety_head.py --src DIR --real FILE ... [--out PATH]

DIR as for `scripts/train_safety_model.py` (written by `scripts/fetch_safety_data.sh`).
Training data: the word model's licensed sets (GermEval 2018 CC BY 4.0, MLMA MIT,
ViHOS MIT, HatemojiBuild CC BY 4.0, demo captions) plus

| file | source | licence | used as |
|---|---|---|---|
| tsd_train.csv, tsd_trial.csv | SemEval-2021 Toxic Spans (Pavlopoulos et al.), ipavlopoulos/toxic_spans; Civil Comments posts rated toxic | CC0 1.0 | train (en), offensive head only; every row is toxic |
| (generated) | sentences of the demo captions (seed 1414) | project | train, clean negatives |

Why the demo sentences: with whole captions as the only clean English, short ordinary
captions ("i miss him", "Busted") sat close to short insults; on the dev half of the real
creators the head's flags were mostly such lines. Sentence-level negatives moved them away
(classifier-only flags on the dev half 34 -> 13 Instagram captions at the chosen threshold).

Dev: the public sets' dev rows (as in the word model; Toxic Spans is all positive, so it
stays out of dev where it would inflate precision). Thresholds are chosen for non-Vietnamese
text only (Vietnamese is the word model's), with the word model's rule: the lowest threshold
with dev precision >= the head's floor and a flag rate <= the ceiling on the lexicon-clean
captions of the dev half of each real file. The test sets and the test half of the real
creators are never read here. The Davidson et al. (2017) tweets are never read.
"""

from __future__ import annotations

import argparse
import csv
import json
import sys
from pathlib import Path

import numpy as np
from sklearn.linear_model import LogisticRegression

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
sys.path.insert(0, str(Path(__file__).resolve().parent))

import train_safety_model as words_model  # the shared loaders and threshold rule

from retrieval.signals.safety_embedding import HEAD_PATH, HEADS, encode, save
from retrieval.signals.safety_model import group_of, sentences

C = 4.0
# Probes stored with the weights (safety_embedding.load checks them on this machine):
# ordinary lines and insults, none from a test set.
PROBES = (
    "Lovely sunset at the beach with my dog",
    "New recipe on the blog, link in bio",
    "you are a worthless idiot",
    "shut up you stupid clown",
    "I absolutely abhor all women.",
    "immigrants are vermin and should be sent back",
    "Killing it at the gym today, new PR!",
    "Dieser Workout hat mich fertig gemacht",
)


def toxic_spans(src: Path) -> list[words_model.Row]:
    rows = []
    for name in ("tsd_train", "tsd_trial"):
        with (src / f"{name}.csv").open(encoding="utf-8", newline="") as fh:
            rows += [words_model.Row(r["text"], True, None, "en", "toxic_spans", "train") for r in csv.DictReader(fh)]
    return rows


def demo_sentences(demo: list[words_model.Row]) -> list[words_model.Row]:
    seen: set[str] = set()
    rows = []
    for r in demo:
        for s in sentences(r.text):
            if len(s.split()) >= 2 and s != r.text and s not in seen:
                seen.add(s)
                rows.append(words_model.Row(s, False, False, r.lang, "demo_sentences", "train"))
    return rows


def main(argv: list[str] | None = None) -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--src", type=Path, required=True)
    ap.add_argument("--real", nargs="*", default=[])
    ap.add_argument("--out", type=Path, default=HEAD_PATH)
    args = ap.parse_args(argv)

    rows = words_model.load_all(args.src)
    rows += toxic_spans(args.src) + demo_sentences([r for r in rows if r.source == "demo"])
    train = [r for r in rows if r.split == "train"]
    dev = [r for r in rows if r.split == "dev" and r.source != "demo" and not group_of(r.text)]
    x_train, x_dev = encode([r.text for r in train]), encode([r.text for r in dev])
    real = [[t for t in texts if not group_of(t)] for texts in words_model.real_dev_captions(args.real)]
    x_real = [encode(texts) for texts in real]
    coefs, intercepts, thresholds, report = [], [], [], {}
    for head in HEADS:
        kt = np.array([getattr(r, head) is not None for r in train])
        kd = np.array([getattr(r, head) is not None for r in dev])
        tr, dv = [r for r, k in zip(train, kt) if k], [r for r, k in zip(dev, kd) if k]
        y = np.array([bool(getattr(r, head)) for r in tr])
        y_dev = np.array([bool(getattr(r, head)) for r in dv])
        clf = LogisticRegression(C=C, max_iter=3000, solver="liblinear")
        clf.fit(x_train[kt], y, sample_weight=words_model.sample_weights(tr, head))
        p_dev = clf.predict_proba(x_dev[kd])[:, 1]
        p_real = [clf.predict_proba(x)[:, 1] if len(x) else np.zeros(0) for x in x_real]
        t = words_model.choose_threshold(p_dev, y_dev, p_real, words_model.PRECISION_FLOOR[head])
        pred = p_dev >= t
        report[head] = {
            "threshold": round(t, 4),
            "dev_precision": round(float((pred & y_dev).sum() / max(pred.sum(), 1)), 3),
            "dev_recall": round(float((pred & y_dev).sum() / max(y_dev.sum(), 1)), 3),
            "dev_positives": int(y_dev.sum()), "dev_cases": len(dv),
            "real_dev_captions": [len(x) for x in p_real],
            "real_dev_flag_rate": [round(float((x >= t).mean()), 4) if x.size else None for x in p_real],
            "per_source_dev_recall": {
                src: round(float((pred & y_dev & sm).sum() / max((y_dev & sm).sum(), 1)), 3)
                for src in sorted({r.source for r in dv}) if (sm := np.array([r.source == src for r in dv])).any()
            },
        }
        coefs.append(clf.coef_[0])
        intercepts.append(clf.intercept_[0])
        thresholds.append(t)
    coef, intercept = np.vstack(coefs), np.array(intercepts)
    probe_probs = 1.0 / (1.0 + np.exp(-(encode(PROBES) @ coef.T + intercept)))
    save(args.out, coef, intercept, np.array(thresholds), PROBES, probe_probs)
    report["C"] = C
    report["train_cases"] = {s: sum(r.source == s and r.split == "train" for r in rows) for s in sorted({r.source for r in rows})}
    report["dev_cases"] = {s: sum(r.source == s for r in dev) for s in sorted({r.source for r in dev})}
    report["probes"] = {t: [round(float(v), 3) for v in p] for t, p in zip(PROBES, probe_probs)}
    print(json.dumps(report, indent=1))
    args.out.with_suffix(".train.json").write_text(json.dumps(report, indent=1) + "\n", encoding="utf-8")


if __name__ == "__main__":
    main()
