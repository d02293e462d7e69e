"""415 for request bodies in a media type the endpoint does not read.

Without this, a form, XML or text/plain body reached the JSON validator and came back as a
422 "Input should be a valid dictionary", which tells the caller nothing about the real
mistake. Decided from the header before the body is read.
"""

from __future__ import annotations

from starlette.requests import Request
from starlette.types import ASGIApp, Receive, Scope, Send

from app.problems import problem_response

BODY_METHODS = frozenset({"POST", "PUT", "PATCH"})
JSON_TYPES = ("application/json",)
NDJSON_TYPES = ("application/x-ndjson", "application/jsonl", "application/json-lines", "application/ndjson")
# Paths that read more than JSON, by prefix.
EXTRA_TYPES: dict[str, tuple[str, ...]] = {"/v1/creators": NDJSON_TYPES}


def media_type(scope: Scope) -> str | None:
    for name, value in scope.get("headers", ()):
        if name == b"content-type":
            return value.decode("latin-1").split(";")[0].strip().lower() or None
    return None


def has_body(scope: Scope) -> bool:
    headers = dict(scope.get("headers", ()))
    return b"transfer-encoding" in headers or headers.get(b"content-length", b"0").strip() not in (b"0", b"")


def accepted_types(path: str) -> tuple[str, ...]:
    extra = next((types for prefix, types in EXTRA_TYPES.items() if path.startswith(prefix)), ())
    return JSON_TYPES + extra


def is_accepted(media: str | None, path: str) -> bool:
    if media is None:
        return False
    # Structured-syntax suffix (RFC 6839): application/problem+json etc. are JSON too.
    return media in accepted_types(path) or (media.startswith("application/") and media.endswith("+json"))


class ContentTypeMiddleware:
    def __init__(self, app: ASGIApp, prefix: str = "/v1/") -> None:
        self.app = app
        self.prefix = prefix

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http" or scope["method"] not in BODY_METHODS or not scope["path"].startswith(self.prefix):
            await self.app(scope, receive, send)
            return
        media = media_type(scope)
        # No body and no type: nothing to misread; the route answers (401, or 422 "missing").
        if is_accepted(media, scope["path"]) or (media is None and not has_body(scope)):
            await self.app(scope, receive, send)
            return
        wanted = " or ".join(accepted_types(scope["path"]))
        got = f"Content-Type {media!r}" if media else "no Content-Type"
        # The body is left unread, so the connection cannot carry another request.
        response = problem_response(Request(scope), 415, f"Unsupported Media Type: {got}; send {wanted}",
                                    slug="unsupported-media-type", title="Unsupported Media Type",
                                    headers={"Connection": "close"})
        await response(scope, receive, send)
