"""castlist calibrate: the on-topic bars of the configured embedding model, measured."""

from __future__ import annotations

import argparse
import sys
import tempfile
from pathlib import Path

from app.commands.evaluate import DEFAULT_REAL_DATA
from app.settings import get_settings
from retrieval.calibration import DATA_DIR_FILE, save_calibration


def calibrate(args: argparse.Namespace) -> int:
    from evals.calibrate import calibrate as run
    from retrieval.demo import write_demo_corpus
    from retrieval.embedder import open_embedder

    settings = get_settings()
    embedder = open_embedder(settings.embedding_model, max_tokens=settings.embed_max_tokens,
                             backend=settings.embedder_backend)
    real = args.real_data or (DEFAULT_REAL_DATA if DEFAULT_REAL_DATA.exists() else None)
    with tempfile.TemporaryDirectory() as tmp:
        demo = Path(tmp) / "calibration_demo.jsonl"
        write_demo_corpus(demo, creators=args.demo_creators, seed=11)
        cal = run(embedder, demo, real, say=lambda m: print(m, file=sys.stderr))
    out = args.out or settings.data_dir / DATA_DIR_FILE
    save_calibration(cal, out)
    print(f"post bar {cal.post_threshold} · profile bar {cal.profile_threshold} · floor {cal.profile_floor} -> {out}")
    for source, fits in cal.measured.items():
        for signal, fit in fits.items():
            print(f"  {source:40s} {signal:8s} bar {fit.threshold:.3f}  precision {fit.precision:.3f}  "
                  f"recall {fit.recall:.3f}  ({fit.pairs} pairs)")
    return 0
