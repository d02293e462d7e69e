"""Train the offensive / hate classifier (`retrieval/signals/safety_model.py`).

    python scripts/train_safety_model.py --src DIR [--real FILE ...] [--out PATH]

DIR holds the public sets, written from their GitHub repositories by
`scripts/fetch_safety_data.sh DIR` (kept outside this repository). Read here:

| file | source | licence | used as |
|---|---|---|---|
| germeval2018_train.txt | GermEval 2018 (Wiegand et al.), uds-lsv/GermEval-2018-Data | CC BY 4.0 | train+dev (de); ABUSE = hate |
| mlma/hate_speech_mlma/{en_dataset_with_stop_words,fr_dataset}.csv | MLMA (Ousidhoum et al. 2019), HKUST-KnowComp/MLMA_hate_speech | MIT | train+dev (en, fr) |
| vihos_train.csv, vihos_dev.csv | ViHOS (Hoang et al. 2023), phusroyal/ViHOS | MIT | train, dev (vi), offensive head only |
| hatemojibuild_{train,dev}.csv | HatemojiBuild (Kirk et al. 2022), HannahKirk/Hatemoji | CC BY 4.0 | train, dev (en) |

Plus clean negatives: captions of this project's synthetic demo corpus (seed 1414, not
the demo's own) without planted profanity, hate or violence.

Only sources with a stated licence are trained on. OLID (OffensEval 2019) states no
licence, so it is not read here any more (it trained the English offensive head until
session 3); its test split stays a test set in `evals/safety.py`.

Dev: the set's own dev split (ViHOS, HatemojiBuild), else a fixed 15 % of the training
file chosen by a hash of the text. Test sets (OLID test, GermEval test, ViHOS test,
HateCheck, MHC, ToLD-Br) are never read here; `python -m evals.safety --data DIR` scores them.

Thresholds are chosen on dev only, per head and per script group (Vietnamese / other):
the lowest threshold whose dev precision reaches the head's floor and whose flag rate on
the dev half of the real captions (`--real`; creators split by a hash of the handle, the
other half is the eval's test half; only captions the lexicon finds clean count) stays at
most REAL_FLAG_CEILING in every file. The real captions are read, never stored or trained
on. The Davidson et al. (2017) tweets are never read.
"""

from __future__ import annotations

import argparse
import csv
import hashlib
import json
import sys
from dataclasses import dataclass
from pathlib import Path

import numpy as np
from sklearn.linear_model import LogisticRegression

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from retrieval.demo.generator import generate
from retrieval.signals.safety_lexicon import scan_text
from retrieval.signals.safety_model import (
    GROUPS,
    HEADS,
    MODEL_PATH,
    features,
    gate_tokens,
    group_of,
    save,
    vectorizer,
)

DEMO_CREATORS = 1500
DEMO_SEED = 1414  # not the demo corpus's own seed (7), so the eval's demo creators are not the training ones

# Dev precision floors of the classifier alone. Below the targets on purpose: the
# binding limit is the flag rate on real captions (REAL_FLAG_CEILING, classifier-only
# flags on captions the lexicon finds clean), and the dev labels are noisy (MLMA marks
# most of its keyword-sampled tweets toxic).
PRECISION_FLOOR = {"offensive": 0.80, "hate": 0.40}
REAL_FLAG_CEILING = 0.004
STRONG_PRECISION = {"offensive": 0.95, "hate": 0.60}


@dataclass(frozen=True)
class Row:
    text: str
    offensive: bool
    hate: bool | None  # None: the set does not say (left out of the hate head)
    lang: str
    source: str
    split: str  # "train" or "dev"


def _split(text: str, dev_share: float = 0.15) -> str:
    h = int(hashlib.sha1(text.encode("utf-8")).hexdigest()[:8], 16) / 0xFFFFFFFF
    return "dev" if h < dev_share else "train"


