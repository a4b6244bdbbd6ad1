"""The guide for partners on the coordinator's page: cspxl's own words (the guide's site renders them too), its
colours from the statuses' definition, reached from the quarter the returns are sent from."""

from __future__ import annotations

import html
import re

from flask.testing import FlaskClient

from cspxl.status import MEANINGS

from .conftest import BASE

#: A header (with its scope, as the page's own tables have) or a cell of a GOV.UK table.
_CELL = re.compile(r'<th class="govuk-table__header" scope="col">(.*?)</th>|<td class="govuk-table__cell">(.*?)</td>')


def _cells(page: str) -> list[list[str]]:
    rows = re.findall(r'<tr class="govuk-table__row">(.*?)</tr>', page, re.S)
    return [[html.unescape(h or d) for h, d in _CELL.findall(r)] for r in rows]


def test_the_guide_gives_each_status_with_the_colour_its_return_shows_it_in(client: FlaskClient) -> None:
    page = client.get("/partners-guide", base_url=BASE).get_data(as_text=True)
    assert '<h1 class="govuk-heading-l"' in page and "a guide for partners</h1>" in page
    assert _cells(page) == [["status", "colour", "means"],
                            *([s.value, m.rag or "none", m.text] for s, m in MEANINGS.items())]
    assert '<p class="screen-only"><em>Coordinator: print this page to PDF' in page
    assert "When something is sent back" in page
    assert not re.search(r"<p[^>]*>(?:(?!</p>).)*<p[\s>]", page, re.S)  # no paragraph inside another
    assert "partners-guide.css" in page
    assert "partners-guide.css" not in client.get("/", base_url=BASE).get_data(as_text=True)  # its print style only


def test_the_quarter_the_returns_are_sent_from_links_to_the_guide(client: FlaskClient) -> None:
    page = client.get("/quarters/2023-24-Q1", base_url=BASE).get_data(as_text=True)
    assert '<a class="govuk-link" href="/partners-guide">guide for partners</a>' in page
