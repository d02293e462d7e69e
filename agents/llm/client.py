"""The LLM client: a narrow protocol plus an OpenAI-compatible implementation.

Callers ask for one thing: "answer this as an instance of that pydantic model". Transport
failures, rate limits and answers that don't fit the schema are retried here, with our own
bounded policy (the SDK's built-in retries are switched off so there is exactly one
policy and one deadline). When nothing usable comes back, callers get `LLMUnavailable`
and decide how to degrade; they never see an SDK exception.
"""

from __future__ import annotations

import asyncio
import email.utils
import json
import logging
import time
from collections.abc import Mapping
from dataclasses import dataclass
from datetime import datetime, timezone
from typing import Any, Literal, Protocol, TypeVar

import openai
import pydantic
from openai import AsyncOpenAI
from pydantic import BaseModel
from tenacity import (
    AsyncRetrying,
    RetryCallState,
    retry_if_exception,
    stop_after_attempt,
    stop_before_delay,
    wait_exponential_jitter,
)

from agents.llm.sparse_schema import sparse_json_schema
from prompts import load_prompt

__all__ = [
    "CallUsage",
    "FailureKind",
    "LLMClient",
    "LLMUnavailable",
    "OpenAICompatibleClient",
    "strict_schema_supported",
]

log = logging.getLogger(__name__)

ModelT = TypeVar("ModelT", bound=BaseModel)

FailureKind = Literal[
    "timeout", "connection error", "rate limited", "server error",
    "invalid output", "rejected", "deadline",
]

# Statuses worth another try: the request was fine, the server was not (OpenAI's own SDK
# retries the same set). Other 4xx (bad request, auth, unknown model) won't heal by retrying.
_RETRYABLE_STATUS = frozenset({408, 409, 429})

# Validation errors are sent back to the model on the next attempt; keep that bounded.
_MAX_ERROR_FEEDBACK_CHARS = 1500

# JSON-schema keywords that OpenAI's strict structured-output mode rejects. A schema using
# any of them is sent in JSON mode instead and validated on our side only.
_NON_STRICT_KEYWORDS = frozenset({
    "oneOf", "not", "if", "then", "else", "patternProperties", "propertyNames",
    "dependentSchemas", "dependentRequired", "unevaluatedProperties", "unevaluatedItems",
})


@dataclass(frozen=True)
class CallUsage:
    """Tokens and server timings of one request, for the eval's latency figures.

    `prompt_tokens` counts the whole prompt, `cached_tokens` the part the server reused
    from its cache; the millisecond figures are the server's own (llama.cpp's `timings`),
    None where the server does not report them. Tokens divided by a quiet machine's
    tokens/s give that machine's latency independently of how loaded this one is.
    """

    prompt_tokens: int = 0
    cached_tokens: int = 0
    completion_tokens: int = 0
    prompt_ms: float | None = None  # evaluating the uncached part of the prompt
    generation_ms: float | None = None
    wall_s: float = 0.0


class LLMClient(Protocol):
    """What the agent needs from a language model: schema-shaped answers."""

    async def complete_json(self, system: str, user: str, schema: type[ModelT], *,
                            max_tokens: int | None = None, cut_ok: bool = False) -> ModelT:
        """Answer `user` under `system` as a validated `schema` instance, or raise LLMUnavailable.

        `max_tokens` caps this answer (else the client's cap); `cut_ok`: an answer cut at the
        cap is read up to its last complete top-level field instead of being retried.
        """
        ...


class LLMUnavailable(Exception):
    """No valid answer within the attempt and time budget.

    `reason` is short and safe to show to a user ("timeout after 2 attempts"); it never
    contains model output or prompt text.
    """

    def __init__(self, reason: str, *, kind: FailureKind | None = None, attempts: int = 0) -> None:
        super().__init__(reason)
        self.reason = reason
        self.kind = kind
        self.attempts = attempts


