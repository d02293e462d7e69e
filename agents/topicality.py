"""When a creator counts as on the brief's topic.

Cosine similarity (MiniLM) bands measured on the demo corpus: creators of the brief's
niche mostly sit between 0.4 and 0.55, unrelated ones around 0.2-0.3, related niches in
between. A candidate below the bar is dropped rather than used to fill the list: fewer,
relevant creators plus advice beat a full list of filler.
"""

from __future__ import annotations

import numpy as np

ON_TOPIC_SIMILARITY = 0.3
ON_TOPIC_WITH_LEXICAL = 0.2  # the brief's own words in their posts lower the bar
FEEDBACK_MIN_SIMILARITY = 0.4  # only confident hits may suggest query expansion terms


def similarity(query_vec: np.ndarray, vector: list[float] | None) -> float:
    return float(np.dot(query_vec, np.asarray(vector))) if vector is not None else 0.0


def on_topic(cosine: float, lexical: bool) -> bool:
    return cosine >= ON_TOPIC_SIMILARITY or (lexical and cosine >= ON_TOPIC_WITH_LEXICAL)
