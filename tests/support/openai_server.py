"""A real, local OpenAI-compatible HTTP server for tests.

Tests talk to it over real HTTP with the real openai SDK, so retries, timeouts, status
codes and headers behave as they would against a provider. Each request takes the next
scripted `Reply` (or the default one); every request is recorded so a test can assert what
was sent.

Usage::

    from tests.support.openai_server import OpenAITestServer, Reply

    def test_x(openai_server):                 # fixture (see below), function-scoped
        openai_server.script(Reply.malformed(), Reply.json({"a": 1}))
        client = OpenAICompatibleClient(base_url=openai_server.base_url, model="m", ...)
        ...
        assert openai_server.request_count == 2
        assert "brief" in openai_server.requests[0].user

    with OpenAITestServer(default=Reply.json({"a": 1})) as server:   # without pytest
        ...

To use the fixtures elsewhere, import them into a conftest.py:
`from tests.support.openai_server import openai_server, openai_server_factory  # noqa: F401`
"""

from __future__ import annotations

import asyncio
import itertools
import json
import socket
import threading
import time
from collections import deque
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from typing import Any, Literal

import pytest
import uvicorn
from starlette.applications import Starlette
from starlette.requests import Request
from starlette.responses import JSONResponse, Response, StreamingResponse
from starlette.routing import Route

__all__ = [
    "OpenAITestServer",
    "RecordedRequest",
    "Reply",
    "Responder",
    "openai_server",
    "openai_server_factory",
]

DEFAULT_MALFORMED = '{"platforms": ["tiktok"], "topics": ["vegan'  # cut off mid-string


@dataclass(frozen=True)
class Reply:
    """How the server answers one request. Build with the class methods."""

    kind: Literal["content", "status", "hang"]
    content: str | None = None
    refusal: str | None = None
    finish_reason: str = "stop"
    status: int = 200
    headers: dict[str, str] = field(default_factory=dict)
    body: Any = None
    seconds: float = 0.0
    then: Reply | None = None
    timings: dict[str, float] | None = None  # llama.cpp's extra `timings` object, when given

    @classmethod
    def json(cls, data: Any, *, timings: dict[str, float] | None = None) -> Reply:
        """A completion whose message content is `data` serialised as JSON."""
        return cls(kind="content", content=json.dumps(data), timings=timings)

    @classmethod
    def text(cls, content: str, *, finish_reason: str = "stop") -> Reply:
        """A completion with this exact message content (any text, JSON or not)."""
        return cls(kind="content", content=content, finish_reason=finish_reason)

    @classmethod
    def malformed(cls, content: str = DEFAULT_MALFORMED) -> Reply:
        """A well-formed completion whose content is not valid JSON."""
        return cls(kind="content", content=content)

    @classmethod
    def refused(cls, message: str = "I can't help with that.") -> Reply:
        """A completion where the model refuses (content null, `refusal` set)."""
        return cls(kind="content", content=None, refusal=message)

    @classmethod
    def hang(cls, seconds: float = 30.0, then: Reply | None = None) -> Reply:
        """Say nothing for `seconds` (cut short when the server stops), then answer `then`
        (default: 504). Use a value well above the client's timeout."""
        return cls(kind="hang", seconds=seconds, then=then)

    @classmethod
    def rate_limited(cls, retry_after: float | str | None = 1.0, *, retry_after_ms: float | None = None) -> Reply:
        """HTTP 429 with `Retry-After` (seconds or an HTTP date) and/or `retry-after-ms`."""
        headers: dict[str, str] = {}
        if retry_after is not None:
            headers["retry-after"] = str(retry_after)
        if retry_after_ms is not None:
            headers["retry-after-ms"] = str(retry_after_ms)
        return cls.error(429, "Rate limit reached", error_type="rate_limit_exceeded", headers=headers)

    @classmethod
    def error(
        cls, status: int = 500, message: str = "The server had an error", *,
        error_type: str = "server_error", headers: dict[str, str] | None = None,
    ) -> Reply:
        """An HTTP error with an OpenAI-style error body."""
        body = {"error": {"message": message, "type": error_type, "param": None, "code": None}}
        return cls(kind="status", status=status, body=body, headers=dict(headers or {}))

    @classmethod
    def raw(cls, status: int, body: Any, headers: dict[str, str] | None = None) -> Reply:
        """Any status and JSON body, for responses that don't look like OpenAI's at all."""
        return cls(kind="status", status=status, body=body, headers=dict(headers or {}))


