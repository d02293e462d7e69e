"""The real-model tier: only with CASTLIST_TEST_LLM_URL set (scripts/test-llm.sh starts a
llama-server on loopback and sets it); skipped everywhere else, including .ci/run."""

from __future__ import annotations

import os

import pytest

from agents.llm.client import OpenAICompatibleClient

URL = os.environ.get("CASTLIST_TEST_LLM_URL")


def pytest_collection_modifyitems(config, items):
    if URL:
        return
    skip = pytest.mark.skip(reason="no real model: run scripts/test-llm.sh")
    for item in items:
        if "tests/llm/" in str(item.fspath).replace(os.sep, "/"):
            item.add_marker(skip)


@pytest.fixture
def real_client():
    """The settings' way of talking to the model, on the test server's URL."""
    return OpenAICompatibleClient(URL, os.environ.get("CASTLIST_LLM_MODEL", "local"),
                                  timeout_s=float(os.environ.get("CASTLIST_LLM_TIMEOUT_S", "240")),
                                  max_attempts=2, temperature=0.0,
                                  max_output_tokens=int(os.environ.get("CASTLIST_LLM_MAX_TOKENS", "320")),
                                  strict_schemas=False, cache_prompt=True)
