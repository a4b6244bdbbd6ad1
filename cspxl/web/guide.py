"""The guide for partners, for the coordinator to print to PDF and attach to the e-mail that sends the returns.

Its words are cspxl's own (``cspxl/data/partners-guide.md``, the same the guide's site shows), rendered with the
GOV.UK classes of the rest of the page; printed, it keeps only the guide and fits one sheet of A4.
"""

from __future__ import annotations

import xml.etree.ElementTree as ET

from flask import Blueprint, render_template
from markdown import Markdown
from markdown.extensions import Extension
from markdown.treeprocessors import Treeprocessor

from ..returns.partners_guide import partners_guide_markdown

pages = Blueprint("guide", __name__)

#: The GOV.UK Frontend class of each element the guide's Markdown makes.
_CLASSES = {
    "h1": "govuk-heading-l", "h2": "govuk-heading-m", "p": "govuk-body", "ul": "govuk-list govuk-list--bullet",
    "table": "govuk-table", "thead": "govuk-table__head", "tbody": "govuk-table__body", "tr": "govuk-table__row",
    "th": "govuk-table__header", "td": "govuk-table__cell",
}


class _GovukClasses(Treeprocessor):
    def run(self, root: ET.Element) -> None:
        """Give each element its GOV.UK class (one given in the text, such as ``screen-only``, stays), and each
        table header its scope, as the page's own tables have."""
        for element in root.iter():
            if element.tag in _CLASSES and not element.get("class"):
                element.set("class", _CLASSES[element.tag])
            if element.tag == "th":
                element.set("scope", "col")


class _Govuk(Extension):
    def extendMarkdown(self, md: Markdown) -> None:  # noqa: N802 - Python-Markdown's name
        md.treeprocessors.register(_GovukClasses(md), "govuk_classes", 0)


@pages.get("/partners-guide")
def show() -> str:
    """The guide, to read and to print; the menu and the coordinator's note are left off the printed sheet."""
    text = Markdown(extensions=["tables", "attr_list", _Govuk()]).convert(partners_guide_markdown())
    return render_template("partners_guide.html", guide=text)