@dataclass(frozen=True)
class RecordedRequest:
    """One request as the server received it."""

    method: str
    path: str
    headers: dict[str, str]
    body: Any
    received_at: float

    @property
    def messages(self) -> list[dict[str, Any]]:
        return list(self.body.get("messages", [])) if isinstance(self.body, dict) else []

    def contents(self, role: str) -> list[str]:
        """The text of every message with this role, in order."""
        return [_text(m.get("content")) for m in self.messages if m.get("role") == role]

    @property
    def system(self) -> str:
        """All system (and developer) message text, joined."""
        return "\n".join(self.contents("system") + self.contents("developer"))

    @property
    def user(self) -> str:
        """All user message text, joined."""
        return "\n".join(self.contents("user"))

    @property
    def model(self) -> str | None:
        return self.body.get("model") if isinstance(self.body, dict) else None

    @property
    def response_format(self) -> dict[str, Any] | None:
        return self.body.get("response_format") if isinstance(self.body, dict) else None


# A responder decides the reply from the request (e.g. route by system prompt).
Responder = Callable[[RecordedRequest], Reply]


def _text(content: Any) -> str:
    # Message content is a string or a list of typed parts.
    if isinstance(content, str):
        return content
    if isinstance(content, list):
        return "".join(p.get("text", "") for p in content if isinstance(p, dict))
    return ""


class OpenAITestServer:
    """uvicorn on 127.0.0.1 (a free port) in a background thread; a context manager."""

    def __init__(
        self,
        replies: Iterable[Reply | Responder] = (),
        *,
        default: Reply | Responder | None = None,
        model: str = "test-model",
    ) -> None:
        self._lock = threading.Lock()
        self._script: deque[Reply | Responder] = deque(replies)
        self._default = default
        self._requests: list[RecordedRequest] = []
        self._model = model
        self._ids = itertools.count(1)
        self._stopping = threading.Event()
        self._server: uvicorn.Server | None = None
        self._thread: threading.Thread | None = None
        self.port: int | None = None

    # ---- scripting -------------------------------------------------------------------

    def script(self, *replies: Reply | Responder) -> None:
        """Queue replies; each request takes the next one."""
        with self._lock:
            self._script.extend(replies)

    def set_default(self, reply: Reply | Responder | None) -> None:
        """The reply once the script is used up (None: HTTP 500 'no scripted reply left')."""
        with self._lock:
            self._default = reply

    def reset(self) -> None:
        """Forget the script, the default and the recorded requests."""
        with self._lock:
            self._script.clear()
            self._default = None
            self._requests.clear()

    @property
    def requests(self) -> list[RecordedRequest]:
        """Chat-completion requests received so far (a copy)."""
        with self._lock:
            return list(self._requests)

    @property
    def request_count(self) -> int:
        with self._lock:
            return len(self._requests)

    @property
    def pending(self) -> int:
        """Scripted replies not used yet."""
        with self._lock:
            return len(self._script)

    @property
    def base_url(self) -> str:
        """What to pass as the OpenAI client's `base_url` (ends in /v1)."""
        if self.port is None:
            raise RuntimeError("server not started")
        return f"http://127.0.0.1:{self.port}/v1"

    # ---- lifecycle ---------------------------------------------------------------------

    def start(self) -> OpenAITestServer:
        sock = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
        sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        # Binding here (port 0) and handing uvicorn the socket: no race for a "free" port.
        sock.bind(("127.0.0.1", 0))
        self.port = sock.getsockname()[1]
        config = uvicorn.Config(
            self._app(), log_level="warning", access_log=False, lifespan="off",
            timeout_graceful_shutdown=2,
        )
        self._server = uvicorn.Server(config)
        self._thread = threading.Thread(
            target=self._server.run, kwargs={"sockets": [sock]}, name="openai-test-server", daemon=True,
        )
        self._thread.start()
        deadline = time.monotonic() + 10
        while not self._server.started:
            if not self._thread.is_alive() or time.monotonic() > deadline:
                raise RuntimeError("OpenAI test server did not start")
            time.sleep(0.01)
        return self

    def stop(self) -> None:
        self._stopping.set()  # releases hanging handlers at once
        if self._server is not None:
            self._server.should_exit = True
        if self._thread is not None:
            self._thread.join(timeout=10)

    def __enter__(self) -> OpenAITestServer:
        return self.start()

    def __exit__(self, *exc_info: object) -> None:
        self.stop()

    # ---- HTTP --------------------------------------------------------------------------

    def _app(self) -> Starlette:
        return Starlette(routes=[
            Route("/v1/chat/completions", self._chat_completions, methods=["POST"]),
            Route("/v1/models", self._models, methods=["GET"]),
        ])

    async def _models(self, request: Request) -> Response:
        return JSONResponse({"object": "list", "data": [
            {"id": self._model, "object": "model", "created": 0, "owned_by": "test"},
        ]})

    async def _chat_completions(self, request: Request) -> Response:
        raw = await request.body()
        try:
            body: Any = json.loads(raw)
        except ValueError:
            body = raw.decode("utf-8", "replace")
        recorded = RecordedRequest(
            method=request.method, path=request.url.path, headers=dict(request.headers),
            body=body, received_at=time.monotonic(),
        )
        with self._lock:
            self._requests.append(recorded)
            number = len(self._requests)
            step = self._script.popleft() if self._script else self._default
        if step is None:
            return JSONResponse(
                {"error": {"message": f"openai test server: no scripted reply left (request #{number})",
                           "type": "server_error", "param": None, "code": None}},
                status_code=500,
            )
        reply = step if isinstance(step, Reply) else step(recorded)
        return await self._answer(reply, recorded)

    async def _answer(self, reply: Reply, recorded: RecordedRequest) -> Response:
        if reply.kind == "hang":
            until = time.monotonic() + reply.seconds
            # Polling a threading.Event: stop() runs in another thread and loop.
            while time.monotonic() < until and not self._stopping.is_set():
                await asyncio.sleep(0.02)
            return await self._answer(reply.then or Reply.error(504, "Gateway timeout"), recorded)
        if reply.kind == "status":
            return JSONResponse(reply.body, status_code=reply.status, headers=reply.headers)
        model = recorded.model or self._model
        completion_id = f"chatcmpl-test-{next(self._ids)}"
        created = int(time.time())
        body = recorded.body if isinstance(recorded.body, dict) else {}
        if body.get("stream"):
            return StreamingResponse(
                _sse_chunks(completion_id, created, model, reply), media_type="text/event-stream",
            )
        extra = {"timings": reply.timings} if reply.timings is not None else {}
        return JSONResponse({
            **extra,
            "id": completion_id,
            "object": "chat.completion",
            "created": created,
            "model": model,
            "choices": [{
                "index": 0,
                "message": {"role": "assistant", "content": reply.content, "refusal": reply.refusal},
                "finish_reason": reply.finish_reason,
                "logprobs": None,
            }],
            "usage": _usage(recorded, reply),
        }, headers=reply.headers)


