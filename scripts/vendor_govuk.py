"""Vendor GOV.UK Frontend's compiled styles and scripts into ``cspxl/web/static/govuk/``.

    npm pack govuk-frontend@6.6.0        # then:
    python scripts/vendor_govuk.py govuk-frontend-6.6.0.tgz

Only the compiled CSS and the ES module are taken.  The GDS Transport font, the crown and the GOV.UK
logotype are for GOV.UK itself, so the fonts' ``@font-face`` rules go, every font stack starts at
Arial instead, and the crest image's rules go; no asset of GOV.UK's is copied.
"""

from __future__ import annotations

import json
import re
import sys
import tarfile
from pathlib import Path

TARGET = Path(__file__).resolve().parent.parent / "cspxl" / "web" / "static" / "govuk"

LICENCE = """The MIT License (MIT)

Copyright (c) 2018 Crown Copyright (Government Digital Service)

Permission is hereby granted, free of charge, to any person obtaining a copy of
this software and associated documentation files (the "Software"), to deal in
the Software without restriction, including without limitation the rights to
use, copy, modify, merge, publish, distribute, sublicense, and/or sell copies of
the Software, and to permit persons to whom the Software is furnished to do so,
subject to the following conditions:

The above copyright notice and this permission notice shall be included in all
copies or substantial portions of the Software.

THE SOFTWARE IS PROVIDED "AS IS", WITHOUT WARRANTY OF ANY KIND, EXPRESS OR
IMPLIED, INCLUDING BUT NOT LIMITED TO THE WARRANTIES OF MERCHANTABILITY, FITNESS
FOR A PARTICULAR PURPOSE AND NONINFRINGEMENT. IN NO EVENT SHALL THE AUTHORS OR
COPYRIGHT HOLDERS BE LIABLE FOR ANY CLAIM, DAMAGES OR OTHER LIABILITY, WHETHER
IN AN ACTION OF CONTRACT, TORT OR OTHERWISE, ARISING FROM, OUT OF OR IN
CONNECTION WITH THE SOFTWARE OR THE USE OR OTHER DEALINGS IN THE SOFTWARE.
"""


def css_without_gov_uk_assets(css: str) -> str:
    """The stylesheet with no font face or crest of GOV.UK's: Arial wherever GDS Transport stood."""
    css = re.sub(r"@font-face\{[^}]*\}", "", css)
    css = re.sub(r"(font-family:)\s*[\"']?GDS Transport[\"']?\s*,", r"\1", css)
    css = re.sub(r"font-family:\s*[\"']?GDS Transport[\"']?\s*([;}])", r"font-family:arial,sans-serif\1", css)
    css = re.sub(r"(?:-webkit-mask-image|mask-image|background-image):url\([^)]*govuk-crest[^)]*\);?", "", css)
    css = re.sub(r"/\*# sourceMappingURL=[^*]*\*/", "", css)
    if "GDS Transport" in css or "/assets/" in css:
        raise SystemExit("the stylesheet still names a GOV.UK asset; check this script against the new version.")
    return css


def main(tgz: str) -> None:
    with tarfile.open(tgz) as tar:
        def read(name: str) -> str:
            member = tar.extractfile(f"package/{name}")
            assert member is not None, name
            return member.read().decode("utf-8")

        version = json.loads(read("package.json"))["version"]
        css = css_without_gov_uk_assets(read("dist/govuk/govuk-frontend.min.css"))
        js = re.sub(r"//# sourceMappingURL=\S+", "", read("dist/govuk/govuk-frontend.min.js"))
    TARGET.mkdir(parents=True, exist_ok=True)
    (TARGET / "govuk-frontend.min.css").write_text(css, encoding="utf-8")
    (TARGET / "govuk-frontend.min.js").write_text(js, encoding="utf-8")
    (TARGET / "LICENCE.txt").write_text(LICENCE, encoding="utf-8")
    (TARGET / "VERSION").write_text(f"govuk-frontend {version} (npm), styles without GOV.UK's fonts and crest\n",
                                    encoding="utf-8")
    print(f"Vendored govuk-frontend {version} into {TARGET}")


if __name__ == "__main__":
    main(sys.argv[1])