class _AttemptFailed(Exception):
    """One attempt's failure, classified for the retry policy."""

    def __init__(
        self,
        kind: FailureKind,
        detail: str = "",
        *,
        retryable: bool = True,
        retry_after_s: float | None = None,
    ) -> None:
        super().__init__(f"{kind}: {detail}" if detail else kind)
        self.kind = kind
        self.detail = detail
        self.retryable = retryable
        self.retry_after_s = retry_after_s


class OpenAICompatibleClient:
    """`LLMClient` over any OpenAI-compatible chat-completions endpoint.

    Structured output (`json_schema`, strict) when the schema allows it, otherwise JSON
    mode with the schema in the system message; either way the answer is validated by the
    pydantic model, and an invalid answer counts as a failed attempt.

    `timeout_s` bounds each attempt, `max_attempts` the number of attempts, `deadline_s`
    the whole call including back-off (default: enough for every attempt to time out and
    back off once at the cap).
    """

    def __init__(
        self,
        base_url: str | None,
        model: str,
        api_key: str | None = None,
        timeout_s: float = 20.0,
        max_attempts: int = 3,
        *,
        deadline_s: float | None = None,
        backoff_initial_s: float = 0.5,
        backoff_max_s: float = 8.0,
        retry_after_cap_s: float = 30.0,
        temperature: float | None = None,
        max_output_tokens: int | None = None,
        strict_schemas: bool = True,
        cache_prompt: bool = False,
    ) -> None:
        if timeout_s <= 0:
            raise ValueError("timeout_s must be positive")
        if max_attempts < 1:
            raise ValueError("max_attempts must be at least 1")
        self.model = model
        self.timeout_s = timeout_s
        self.max_attempts = max_attempts
        self.deadline_s = (
            deadline_s if deadline_s is not None
            else max_attempts * timeout_s + (max_attempts - 1) * backoff_max_s
        )
        self.retry_after_cap_s = retry_after_cap_s
        # False: the schema is sent as a plain (non-strict) `json_schema` response format, so
        # optional fields stay optional. A grammar-constrained local server (llama.cpp) still
        # enforces enums and limits, and a small model is not made to fill every field.
        self.strict_schemas = strict_schemas
        self.last_attempts = 0  # attempts the last call took (1 = valid on the first try); for evals
        self.last_usage: list[CallUsage] = []  # one per request of the last call that got an answer; for evals
        self.last_cut = False  # the last call's answer was cut at the token cap and read up to its last whole field
        self._backoff = wait_exponential_jitter(
            multiplier=backoff_initial_s, max=backoff_max_s, jitter=backoff_initial_s,
        )
        # Omitted unless set: reasoning models reject a temperature other than the default.
        self._options: dict[str, Any] = {}
        if temperature is not None:
            self._options["temperature"] = temperature
        if max_output_tokens is not None:
            self._options["max_completion_tokens"] = max_output_tokens
        if cache_prompt:
            # llama.cpp: reuse the KV cache of the shared prefix (system prompt first, the
            # brief last), so only the brief's tokens are evaluated. Not an OpenAI field:
            # sent only when asked for.
            self._options["extra_body"] = {"cache_prompt": True}
        self._client = AsyncOpenAI(
            base_url=base_url,
            # Local servers (vLLM, llama.cpp, Ollama) need no key, but the SDK insists on
            # one and would otherwise read OPENAI_API_KEY from the environment.
            api_key=api_key or "not-needed",
            timeout=timeout_s,
            max_retries=0,  # one retry policy, ours (see module docstring)
        )

    async def aclose(self) -> None:
        await self._client.close()

    async def __aenter__(self) -> OpenAICompatibleClient:
        return self

    async def __aexit__(self, *exc_info: object) -> None:
        await self.aclose()

    async def complete_json(self, system: str, user: str, schema: type[ModelT], *,
                            max_tokens: int | None = None, cut_ok: bool = False) -> ModelT:
        strict = strict_schema_supported(schema) and self.strict_schemas
        options = dict(self._options)
        if max_tokens is not None:
            options["max_completion_tokens"] = max_tokens
        if not strict_schema_supported(schema):
            system = system + "\n\n" + load_prompt(
                "json_schema_instructions", schema=json.dumps(schema.model_json_schema()),
            )
        base_messages: list[dict[str, str]] = [
            {"role": "system", "content": system},
            {"role": "user", "content": user},
        ]
        messages = base_messages
        started = time.monotonic()
        attempts = 0
        self.last_usage = []
        self.last_cut = False
        retrying = AsyncRetrying(
            stop=stop_after_attempt(self.max_attempts) | stop_before_delay(self.deadline_s),
            wait=self._wait,
            retry=retry_if_exception(lambda e: isinstance(e, _AttemptFailed) and e.retryable),
            before_sleep=_log_retry,
            reraise=True,
        )
        try:
            async for attempt in retrying:
                with attempt:
                    attempts += 1
                    self.last_attempts = attempts
                    remaining = self.deadline_s - (time.monotonic() - started)
                    if remaining <= 0:
                        raise _AttemptFailed("deadline", retryable=False)
                    try:
                        return await self._attempt(messages, schema, strict, min(self.timeout_s, remaining),
                                                   options, cut_ok)
                    except _AttemptFailed as failure:
                        if failure.kind == "invalid output":
                            # Tell the model what was wrong; replacing (not appending)
                            # keeps the conversation one correction long.
                            messages = [*base_messages, {
                                "role": "user",
                                "content": load_prompt("invalid_output_retry", errors=failure.detail),
                            }]
                        raise
        except _AttemptFailed as failure:
            noun = "attempt" if attempts == 1 else "attempts"
            reason = (
                f"request rejected with {failure.detail}" if failure.kind == "rejected"  # not retried
                else f"{failure.kind} after {attempts} {noun}"
            )
            raise LLMUnavailable(reason, kind=failure.kind, attempts=attempts) from failure
        raise AssertionError("unreachable: tenacity either returns or re-raises")  # pragma: no cover

    def _wait(self, state: RetryCallState) -> float:
        failure = state.outcome.exception() if state.outcome else None
        if isinstance(failure, _AttemptFailed) and failure.retry_after_s is not None:
            # The server said when; trust it, but never beyond our cap.
            return min(max(failure.retry_after_s, 0.0), self.retry_after_cap_s)
        return self._backoff(state)

    async def _attempt(
        self, messages: list[dict[str, str]], schema: type[ModelT], strict: bool, timeout_s: float,
        options: dict[str, Any], cut_ok: bool,
    ) -> ModelT:
        try:
            # The SDK's timeout is per network phase; this one bounds the attempt as a whole
            # (a server trickling bytes would otherwise never time out).
            async with asyncio.timeout(timeout_s):
                sent = time.monotonic()
                if strict:
                    completion = await self._client.chat.completions.parse(
                        model=self.model, messages=messages,  # type: ignore[arg-type]
                        response_format=schema, timeout=timeout_s, **options,
                    )
                    self.last_usage.append(_usage_of(completion, time.monotonic() - sent))
                    return _parsed_answer(completion, schema)
                response_format: dict[str, Any] = (
                    {"type": "json_schema", "json_schema": {"name": schema.__name__, "strict": False,
                                                            "schema": sparse_json_schema(schema)}}
                    if not self.strict_schemas and strict_schema_supported(schema) else {"type": "json_object"})
                completion = await self._client.chat.completions.create(
                    model=self.model, messages=messages,  # type: ignore[arg-type]
                    response_format=response_format, timeout=timeout_s, **options,  # type: ignore[arg-type]
                )
                self.last_usage.append(_usage_of(completion, time.monotonic() - sent))
                if cut_ok and _finish_reason(completion) == "length":
                    self.last_cut = True
                    return _cut_answer(completion, schema)
                return _validated_answer(completion, schema)
        except TimeoutError as exc:
            raise _AttemptFailed("timeout", f"no answer within {timeout_s:.1f}s") from exc
        except openai.APITimeoutError as exc:
            raise _AttemptFailed("timeout", f"no answer within {timeout_s:.1f}s") from exc
        except openai.APIConnectionError as exc:
            raise _AttemptFailed("connection error", str(exc)) from exc
        except openai.APIStatusError as exc:
            raise _status_failure(exc) from exc
        except (openai.LengthFinishReasonError, openai.ContentFilterFinishReasonError) as exc:
            raise _AttemptFailed("invalid output", type(exc).__name__) from exc
        except pydantic.ValidationError as exc:
            raise _AttemptFailed("invalid output", _summarise(exc)) from exc
        except openai.APIResponseValidationError as exc:
            raise _AttemptFailed("invalid output", "response is not a chat completion") from exc


