"""Enough of Qdrant's REST API, on a loopback port, to test what only a server does:
the requests qdrant-client sends (collection layout, payload indexes, API key), and how we
cope with a server that is slow, busy or raced by another worker. It records every request
and can be told to fail the next ones on a path.

Response shapes follow Qdrant's OpenAPI ({"result": ..., "status": "ok", "time": ...});
409 for an existing collection is what Qdrant answers (StorageError::AlreadyExists).
"""

from __future__ import annotations

import json
import re
import threading
import time
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any
from urllib.parse import parse_qs, urlsplit


@dataclass
class Request:
    method: str
    path: str
    query: dict[str, list[str]]
    body: Any
    headers: dict[str, str]


@dataclass
class FakeQdrant:
    collections: dict[str, dict[str, Any]] = field(default_factory=dict)
    requests: list[Request] = field(default_factory=list)
    # (method, path) -> what to do with the next requests there: an HTTP status to answer
    # with, or ("sleep", seconds) before answering normally.
    faults: dict[tuple[str, str], list[Any]] = field(default_factory=dict)
    points: dict[Any, dict[str, Any]] = field(default_factory=dict)  # id -> payload

    def __post_init__(self) -> None:
        self._lock = threading.Lock()
        fake = self

        class Handler(BaseHTTPRequestHandler):
            def log_message(self, *args: Any) -> None:  # quiet
                pass

            def _handle(self) -> None:
                fake._serve(self)

            do_GET = do_PUT = do_POST = do_DELETE = do_PATCH = _handle

        self._server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self._server.daemon_threads = True
        self.url = f"http://127.0.0.1:{self._server.server_address[1]}"
        threading.Thread(target=self._server.serve_forever, daemon=True, name="fake-qdrant").start()

    def close(self) -> None:
        self._server.shutdown()
        self._server.server_close()

    def fail(self, method: str, path: str, *actions: Any) -> None:
        self.faults.setdefault((method, path), []).extend(actions)

    def seen(self, method: str, path: str) -> list[Request]:
        return [r for r in self.requests if r.method == method and r.path == path]

    # ---- the API ----------------------------------------------------------------------

    def _serve(self, h: BaseHTTPRequestHandler) -> None:
        parts = urlsplit(h.path)
        length = int(h.headers.get("content-length") or 0)
        raw = h.rfile.read(length) if length else b""
        body = json.loads(raw) if raw else None
        request = Request(h.command, parts.path, parse_qs(parts.query), body, {k.lower(): v for k, v in h.headers.items()})
        with self._lock:
            self.requests.append(request)
            pending = self.faults.get((h.command, parts.path))
            action = pending.pop(0) if pending else None
        if isinstance(action, tuple) and action[0] == "sleep":
            time.sleep(action[1])
        elif isinstance(action, int):
            return self._reply(h, action, {"status": {"error": f"injected {action}"}, "time": 0.0})
        if request.path == "/":  # the version probe: the one answer not wrapped in "result"
            return self._reply(h, 200, {"title": "qdrant - vector search engine", "version": "1.20.0"})
        status, result = self._route(request)
        if status != 200:
            return self._reply(h, status, {"status": {"error": result}, "time": 0.0})
        self._reply(h, 200, {"result": result, "status": "ok", "time": 0.0})

    def _route(self, r: Request) -> tuple[int, Any]:
        m = re.fullmatch(r"/collections/([^/]+)(/.*)?", r.path)
        if not m:
            return 404, f"no route {r.path}"
        name, rest = m.group(1), m.group(2) or ""
        with self._lock:
            collection = self.collections.get(name)
            if rest == "/exists" and r.method == "GET":
                return 200, {"exists": collection is not None}
            if rest == "" and r.method == "PUT":
                if collection is not None:
                    return 409, f"Wrong input: Collection `{name}` already exists!"
                self.collections[name] = {"config": r.body, "payload_schema": {}}
                return 200, True
            if collection is None:
                return 404, f"Not found: Collection `{name}` doesn't exist!"
            if rest == "" and r.method == "GET":
                return 200, self._info(collection)
            if rest == "/index" and r.method == "PUT":
                collection["payload_schema"][r.body["field_name"]] = {"data_type": r.body["field_schema"], "points": 0}
                return 200, {"operation_id": len(self.requests), "status": "completed"}
            if rest == "/points/count" and r.method == "POST":
                return 200, {"count": len(self.points)}
            if rest == "/points" and r.method == "PUT":  # upsert
                for point in r.body.get("points", []):
                    self.points[point["id"]] = point.get("payload") or {}
                return 200, {"operation_id": len(self.requests), "status": "completed"}
            if rest == "/points" and r.method == "POST":  # retrieve by ids
                return 200, [{"id": i, "payload": self.points[i]} for i in r.body.get("ids", []) if i in self.points]
        return 404, f"no route {r.method} {r.path}"

    @staticmethod
    def _info(collection: dict[str, Any]) -> dict[str, Any]:
        return {
            "status": "green", "optimizer_status": "ok", "segments_count": 1, "points_count": 0,
            "config": {"params": {}, "hnsw_config": {"m": 16, "ef_construct": 100, "full_scan_threshold": 10000},
                       "optimizer_config": {"deleted_threshold": 0.2, "vacuum_min_vector_number": 1000,
                                            "default_segment_number": 0, "flush_interval_sec": 5}},
            "payload_schema": collection["payload_schema"],
        }

    @staticmethod
    def _reply(h: BaseHTTPRequestHandler, status: int, payload: Any) -> None:
        data = json.dumps(payload).encode()
        try:
            h.send_response(status)
            h.send_header("content-type", "application/json")
            h.send_header("content-length", str(len(data)))
            h.end_headers()
            h.wfile.write(data)
        except OSError:
            pass  # the client gave up (its timeout) before we answered
