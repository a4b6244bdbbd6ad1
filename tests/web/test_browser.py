"""A whole quarter through the page in a real browser: headless Chromium from Debian's packages, driven by
Selenium and chromium-driver, with axe-core run on every page.

Check the plan; generate and download the returns; upload filled returns, one with errors; read the
status; download the feedback workbook, the master and the paper; close the quarter. Each download is
compared with the file in the workspace, and the master and the paper with what the command line writes
for a copy of the same workspace. ``CSPXL_SCREENSHOTS=docs`` keeps a screenshot of each page in ``docs/``.
"""

from __future__ import annotations

import json
import os
import re
import shutil
import threading
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import openpyxl
import pytest
from click.testing import CliRunner

from cspxl import Workspace, example_plan_path, init_workspace, load_plan
from cspxl.cli import main as cli
from cspxl.demo.partners import fill_return
from cspxl.web.server import bind, serve

CHROMIUM = shutil.which("chromium") or shutil.which("chromium-browser")
DRIVER = shutil.which("chromedriver")
webdriver = pytest.importorskip("selenium.webdriver", reason="selenium is not installed")
pytestmark = pytest.mark.skipif(not (CHROMIUM and DRIVER),
                                reason="needs Debian's chromium and chromium-driver (apt-get install chromium "
                                       "chromium-driver); CI installs them")

AXE = Path(__file__).parent / "vendor" / "axe.min.js"
SHOTS = os.environ.get("CSPXL_SCREENSHOTS", "")
ROOT = Path(__file__).resolve().parents[2]


class Page:
    """The browser on the page, with the downloads folder it saves into."""

    def __init__(self, driver: Any, base: str, downloads: Path, shots: Path) -> None:
        self.driver, self.base, self.downloads, self.shots = driver, base, downloads, shots

    def open(self, path: str) -> None:
        self.driver.get(self.base + path)

    def find(self, css: str) -> Any:
        from selenium.webdriver.common.by import By

        return self.driver.find_element(By.CSS_SELECTOR, css)

    def text(self) -> str:
        return str(self.find("main").text)

    def submit(self, form_css: str) -> None:
        """Press the form's button, and wait for the job's page to say it is done."""
        self.find(f"{form_css} button[type=submit]").click()
        self.wait_done()

    def wait_done(self, seconds: float = 120) -> None:
        end = time.monotonic() + seconds
        while time.monotonic() < end:
            if self.driver.find_elements("css selector", "#job-done"):
                return
            time.sleep(0.2)
        raise AssertionError(f"the job did not finish: {self.text()}")

    def download(self, link_text: str) -> Path:
        """Click the link to a file and wait for the browser to save it; the saved file's path."""
        from selenium.webdriver.common.by import By

        link = self.driver.find_element(By.PARTIAL_LINK_TEXT, link_text)
        name = link.get_attribute("download") or link.text
        target = self.downloads / name
        target.unlink(missing_ok=True)
        link.click()
        end = time.monotonic() + 30
        while time.monotonic() < end:
            if target.is_file() and not list(self.downloads.glob("*.crdownload")):
                return target
            time.sleep(0.1)
        raise AssertionError(f"{name} was not downloaded")

    def axe(self) -> list[dict[str, Any]]:
        """axe-core's violations on the page as it stands (WCAG 2.0, 2.1 and 2.2, A and AA)."""
        self.driver.execute_script(AXE.read_text(encoding="utf-8"))
        found: str = self.driver.execute_async_script(
            "const done = arguments[arguments.length - 1];"
            "axe.run(document, {runOnly: {type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa',"
            " 'wcag22aa', 'best-practice']}}).then(r => done(JSON.stringify(r.violations)));")
        if os.environ.get("CSPXL_AXE_LOG"):
            with open(os.environ["CSPXL_AXE_LOG"], "a", encoding="utf-8") as log:
                log.write(found + "\n")
        return [{"id": v["id"], "nodes": [n["target"] for n in v["nodes"]]} for v in json.loads(found)]

    def shot(self, name: str) -> None:
        height = self.driver.execute_script("return document.documentElement.scrollHeight")
        self.driver.set_window_size(1280, max(800, min(int(height) + 120, 6000)))
        self.driver.save_screenshot(str(self.shots / f"{name}.png"))
        self.driver.set_window_size(1280, 900)