def _usage_of(completion: Any, wall_s: float) -> CallUsage:
    """The request's token counts (OpenAI `usage`) and, where given, llama.cpp's `timings`."""
    usage = getattr(completion, "usage", None)
    details = getattr(usage, "prompt_tokens_details", None)
    extra = getattr(completion, "model_extra", None) or {}
    timings = extra.get("timings") if isinstance(extra.get("timings"), dict) else {}

    def number(value: Any) -> float | None:
        return float(value) if isinstance(value, (int, float)) else None

    return CallUsage(
        prompt_tokens=int(getattr(usage, "prompt_tokens", 0) or 0),
        cached_tokens=int(getattr(details, "cached_tokens", 0) or timings.get("cache_n") or 0),
        completion_tokens=int(getattr(usage, "completion_tokens", 0) or 0),
        prompt_ms=number(timings.get("prompt_ms")), generation_ms=number(timings.get("predicted_ms")),
        wall_s=round(wall_s, 3),
    )


def _finish_reason(completion: Any) -> str | None:
    choices = getattr(completion, "choices", None) or [None]
    return getattr(choices[0], "finish_reason", None)


def _cut_answer(completion: Any, schema: type[ModelT]) -> ModelT:
    """An object cut at the token cap, read up to its last complete top-level member.

    The cut member itself is dropped whole: a number cut after its first digits
    ("followers_min": 5 of 50000) would otherwise read as a different, valid value.
    Not retried: the same request would be cut at the same place.
    """
    content = getattr(_first_message(completion), "content", None) or ""
    whole = _whole_members(_strip_code_fence(content))
    if whole is None:
        raise _AttemptFailed("invalid output", "answer cut at the token cap before its first field", retryable=False)
    try:
        return schema.model_validate_json(whole)
    except pydantic.ValidationError as exc:
        raise _AttemptFailed("invalid output", _summarise(exc), retryable=False) from exc


