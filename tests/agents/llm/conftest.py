from __future__ import annotations

from collections.abc import Callable
from typing import Any

import pytest

from agents.llm.client import OpenAICompatibleClient
from tests.support.openai_server import OpenAITestServer, openai_server, openai_server_factory  # noqa: F401 - fixtures

ClientFactory = Callable[..., OpenAICompatibleClient]

# Test-sized timeouts and back-off; retries stay real, just short.
FAST: dict[str, Any] = {
    "timeout_s": 0.5, "max_attempts": 2, "backoff_initial_s": 0.01,
    "backoff_max_s": 0.05, "retry_after_cap_s": 1.0,
}


@pytest.fixture
def make_client() -> ClientFactory:
    """`async with make_client(server, **overrides) as client:` - closed in the test's own loop."""

    def factory(server: OpenAITestServer, **overrides: Any) -> OpenAICompatibleClient:
        return OpenAICompatibleClient(server.base_url, "test-model", None, **{**FAST, **overrides})

    return factory
