"""The corpora an eval runs over: the generated demo corpus and the real Instagram set.

Each corpus is handed to the systems factory as an import-format JSONL file it can
ingest. The judging data (demo labels, the real set's category label) is kept here and
never reaches the systems: the real set is rewritten without its `categories` field so
the score measures matching on content, not on the label being judged.
"""

from __future__ import annotations

import hashlib
import json
import shutil
from dataclasses import dataclass, field
from pathlib import Path
from typing import Callable

from evals.labels import CreatorLabel, load_labels
from evals.qrels import real_category
from retrieval.schema import Creator


@dataclass(frozen=True)
class EvalCorpus:
    """What a systems factory receives: a corpus to index, and a scratch dir for the index."""

    name: str  # "demo" or "real_instagram"
    path: Path  # import-format JSONL (DESIGN 5.1)
    work_dir: Path  # empty directory the factory may use (index, database)
    size: int


@dataclass
class LoadedCorpus:
    corpus: EvalCorpus
    creators: dict[str, Creator]
    labels: dict[str, CreatorLabel] = field(default_factory=dict)  # demo only
    categories: dict[str, str | None] = field(default_factory=dict)  # real only
    skipped_rows: int = 0


def read_creators(path: Path) -> tuple[dict[str, Creator], int]:
    """Creators by key; rows the import format rejects are counted, not fatal (the real
    set has creators without a follower count, which the importer also rejects)."""
    creators: dict[str, Creator] = {}
    skipped = 0
    with path.open(encoding="utf-8") as fh:
        for line in fh:
            if not line.strip():
                continue
            try:
                c = Creator.model_validate_json(line)
            except ValueError:
                skipped += 1
                continue
            creators[c.key] = c
    return creators, skipped


def fresh_dir(path: Path) -> Path:
    """An empty directory (an index left by an earlier run would mix corpora)."""
    if path.exists():
        shutil.rmtree(path)
    path.mkdir(parents=True)
    return path


def labels_path(corpus_path: Path) -> Path:
    # DESIGN 5.2: `castlist demo-data --out FILE` writes FILE + ".labels.jsonl".
    return corpus_path.with_name(corpus_path.name + ".labels.jsonl")


DemoWriter = Callable[..., object]


def _default_demo_writer() -> DemoWriter:
    from retrieval.demo import write_demo_corpus  # imported late: only needed when generating

    return write_demo_corpus


def prepare_demo(corpus_path: Path | None, creators: int, seed: int, work_dir: Path,
                 writer: DemoWriter | None = None) -> LoadedCorpus:
    """Load a given demo corpus, or generate one (deterministic from the seed) into work_dir.

    A generated corpus is rewritten on every run rather than cached: a cached file would
    silently outlive a change to the generator and the scores would describe old data.
    """
    if corpus_path is None:
        corpus_path = work_dir / f"demo_{creators}_{seed}.jsonl"
        corpus_path.parent.mkdir(parents=True, exist_ok=True)
        (writer or _default_demo_writer())(corpus_path, creators=creators, seed=seed)
    lp = labels_path(corpus_path)
    if not lp.exists():
        raise FileNotFoundError(f"demo corpus {corpus_path} has no labels file {lp}")
    loaded, skipped = read_creators(corpus_path)
    index_dir = fresh_dir(work_dir / "demo_index")
    return LoadedCorpus(
        corpus=EvalCorpus(name="demo", path=corpus_path, work_dir=index_dir, size=len(loaded)),
        creators=loaded, labels=load_labels(lp), skipped_rows=skipped,
    )


def _in_sample(key: str, fraction: float) -> bool:
    # Hash-based and seedless: the same creators are picked on every machine and run.
    h = int.from_bytes(hashlib.sha256(key.encode()).digest()[:8], "big")
    return h / 2**64 < fraction


def prepare_real(real_path: Path, work_dir: Path, max_creators: int | None) -> LoadedCorpus:
    """The real Instagram set (optionally a deterministic sample), labels stripped."""
    creators, skipped = read_creators(real_path)
    if max_creators is not None and len(creators) > max_creators:
        fraction = max_creators / len(creators)
        creators = {k: c for k, c in creators.items() if _in_sample(k, fraction)}
    categories = {k: real_category(c) for k, c in creators.items()}
    out = work_dir / "real_instagram.jsonl"
    out.parent.mkdir(parents=True, exist_ok=True)
    with out.open("w", encoding="utf-8") as fh:
        for c in creators.values():
            fh.write(json.dumps(c.model_dump(mode="json", exclude={"categories"}, exclude_none=True), ensure_ascii=False) + "\n")
    stripped = {k: c.model_copy(update={"categories": []}) for k, c in creators.items()}
    index_dir = fresh_dir(work_dir / "real_index")
    return LoadedCorpus(
        corpus=EvalCorpus(name="real_instagram", path=out, work_dir=index_dir, size=len(stripped)),
        creators=stripped, categories=categories, skipped_rows=skipped,
    )
