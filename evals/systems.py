"""The systems an eval compares, behind one small protocol.

The runner only needs a ranking (creator keys, best first) and, when the system builds
one, the full Shortlist so explanations and evidence can be checked. Retrieval-only
baselines (BM25-only, dense-only, hybrid without vetting) return `shortlist=None`.

Implementations are wired in by the agent's owner (the `castlist eval` CLI passes a
factory that builds them over a corpus); this module only states the contract, so the
eval suite never depends on how a system is built.
"""

from __future__ import annotations

from typing import Protocol, runtime_checkable

from pydantic import BaseModel, Field

from agents.shortlist import Shortlist


class RankedResult(BaseModel):
    """One system's answer to one brief."""

    keys: list[str] = Field(description="creator keys 'platform:handle' (retrieval.schema.creator_key), best first")
    shortlist: Shortlist | None = Field(None, description="the full shortlist when the system builds one")
    stage_ms: dict[str, float] = Field(default_factory=dict, description="time per pipeline stage, milliseconds")


@runtime_checkable
class System(Protocol):
    """A way of turning a brief into a ranking; `name` labels it in reports and the baseline."""

    name: str

    async def shortlist(self, brief: str, limit: int) -> RankedResult: ...


# Systems of a second embedding model are named "<system>@<model>" (evals.pipelines):
# their metrics get their own keys, so the baseline (measured with GATED_MODEL) never
# gates them, and the report can set the models side by side.
MODEL_MARK = "@"


def gated_model() -> str:
    from retrieval.embedder import DEFAULT_MODEL

    return DEFAULT_MODEL


def split_system(name: str) -> tuple[str, str]:
    """(base system, embedding model) of a system name; unmarked names are the gated model's."""
    base, mark, model = name.partition(MODEL_MARK)
    return base, model if mark else gated_model()


def is_gated(name: str) -> bool:
    return MODEL_MARK not in name
