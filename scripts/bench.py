"""Benchmark the quarterly pipeline against the floor of each stage, at district, county or national scale.

Builds a synthetic partnership, generates every return, fills them in as partners would (a mix of
statuses, dates and long texts, written straight into the input cells), ingests them into a fresh
workspace, re-ingests them, and consolidates the master.  Each stage runs in a process of its own,
so its peak memory (RSS, with any worker processes) is its own.  In the same run it measures the
floor of each stage on the same files: the same return cells written with bare XlsxWriter
(in-memory mode); the same files read with python-calamine and with bare openpyxl (read-only);
the same master cells written with bare XlsxWriter (constant-memory mode).  Finally it checks that
every answer comes out of the master exactly as it was filled.

    python scripts/bench.py --scale district          # about 25 returns
    python scripts/bench.py --scale national --json national.json
    python scripts/bench.py --scale national --repeat 3   # the fastest of three runs of each stage
    python scripts/bench.py --years 5 --repeat 3          # five years of a county in one workspace
    python scripts/bench.py --crime 200000 --repeat 3     # crime import of a year of a force's police.uk files

Prints a table of stage, time, per-file ms, peak MB and the ratio to each floor.  With ``--years N``
it instead builds a workspace holding N years of a county-scale partnership (300 partners, 20
action rows a return, four quarters a year, every return in), straight into the register, and
times ``cspxl status`` and the last quarter's master there against a workspace holding only the
last year.
"""

from __future__ import annotations

import argparse
import hashlib
import json
import os
import platform
import random
import shutil
import subprocess
import sys
import tempfile
import time
from datetime import date, datetime, timedelta
from pathlib import Path
from typing import Any

SCALES: dict[str, tuple[int, int, int]] = {
    # partners, action rows per return, supporting partners per action
    "district": (25, 40, 2),
    "county": (300, 40, 2),
    "national": (6000, 10, 1),
}
PERIOD = "2023-24-Q1"
STATUSES = ("Not started", "On track", "At risk", "Off track", "Completed")
_WORDS = ("patrols", "partners", "referrals", "visits", "training", "campaign", "funding", "victims", "youth",
          "housing", "schools", "licensing", "outreach", "analysis", "tasking", "review", "pathway", "hotspot")


# The synthetic partnership ---------------------------------------------------------------------

