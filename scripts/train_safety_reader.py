"""Train the contextual reader (`retrieval/signals/safety_reader.py`): offensive / hate
logistic heads over transformer sentence vectors, and the gate bar that decides which
captions reach it.

    python scripts/train_safety_reader.py --src DIR --real FILE ... --cache DIR
        [--model all-MiniLM-L6-v2|multilingual-e5-small] [--out PATH] [--report PATH]

DIR as for `scripts/train_safety_model.py` (written by `scripts/fetch_safety_data.sh`).
`--cache` keeps the sentence vectors (keyed by model, cut and text; outside the repo):
a transformer pass over ~40k texts takes ~15-30 min on two cores, so it runs once.

Training data: the static heads' sets (GermEval 2018 CC BY 4.0, MLMA MIT, HatemojiBuild
CC BY 4.0, SemEval-2021 Toxic Spans CC0 1.0, demo captions and their sentences as clean
negatives; ViHOS is left out: Vietnamese stays with the word model), with deterministic
shares of the training rows (`TRAIN_SHARE`) to keep the transformer pass short, plus

| file | source | licence | used as |
|---|---|---|---|
| toxigen/prompts/*.txt, toxigen/demonstrations/**/*.txt | TOXIGEN (Hartvigsen et al., ACL 2022), microsoft/TOXIGEN: the human-written statements about 13 groups that seed its generator | MIT | train + dev (hash split), en; hate_* -> offensive and hate, neutral_* -> neither |

Only rows without a Vietnamese letter are used (the reader never sees Vietnamese text).

Choices, all on dev data: C (mean average precision of both heads on the public dev rows),
then per gate bar and hate rule (named group required or not) the thresholds by the word
model's rule (lowest threshold with the reader's dev precision >= the head's floor and, in
each real file of >= 500 captions, classifier-only offensive-or-hate flags and hate flags
of static heads and reader together each <= REAL_FLAG_CEILING of the lexicon-clean dev-half
captions; offensive first, then hate with offensive at its threshold), then the highest
gate bar whose combined dev recall keeps >= GATE_KEEP of the loosest bar's. The test sets
and the test half of the real creators are never read here; the Davidson et al. (2017)
tweets are never read.
"""

from __future__ import annotations

import argparse
import hashlib
import itertools
import json
import sys
from pathlib import Path

import numpy as np
from sklearn.linear_model import LogisticRegression
from sklearn.metrics import average_precision_score

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
sys.path.insert(0, str(Path(__file__).resolve().parent))

import train_safety_head as static_heads
import train_safety_model as words_model

from retrieval.signals import safety_embedding
from retrieval.signals.safety_lexicon import scan_text
from retrieval.signals.safety_model import _names_group, group_of
from retrieval.signals.safety_reader import HEADS, READER_PATH, Reader, encode, save
from retrieval.signals.text import tagged_words

MAX_TOKENS = 128
# Deterministic shares of the training rows per source (by a hash of the text; dev rows
# are all kept): the transformer pass over all of them would take over an hour on this
# project's shared two cores. GermEval stays whole: German is where the static heads add nothing.
TRAIN_SHARE = {"germeval2018": 1.0, "toxigen": 1.0, "mlma_en": 0.5, "mlma_fr": 0.5, "hatemoji_build": 0.5,
               "demo": 0.1, "toxic_spans": 0.125, "demo_sentences": 0.05}
C_GRID = (0.25, 1.0, 4.0, 16.0)
GATE_GRID = (0.6, 0.7, 0.8, 0.9, 0.95)
GATE_KEEP = 0.95
OFFENSIVE = {"profanity", "hate"}
PROBES = static_heads.PROBES + (
    "Muslims are a plague on this country",
    "My Muslim neighbours brought us dinner for Eid",
)


# -- data ---------------------------------------------------------------------------------

def _share(text: str, salt: str) -> float:
    return int(hashlib.sha1((salt + text).encode("utf-8")).hexdigest()[:8], 16) / 0xFFFFFFFF


def toxigen(src: Path) -> list[words_model.Row]:
    """TOXIGEN's human-written seed statements: several per line, joined by a literal
    backslash-n and each led by "-"; de-duplicated (case-insensitive, first file wins)."""
    seen: set[str] = set()
    rows = []
    for path in sorted((src / "toxigen").rglob("*.txt"), key=lambda p: p.relative_to(src).as_posix()):
        hate = path.name.startswith("hate_")
        for line in path.read_text(encoding="utf-8").splitlines():
            for s in line.split("\\n"):
                s = s.strip().rstrip("\\").strip()
                s = s[1:].strip() if s.startswith("-") else s
                if len(s.split()) >= 3 and s.lower() not in seen:
                    seen.add(s.lower())
                    rows.append(words_model.Row(s, hate, hate, "en", "toxigen", words_model._split(s)))
    return rows


