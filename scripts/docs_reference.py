"""The reference pages MkDocs builds from cspxl itself, so that they cannot drift from it.

Used as an MkDocs hook (``hooks:`` in ``mkdocs.yml``): a page holding a marker below gets the
generated text in its place. Run on its own, it prints the problem codes' page.
"""

from __future__ import annotations

import html
import re
from typing import Any

from cspxl import _HOMES
from cspxl.problems import AREAS, Code
from cspxl.returns.partners_guide import partners_guide_markdown

#: Where a page asks for the problem catalogue.
PROBLEM_CODES = "<!-- cspxl: problem codes -->"
#: Where a page asks for the guide for partners, whose text cspxl keeps (the coordinator's page shows it too).
PARTNERS_GUIDE = "<!-- cspxl: partners' guide -->"
#: Where a page asks for every name ``cspxl`` exports, from the table the package loads them by.
API = "<!-- cspxl: api -->"

_PLACEHOLDER = re.compile(r"\{(\w+)\}")


def _cell(text: str) -> str:
    """A catalogue sentence as a table cell: placeholders shown as such, nothing read as markup."""
    text = text[:1].upper() + text[1:]
    parts = _PLACEHOLDER.split(text)
    shown = [html.escape(p, quote=False) if i % 2 == 0 else f"<var>{p}</var>" for i, p in enumerate(parts)]
    return "".join(shown).replace("|", "&#124;").replace("*", "&#42;").replace("_", "&#95;")


def _row(code: Code) -> str:
    return (f'| <a id="{code.slug}"></a><code class="problem-code">{code.slug}</code> | {code.severity.value} '
            f"| {_cell(code.template)} | {_cell(code.fix)} |")


def problem_codes_markdown() -> str:
    """Every code of the catalogue, by area, with its severity, what cspxl says and how to fix it."""
    out: list[str] = []
    for area, codes in AREAS.items():
        out += [f"## {area}", "", "| code | severity | what cspxl says | how to put it right |",
                "| --- | --- | --- | --- |", *(_row(c) for c in codes), ""]
    return "\n".join(out)


def api_markdown() -> str:
    """One mkdocstrings entry for each name ``cspxl`` exports, by the module that holds it."""
    out: list[str] = []
    for module, names in sorted(_HOMES.items()):
        out += [f"## `cspxl.{module}`", ""]
        out += [f"::: cspxl.{module}.{name}\n    options:\n      heading_level: 3\n" for name in sorted(names)]
    return "\n".join(out)


def on_page_markdown(markdown: str, **_: Any) -> str:
    """MkDocs hook: put the generated reference where a page asks for it."""
    if PARTNERS_GUIDE in markdown:
        markdown = markdown.replace(PARTNERS_GUIDE, partners_guide_markdown())
    if PROBLEM_CODES in markdown:
        markdown = markdown.replace(PROBLEM_CODES, problem_codes_markdown())
    if API in markdown:
        markdown = markdown.replace(API, api_markdown())
    return markdown


if __name__ == "__main__":
    print(problem_codes_markdown())