@pytest.fixture(scope="module")
def quarter(tmp_path_factory: pytest.TempPathFactory) -> Iterator[tuple[Page, Workspace, Path]]:
    from selenium.webdriver.chrome.options import Options
    from selenium.webdriver.chrome.service import Service

    root = tmp_path_factory.mktemp("page")
    ws = init_workspace(root / "Community Safety — returns 2023-24", example_plan_path())
    downloads = root / "Downloads"
    downloads.mkdir()
    shots = ROOT / SHOTS if SHOTS else root / "shots"
    shots.mkdir(exist_ok=True)
    sock = bind("127.0.0.1", 0)
    port = sock.getsockname()[1]
    sock.close()
    ready = threading.Event()
    url: list[str] = []
    threading.Thread(target=serve, args=(ws, port), daemon=True,
                     kwargs={"open_browser": False, "say": lambda _: None,
                             "ready": lambda u: (url.append(u), ready.set())}).start()
    assert ready.wait(30)
    options = Options()
    options.binary_location = str(CHROMIUM)
    for arg in ("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage", "--window-size=1280,900",
                f"--user-data-dir={root / 'profile'}"):
        options.add_argument(arg)
    options.add_experimental_option("prefs", {"download.default_directory": str(downloads),
                                              "download.prompt_for_download": False})
    driver = webdriver.Chrome(service=Service(str(DRIVER)), options=options)
    try:
        driver.set_script_timeout(60)
        driver.get(url[0])  # the address cspxl serve printed, with its token
        yield Page(driver, url[0].split("/?", 1)[0], downloads, shots), ws, root
    finally:
        driver.quit()


def test_a_whole_quarter_through_the_page(quarter: tuple[Page, Workspace, Path]) -> None:
    page, ws, root = quarter
    violations: dict[str, list[dict[str, Any]]] = {}

    def look(name: str) -> None:
        violations[name] = page.axe()
        page.shot(name)

    # Home: the next step in words (opened here, whichever of this module's tests ran first).
    page.open("/")
    assert "Q1 returns have not been generated yet" in page.text()
    look("home")

    # The plan: check's result, and the plan to download as it is in the workspace.
    page.open("/plan")
    assert "plan.xlsx is valid: 12 partners" in page.text()
    look("plan")
    assert page.download("plan.xlsx").read_bytes() == ws.plan_path.read_bytes()

    # Generate, and download every return as one .zip and one by itself.
    page.open("/quarters/2023-24-Q1")
    look("quarter-before")
    page.submit("form[action$='/generate']")
    assert "Generated 12 returns for 2023-24-Q1." in page.text()
    look("job-generated")
    page.open("/quarters/2023-24-Q1")
    import zipfile

    with zipfile.ZipFile(page.download("Download all as one .zip")) as bundle:
        assert sorted(bundle.namelist()) == sorted(p.name for p in ws.returns_dir(None).glob("2023-24-Q1/*.xlsx"))
        police = next(n for n in bundle.namelist() if n.endswith("Kent-Police.xlsx"))
        assert bundle.read(police) == (ws.returns_dir(None) / "2023-24-Q1" / police).read_bytes()

    # Partners fill them in; the page takes them under the names they came back with, one with errors.
    plan = load_plan(ws.plan_path)
    issued = {p.stem.rsplit("_", 1)[-1]: p for p in (ws.returns_dir(None) / "2023-24-Q1").glob("*.xlsx")}
    inbox = root / "inbox"
    sent = [
        fill_return(issued["Kent-Police"], inbox / "KP return <Q1> FINAL.xlsx",
                    {a.id: {"Status": "On track", "% complete": 40, "Progress update": "<script>alert(1)</script>"}
                     for a, _ in plan.actions_for("kent-police")}),
        fill_return(issued["Sevenoaks-District-Council"], inbox / "SDC Q1.xlsx",
                    {a.id: {"Status": "Maybe", "% complete": 150} for a, _ in plan.actions_for("sdc")}),
    ]
    page.open("/quarters/2023-24-Q1")
    page.find("#returns-upload").send_keys("\n".join(str(p) for p in sent))
    page.find("#received").send_keys("10/07/2023")
    page.submit("form[action$='/ingest']")
    text = page.text()
    assert "KP return <Q1> FINAL.xlsx" in text and "SDC Q1.xlsx" in text and "2 accepted." in text
    assert "Accepted; 60 to correct" in text  # the return with errors says so beside its name
    assert "Status 'Maybe' is not one of" in text  # each problem with its cell and fix
    assert page.driver.find_elements("css selector", "main script") == []  # the partner's <script> is text
    look("job-ingested")

    # The status: received, errors named.
    page.open("/quarters/2023-24-Q1")
    rows = {r.find_element("css selector", "th").text: r.text for r in
            page.driver.find_elements("css selector", "table.cspxl-status tbody tr")}
    assert "Received" in rows["Kent Police"] and "Received" in rows["Sevenoaks District Council"]
    assert sum("Overdue" in row for row in rows.values()) == 10  # seen from today, long after 14/07/2023
    look("quarter-status")

    # Feedback for the return with errors, downloaded as written.
    page.find("#feedback-on").send_keys("17/07/2023")
    page.submit("form[action$='/feedback']")
    assert "1 returns to send back for correction." in page.text()
    feedback = next((ws.feedback_dir(None) / "2023-24-Q1").glob("*.xlsx"))
    assert page.download(feedback.name).read_bytes() == feedback.read_bytes()

    # The master and the paper as of a day, compared with what the command line writes on a copy.
    page.open("/quarters/2023-24-Q1")
    page.find("#as-of").send_keys("28/07/2023")
    page.submit("form[action$='/papers']")
    assert "Written as of 28/07/2023." in page.text()
    look("job-papers")
    master = page.download("_master.xlsx")
    paper = page.download(".docx")
    copy = root / "copy"
    shutil.copytree(ws.root, copy)
    for args in (["consolidate", "2023-24-Q1", "--as-of", "28/07/2023", "--out", str(root / "cli-master.xlsx")],
                 ["report", "2023-24-Q1", "--as-of", "28/07/2023", "--out", str(root / "cli-paper.docx")]):
        assert CliRunner().invoke(cli, ["--workspace", str(copy), *args]).exit_code == 0
    assert _cells(master) == _cells(root / "cli-master.xlsx")
    assert _words(paper) == _words(root / "cli-paper.docx")

    # Close the quarter, by the keyboard alone: the day typed, then Enter.
    from selenium.webdriver.common.keys import Keys

    page.open("/quarters/2023-24-Q1")
    page.find("#close-on").send_keys("28/07/2023" + Keys.ENTER)
    page.wait_done()
    assert "Closed 2023-24-Q1 as of 28/07/2023" in page.text()
    page.open("/quarters/2023-24-Q1")
    assert "was closed as of 28/07/2023" in page.text()
    look("quarter-closed")

    for path, name in (("/year", "year"), ("/crime", "crime"), ("/", "home-after")):
        page.open(path)
        look(name)

    # The council's year: the strategic assessment written from the year's page, then offered there.
    page.open("/year")
    page.submit("form[action$='/year/assessment']")
    assert "Wrote the strategic assessment of 2023-24 and its workbook" in page.text()
    look("assessment-written")
    page.open("/year")
    assert "Sevenoaks-CSP_2023-24_strategic-assessment.xlsx" in page.text()
    look("year-after-assessment")
    page.open("/assessment-data")
    page.submit("form[action$='/assessment-data/generate']")
    assert "Generated 5 data returns" in page.text()
    page.open("/assessment-data")
    assert "5 data returns expected" in page.text()
    look("assessment-data")
    # Recommendations from reviews: where each stands, and a review's action plan written from the page.
    page.open("/recommendations")
    assert "Where each stands today" in page.text()
    look("recommendations")
    page.submit("form[action$='/recommendations/action-plan']")
    assert "Wrote the action plan of DHR Sevenoaks 2022/01" in page.text()
    look("action-plan-written")
    assert {name: found for name, found in violations.items() if found} == {}


