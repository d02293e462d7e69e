"""deploy/compose.yaml is a valid Compose file (the Compose Specification's JSON Schema,
vendored in deploy/compose-spec/) and wires what castlist needs: no containers run here."""

from __future__ import annotations

import json
import re
from pathlib import Path

import jsonschema
import pytest
import yaml

from app.settings import Settings

DEPLOY = Path(__file__).resolve().parents[2] / "deploy"


@pytest.fixture(scope="module")
def compose() -> dict:
    return yaml.safe_load((DEPLOY / "compose.yaml").read_text())


def test_the_compose_file_follows_the_compose_specification(compose):
    schema = json.loads((DEPLOY / "compose-spec" / "compose-spec.json").read_text())
    validator = jsonschema.Draft7Validator(schema)
    errors = sorted(validator.iter_errors(compose), key=lambda e: list(e.path))
    assert errors == [], "\n".join(f"{'/'.join(map(str, e.path))}: {e.message}" for e in errors)


def test_the_schema_catches_a_broken_file(compose):
    # The check above is only worth something if the schema rejects mistakes.
    schema = json.loads((DEPLOY / "compose-spec" / "compose-spec.json").read_text())
    broken = json.loads(json.dumps(compose))
    broken["services"]["castlist"]["depends_on"]["postgres"]["condition"] = "when_ready"
    broken["services"]["qdrant"]["healthcheck"]["interval"] = {"seconds": 10}
    assert len(list(jsonschema.Draft7Validator(schema).iter_errors(broken))) >= 2


def test_castlist_runs_several_workers_on_the_two_servers(compose):
    services = compose["services"]
    app = services["castlist"]
    env = app["environment"]
    assert env["CASTLIST_QDRANT_URL"] == "http://qdrant:6333"  # workers > 1 need a Qdrant server
    assert env["CASTLIST_DATABASE_URL"].startswith("postgresql+psycopg://") and "@postgres:5432/" in env["CASTLIST_DATABASE_URL"]
    assert int(re.fullmatch(r"\$\{CASTLIST_WORKERS:-(\d+)\}", env["CASTLIST_WORKERS"]).group(1)) > 1
    assert app["depends_on"] == {"postgres": {"condition": "service_healthy"}, "qdrant": {"condition": "service_healthy"}}
    assert all("healthcheck" in service for service in services.values())
    assert "/readyz" in " ".join(app["healthcheck"]["test"])
    mounted = {v.split(":")[0] for service in services.values() for v in service.get("volumes", [])}
    assert mounted == set(compose["volumes"])  # every named volume declared, none unused


def test_every_castlist_variable_in_the_compose_file_is_a_setting(compose):
    fields = {f"CASTLIST_{name.upper()}" for name in Settings.model_fields}
    used = set(compose["services"]["castlist"]["environment"])
    assert used <= fields, used - fields