def synthetic_plan(partners: int, rows: int, supporting: int) -> Any:
    """A plan where each partner leads about rows/(1+supporting) actions, each with ``supporting`` others."""
    from cspxl.plan import Action, Partner, Plan, Priority, Settings

    rng = random.Random(partners * 1000 + rows)
    ids = [f"p{i:05d}" for i in range(partners)]
    lead_each = max(1, rows // (1 + supporting))
    actions = []
    for n, lead in enumerate(ids):
        for k in range(lead_each):
            others = rng.sample([p for p in ids if p != lead], min(supporting, partners - 1))
            actions.append(Action(
                id=f"A{n:05d}-{k:02d}", priority_id=f"P{k % 7 + 1}",
                text=" ".join(rng.choice(_WORDS) for _ in range(14)).capitalize(),
                success_measure=" ".join(rng.choice(_WORDS) for _ in range(8)).capitalize(),
                lead=lead, supporting=tuple(others),
                target_date=date(2023, rng.choice((6, 9, 12)), 28)))
    return Plan(
        settings=Settings(partnership="Benchmark Community Safety Partnership", short_name="Bench CSP",
                          financial_year="2023-24", coordinator_name="Alex Example",
                          coordinator_email="alex@example.org"),
        partners=tuple(Partner(id=p, name=f"Partner {p}", emails=(f"{p}@example.org",)) for p in ids),
        priorities=tuple(Priority(id=f"P{i}", name=f"Priority {i}") for i in range(1, 8)),
        actions=tuple(actions),
    )


def answers_for(action_ids: list[str], seed: str) -> dict[str, dict[str, Any]]:
    """What a partner types: a mix of statuses, a percent, dates, and updates as partners write them
    (one in twenty with personal data in), some followed by a long text."""
    from make_personal_corpus import update

    rng = random.Random(seed)
    out: dict[str, dict[str, Any]] = {}
    for action in action_ids:
        status = rng.choice(STATUSES)
        words = " ".join(rng.choice(_WORDS) for _ in range(rng.choice((0, 0, 40, 120))))
        row: dict[str, Any] = {"Status": status, "% complete": rng.randrange(0, 101, 5),
                               "Progress update": f"{update(rng)} {words}".strip(),
                               "Support needed": rng.choice(("Yes", "No"))}
        if status == "Completed":
            row["Date completed"] = date(2023, 6, rng.randint(1, 30))
        if status in ("At risk", "Off track"):
            row["Revised target date"] = date(2024, 3, 31)
        out[action] = row
    return out


# The stages, each run in a process of its own ----------------------------------------------------

def stage_setup(root: Path, partners: int, rows: int, supporting: int) -> dict[str, Any]:
    from cspxl import init_workspace, write_plan_workbook

    plan = synthetic_plan(partners, rows, supporting)
    ws = init_workspace(root / "ws")
    write_plan_workbook(ws.plan_path, plan)
    return {"actions": len(plan.actions)}


def stage_generate(root: Path) -> dict[str, Any]:
    from cspxl import Workspace, generate, parse_period

    paths = generate(Workspace(root / "ws"), parse_period(PERIOD))
    return {"files": len(paths)}


def stage_fill(root: Path) -> dict[str, Any]:
    """Partners fill in their returns: answers written into the input cells of the same workbook."""
    from cspxl import Register, Workspace, load_plan, parse_period
    from cspxl.returns.layout import return_file_names
    from cspxl.returns.workbook import ReturnContent, write_return

    ws = Workspace(root / "ws")
    plan, period = load_plan(ws.plan_path), parse_period(PERIOD)
    names = return_file_names(plan, period)
    inbox = root / "inbox"
    with Register(ws.register_path, ws.archive_dir, readonly=True) as reg:
        for partner in plan.partners_returning():
            issued = reg.latest_issue(PERIOD, partner.id)
            assert issued is not None
            answers = answers_for(list(issued.actions), partner.id)
            content = ReturnContent(partner.id, issue=issued.issue, issued=issued.issued, answers=answers)
            write_return(plan, period, content, ws.key, ws.id, inbox / names[partner.id])
    return {"files": len(list(inbox.iterdir()))}


def stage_ingest(root: Path) -> dict[str, Any]:
    from cspxl import Workspace, ingest

    result = ingest(Workspace(root / "ws"), [root / "inbox"], received=datetime(2023, 7, 10))
    return {"files": len(result.files), "accepted": result.count("accepted"), "duplicate": result.count("duplicate"),
            "rejected": result.count("rejected"), "cpu seconds": time.process_time() + _workers_cpu()}


def _workers_cpu() -> float:
    """Processor seconds used so far by the worker processes that read returns."""
    import psutil

    from cspxl.spreadsheets.sandbox import shared

    pool = shared()._pool  # the bench may look inside: it measures, it does not change anything
    total = 0.0
    for pid in getattr(pool, "_processes", {}) or {}:
        try:
            times = psutil.Process(pid).cpu_times()
        except psutil.Error:
            continue
        total += times.user + times.system
    return total


def _page(root: Path) -> tuple[Any, dict[str, str]]:
    """The coordinator's page on the bench's workspace, and the headers of a browser that holds its token."""
    from cspxl import Workspace
    from cspxl.web import Guard, create_app

    guard = Guard(token="bench-token-0123456789", port=8421)
    app = create_app(Workspace(root / "ws"), guard)
    return app, {"HTTP_HOST": "127.0.0.1:8421", "HTTP_COOKIE": f"{guard.cookie}={guard.token}", "csrf": guard.csrf}


def stage_page_upload(root: Path) -> dict[str, Any]:
    """Every return uploaded through the page at once, until its job is done: the request's body is built
    first (the browser's work), then the page parses it, writes the files and ingests them."""
    import io

    from werkzeug.test import EnvironBuilder

    body_started, body_cpu = time.perf_counter(), time.process_time()
    app, browser = _page(root)
    files = sorted((root / "inbox").iterdir())
    builder = EnvironBuilder(path=f"/quarters/{PERIOD}/ingest", method="POST", base_url="http://127.0.0.1:8421",
                             data={"csrf_token": browser["csrf"], "received": "10/07/2023",
                                   "returns": [(io.BytesIO(f.read_bytes()), f.name) for f in files]})
    environ = builder.get_environ()
    client = app.test_client()
    name, _, value = browser["HTTP_COOKIE"].partition("=")
    client.set_cookie(name, value, domain="127.0.0.1")
    # What the browser does (reading the files, encoding the form) is left out; the rest counts from the
    # process's start, as the ingest stage's figures do.
    body_seconds, body_cpu = time.perf_counter() - body_started, time.process_time() - body_cpu
    answer = client.open(environ)
    assert answer.status_code == 303, answer.get_data(as_text=True)[:2000]
    jobs = app.extensions["cspxl"]["jobs"]
    job = jobs.get(answer.headers["Location"].rsplit("/", 1)[-1])
    while not job.finished:
        time.sleep(0.01)
    accepted = sum(v.label == "Accepted" for v in job.outcome.verdicts)
    return {"files": len(files), "accepted": accepted, "body seconds": body_seconds,
            "cpu seconds": time.process_time() - body_cpu + _workers_cpu(), "error": job.error}


#: The pages timed, as a coordinator opens them in a round.
PAGES = ("/", "/plan", f"/quarters/{PERIOD}", "/year", "/crime")


def stage_page_views(root: Path) -> dict[str, Any]:
    """Each page's answer, the best of three, in wall and this process's processor seconds: seen afresh (the
    first visit after the workspace changed, nothing kept) and as the page answers once it has seen the
    workspace in the background (after each job, and when it starts)."""
    import threading

    app, browser = _page(root)
    for thread in threading.enumerate():  # the page sees the workspace when it starts: let it finish first
        if thread.name == "cspxl views":
            thread.join()
    views = app.extensions["cspxl"]["views"]
    client = app.test_client()
    name, _, value = browser["HTTP_COOKIE"].partition("=")
    client.set_cookie(name, value, domain="127.0.0.1")

    def timed(page: str, afresh: bool) -> dict[str, float]:
        best = {"seconds": 1e9, "cpu seconds": 1e9}
        for _ in range(3):
            if afresh:
                views._kept.clear()  # the bench may look inside: it measures, it does not change anything
            started, cpu = time.perf_counter(), time.process_time()
            answer = client.get(page, base_url="http://127.0.0.1:8421")
            assert answer.status_code == 200, (page, answer.status_code)
            answer.close()
            best = {"seconds": min(best["seconds"], time.perf_counter() - started),
                    "cpu seconds": min(best["cpu seconds"], time.process_time() - cpu)}
        return best

    return {"pages": {page: timed(page, afresh=False) for page in PAGES},
            "afresh": {page: timed(page, afresh=True) for page in PAGES}}


def bench_page(repeat: int, keep: Path | None = None) -> dict[str, Any]:
    """A county's 300 returns ingested by the command's API and uploaded through the page, then each page."""
    root = Path(keep) if keep else Path(tempfile.mkdtemp(prefix="cspxl-bench-page-"))
    partners, rows, supporting = SCALES["county"]
    for name, args in (("stage_setup", (partners, rows, supporting)), ("stage_generate", ()), ("stage_fill", ())):
        run_stage(name, root, *args)
    shutil.copytree(root / "ws", root / "ws-fresh")
    (ingest,) = best_of(repeat, root, "stage_ingest", changes_workspace=True)
    shutil.rmtree(root / "ws")
    shutil.copytree(root / "ws-fresh", root / "ws")
    (upload,) = best_of(repeat, root, "stage_page_upload", changes_workspace=True)
    upload["seconds"] -= upload["body seconds"]
    assert upload["accepted"] == ingest["accepted"] == partners, (upload, ingest)
    views = run_stage("stage_page_views", root)
    if not keep:
        shutil.rmtree(root, ignore_errors=True)
    return {"machine": f"{_cpu_name()}, {os.cpu_count()} cores, {platform.system()}", "returns": partners,
            "ingest": ingest, "page upload": upload, "pages": views["pages"], "afresh": views["afresh"],
            "upload / ingest (processor)": upload["cpu seconds"] / ingest["cpu seconds"],
            "upload / ingest (wall)": upload["seconds"] / ingest["seconds"]}


def page_table(result: dict[str, Any]) -> str:
    lines = [f"{result['machine']}; {result['returns']} returns",
             f"{'':32}{'wall s':>10}{'processor s':>14}",
             f"{'cspxl ingest (the API)':32}{result['ingest']['seconds']:>10.2f}{result['ingest']['cpu seconds']:>14.2f}",
             f"{'upload through the page':32}{result['page upload']['seconds']:>10.2f}"
             f"{result['page upload']['cpu seconds']:>14.2f}",
             f"{'upload / ingest':32}{result['upload / ingest (wall)']:>10.2f}"
             f"{result['upload / ingest (processor)']:>14.2f}"]
    lines.append(f"{'page (seen in the background)':32}{'wall':>10}{'processor':>14}")
    for page, t in result["pages"].items():
        lines.append(f"{'  ' + page:32}{t['seconds'] * 1000:>8.0f}ms{t['cpu seconds'] * 1000:>12.0f}ms")
    lines.append(f"{'page (seen afresh)':32}{'wall':>10}{'processor':>14}")
    for page, t in result["afresh"].items():
        lines.append(f"{'  ' + page:32}{t['seconds'] * 1000:>8.0f}ms{t['cpu seconds'] * 1000:>12.0f}ms")
    return "\n".join(lines)


def stage_screen(root: Path) -> dict[str, Any]:
    """Screening alone, in one process: every progress update ingested, through a screener made here
    (so loading its name and word lists counts too), as each ingest worker does."""
    import sqlite3

    from cspxl.screening import Screener

    with sqlite3.connect(root / "ws" / "register.sqlite") as db:
        texts = [row[0] for row in db.execute("SELECT progress FROM answers")]
    start, cpu = time.perf_counter(), time.process_time()
    screener = Screener()
    flagged = sum(bool(screener(t)) for t in texts)
    return {"updates": len(texts), "with personal data": flagged, "seconds inside": time.perf_counter() - start,
            "processor seconds": time.process_time() - cpu}


def stage_consolidate(root: Path) -> dict[str, Any]:
    from cspxl import Workspace, consolidate, parse_period

    path = consolidate(Workspace(root / "ws"), parse_period(PERIOD), as_of=date(2023, 7, 20), out=root / "master.xlsx")
    return {"master": str(path)}


def stage_report(root: Path) -> dict[str, Any]:
    """The meeting paper (python-docx), from the same view as the master."""
    from cspxl import Workspace, parse_period, write_quarter_report

    path = write_quarter_report(Workspace(root / "ws"), parse_period(PERIOD), as_of=date(2023, 7, 20),
                                out=root / "report.docx")
    return {"report": str(path), "bytes": path.stat().st_size}


def floor_write_returns(root: Path) -> dict[str, Any]:
    """Bare XlsxWriter (in-memory): the same return cells, no formats, validation or identity."""
    import xlsxwriter

    from cspxl import Workspace, load_plan

    plan = load_plan(Workspace(root / "ws").plan_path)
    out = root / "floor-returns"
    out.mkdir(exist_ok=True)
    n = 0
    for partner in plan.partners_returning():
        wb = xlsxwriter.Workbook(str(out / f"{partner.id}.xlsx"), {"in_memory": True})
        ws = wb.add_worksheet("Return")
        answers = answers_for([a.id for a, _ in plan.actions_for(partner.id)], partner.id)
        for r, (a, role) in enumerate(plan.actions_for(partner.id), start=3):
            row = [a.id, a.priority_id, a.text, a.success_measure, a.lead, role, a.target_date.isoformat(), "", ""]
            for c, v in enumerate(row):
                ws.write_string(r, c, v)
            for c, v in enumerate(answers[a.id].values(), start=9):
                ws.write(r, c, v if not isinstance(v, date) else v.isoformat())
        wb.close()
        n += 1
    return {"files": n}


def floor_read_calamine(root: Path) -> dict[str, Any]:
    from python_calamine import CalamineWorkbook

    files = sorted((root / "inbox").iterdir())
    for f in files:
        wb = CalamineWorkbook.from_path(str(f))
        for name in wb.sheet_names:
            wb.get_sheet_by_name(name).to_python()
    return {"files": len(files)}


def floor_read_openpyxl(root: Path) -> dict[str, Any]:
    import openpyxl

    files = sorted((root / "inbox").iterdir())
    for f in files:
        wb = openpyxl.load_workbook(f, read_only=True, data_only=True)
        for ws in wb.worksheets:
            for _ in ws.iter_rows(values_only=True):
                pass
        wb.close()
    return {"files": len(files)}


def floor_write_master(root: Path) -> dict[str, Any]:
    """Bare XlsxWriter (constant memory): the same cells the master holds, every sheet, no formats.

    The inputs a consolidation needs (the plan and every partner's answers) are loaded as part of
    the floor.  The master's cells are then taken from the master itself (read beforehand with
    python-calamine, and that reading is not timed) and written plainly.
    """
    import xlsxwriter
    from python_calamine import CalamineWorkbook

    from cspxl import Register, Workspace, load_plan

    master = CalamineWorkbook.from_path(str(root / "master.xlsx"))
    sheets = {name: master.get_sheet_by_name(name).to_python() for name in master.sheet_names}
    started = time.perf_counter()
    ws_ = Workspace(root / "ws")
    plan = load_plan(ws_.plan_path)
    with Register(ws_.register_path, ws_.archive_dir, readonly=True) as reg:
        answers = {p.id: reg.current_answers(PERIOD, p.id) for p in plan.partners_returning()}
    wb = xlsxwriter.Workbook(str(root / "floor-master.xlsx"), {"constant_memory": True})
    cells = 0
    for name, rows in sheets.items():
        sheet = wb.add_worksheet(name)
        for r, row in enumerate(rows):
            for c, v in enumerate(row):
                if v != "":
                    sheet.write(r, c, v)
                    cells += 1
    wb.close()
    return {"cells": cells, "answers": sum(map(len, answers.values())), "seconds": time.perf_counter() - started}


def check_master(root: Path) -> dict[str, Any]:
    """Every lead partner's answer must come out of the master exactly as it was filled."""
    import openpyxl

    from cspxl import Workspace, load_plan

    plan = load_plan(Workspace(root / "ws").plan_path)
    wb = openpyxl.load_workbook(root / "master.xlsx", read_only=True)
    rows = wb["Actions"].iter_rows(values_only=True)
    header = list(next(rows))
    col = {h: header.index(h) for h in ("Action ID", "Status", "% complete", "Progress update", "Support needed")}
    got = {r[col["Action ID"]]: r for r in rows}
    filled = {p.id: answers_for([a.id for a, _ in plan.actions_for(p.id)], p.id) for p in plan.partners_returning()}
    wrong = 0
    for action in plan.actions:
        want, row = filled[action.lead][action.id], got[action.id]
        # The master's Support needed is Yes when the lead or any supporting partner asked for support.
        support = any(filled[p][action.id]["Support needed"] == "Yes" for p in (action.lead, *action.supporting))
        seen = (row[col["Status"]], row[col["% complete"]], row[col["Progress update"]], row[col["Support needed"]])
        if seen != (want["Status"], want["% complete"], want["Progress update"], "Yes" if support else "No"):
            wrong += 1
    wb.close()
    return {"checked": len(plan.actions), "wrong": wrong}


# police.uk crime figures ---------------------------------------------------------------------------

#: Districts of a force's area, as the start of their LSOA names; the example plan's is Sevenoaks.
_DISTRICTS = ("Sevenoaks", "Tonbridge and Malling", "Maidstone", "Ashford", "Canterbury", "Dartford", "Dover",
              "Folkestone and Hythe", "Gravesham", "Medway", "Swale", "Thanet", "Tunbridge Wells")
_CRIME_TYPES = ("Anti-social behaviour", "Violence and sexual offences", "Criminal damage and arson", "Burglary",
                "Vehicle crime", "Shoplifting", "Other theft", "Public order", "Drugs", "Possession of weapons",
                "Bicycle theft", "Theft from the person", "Robbery", "Other crime")


def stage_crime_setup(root: Path, rows: int) -> dict[str, Any]:
    """A workspace on the example plan, and a year of a whole force's street-level files (``rows`` crimes
    over twelve months, in folders by month as police.uk's download has them)."""
    import csv

    from cspxl import example_plan_path, init_workspace

    init_workspace(root / "ws", example_plan_path())
    rng = random.Random("police.uk")
    header = ["Crime ID", "Month", "Reported by", "Falls within", "Longitude", "Latitude", "Location", "LSOA code",
              "LSOA name", "Crime type", "Last outcome category", "Context"]
    lsoas = [(f"E01{d:02d}{n:04d}", f"{name} {n // 4 + 1:03d}{'ABCD'[n % 4]}")
             for d, name in enumerate(_DISTRICTS) for n in range(90)]
    for m in range(12):
        month = f"{2023 + (3 + m) // 12}-{(3 + m) % 12 + 1:02d}"
        folder = root / "police" / month
        folder.mkdir(parents=True)
        with (folder / f"{month}-kent-street.csv").open("w", newline="") as f:
            writer = csv.writer(f)
            writer.writerow(header)
            for i in range(rows // 12):
                code, name = rng.choice(lsoas)
                kind = rng.choice(_CRIME_TYPES)
                writer.writerow([f"{m:02d}{i:062x}", month, "Kent Police", "Kent Police", "0.190000", "51.270000",
                                 "On or near High Street", code, name, kind, "Under investigation", ""])
    return {"files": 12, "rows": rows // 12 * 12}


def stage_crime(root: Path) -> dict[str, Any]:
    """``cspxl crime import`` of the year's files into the workspace."""
    from cspxl import Workspace
    from cspxl.crime.imports import import_crime

    done = import_crime(Workspace(root / "ws"), [root / "police"])
    return {"imported": sum(f.outcome == "imported" for f in done.files),
            "crimes in the area": sum(f.crimes for f in done.files), "cpu seconds": time.process_time()}


def floor_crime_csv(root: Path) -> dict[str, Any]:
    """The floor: the same files read with the csv module, the area's rows counted by month and type."""
    import csv
    from collections import Counter

    counts: Counter[tuple[str, str]] = Counter()
    for path in sorted((root / "police").rglob("*.csv")):
        with path.open(newline="") as f:
            for row in csv.DictReader(f):
                if row["LSOA name"].startswith("Sevenoaks "):
                    counts[(row["Month"], row["Crime type"])] += 1
    return {"crimes in the area": sum(counts.values()), "cpu seconds": time.process_time()}


def bench_crime(rows: int, repeat: int, keep: Path | None = None) -> dict[str, Any]:
    """``crime import`` of a year of a whole force's files, against reading them with the csv module."""
    root = keep or Path(tempfile.mkdtemp(prefix="cspxl-crime-"))
    try:
        setup = run_stage("stage_crime_setup", root, rows)
        crime, floor = best_of(repeat, root, "stage_crime", "floor_crime_csv", changes_workspace=True)
    finally:
        if keep is None:
            shutil.rmtree(root, ignore_errors=True)
    assert crime["crimes in the area"] == floor["crimes in the area"], (crime, floor)
    return {"rows": setup["rows"], "files": setup["files"], "import": crime, "floor: csv module": floor,
            "machine": {"cpus": os.cpu_count(), "processor": _cpu_name(), "python": platform.python_version()}}


def crime_table(result: dict[str, Any]) -> str:
    i, f = result["import"], result["floor: csv module"]
    m = result["machine"]
    return (f"crime import of {result['rows']:,} rows in {result['files']} monthly files: {i['seconds']:.2f} s "
            f"({i['cpu seconds']:.2f} processor s), {i['crimes in the area']:,} crimes in the area; the csv module "
            f"alone: {f['seconds']:.2f} s ({f['cpu seconds']:.2f} processor s), {i['cpu seconds'] / f['cpu seconds']:.1f}x; "
            f"peak {i['peak_mb']:.0f} MB; machine: {m['cpus']} CPUs, {m['processor']}, Python {m['python']}")


STAGES = {f.__name__: f for f in (stage_setup, stage_generate, stage_fill, stage_ingest, stage_page_upload,
                                  stage_page_views, stage_screen, stage_consolidate,
                                  stage_report, stage_crime_setup, stage_crime, floor_crime_csv,
                                  floor_write_returns, floor_read_calamine, floor_read_openpyxl, floor_write_master,
                                  check_master)}


def run_stage(name: str, root: Path, *args: int) -> dict[str, Any]:
    """Run one stage in a fresh process; its seconds, peak RSS in MB (with its workers) and result."""
    command = [sys.executable, __file__, "--stage", name, str(root), *map(str, args)]
    done = subprocess.run(command, capture_output=True, text=True, check=False)
    line = next((ln for ln in done.stdout.splitlines() if ln.startswith("BENCH")), None)
    if done.returncode != 0 or line is None:
        raise SystemExit(f"stage {name} failed:\n{done.stdout[-2000:]}\n{done.stderr[-4000:]}")
    return dict(json.loads(line[5:]))


def best_of(repeat: int, root: Path, *names: str, changes_workspace: bool = False) -> list[dict[str, Any]]:
    """Run the stages named in turn, ``repeat`` rounds, and keep each one's fastest run, with the
    highest peak memory of all its runs.

    On a shared machine other work slows a run now and then, and the machine itself is faster at
    some times than others; the fastest of several is the steadiest measure of the code (as
    ``timeit`` reports), and a stage run in turn with its floor meets the machine as its floor does.
    When the first stage changes the workspace, each round starts from a copy of the workspace as
    it was before the first.
    """
    workspace, before = root / "ws", root / "ws-before"
    if changes_workspace and repeat > 1:
        shutil.copytree(workspace, before, symlinks=True)
    runs: dict[str, list[dict[str, Any]]] = {name: [] for name in names}
    for n in range(repeat):
        if n and changes_workspace:
            shutil.rmtree(workspace)
            shutil.copytree(before, workspace, symlinks=True)
        for name in names:
            runs[name].append(run_stage(name, root))
    shutil.rmtree(before, ignore_errors=True)
    return [min(each, key=lambda r: r["seconds"]) | {"peak_mb": max(r["peak_mb"] for r in each),
                                                      "runs": [r["seconds"] for r in each]}
            for each in runs.values()]


def _child(name: str, root: str, *args: str) -> int:
    """In the stage's own process: run it, then print its result, time and peak memory for the parent."""
    started = time.perf_counter()
    result = STAGES[name](Path(root), *map(int, args))
    result.setdefault("seconds", time.perf_counter() - started)  # a floor may leave its preparation out
    result["peak_mb"] = _peak_mb()
    print("BENCH" + json.dumps(result, default=str))
    return 0


def _peak_mb() -> float:
    """This process's peak memory (or its workers', the higher), in MB: from the kernel where it keeps it;
    elsewhere (Windows, or Linux as portable mode makes it) the highest resident size psutil can say."""
    try:
        import resource
    except ImportError:
        import psutil

        info = psutil.Process().memory_info()
        return float(getattr(info, "peak_wset", info.rss)) / 2**20
    own = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    workers = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss
    return max(own, workers) / 1024  # kB on Linux


def help_start() -> float:
    """Seconds for `cspxl --help`, the best of five."""
    best = 1e9
    for _ in range(5):
        t = time.perf_counter()
        subprocess.run([sys.executable, "-m", "cspxl", "--help"], capture_output=True, check=True)
        best = min(best, time.perf_counter() - t)
    return best


def bench(partners: int, rows: int, supporting: int, keep: Path | None = None, repeat: int = 1) -> dict[str, Any]:
    if keep and keep.exists() and any(keep.iterdir()):
        raise SystemExit(f"{keep} is not empty; give --keep a new folder.")
    root = Path(keep) if keep else Path(tempfile.mkdtemp(prefix="cspxl-bench-"))
    root.mkdir(parents=True, exist_ok=True)
    try:
        setup = run_stage("stage_setup", root, partners, rows, supporting)
        r: dict[str, Any] = {}
        r["generate"], write_floor = best_of(repeat, root, "stage_generate", "floor_write_returns",
                                             changes_workspace=True)
        run_stage("stage_fill", root)
        r["ingest"], read_floor = best_of(repeat, root, "stage_ingest", "floor_read_calamine", changes_workspace=True)
        (r["re-ingest"],) = best_of(repeat, root, "stage_ingest")
        (r["screening (one process)"],) = best_of(repeat, root, "stage_screen")
        r["consolidate"], master_floor = best_of(repeat, root, "stage_consolidate", "floor_write_master")
        (r["report (the meeting paper)"],) = best_of(repeat, root, "stage_report")
        r["floor: write returns (XlsxWriter in-memory)"] = write_floor
        r["floor: read (python-calamine)"] = read_floor
        # openpyxl is the reader the issue compares against, not a target: once is enough.
        r["floor: read (openpyxl read-only)"] = run_stage("floor_read_openpyxl", root)
        r["floor: write master (XlsxWriter constant-memory)"] = master_floor
        check = run_stage("check_master", root)
    finally:
        if not keep:
            shutil.rmtree(root, ignore_errors=True)
    files = r["generate"]["files"]
    return {
        "machine": {"cpus": os.cpu_count(), "python": platform.python_version(), "platform": platform.platform(),
                    "processor": _cpu_name(), "workers": _workers_mode()},
        "scale": {"partners": partners, "rows_per_return": rows, "supporting": supporting,
                  "actions": setup["actions"], "returns": files},
        "repeat": repeat,
        "stages": r, "check": check, "help_seconds": help_start(),
        "ratios": {
            "generate / write floor": r["generate"]["seconds"] / r["floor: write returns (XlsxWriter in-memory)"]["seconds"],
            "ingest / calamine floor": r["ingest"]["seconds"] / r["floor: read (python-calamine)"]["seconds"],
            "ingest / openpyxl floor": r["ingest"]["seconds"] / r["floor: read (openpyxl read-only)"]["seconds"],
            "re-ingest / ingest": r["re-ingest"]["seconds"] / r["ingest"]["seconds"],
            "screening / ingest (processor time)": (r["screening (one process)"]["processor seconds"]
                                                    / max(r["ingest"].get("cpu seconds", 0.0), 1e-9)),
            "consolidate / master floor": (r["consolidate"]["seconds"]
                                           / r["floor: write master (XlsxWriter constant-memory)"]["seconds"]),
            "report / consolidate": r["report (the meeting paper)"]["seconds"] / r["consolidate"]["seconds"],
        },
    }


def _cpu_name() -> str:
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                return line.split(":", 1)[1].strip()
    except OSError:
        pass
    return platform.processor()


def table(result: dict[str, Any]) -> str:
    files = result["scale"]["returns"]
    lines = [f"{'stage':52} {'seconds':>9} {'ms/file':>9} {'peak MB':>9}"]
    for name, r in result["stages"].items():
        lines.append(f"{name:52} {r['seconds']:9.2f} {1000 * r['seconds'] / max(files, 1):9.1f} {r['peak_mb']:9.0f}")
    lines.append("")
    for name, ratio in result["ratios"].items():
        lines.append(f"{name:52} {ratio:9.2f}x")
    lines.append(f"{'cspxl --help (best of 5)':52} {result['help_seconds']:9.2f} s")
    if result["repeat"] > 1:
        lines.append(f"each stage but the openpyxl floor: the fastest of {result['repeat']} runs, "
                     "each stage in turn with its floor")
    screened = result["stages"].get("screening (one process)")
    if screened:
        lines.append(f"updates screened: {screened['updates']}, {screened['with personal data']} with personal data, "
                     f"in {screened['processor seconds']:.2f} processor seconds (its lists loaded too); "
                     f"ingest used {result['stages']['ingest'].get('cpu seconds', 0):.2f} processor seconds")
    c = result["check"]
    lines.append(f"master checked: {c['checked']} actions, {c['wrong']} answers differ from what was filled")
    s, m = result["scale"], result["machine"]
    lines.append(f"scale: {s['returns']} returns, {s['actions']} actions ({s['rows_per_return']} rows a return); "
                 f"machine: {m['cpus']} CPUs, {m['processor']}, Python {m['python']}; workers: {m['workers']}")
    return "\n".join(lines)


def _workers_mode() -> str:
    """How ingest's workers start and who limits them here (portable mode: as on Windows and macOS)."""
    from cspxl.spreadsheets.platform import current

    mode = current()
    return f"{mode.start_method}, {mode.name}"


# Years in one workspace ------------------------------------------------------------------------

YEARS_SCALE = (300, 20, 2)


def _year_plan(plan: Any, year: int) -> Any:
    """The synthetic plan for the financial year starting in ``year``: the same actions, dated in it."""
    from cspxl.periods import fy_label

    shift = year - 2023
    actions = tuple(a.model_copy(update={"target_date": a.target_date.replace(year=a.target_date.year + shift)})
                    for a in plan.actions)
    return plan.model_copy(update={"settings": plan.settings.model_copy(update={"financial_year": fy_label(year)}),
                                   "actions": actions})


def build_years(root: Path, years: int, first: int = 2023, scale: tuple[int, int, int] = YEARS_SCALE) -> Path:
    """A workspace holding ``years`` years of every quarter's returns, recorded straight into the register
    (what ingest would have recorded), each quarter with its kept plan and its returns sent."""
    from cspxl import init_workspace, write_plan_workbook
    from cspxl.identity import Identity
    from cspxl.periods import Period
    from cspxl.register import Answer, MessageRecord, Submission

    base = synthetic_plan(*scale)
    ws = init_workspace(root)
    for year in range(first, first + years):
        plan = _year_plan(base, year)
        write_plan_workbook(ws.plan_path, plan)
        workbook, plan_json = ws.plan_path.read_bytes(), plan.model_dump_json()
        with ws.register() as register:
            for quarter in range(1, 5):
                period = Period(year=year, quarter=quarter)
                register.keep_plan(str(period), plan.version, plan_json, workbook, datetime(year, 4, 1))
                due = period.due(plan.settings.return_due_days)
                for partner in plan.partners_returning():
                    actions = [a.id for a, _ in plan.actions_for(partner.id)]
                    identity = Identity(workspace=ws.id, partner=partner.id, period=str(period),
                                        plan_version=plan.version, actions=tuple(actions), issued=period.end)
                    typed = answers_for(actions, f"{period}/{partner.id}")
                    answers = tuple(Answer(action_id=a, row=4 + i, status=t["Status"], percent=t["% complete"],
                                           date_completed=t.get("Date completed"),
                                           revised_target=t.get("Revised target date"), progress=t["Progress update"],
                                           support_needed=t["Support needed"], personal=())
                                    for i, (a, t) in enumerate(typed.items()))
                    content = f"{period} {partner.id}".encode()
                    submission = Submission(sha256=hashlib.sha256(content).hexdigest(), file_name=f"{partner.id}.xlsx",
                                            identity=identity, answers=answers, problems=())
                    received = datetime.combine(due, datetime.min.time())
                    register.record(submission, content, Path(f"{partner.id}.xlsx"), received, received)
                    register.record_message(MessageRecord(
                        period=str(period), partner=partner.id, kind="issue", mode="smtp", recipients=partner.emails,
                        subject="", message_id="", attachment_sha256="", file_name="", sent_at=received))
    return root


def _timed(fn: Any, repeat: int) -> float:
    best = float("inf")
    for _ in range(repeat):
        started = time.process_time()
        fn()
        best = min(best, time.process_time() - started)
    return best


def _cli_seconds(ws: Path, args: list[str], repeat: int) -> float:
    best = float("inf")
    for _ in range(repeat):
        started = time.perf_counter()
        subprocess.run([sys.executable, "-m", "cspxl", "-w", str(ws), *args], capture_output=True, check=True)
        best = min(best, time.perf_counter() - started)
    return best


def bench_years(years: int, repeat: int, keep: Path | None = None,
                scale: tuple[int, int, int] = YEARS_SCALE) -> dict[str, Any]:
    """status and the last quarter's master in a workspace of ``years`` years, and in one of the last year alone."""
    from cspxl import Workspace, consolidate, parse_period, period_view

    root = keep or Path(tempfile.mkdtemp(prefix="cspxl-years-"))
    last = 2023 + years - 1
    period = parse_period(f"{last}-{(last + 1) % 100:02d}-Q4")
    as_of = period.due(14) + timedelta(days=7)
    result: dict[str, Any] = {"years": years, "period": str(period), "scale": scale, "machine": {
        "cpus": os.cpu_count(), "processor": _cpu_name(), "python": platform.python_version()}}
    try:
        for label, count in (("one year", 1), (f"{years} years", years)):
            started = time.perf_counter()
            ws = Workspace(build_years(root / label.replace(" ", "-"), count, last - count + 1, scale))
            built = time.perf_counter() - started
            view = period_view(ws, period, as_of)
            result[label] = {
                "built in seconds": round(built, 1),
                "received": view.returns_with("Received"),
                "with a status": sum(bool(a.status) for a in view.actions),
                "actions": len(view.actions),
                "status view (processor s)": round(_timed(lambda ws=ws: period_view(ws, period, as_of), repeat), 3),
                "cspxl status (s, with start-up)": round(_cli_seconds(ws.root, ["status", str(period), "--as-of",
                                                                                 f"{as_of:%d/%m/%Y}"], repeat), 3),
                "master (processor s)": round(_timed(lambda ws=ws: consolidate(ws, period, as_of), repeat), 3),
            }
        one, many = result["one year"], result[f"{years} years"]
        result["master ratio"] = round(many["master (processor s)"] / one["master (processor s)"], 2)
    finally:
        if keep is None:
            shutil.rmtree(root, ignore_errors=True)
    return result


def years_table(result: dict[str, Any]) -> str:
    lines = [f"{'workspace':<14}{'status view':>14}{'cspxl status':>15}{'master':>10}   (last quarter, {result['period']})"]
    for label in ("one year", f"{result['years']} years"):
        r = result[label]
        lines.append(f"{label:<14}{r['status view (processor s)']:>12.3f} s{r['cspxl status (s, with start-up)']:>13.3f} s"
                     f"{r['master (processor s)']:>8.3f} s")
    m = result["machine"]
    lines.append(f"master, {result['years']} years against one: {result['master ratio']:.2f}x; scale: "
                 f"{result['scale'][0]} partners, {result['scale'][1]} rows a return; machine: {m['cpus']} CPUs, "
                 f"{m['processor']}, Python {m['python']}")
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> int:
    argv = sys.argv[1:] if argv is None else argv
    if argv[:1] == ["--stage"]:
        return _child(*argv[1:])
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--scale", choices=SCALES, default="district")
    parser.add_argument("--partners", type=int)
    parser.add_argument("--actions-per-partner", type=int, help="action rows on each return")
    parser.add_argument("--supporting", type=int, help="supporting partners per action")
    parser.add_argument("--json", type=Path, help="also write the results as JSON")
    parser.add_argument("--keep", type=Path, help="keep the files in this folder")
    parser.add_argument("--repeat", type=int, default=1,
                        help="run each stage this many times and keep the fastest (steadier on a busy machine)")
    parser.add_argument("--years", type=int, help="instead: status and the master in a workspace of this many years")
    parser.add_argument("--page", action="store_true",
                        help="instead: a county's returns uploaded through the coordinator's page, and each page")
    parser.add_argument("--crime", type=int, metavar="ROWS",
                        help="instead: 'crime import' of a year of a force's police.uk files holding this many rows")
    args = parser.parse_args(argv)
    if args.page:
        done = bench_page(max(1, args.repeat), args.keep)
        print(page_table(done))
        if args.json:
            args.json.write_text(json.dumps(done, indent=2, default=str))
        return 0
    for wanted, run, shown in ((args.crime, bench_crime, crime_table), (args.years, bench_years, years_table)):
        if wanted:
            alone = run(wanted, max(1, args.repeat), args.keep)
            print(shown(alone))
            if args.json:
                args.json.write_text(json.dumps(alone, indent=2, default=str))
            return 0
    partners, rows, supporting = SCALES[args.scale]
    result = bench(args.partners or partners, args.actions_per_partner or rows,
                   supporting if args.supporting is None else args.supporting, args.keep, max(1, args.repeat))
    print(table(result))
    if args.json:
        args.json.write_text(json.dumps(result, indent=2, default=str))
    return 0 if result["check"]["wrong"] == 0 else 1


if __name__ == "__main__":
    sys.exit(main())
