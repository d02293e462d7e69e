"""Read-only copies of the Edge shard, for processes that only search it.

Edge locks a shard directory for the one process that opens it, so a process that runs
briefs beside the service (app/brief_workers.py) searches a copy instead. A copy is taken
after a flush while no write is in flight (the caller holds the service's write lock), so
it holds exactly the writes the owning index had counted (`EdgeCreatorIndex.write_state`); its
reader is used only while that count is still the owner's. A copy is never written to by
castlist; a newer one replaces it, and copies no reader holds are removed.
"""

from __future__ import annotations

import shutil
import uuid
from pathlib import Path

from pydantic import BaseModel

PARTIAL = ".partial"


class Replica(BaseModel):
    path: Path  # a copy of the index directory: the shard in `edge/` and the model record beside it
    writes: int  # the owner's write count when the copy was taken

    @property
    def shard(self) -> Path:
        return self.path / "edge"


def publish(index_dir: Path, replicas_dir: Path, writes: int) -> Replica:
    """Copies `index_dir` (flushed, with no write in flight) into a new replica."""
    replicas_dir.mkdir(parents=True, exist_ok=True)
    target = replicas_dir / f"{writes:012d}-{uuid.uuid4().hex[:8]}"
    partial = target.with_name(target.name + PARTIAL)
    shutil.copytree(index_dir, partial)
    partial.rename(target)  # a replica directory without the suffix is always complete
    return Replica(path=target, writes=writes)


def prune(replicas_dir: Path, keep: set[Path]) -> list[Path]:
    """Removes every replica (and unfinished copy) not in `keep`; returns what it removed."""
    if not replicas_dir.is_dir():
        return []
    removed = []
    for path in replicas_dir.iterdir():
        if path.is_dir() and path.resolve() not in {k.resolve() for k in keep}:
            shutil.rmtree(path, ignore_errors=True)
            removed.append(path)
    return removed
