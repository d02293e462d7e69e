"""Prompt texts, one file per use, loaded by name (DESIGN 3, rule 5).

A prompt is `prompts/<name>.md`. Variables are explicit `{identifier}` placeholders;
anything else in braces (JSON examples, `{ }`) is left alone. `{{name}}` renders as a
literal `{name}`. Substitution is a single pass, so a value that itself contains
`{something}` (a user's brief, creator data) is never expanded again.
"""

from __future__ import annotations

import re
from functools import lru_cache
from importlib import resources

__all__ = ["PromptError", "load_prompt", "prompt_variables"]

# `{{name}}` (escaped) or `{name}` (a variable); only identifiers, so JSON braces pass.
_PLACEHOLDER = re.compile(r"\{\{([A-Za-z_][A-Za-z0-9_]*)\}\}|\{([A-Za-z_][A-Za-z0-9_]*)\}")
_NAME = re.compile(r"^[a-z0-9_]+$")


class PromptError(KeyError):
    """A prompt name is unknown, or its variables don't match the ones given."""

    def __str__(self) -> str:  # KeyError would repr() the message; we want it readable
        return str(self.args[0]) if self.args else ""


@lru_cache(maxsize=64)
def _template(name: str) -> str:
    if not _NAME.match(name):
        # Names are identifiers, never paths: nothing outside this package is readable.
        raise PromptError(f"invalid prompt name {name!r}")
    resource = resources.files(__package__).joinpath(f"{name}.md")
    if not resource.is_file():
        raise PromptError(f"no prompt named {name!r}")
    return resource.read_text(encoding="utf-8")


def prompt_variables(name: str) -> set[str]:
    """The variable names a prompt expects."""
    return {m.group(2) for m in _PLACEHOLDER.finditer(_template(name)) if m.group(2)}


def load_prompt(name: str, **variables: object) -> str:
    """Render `prompts/<name>.md` with exactly the given variables.

    Raises PromptError when a placeholder has no value or a given variable is not used:
    both are bugs (a silently empty slot or a value the model never sees).
    """
    template = _template(name)
    expected = prompt_variables(name)
    missing = sorted(expected - variables.keys())
    if missing:
        raise PromptError(f"prompt {name!r} needs variable(s) {missing}")
    unused = sorted(variables.keys() - expected)
    if unused:
        raise PromptError(f"prompt {name!r} has no placeholder(s) for {unused}")

    def substitute(match: re.Match[str]) -> str:
        if match.group(1):
            return "{" + match.group(1) + "}"
        return str(variables[match.group(2)])

    return _PLACEHOLDER.sub(substitute, template)
