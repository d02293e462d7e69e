"""write_demo_corpus: deterministic bytes, labels aligned 1:1, streaming."""

from __future__ import annotations

import json
import tracemalloc
from itertools import islice
from pathlib import Path

from retrieval.demo import DemoLabel, generate, labels_path_for, write_demo_corpus
from retrieval.schema import Creator


def test_same_seed_same_bytes_different_seed_different(tmp_path: Path) -> None:
    a = write_demo_corpus(tmp_path / "a.jsonl", creators=300, seed=3)
    b = write_demo_corpus(tmp_path / "b.jsonl", creators=300, seed=3)
    c = write_demo_corpus(tmp_path / "c.jsonl", creators=300, seed=4)
    assert (tmp_path / "a.jsonl").read_bytes() == (tmp_path / "b.jsonl").read_bytes()
    assert labels_path_for(tmp_path / "a.jsonl").read_bytes() == labels_path_for(tmp_path / "b.jsonl").read_bytes()
    assert a.sha256 == b.sha256 != c.sha256
    assert (tmp_path / "a.jsonl").read_bytes() != (tmp_path / "c.jsonl").read_bytes()


def test_files_and_labels_align(tmp_path: Path) -> None:
    out = tmp_path / "demo.jsonl"
    summary = write_demo_corpus(out, creators=250, seed=9)
    assert summary.labels_path == str(tmp_path / "demo.jsonl.labels.jsonl")
    rows = [json.loads(line) for line in out.read_text(encoding="utf-8").splitlines()]
    labels = [DemoLabel.model_validate_json(line) for line in labels_path_for(out).read_text(encoding="utf-8").splitlines()]
    assert len(rows) == len(labels) == summary.creators == 250
    assert summary.posts == sum(len(r["posts"]) for r in rows)
    for row, label in zip(rows, labels):
        Creator.model_validate(row)
        assert (row["platform"], row["handle"]) == (label.platform, label.handle)
    assert sum(summary.platforms.values()) == 250
    assert summary.planted["safety"] == sum(bool(lab.safety) for lab in labels)
    assert not list(tmp_path.glob(".*.tmp"))


def test_a_shorter_corpus_is_a_prefix_of_a_longer_one() -> None:
    short = [json.dumps(r) for r, _ in generate(60, 5)]
    long = [json.dumps(r) for r, _ in islice(generate(200, 5), 60)]
    assert short == long


def test_generation_streams_in_constant_memory() -> None:
    def peak(count: int) -> int:
        tracemalloc.start()
        for _ in generate(count, 2):
            pass
        _, top = tracemalloc.get_traced_memory()
        tracemalloc.stop()
        return top

    small, large = peak(50), peak(400)
    assert large < 1.5 * small + 200_000