def germeval(path: Path) -> list[Row]:
    rows = []
    for line in path.read_text(encoding="utf-8").splitlines():
        text, coarse, fine = line.rsplit("\t", 2)
        # ABUSE: degrading someone for an (ascribed) group membership - GermEval's hate class
        rows.append(Row(text, coarse == "OFFENSE", fine == "ABUSE", "de", "germeval2018", _split(text)))
    return rows


def mlma(path: Path, lang: str) -> list[Row]:
    rows = []
    with path.open(encoding="utf-8") as fh:
        for r in csv.DictReader(fh):
            labels = set(r["sentiment"].split("_"))
            # the MLMA authors' binary reading: single-label 'normal' is non-toxic, the rest toxic
            off = labels != {"normal"}
            rows.append(Row(r["tweet"], off, off and "hateful" in labels, lang, f"mlma_{lang}", _split(r["tweet"])))
    return rows


def vihos(path: Path, split: str) -> list[Row]:
    rows = []
    with path.open(encoding="utf-8") as fh:
        for r in csv.DictReader(fh):
            off = bool(json.loads(r["index_spans"]))
            # ViHOS marks hateful and offensive spans alike: no hate label
            rows.append(Row(r["content"], off, None, "vi", "vihos", split))
    return rows


def demo_negatives(creators: int = DEMO_CREATORS, seed: int = DEMO_SEED) -> list[Row]:
    """Captions of this project's synthetic demo corpus that carry no planted profanity or
    hate: everyday influencer captions (gym, food, travel, beauty) in en/de/es/fr/pt, the
    register the public sets (tweets about politics and conflict) lack. Without them the
    model read ordinary French or Italian captions as offensive (10 % of real captions
    flagged at p >= 0.5 in the first run)."""
    rows = []
    for raw, label in generate(creators, seed=seed):
        if {"profanity", "hate", "violence"} & set(label.safety):
            continue
        for post in raw.get("posts", []):
            text = post.get("text")
            if text:
                rows.append(Row(text, False, False, label.language, "demo", _split(text)))
    return rows


def hatemoji_build(path: Path, split: str) -> list[Row]:
    """HatemojiBuild: adversarial hateful / not-hateful entries, many with emoji for words."""
    with path.open(encoding="utf-8") as fh:
        return [Row(r["text"], r["label_gold"] == "1", r["label_gold"] == "1", "en", "hatemoji_build", split)
                for r in csv.DictReader(fh)]


def load_all(src: Path) -> list[Row]:
    m = src / "mlma" / "hate_speech_mlma"
    return (germeval(src / "germeval2018_train.txt")
            + mlma(m / "en_dataset_with_stop_words.csv", "en") + mlma(m / "fr_dataset.csv", "fr")
            + vihos(src / "vihos_train.csv", "train") + vihos(src / "vihos_dev.csv", "dev")
            + hatemoji_build(src / "hatemojibuild_train.csv", "train") + hatemoji_build(src / "hatemojibuild_dev.csv", "dev")
            + demo_negatives())


def sample_weights(rows: list[Row], head: str) -> np.ndarray:
    """Per language, positives and negatives weigh the same in total: otherwise the
    language itself becomes evidence (MLMA's French tweets are 80 % toxic)."""
    w = np.ones(len(rows))
    groups: dict[tuple[str, bool], list[int]] = {}
    for i, r in enumerate(rows):
        groups.setdefault((r.lang, bool(getattr(r, head))), []).append(i)
    for (lang, pos), idx in groups.items():
        other = len(groups.get((lang, not pos), []))
        if head == "hate" or not other:
            w[idx] = len(rows) / (2 * sum(len(v) for (lg, p), v in groups.items() if p == pos))
        else:
            w[idx] = (len(idx) + other) / (2 * len(idx))
    return w


