"""The optional LLM path: a client protocol, an OpenAI-compatible client, and the parts
of the pipeline that may use a model (brief parsing, explanation prose)."""

from agents.llm.client import LLMClient, LLMUnavailable, OpenAICompatibleClient

__all__ = ["LLMClient", "LLMUnavailable", "OpenAICompatibleClient"]