def _usage(recorded: RecordedRequest, reply: Reply) -> dict[str, int]:
    # Rough word counts: enough for code that reads usage to get plausible numbers.
    prompt = sum(len(_text(m.get("content")).split()) for m in recorded.messages)
    completion = len((reply.content or "").split())
    return {"prompt_tokens": prompt, "completion_tokens": completion, "total_tokens": prompt + completion}


async def _sse_chunks(completion_id: str, created: int, model: str, reply: Reply):  # type: ignore[no-untyped-def]
    def chunk(delta: dict[str, Any], finish_reason: str | None) -> str:
        payload = {
            "id": completion_id, "object": "chat.completion.chunk", "created": created, "model": model,
            "choices": [{"index": 0, "delta": delta, "finish_reason": finish_reason, "logprobs": None}],
        }
        return f"data: {json.dumps(payload)}\n\n"

    yield chunk({"role": "assistant", "content": ""}, None)
    text = reply.content or ""
    step = max(1, len(text) // 4)
    for start in range(0, len(text), step):
        yield chunk({"content": text[start:start + step]}, None)
    if reply.refusal:
        yield chunk({"refusal": reply.refusal}, None)
    yield chunk({}, reply.finish_reason)
    yield "data: [DONE]\n\n"


@pytest.fixture
def openai_server() -> Iterator[OpenAITestServer]:
    """A started server with an empty script; stopped after the test."""
    with OpenAITestServer() as server:
        yield server


@pytest.fixture
def openai_server_factory() -> Iterator[Callable[..., OpenAITestServer]]:
    """`factory(replies=(...), default=..., model=...)` -> a started server; all stopped after the test."""
    servers: list[OpenAITestServer] = []

    def factory(*args: Any, **kwargs: Any) -> OpenAITestServer:
        server = OpenAITestServer(*args, **kwargs).start()
        servers.append(server)
        return server

    yield factory
    for server in servers:
        server.stop()