def load_rows(src: Path) -> list[words_model.Row]:
    rows = [r for r in words_model.load_all(src) if r.source != "vihos"]
    demo = [r for r in rows if r.source == "demo"]
    rows += static_heads.toxic_spans(src) + static_heads.demo_sentences(demo) + toxigen(src)
    return [r for r in rows if not group_of(r.text)
            and (r.split == "dev" or _share(r.text, r.source) < TRAIN_SHARE[r.source])]


def real_dev(files: list[str]) -> list[list[str]]:
    """Per file, the non-Vietnamese captions of the dev half of the creators (read, never stored)."""
    out = []
    for f in files:
        texts: list[str] = []
        with open(f, encoding="utf-8") as fh:
            for line in fh:
                c = json.loads(line)
                if words_model.real_half(c.get("handle", "")) == "dev":
                    texts += [p["text"] for p in c.get("posts", [])
                              if p.get("text") and p["text"].strip() and not group_of(p["text"])]
        out.append(texts)
    return out


def named_of(texts: list[str]) -> list[bool]:
    """Per text, whether it names a protected group (as `safety_model.text_hits` decides)."""
    return [_names_group(tagged_words(t)) for t in texts]


# -- vectors ------------------------------------------------------------------------------

class VectorCache:
    """Sentence vectors on disk, keyed by sha1(model, cut, text); new ones appended as chunks."""

    def __init__(self, root: Path, model: str) -> None:
        self.root, self.model = root, model
        root.mkdir(parents=True, exist_ok=True)
        self.index: dict[str, tuple[Path, int]] = {}
        for p in sorted(root.glob(f"{model}.{MAX_TOKENS}.*.npz")):
            with np.load(p) as z:
                self.index.update((k, (p, i)) for i, k in enumerate(z["keys"].tolist()))
        self._loaded: dict[Path, np.ndarray] = {}

    def key(self, text: str) -> str:
        return hashlib.sha1(f"{self.model}|{MAX_TOKENS}|{text}".encode()).hexdigest()

    def add(self, texts: list[str], vectors: np.ndarray, tag: str = "") -> None:
        keys = [self.key(t) for t in texts]
        p = self.root / f"{self.model}.{MAX_TOKENS}.{tag}{len(list(self.root.glob(f'{self.model}.{MAX_TOKENS}.{tag}*.npz'))):04d}.npz"
        np.savez(p, keys=np.array(keys), vecs=vectors.astype(np.float32))
        self.index.update((k, (p, i)) for i, k in enumerate(keys))

    def get(self, texts: list[str], batch: int = 128, tag: str = "") -> np.ndarray:
        missing = list(dict.fromkeys(t for t in texts if self.key(t) not in self.index))
        for s in range(0, len(missing), 1024):
            chunk = missing[s:s + 1024]
            vecs = np.vstack([encode(chunk[b:b + batch], self.model, MAX_TOKENS) for b in range(0, len(chunk), batch)])
            self.add(chunk, vecs, tag)
            print(f"embedded {s + len(chunk)}/{len(missing)}", file=sys.stderr, flush=True)
        out = []
        for t in texts:
            p, i = self.index[self.key(t)]
            if p not in self._loaded:
                with np.load(p) as z:
                    self._loaded[p] = z["vecs"]
            out.append(self._loaded[p][i])
        return np.vstack(out) if out else np.zeros((0, 1), dtype=np.float32)


# -- choice -------------------------------------------------------------------------------

def _pr(pred: np.ndarray, y: np.ndarray) -> tuple[float, float]:
    return (round(float((pred & y).sum() / max(pred.sum(), 1)), 3), round(float((pred & y).sum() / max(y.sum(), 1)), 3))


def hits(p_static: np.ndarray, t_static: np.ndarray, p_reader: np.ndarray | None, t_reader: np.ndarray | None,
         gated: np.ndarray, named: np.ndarray, require_group: bool) -> tuple[np.ndarray, np.ndarray]:
    """(offensive-or-hate, hate) classifier flags as `safety_model.text_hits` gives them: the
    static heads (hate needs a named group), plus the reader on gated texts."""
    s_off, s_hate = p_static[:, 0] >= t_static[0], p_static[:, 1] >= t_static[1]
    off = s_off | s_hate & named
    hate = (s_off | s_hate) & named
    if p_reader is not None:
        r_off = (p_reader[:, 0] >= t_reader[0]) & gated
        r_hate = (p_reader[:, 1] >= t_reader[1]) & gated
        off = off | r_off | (r_hate & (named | (not require_group)))
        hate = hate | ((r_off | r_hate) & named) | (r_hate & (not require_group))
    return off, hate