def real_dev_captions(files: list[str]) -> list[list[str]]:
    """Captions of the creators in the dev half of the real files where the lexicon finds
    no profanity or hate (read, never stored): what the model alone would add."""
    out = []
    for f in files:
        texts: list[str] = []
        out.append(texts)
        with open(f, encoding="utf-8") as fh:
            for line in fh:
                c = json.loads(line)
                if real_half(c.get("handle", "")) != "dev":
                    continue
                texts += [p["text"] for p in c.get("posts", [])
                        if p.get("text") and not {cat for cat, _ in scan_text(p["text"])} & {"profanity", "hate"}]
    return out


def real_half(handle: str) -> str:
    return "dev" if int(hashlib.sha1(handle.encode("utf-8")).hexdigest()[:8], 16) % 2 == 0 else "test"


def choose_threshold(p: np.ndarray, y: np.ndarray, real_p: list[np.ndarray], floor: float) -> float:
    """Lowest threshold with dev precision >= floor and, in every real file, a flag rate <= ceiling."""
    for t in np.arange(0.30, 0.9975, 0.0025):
        pred = p >= t
        if not pred.any():
            break
        precision = (pred & y).sum() / pred.sum()
        real_rate = max([float((rp >= t).mean()) for rp in real_p if rp.size >= 500], default=0.0)
        if precision >= floor and real_rate <= REAL_FLAG_CEILING:
            return float(t)
    return 0.995


GATE_KEEP = 0.95
# Everyday words (each language's most frequent, from wordfreq) open the gate only with a
# large weight of their own: otherwise "a", "your", "con" send half of all captions to the model.
GATE_COMMON_LANGS = ("en", "de", "es", "fr", "pt", "it", "vi", "nl")
GATE_COMMON_TOP = 1000
GATE_COMMON_WEIGHT = 3.0


def choose_gate(texts: list[str], coef: np.ndarray, flagged_dev: list[str]) -> tuple[list[str], dict]:
    """Training words whose own word-unigram weight (max over heads) is at least tau, with
    tau the highest value that still lets >= GATE_KEEP of the dev texts the ungated model
    flags through the gate."""
    from wordfreq import top_n_list

    common = {w for lang in GATE_COMMON_LANGS for w in top_n_list(lang, GATE_COMMON_TOP)}
    vocab = sorted({t for text in texts for t in gate_tokens(text)})
    x = vectorizer().transform(vocab)
    idx = np.array([row.indices[0] if row.nnz else -1 for row in x])
    weight = np.where(idx >= 0, coef[:, np.maximum(idx, 0)].max(axis=0), -np.inf)
    weight = np.array([w if v not in common or w >= GATE_COMMON_WEIGHT else -np.inf for v, w in zip(vocab, weight)])
    flagged_tokens = [set(gate_tokens(t)) for t in flagged_dev]
    best: list[str] = vocab
    for tau in (4.0, 3.5, 3.0, 2.75, 2.5, 2.25, 2.0, 1.75, 1.5, 1.25, 1.0, 0.75, 0.5, 0.25, 0.0):
        gate = {v for v, w in zip(vocab, weight) if w >= tau}
        kept = sum(not gate.isdisjoint(toks) for toks in flagged_tokens) / max(len(flagged_tokens), 1)
        if kept >= GATE_KEEP:
            best = sorted(gate)
            return best, {"tau": tau, "words": len(best), "dev_flags_kept": round(kept, 4)}
    return best, {"tau": None, "words": len(best), "dev_flags_kept": 1.0}


