"""Prompts load by name with exactly their declared variables."""

from __future__ import annotations

from importlib import resources

import pytest

from prompts import PromptError, load_prompt, prompt_variables


def test_missing_variable_raises() -> None:
    with pytest.raises(PromptError, match="needs variable"):
        load_prompt("parse_brief_user")


def test_unused_variable_raises() -> None:
    with pytest.raises(PromptError, match="no placeholder"):
        load_prompt("parse_brief_user", brief="x", extra="y")


@pytest.mark.parametrize("name", ["no_such_prompt", "../pyproject", "parse_brief.md", ""])
def test_unknown_or_unsafe_name_raises(name: str) -> None:
    with pytest.raises(PromptError):
        load_prompt(name)


def test_values_are_inserted_once_and_never_expanded() -> None:
    text = load_prompt("parse_brief_user", brief="use {brief} and {errors} literally")

    assert "<brief>\nuse {brief} and {errors} literally\n</brief>" in text


def test_json_braces_in_a_template_are_not_placeholders() -> None:
    text = load_prompt("json_schema_instructions", schema='{"type": "object"}')

    assert text.rstrip().endswith('{"type": "object"}')
    assert prompt_variables("json_schema_instructions") == {"schema"}


def test_every_prompt_file_loads_with_its_variables() -> None:
    names = [p.name[:-3] for p in resources.files("prompts").iterdir() if p.name.endswith(".md")]
    assert "parse_brief" in names

    for name in names:
        rendered = load_prompt(name, **{v: f"<{v}-value>" for v in prompt_variables(name)})
        assert rendered.strip()
        assert all(f"<{v}-value>" in rendered for v in prompt_variables(name))


def test_double_braces_escape_a_placeholder(monkeypatch: pytest.MonkeyPatch) -> None:
    import prompts

    monkeypatch.setattr(prompts, "_template", lambda name: "write {{name}} for {who}")

    assert load_prompt("any", who="me") == "write {name} for me"