def main(argv: list[str] | None = None) -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--src", type=Path, required=True)
    ap.add_argument("--real", nargs="*", default=[])
    ap.add_argument("--cache", type=Path, required=True)
    ap.add_argument("--model", default="multilingual-e5-small")
    ap.add_argument("--out", type=Path, default=READER_PATH)
    ap.add_argument("--report", type=Path, help="default: OUT with .train.json")
    ap.add_argument("--dry-run", action="store_true", help="report only, write no artefact")
    ap.add_argument("--part", help="K/N: only embed the K-th of N shares of the missing texts into the cache "
                                   "(run N at once, one thread each), then stop")
    args = ap.parse_args(argv)

    cache = VectorCache(args.cache, args.model)
    rows = load_rows(args.src)
    train = [r for r in rows if r.split == "train"]
    dev = [r for r in rows if r.split == "dev" and r.source != "demo"]
    static = safety_embedding.load()
    assert static is not None, "the static heads must load (their probes) to train the gate"
    real = real_dev(args.real)
    loose = [[t for t, p, n in zip(texts, static.probabilities(texts).max(axis=1), named_of(texts))
              if p >= min(GATE_GRID) or n] for texts in real]
    if args.part:
        k, n = map(int, args.part.split("/"))
        needed = list(dict.fromkeys([r.text for r in train + dev] + [t for texts in loose for t in texts]))
        mine = [t for i, t in enumerate(t for t in needed if cache.key(t) not in cache.index) if i % n == k - 1]
        print(f"part {k}/{n}: {len(mine)} texts to embed", file=sys.stderr, flush=True)
        cache.get(mine, tag=f"p{k}")
        return
    x_train, x_dev = cache.get([r.text for r in train]), cache.get([r.text for r in dev])
    t_static = static.thresholds
    p_static_dev = static.probabilities([r.text for r in dev])
    named_dev = np.array(named_of([r.text for r in dev]))
    lex_dev = np.array([bool({c for c, _ in scan_text(r.text)} & OFFENSIVE) for r in dev])
    y_off = np.array([r.offensive for r in dev])
    y_hate = np.array([bool(r.hate) for r in dev])
    has_hate = np.array([r.hate is not None for r in dev])

    # C: average precision of each head on the public dev rows
    report: dict = {"model": args.model, "max_tokens": MAX_TOKENS, "c_grid": {}}
    fits: dict[float, list[LogisticRegression]] = {}
    for c in C_GRID:
        clfs, aps = [], []
        for head in HEADS:
            kt = np.array([getattr(r, head) is not None for r in train])
            tr = [r for r, k in zip(train, kt) if k]
            clf = LogisticRegression(C=c, max_iter=3000, solver="liblinear")
            clf.fit(x_train[kt], np.array([bool(getattr(r, head)) for r in tr]),
                    sample_weight=words_model.sample_weights(tr, head))
            kd = has_hate if head == "hate" else np.ones(len(dev), dtype=bool)
            y = (y_hate if head == "hate" else y_off)[kd]
            aps.append(float(average_precision_score(y, clf.predict_proba(x_dev[kd])[:, 1])))
            clfs.append(clf)
        fits[c] = clfs
        report["c_grid"][c] = [round(a, 4) for a in aps]
        print(f"C={c} dev AP offensive {aps[0]:.4f} hate {aps[1]:.4f}", file=sys.stderr, flush=True)
    c_best = max(C_GRID, key=lambda c: sum(report["c_grid"][c]))
    coef = np.vstack([clf.coef_[0] for clf in fits[c_best]])
    intercept = np.array([clf.intercept_[0] for clf in fits[c_best]])
    prob = lambda x: 1.0 / (1.0 + np.exp(-(x @ coef.T + intercept)))
    p_dev = prob(x_dev)

    # real dev half: static probabilities for all, the reader's for the loosest gate's captions
    real_rows = []
    for texts in real:
        clean = np.array([not ({c for c, _ in scan_text(t)} & OFFENSIVE) for t in texts])
        ps = static.probabilities(texts)
        named = np.array(named_of(texts))
        loose = (ps.max(axis=1) >= min(GATE_GRID)) | named
        pr = np.zeros((len(texts), len(HEADS)))
        idx = np.flatnonzero(loose)
        if idx.size:
            pr[idx] = prob(cache.get([texts[i] for i in idx]))
        real_rows.append((clean, ps, named, pr))

    base_off, base_hate = hits(p_static_dev, t_static, None, None, np.zeros(len(dev), bool), named_dev, True)
    report["dev_static_only"] = {"offensive_or_hate": _pr(base_off, y_off),
                                 "hate": _pr(base_hate[has_hate], y_hate[has_hate])}
    report["dev_static_only_with_lexicon"] = {"offensive_or_hate": _pr(base_off | lex_dev, y_off)}
    variants = []
    # "union" is the rule: static heads and reader together within the ceiling. "own" (the
    # reader's flags that the static heads do not make, within the ceiling on their own) is
    # reported for comparison and never chosen.
    for rule, require_group, bar in itertools.product(("union", "own"), (True, False), GATE_GRID):
        gated_dev = (p_static_dev.max(axis=1) >= bar) | named_dev
        th = []
        for h, head in enumerate(HEADS):
            kd = has_hate if head == "hate" else np.ones(len(dev), dtype=bool)
            y = (y_hate if head == "hate" else y_off)[kd]
            chosen = 0.995
            for t in np.arange(0.30, 0.9975, 0.0025):
                pred = (p_dev[kd, h] >= t) & gated_dev[kd]
                if not pred.any():
                    break
                if (pred & y).sum() / pred.sum() < words_model.PRECISION_FLOOR[head]:
                    continue
                # heads chosen in order, each with the ones before at their chosen threshold
                # (the reader's hate also makes offensive-or-hate flags), later ones off
                trial = np.array(th + [t] + [1.01] * (len(HEADS) - h - 1))
                rates = []
                for clean, ps, named, pr in real_rows:
                    if clean.sum() < 500:
                        continue
                    gated = (ps.max(axis=1) >= bar) | named
                    off, hate = hits(ps, t_static, pr, trial, gated, named, require_group)
                    if rule == "own":
                        s_off, s_hate = hits(ps, t_static, None, None, gated, named, True)
                        off, hate = off & ~s_off, hate & ~s_hate
                    rates += [float((off & clean).sum() / clean.sum()), float((hate & clean).sum() / clean.sum())]
                if max(rates, default=0.0) <= words_model.REAL_FLAG_CEILING:
                    chosen = float(t)
                    break
            th.append(chosen)
        th = np.array(th)
        off, hate = hits(p_static_dev, t_static, p_dev, th, gated_dev, named_dev, require_group)
        v = {"rule": rule, "gate": bar, "require_group": require_group, "thresholds": [round(float(t), 4) for t in th],
             "dev_gated_share": round(float(gated_dev.mean()), 4),
             "offensive_or_hate": _pr(off, y_off), "hate": _pr(hate[has_hate], y_hate[has_hate]),
             "offensive_or_hate_with_lexicon": _pr(off | lex_dev, y_off),
             "real_dev": []}
        for clean, ps, named, pr in real_rows:
            gated = (ps.max(axis=1) >= bar) | named
            r_off, r_hate = hits(ps, t_static, pr, th, gated, named, require_group)
            v["real_dev"].append({"captions": len(ps), "gated_share": round(float(gated.mean()), 4),
                                  "clean_flag_rate_offensive": round(float((r_off & clean).sum() / max(clean.sum(), 1)), 4),
                                  "clean_flag_rate_hate": round(float((r_hate & clean).sum() / max(clean.sum(), 1)), 4)})
        variants.append(v)
        print(json.dumps(v), file=sys.stderr, flush=True)
    report["variants"] = variants

    def recall_sum(v: dict) -> float:
        return v["offensive_or_hate"][1] + v["hate"][1]

    union = [v for v in variants if v["rule"] == "union"]
    best_rule = max((True, False), key=lambda g: max(recall_sum(v) for v in union if v["require_group"] == g)
                    - (0.0 if g else 1e-9))  # a tie keeps the named-group rule
    pool = [v for v in union if v["require_group"] == best_rule]
    loosest = min(pool, key=lambda v: v["gate"])
    chosen = max((v for v in pool if recall_sum(v) >= GATE_KEEP * recall_sum(loosest)), key=lambda v: v["gate"])
    report["chosen"] = chosen
    report["c"] = c_best
    report["train_cases"] = {s: sum(r.source == s for r in train) for s in sorted({r.source for r in train})}
    report["dev_cases"] = {s: sum(r.source == s for r in dev) for s in sorted({r.source for r in dev})}
    probe_probs = prob(encode(list(PROBES), args.model, MAX_TOKENS))
    report["probes"] = {t: [round(float(x), 3) for x in p] for t, p in zip(PROBES, probe_probs)}
    reader = Reader(model=args.model, max_tokens=MAX_TOKENS, coef=coef, intercept=intercept,
                    thresholds=np.array(chosen["thresholds"]), gate=float(chosen["gate"]),
                    require_group=bool(chosen["require_group"]), probe_texts=PROBES, probe_probs=probe_probs)
    out_report = args.report or args.out.with_suffix(".train.json")
    out_report.write_text(json.dumps(report, indent=1) + "\n", encoding="utf-8")
    if not args.dry_run:
        save(args.out, reader)
    print(json.dumps({k: report[k] for k in ("model", "c", "c_grid", "dev_static_only", "chosen")}, indent=1))


if __name__ == "__main__":
    main()
