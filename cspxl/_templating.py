"""The Jinja2 environment for e-mail templates (plain text, sandboxed, strict about names)."""

from __future__ import annotations

from typing import Any


def environment() -> Any:
    from jinja2 import StrictUndefined
    from jinja2.sandbox import SandboxedEnvironment

    # Plain text, so no HTML escaping; a misspelt {{ name }} is an error, not a silent blank; the
    # sandbox keeps a template (typed into the plan by anyone with access) from reaching Python.
    return SandboxedEnvironment(undefined=StrictUndefined, autoescape=False)


def template_problem(text: str) -> str | None:
    """Why a template cannot be used (a Jinja2 syntax error), or ``None`` if it can."""
    import jinja2

    try:
        environment().from_string(text)
    except jinja2.TemplateSyntaxError as exc:
        return f"{exc.message} (line {exc.lineno})"
    return None
