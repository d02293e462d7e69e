"""The OpenAPI document, completed where FastAPI cannot infer it from signatures.

- brief and message lengths are the configured limits (a client and a fuzzer see the rule);
- the bulk-upsert body is tied to the import format (`CreatorImport`, Creator's own
  validation schema), since the route reads rows one by one to report per-row errors;
- problem+json bodies carry the Problem schema, and every endpoint that reads a body
  declares 415;
- SSE responses name their events and the JSON schema of each event's data.
"""

from __future__ import annotations

from typing import Any

from fastapi import FastAPI
from fastapi.openapi.utils import get_openapi

from agents.events import CreatorEvent, CriteriaEvent, DoneEvent, ErrorEvent, ProgressEvent, WarningEvent
from app.settings import Settings
from retrieval.schema import Creator

IMPORT_PREFIX = "CreatorImport"
PROBLEM_REF = {"$ref": "#/components/schemas/Problem"}
EVENT_MODELS = (CriteriaEvent, ProgressEvent, CreatorEvent, WarningEvent, DoneEvent, ErrorEvent)
# Request bodies whose text fields are briefs: (component, property).
BRIEF_FIELDS = (("ShortlistRequest", "brief"), ("ParseRequest", "brief"), ("MessageRequest", "message"))


def _add_models(components: dict[str, Any], name: str, schema: dict[str, Any], prefix: str) -> dict[str, Any]:
    for def_name, definition in schema.pop("$defs", {}).items():
        components[prefix + def_name] = definition
    components[name] = schema
    return {"$ref": f"#/components/schemas/{name}"}


def _import_schema(components: dict[str, Any]) -> dict[str, Any]:
    schema = Creator.model_json_schema(mode="validation", ref_template=f"#/components/schemas/{IMPORT_PREFIX}{{model}}")
    # The handle rule is checked in a validator (after NFKC); declare it for clients too.
    schema["properties"]["handle"]["pattern"] = r"^@?[\w.\-]{1,100}$"
    return _add_models(components, IMPORT_PREFIX, schema, IMPORT_PREFIX)


def _sse_schema(components: dict[str, Any]) -> dict[str, Any]:
    events = {}
    for model in EVENT_MODELS:
        event = model.model_fields["type"].default
        schema = model.model_json_schema(ref_template="#/components/schemas/{model}")
        for def_name, definition in schema.pop("$defs", {}).items():
            components.setdefault(def_name, definition)
        components.setdefault(model.__name__, schema)
        events[event] = {"$ref": f"#/components/schemas/{model.__name__}"}
    # One schema per event (as OpenAPI 3.2's itemSchema): the event name, its id, and its
    # data as JSON text whose content is the matching event model.
    return {
        "type": "object",
        "description": "One server-sent event: `event: <name>`, `id: <shortlist_id>:<seq>`, `data: <JSON>`.",
        "required": ["event", "data"],
        "properties": {
            "event": {"type": "string", "enum": list(events)},
            "id": {"type": "string", "pattern": r"^[0-9a-f]{32}:[0-9]+$"},
            "data": {"type": "string", "contentMediaType": "application/json",
                     "contentSchema": {"oneOf": list(events.values())}},
        },
    }


def build_openapi(app: FastAPI, settings: Settings) -> dict[str, Any]:
    doc = get_openapi(title=app.title, version=app.version, summary=app.summary, routes=app.routes)
    components = doc.setdefault("components", {}).setdefault("schemas", {})
    for component, prop in BRIEF_FIELDS:
        field = components.get(component, {}).get("properties", {}).get(prop)
        if field is not None:
            field.update(minLength=1, maxLength=settings.max_brief_chars)
            # "At least one letter or digit" has no portable JSON Schema regex (\w differs
            # between Python, Rust and ECMA engines), so it is said in words.
            field["description"] = (field.get("description", "") + ". It must hold at least one letter or digit; "
                                    "control characters are dropped and unpaired surrogates refused.").lstrip(". ")
    import_ref = _import_schema(components)
    sse = _sse_schema(components)
    for path, operations in doc.get("paths", {}).items():
        for operation in operations.values():
            body = operation.get("requestBody")
            if path == "/v1/creators" and body:
                body["content"]["application/json"]["schema"] = {"type": "array", "items": import_ref, "minItems": 1}
            if body:
                operation.setdefault("responses", {}).setdefault(
                    "415", {"description": "Unsupported Media Type", "content": {"application/problem+json": {}}})
            for response in operation.get("responses", {}).values():
                content = response.get("content", {})
                if "application/problem+json" in content:
                    # FastAPI files a response model under application/json; problems are sent
                    # as application/problem+json, so the model moves there.
                    declared = content.pop("application/json", {}).get("schema", PROBLEM_REF)
                    content["application/problem+json"] = {"schema": declared}
                if "text/event-stream" in content:
                    content["text/event-stream"] = {"schema": sse}
    return doc


def install_openapi(app: FastAPI, settings: Settings) -> None:
    def openapi() -> dict[str, Any]:
        if app.openapi_schema is None:
            app.openapi_schema = build_openapi(app, settings)
        return app.openapi_schema

    app.openapi = openapi  # type: ignore[method-assign]