def _whole_members(text: str) -> str | None:
    """`text` (the start of a JSON object) up to its last top-level comma, closed; None if no
    member is complete."""
    if not text.startswith("{"):
        return None
    depth, in_string, escaped, last_comma = 0, False, False, -1
    for i, ch in enumerate(text):
        if in_string:
            if escaped:
                escaped = False
            elif ch == "\\":
                escaped = True
            elif ch == '"':
                in_string = False
        elif ch == '"':
            in_string = True
        elif ch in "{[":
            depth += 1
        elif ch in "}]":
            depth -= 1
            if depth == 0:
                return text[:i + 1]  # not cut after all
        elif ch == "," and depth == 1:
            last_comma = i
    return text[:last_comma] + "}" if last_comma > 0 else None


def _parsed_answer(completion: Any, schema: type[ModelT]) -> ModelT:
    message = _first_message(completion)
    if getattr(message, "refusal", None):
        raise _AttemptFailed("invalid output", "the model refused")
    parsed = getattr(message, "parsed", None)
    if isinstance(parsed, schema):
        return parsed
    raise _AttemptFailed("invalid output", "empty answer")


def _validated_answer(completion: Any, schema: type[ModelT]) -> ModelT:
    message = _first_message(completion)
    if getattr(message, "refusal", None):
        raise _AttemptFailed("invalid output", "the model refused")
    content = getattr(message, "content", None)
    if not isinstance(content, str) or not content.strip():
        raise _AttemptFailed("invalid output", "empty answer")
    return schema.model_validate_json(_strip_code_fence(content))