def main(argv: list[str] | None = None) -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--src", type=Path, required=True)
    ap.add_argument("--real", nargs="*", default=[])
    ap.add_argument("--out", type=Path, default=MODEL_PATH)
    ap.add_argument("--c", type=float, default=4.0, help="inverse regularisation strength")
    args = ap.parse_args(argv)

    rows = load_all(args.src)
    all_train = [r for r in rows if r.split == "train"]
    # precision on dev is measured on the public sets only: the demo's easy negatives would flatter it
    all_dev = [r for r in rows if r.split == "dev" and r.source != "demo"]
    x_all_train, x_all_dev = features([r.text for r in all_train]), features([r.text for r in all_dev])
    real_texts = real_dev_captions(args.real)
    x_real = [features(texts) for texts in real_texts]
    coefs, intercepts, thresholds, strong, report = [], [], [], [], {}
    for head in HEADS:
        keep = np.array([getattr(r, head) is not None for r in all_train])
        keep_dev = np.array([getattr(r, head) is not None for r in all_dev])
        train = [r for r, k in zip(all_train, keep) if k]
        dev = [r for r, k in zip(all_dev, keep_dev) if k]
        x_train, x_dev = x_all_train[keep], x_all_dev[keep_dev]
        y = np.array([bool(getattr(r, head)) for r in train])
        y_dev = np.array([bool(getattr(r, head)) for r in dev])
        clf = LogisticRegression(C=args.c, max_iter=2000, solver="liblinear")
        clf.fit(x_train, y, sample_weight=sample_weights(train, head))
        p_dev = clf.predict_proba(x_dev)[:, 1]
        p_real = [clf.predict_proba(x)[:, 1] for x in x_real]
        g_dev = np.array([group_of(r.text) for r in dev])
        g_real = [np.array([group_of(t) for t in texts]) for texts in real_texts]
        t_row, s_row, report[head] = [], [], {}
        for g, group in enumerate(GROUPS):
            m = g_dev == g
            rp = [p[gr == g] for p, gr in zip(p_real, g_real)]
            if (y_dev & m).sum() < 20:  # too few dev positives to choose (the hate head in Vietnamese): off
                t, st = 1.01, 1.01
            else:
                t = choose_threshold(p_dev[m], y_dev[m], rp, PRECISION_FLOOR[head])
                st = max(t, choose_threshold(p_dev[m], y_dev[m], [], STRONG_PRECISION[head]))
            t_row.append(t)
            s_row.append(st)
            pred = (p_dev >= t) & m
            report[head][group] = {
                "threshold": round(t, 3), "strong": round(st, 3),
                "dev_precision": round(float((pred & y_dev).sum() / max(pred.sum(), 1)), 3),
                "dev_recall": round(float((pred & y_dev).sum() / max((y_dev & m).sum(), 1)), 3),
                "dev_positives": int((y_dev & m).sum()), "dev_cases": int(m.sum()),
                "real_dev_captions": [int(x.size) for x in rp],
                "real_dev_flag_rate": [round(float((x >= t).mean()), 4) if x.size else None for x in rp],
                "per_source_dev_recall": {
                    src: round(float((pred & y_dev & sm).sum() / max((y_dev & sm).sum(), 1)), 3)
                    for src in sorted({r.source for r in dev})
                    if (sm := np.array([r.source == src for r in dev]) & m).any()
                },
            }
        thresholds.append(t_row)
        strong.append(s_row)
        coefs.append(clf.coef_[0])
        intercepts.append(clf.intercept_[0])
    coef, th = np.vstack(coefs), np.array(thresholds).T  # thresholds stored as (groups, heads)
    z = x_all_dev @ coef.T + np.array(intercepts)
    p_all = 1.0 / (1.0 + np.exp(-z))
    g_all = np.array([group_of(r.text) for r in all_dev])
    flagged_dev = [r.text for r, p, g in zip(all_dev, p_all, g_all) if (p >= th[g]).any()]
    gate, report["gate"] = choose_gate([r.text for r in all_train], coef, flagged_dev)
    save(args.out, coef, np.array(intercepts), th, np.array(strong).T, gate)
    report["train_cases"] = {src: sum(r.source == src and r.split == "train" for r in rows) for src in sorted({r.source for r in rows})}
    report["dev_cases"] = {src: sum(r.source == src and r.split == "dev" for r in rows) for src in sorted({r.source for r in rows})}
    print(json.dumps(report, indent=1))
    args.out.with_suffix(".train.json").write_text(json.dumps(report, indent=1) + "\n", encoding="utf-8")


if __name__ == "__main__":
    main()
