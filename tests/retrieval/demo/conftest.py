"""A 3,000-creator demo sample, generated once per session (a few CPU seconds)."""

from __future__ import annotations

from typing import Any

import pytest

from retrieval.demo import DemoLabel, generate

SAMPLE_SIZE = 3000
SAMPLE_SEED = 11

Row = tuple[dict[str, Any], DemoLabel]


@pytest.fixture(scope="session")
def sample() -> list[Row]:
    return list(generate(SAMPLE_SIZE, SAMPLE_SEED))