def test_the_guide_for_partners_prints_on_one_sheet_of_a4_and_axe_finds_nothing(
        quarter: tuple[Page, Workspace, Path]) -> None:
    import base64
    import io

    from pdfminer.high_level import extract_text
    from selenium.webdriver.common.by import By

    page, _, _ = quarter
    page.open("/quarters/2023-24-Q1")
    page.driver.find_element(By.LINK_TEXT, "guide for partners").click()
    assert "Filling in your quarterly return: a guide for partners" in page.text()
    assert page.axe() == []
    page.shot("partners-guide")
    # As Ctrl+P prints it: the paper and margins the page's own print style asks for.
    printed = page.driver.execute_cdp_cmd("Page.printToPDF", {"preferCSSPageSize": True, "printBackground": False})
    pdf = base64.b64decode(printed["data"])
    assert len(re.findall(rb"/Type\s*/Page[^s]", pdf)) == 1
    assert re.search(rb"/MediaBox\s*\[\s*0\s+0\s+59[45](\.\d+)?\s+841(\.\d+)?\s*\]", pdf)
    text = " ".join(extract_text(io.BytesIO(pdf)).split())
    assert text.startswith("Filling in your quarterly return: a guide for partners")
    assert text.endswith("their name, e-mail and phone number are on the Instructions sheet.")
    assert "Coordinator" not in text and "cspxl" not in text and "Crime figures" not in text  # the guide alone
    if SHOTS:
        (ROOT / SHOTS / "partners-guide.pdf").write_bytes(pdf)


def test_the_first_thing_the_keyboard_reaches_is_the_skip_link(quarter: tuple[Page, Workspace, Path]) -> None:
    from selenium.webdriver.common.keys import Keys

    page, _, _ = quarter
    page.open("/")
    page.find("body").send_keys(Keys.TAB)
    focused = page.driver.switch_to.active_element
    assert focused.text == "Skip to main content"


def _cells(path: Path) -> dict[str, list[tuple[Any, ...]]]:
    book = openpyxl.load_workbook(path, read_only=True)
    try:
        return {ws.title: [tuple(row) for row in ws.iter_rows(values_only=True)] for ws in book.worksheets}
    finally:
        book.close()


def _words(path: Path) -> list[str]:
    import docx

    document = docx.Document(str(path))
    return [p.text for p in document.paragraphs] + [c.text for t in document.tables for r in t.rows for c in r.cells]