def _first_message(completion: Any) -> Any:
    # The SDK builds responses without validating them, so a non-conforming server shows
    # up here as missing attributes rather than as an exception.
    choices = getattr(completion, "choices", None)
    if not choices:
        raise _AttemptFailed("invalid output", "response has no choices")
    message = getattr(choices[0], "message", None)
    if message is None:
        raise _AttemptFailed("invalid output", "response has no message")
    return message


def _strip_code_fence(content: str) -> str:
    # Smaller local models in JSON mode still wrap answers in ```json fences.
    text = content.strip()
    if text.startswith("```") and text.endswith("```"):
        text = text[3:-3]
        first_newline = text.find("\n")
        if first_newline != -1 and not text[:first_newline].strip().startswith(("{", "[")):
            text = text[first_newline + 1:]
    return text.strip()


def _status_failure(exc: openai.APIStatusError) -> _AttemptFailed:
    status = exc.status_code
    retry_after = _retry_after_s(exc.response.headers)
    if status == 429:
        return _AttemptFailed("rate limited", "HTTP 429", retry_after_s=retry_after)
    if status >= 500 or status in _RETRYABLE_STATUS:
        return _AttemptFailed("server error", f"HTTP {status}", retry_after_s=retry_after)
    return _AttemptFailed("rejected", f"HTTP {status}", retryable=False)


def _retry_after_s(headers: Mapping[str, str]) -> float | None:
    """Seconds from `retry-after-ms` (OpenAI's) or `Retry-After` (seconds or HTTP date)."""
    raw_ms = headers.get("retry-after-ms")
    if raw_ms:
        try:
            return float(raw_ms) / 1000.0
        except ValueError:
            pass
    raw = headers.get("retry-after")
    if not raw:
        return None
    try:
        return float(raw)
    except ValueError:
        pass
    try:
        when = email.utils.parsedate_to_datetime(raw)
    except (TypeError, ValueError):
        return None
    if when.tzinfo is None:
        when = when.replace(tzinfo=timezone.utc)
    return max(0.0, (when - datetime.now(timezone.utc)).total_seconds())


def _summarise(exc: pydantic.ValidationError) -> str:
    # Without input values: the feedback goes back to the model and into logs.
    parts = []
    for error in exc.errors(include_input=False, include_url=False):
        location = ".".join(str(p) for p in error["loc"]) or "(root)"
        parts.append(f"{location}: {error['msg']}")
    return "; ".join(parts)[:_MAX_ERROR_FEEDBACK_CHARS]


def _log_retry(state: RetryCallState) -> None:
    failure = state.outcome.exception() if state.outcome else None
    wait = state.next_action.sleep if state.next_action else 0.0
    log.warning("LLM attempt %d failed (%s); retrying in %.2fs", state.attempt_number, failure, wait)


def strict_schema_supported(schema: type[BaseModel]) -> bool:
    """Whether OpenAI's strict structured-output mode can express `schema`.

    Strict mode needs every object closed (no free-form dicts) and a subset of JSON
    schema; pydantic models made of fields, lists, literals and nested models qualify.
    """
    return _strict_node_ok(schema.model_json_schema())


def _strict_node_ok(node: object) -> bool:
    if isinstance(node, list):
        return all(_strict_node_ok(item) for item in node)
    if not isinstance(node, dict):
        return True
    if _NON_STRICT_KEYWORDS & node.keys():
        return False
    additional = node.get("additionalProperties")
    if additional is not None and additional is not False:
        return False  # dict[str, X] or extra="allow": keys the schema can't enumerate
    if node.get("type") == "object" and "properties" not in node:
        return False  # a free-form object
    for key, value in node.items():
        if key in ("properties", "$defs", "definitions") and isinstance(value, dict):
            # Maps of name -> schema: the names are data (a field may be called "not").
            if not all(_strict_node_ok(sub) for sub in value.values()):
                return False
        elif key not in ("enum", "const", "default", "examples") and not _strict_node_ok(value):
            return False
    return True
