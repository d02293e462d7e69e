"""Run-time dependencies of the graph, passed as LangGraph's typed context."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime
from typing import Any

from agents.brief_parser import BriefParser
from agents.followup.parser import FollowupParser, OfflineFollowupParser
from agents.tools.scoring import ScoringWeights
from retrieval.calibration import TopicCalibration, load_calibration
from retrieval.embedder import Embedder
from retrieval.index.base import CreatorIndex
from retrieval.store import CreatorStore


@dataclass
class AgentContext:
    store: CreatorStore
    index: CreatorIndex
    embedder: Embedder
    parser: BriefParser
    followups: FollowupParser = field(default_factory=OfflineFollowupParser)
    weights: ScoringWeights = field(default_factory=ScoringWeights)
    default_count: int = 20
    # Candidates fetched per shortlist slot: vetting rejects some, variety skips others.
    overfetch: int = 4
    min_candidates: int = 80
    # Candidates in the first vetting batch; later batches double. Smaller: the first
    # creator streams sooner, at a few more rounds of the graph.
    vet_batch: int = 8
    now: datetime | None = None
    calibration: TopicCalibration | None = None  # None: the packaged one for the embedder's model
    # Rounds of `select → relax → retrieve` when preferences keep the list short; 0 never
    # applies preferences as filters (they only rank, as before).
    max_relax_rounds: int = 3
    explainer: Any = None  # an LLMExplainer when an LLM is configured: explanations become checked prose

    def topic_calibration(self) -> TopicCalibration:
        if self.calibration is None:
            self.calibration = load_calibration(self.embedder.name)
        return self.calibration
