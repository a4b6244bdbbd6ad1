"""The one-page guide for partners: how to fill in the return, what the colours mean, what happens when a
return is sent back.

The text is kept with the package, so the guide's site and the coordinator's page give the same words, and a
coordinator who installed cspxl has it without the site. Its table of statuses is made from their definition,
as the return's Instructions sheet is, so the colours partners read of are the ones their return shows.
"""

from __future__ import annotations

from importlib.resources import files

from ..status import MEANINGS

#: Where the guide's text asks for the table of statuses.
STATUSES = "<!-- cspxl: statuses -->"


def statuses_markdown() -> str:
    """The statuses as the return's Instructions sheet gives them, with the colour each is shown in."""
    rows = [f"| {status} | {meaning.rag or 'none'} | {meaning.text} |" for status, meaning in MEANINGS.items()]
    return "\n".join(["| status | colour | means |", "| --- | --- | --- |", *rows])


def partners_guide_markdown() -> str:
    """The guide for partners, in Markdown, with its table of statuses filled in."""
    text = files("cspxl").joinpath("data", "partners-guide.md").read_text(encoding="utf-8")
    return text.replace(STATUSES, statuses_markdown())
