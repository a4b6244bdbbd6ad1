"""Mutation testing of the modules that hold cspxl's rules, with cosmic-ray, on a copy of the checkout.

A test suite that passes says nothing about the rules it never looks at.  Mutation testing changes
one thing at a time in a rule (``<`` for ``<=``, ``4`` for ``3``, ``and`` for ``or``, a loop that never
runs, a decorator dropped), runs the tests that exercise that module, and counts the changes no
test noticed: each survivor is a rule that could break unseen, or a change that cannot matter.

    python scripts/mutation.py                                    # every module of rules (hours)
    python scripts/mutation.py -m periods -m master.trends        # some modules
    python scripts/mutation.py -m master.view --json view.json    # also write the results as JSON
    python scripts/mutation.py --list                             # the modules and the tests each runs
    python scripts/mutation.py -m cells --tests tests/test_cells.py   # other tests than the table's
    python scripts/mutation.py --keep /tmp/mut                    # keep the copies and sessions;
                                                                  # run again to finish an interrupted run
    python scripts/mutation.py --recheck /tmp/mut -m screening    # the survivors kept there, against
                                                                  # the tests as they stand now

It never touches the checkout it lives in (others run tests there): it copies ``HEAD`` (with
``--uncommitted``, the working tree as it is) into a temporary folder, and cosmic-ray mutates that
copy, one mutant at a time, putting each file back after each run.  Each module runs only the
test files that exercise it (``MODULES``; the quickest and most direct first), in file order
(``-p no:randomly``), stopping at the first failure (``-x``), since one failure kills a mutant.
Its tests are first run once unmutated, which must pass; a mutant whose run takes more than
``--timeout-factor`` times that (and at least ``--min-timeout`` seconds) counts as a timeout.

Left out, unless ``--all-operators``: mutations inside type annotations (under ``from __future__
import annotations`` they are never evaluated but by pydantic, where any change fails at import),
and the replacements of an arithmetic operator by ``**``, ``<<``, ``>>``, ``^``, ``|`` or ``&``
(almost always an instant TypeError, and a third of all mutants).

With ``--recheck FOLDER`` it mutates nothing new: it takes the survivors of the sessions an earlier
run kept in FOLDER and runs each again, its changed lines put in place of the same lines in a fresh
copy, against the tests as they are now.  A survivor whose lines are no longer in the code is "gone";
one whose run fails is killed by a test added since.  This is how a survivor is shown killed by the
test written for it, without hours of mutating everything again.

Prints a table of module, mutants, killed, survived, timeout, score (killed and timed out over all
tested; mutants whose run failed to start are counted as errors, outside the score) and the
seconds each took, then every surviving mutant with its file, line and diff.  Needs cosmic-ray
(``pip install cosmic-ray``), which is not among the test extras: this is not run in CI.
"""

from __future__ import annotations

import argparse
import ast
import hashlib
import json
import os
import queue
import re
import shlex
import shutil
import subprocess
import sys
import tarfile
import tempfile
import threading
import time
from collections.abc import Iterator
from concurrent.futures import ThreadPoolExecutor
from contextlib import contextmanager
from importlib.metadata import version
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent

#: Each module of rules and the test files that exercise it, the quickest and most direct first (a
#: mutant is killed by the first failure, so most runs stop early).  A folder stands for its files.
MODULES: dict[str, tuple[str, ...]] = {
    "cspxl/periods.py": ("tests/test_periods.py", "tests/plan/test_plan.py", "tests/test_date_rules.py",
                         "tests/test_cycle.py", "tests/test_year.py", "tests/mail/test_rounds.py"),
    "cspxl/workdays.py": ("tests/test_periods.py", "tests/test_date_rules.py", "tests/test_cycle.py",
                          "tests/mail/test_rounds.py"),
    "cspxl/master/view.py": ("tests/test_date_rules.py", "tests/test_cycle.py", "tests/master/test_master.py",
                             "tests/test_year.py", "tests/cli/test_cli.py", "tests/returns/test_corrections.py",
                             "tests/screening/test_personal_cycle.py", "tests/screening/test_screening.py",
                             "tests/mail/test_rounds.py", "tests/report/test_quarter_report.py",
                             "tests/report/test_year_report.py"),
    "cspxl/master/trends.py": ("tests/master/test_trends.py", "tests/test_year.py", "tests/master/test_master.py",
                               "tests/test_cycle.py"),
    "cspxl/returns/check.py": ("tests/screening/test_screening.py", "tests/returns/test_rejections.py",
                               "tests/returns/test_tamper.py", "tests/spreadsheets/test_formats.py",
                               "tests/spreadsheets/test_limits.py",
                               "tests/returns/test_rows_as_partners_leave_them.py", "tests/test_cycle.py",
                               "tests/returns/test_corrections.py", "tests/screening/test_personal_cycle.py",
                               "tests/spreadsheets/test_hostile.py"),
    "cspxl/returns/rows.py": ("tests/returns/test_rows.py", "tests/returns/test_rows_as_partners_leave_them.py",
                              "tests/spreadsheets/test_hostile.py", "tests/screening/test_screening.py",
                              "tests/returns/test_tamper.py", "tests/test_date_rules.py", "tests/test_cycle.py",
                              "tests/returns/test_rejections.py", "tests/returns/test_corrections.py",
                              "tests/spreadsheets/test_limits.py", "tests/spreadsheets/test_formats.py",
                              "tests/test_year.py", "tests/screening/test_personal_cycle.py"),
    "cspxl/cells.py": ("tests/test_cells.py", "tests/returns/test_rows.py", "tests/plan/test_measures.py",
                       "tests/returns/test_rows_as_partners_leave_them.py", "tests/spreadsheets/test_hostile.py",
                       "tests/test_date_rules.py", "tests/test_cycle.py", "tests/plan/test_plan.py",
                       "tests/spreadsheets/test_formats.py"),
    "cspxl/register/store.py": ("tests/test_cycle.py", "tests/returns/test_nothing_lost.py",
                                "tests/returns/test_corrections.py", "tests/returns/test_rejections.py",
                                "tests/test_date_rules.py", "tests/test_year.py", "tests/mail/test_rounds.py",
                                "tests/cli/test_cli.py", "tests/returns/test_figures.py", "tests/returns/test_tamper.py",
                                "tests/master/test_measures_sheet.py"),
    "cspxl/register/snapshot.py": ("tests/master/test_master.py", "tests/test_cycle.py", "tests/test_date_rules.py",
                                   "tests/test_year.py",
                                   "tests/returns/test_corrections.py", "tests/returns/test_nothing_lost.py",
                                   "tests/returns/test_figures.py", "tests/master/test_measures_sheet.py"),
    "cspxl/returns/figures.py": ("tests/returns/test_figures.py", "tests/returns/test_tamper.py",
                                 "tests/test_cycle.py", "tests/master/test_measures_sheet.py"),
    "cspxl/measures/standing.py": ("tests/master/test_measures_sheet.py", "tests/returns/test_figures.py",
                                   "tests/report/test_quarter_report.py"),
    "cspxl/screening": ("tests/screening/test_screening.py", "tests/returns/test_rows.py",
                        "tests/screening/test_personal_cycle.py"),
    "cspxl/measures/rules.py": ("tests/measures/test_rules.py",),
    "cspxl/mail/rounds.py": ("tests/mail/test_rounds.py", "tests/test_date_rules.py", "tests/cli/test_cli.py"),
}

#: Operators left out unless --all-operators: an arithmetic operator replaced by one that only
#: raises TypeError on dates, strings and counts.
_NOISE = re.compile(r"core/ReplaceBinaryOperator_\w+_(Pow|LShift|RShift|BitXor)$"
                    r"|core/ReplaceBinaryOperator_(Add|Sub|Mul|Div|FloorDiv|Mod|Pow)_(BitOr|BitAnd)$")
#: The pytest options of every run: file order, no cache written, stop at the first failure.
PYTEST = ("-x", "-q", "--no-header", "-p", "no:randomly", "-p", "no:cacheprovider")


# Which files, and which tests ------------------------------------------------------------------

def resolve(name: str) -> str:
    """A module as the table names it, from ``periods``, ``master.view`` (or ``view``), ``cspxl/cells.py``, ``screening``."""
    bare = name.strip().strip("/").removesuffix(".py").replace(".", "/").removeprefix("cspxl/")
    for key in MODULES:
        if key.removesuffix(".py").removeprefix("cspxl/") == bare:
            return key
    ends = [key for key in MODULES if key.removesuffix(".py").endswith(f"/{bare}")]
    if len(ends) == 1:
        return ends[0]
    path = f"cspxl/{bare}"
    if (ROOT / f"{path}.py").is_file():
        return f"{path}.py"
    if (ROOT / path).is_dir():
        return path
    raise SystemExit(f"{name}: no such module of cspxl; --list shows the usual ones.")


def files_of(module: str, root: Path) -> list[str]:
    """The Python files a module stands for (a folder: each of its files)."""
    path = root / module
    if path.is_dir():
        return sorted(str(p.relative_to(root)) for p in path.glob("*.py"))
    return [module]


def session_name(path: str) -> str:
    """The name of a file's session and its other kept files: ``screening.names`` for ``cspxl/screening/names.py``."""
    return path.removeprefix("cspxl/").removesuffix(".py").replace("/", ".")


def tests_of(module: str, given: list[str] | None) -> tuple[str, ...]:
    """The test files for a module: those given, its row of ``MODULES`` (or its folder's), or else the whole suite."""
    if given:
        return tuple(given)
    for key in (module, *(key for key in MODULES if module.startswith(key.rstrip("/") + "/"))):
        if key in MODULES:
            return MODULES[key]
    return ("tests",)


# The copy ------------------------------------------------------------------------------------

def describe_source(uncommitted: bool) -> str:
    """What the copy holds, for the report: ``HEAD 572d793``, or the working tree at that commit."""
    head = subprocess.run(["git", "-C", str(ROOT), "rev-parse", "--short", "HEAD"], capture_output=True,
                          text=True, check=True).stdout.strip()
    return f"working tree at {head} with uncommitted changes" if uncommitted else f"HEAD {head}"


def make_copy(dest: Path, uncommitted: bool) -> None:
    """``HEAD`` (or the working tree's files, tracked and untracked but not ignored) copied to ``dest``.

    Only reads the checkout: ``git archive`` and ``git ls-files`` change neither the working tree nor the index.
    """
    dest.mkdir(parents=True)
    if not uncommitted:
        archive = subprocess.run(["git", "-C", str(ROOT), "archive", "--format=tar", "HEAD"], capture_output=True,
                                 check=True).stdout
        with tempfile.TemporaryFile() as tar_file:
            tar_file.write(archive)
            tar_file.seek(0)
            with tarfile.open(fileobj=tar_file) as tar:
                tar.extractall(dest, filter="data")
        return
    listed = subprocess.run(["git", "-C", str(ROOT), "ls-files", "-z", "--cached", "--others", "--exclude-standard"],
                            capture_output=True, check=True).stdout.decode().split("\0")
    for name in filter(None, listed):
        source = ROOT / name
        if source.is_file():
            (dest / name).parent.mkdir(parents=True, exist_ok=True)
            shutil.copy2(source, dest / name)


def environment(copy: Path) -> dict[str, str]:
    """The environment of every test run: the copy's cspxl first on the path, ahead of an editable install."""
    env = dict(os.environ)
    env["PYTHONPATH"] = os.pathsep.join(filter(None, [str(copy), env.get("PYTHONPATH", "")]))
    return env


def check_imports_copy(copy: Path) -> None:
    """Stop unless a test run in the copy imports the copy's cspxl (a mutant elsewhere would go untested)."""
    done = subprocess.run([sys.executable, "-c", "import cspxl; print(cspxl.__file__)"], cwd=copy,
                          env=environment(copy), capture_output=True, text=True, check=True)
    if not Path(done.stdout.strip()).is_relative_to(copy):
        raise SystemExit(f"the tests would import cspxl from {done.stdout.strip()}, not from the copy {copy}")


# Which mutants to leave out ------------------------------------------------------------------

def annotation_spans(source: str) -> list[tuple[tuple[int, int], tuple[int, int]]]:
    """Where the type annotations are, as (line, column) pairs in characters, as cosmic-ray counts them."""
    lines = source.splitlines()

    def char_col(line: int, byte_col: int) -> int:
        return len(lines[line - 1].encode()[:byte_col].decode(errors="ignore"))

    spans = []
    for node in ast.walk(ast.parse(source)):
        annotations: list[ast.expr | None] = []
        if isinstance(node, ast.FunctionDef | ast.AsyncFunctionDef):
            args = node.args
            every = args.posonlyargs + args.args + args.kwonlyargs + [a for a in (args.vararg, args.kwarg) if a]
            annotations += [a.annotation for a in every] + [node.returns]
        elif isinstance(node, ast.AnnAssign):
            annotations.append(node.annotation)
        for a in annotations:
            if a is not None and a.end_lineno is not None and a.end_col_offset is not None:
                spans.append(((a.lineno, char_col(a.lineno, a.col_offset)),
                              (a.end_lineno, char_col(a.end_lineno, a.end_col_offset))))
    return spans


def leave_out(session: Path, copy: Path, all_operators: bool) -> int:
    """Mark the mutants not worth a run as skipped in the session (as cosmic-ray's own filters do); how many."""
    from cosmic_ray.work_db import WorkDB, use_db
    from cosmic_ray.work_item import WorkerOutcome, WorkResult

    spans: dict[str, list[tuple[tuple[int, int], tuple[int, int]]]] = {}
    skipped = 0
    with use_db(str(session), WorkDB.Mode.open) as db:
        for item in db.pending_work_items:
            m = item.mutations[0]
            path = str(m.module_path)
            if path not in spans:
                spans[path] = annotation_spans((copy / path).read_text(encoding="utf-8"))
            start = tuple(m.start_pos)
            reason = ("" if all_operators else "operator left out" if _NOISE.match(m.operator_name)
                      else "in a type annotation" if any(a <= start < b for a, b in spans[path]) else "")
            if reason:
                db.set_result(item.job_id, WorkResult(output=reason, worker_outcome=WorkerOutcome.SKIPPED))
                skipped += 1
    return skipped


# Running one module --------------------------------------------------------------------------

def cosmic_ray(*args: str, cwd: Path, env: dict[str, str]) -> subprocess.CompletedProcess[str]:
    """Run a cosmic-ray command, as this Python's module, in the copy."""
    return subprocess.run([sys.executable, "-m", "cosmic_ray.cli", *args], cwd=cwd, env=env, capture_output=True,
                          text=True, check=False)


def count_done(session: Path) -> tuple[int, int]:
    """Mutants with a result, and all mutants, in a session being run."""
    from cosmic_ray.work_db import WorkDB, use_db

    with use_db(str(session), WorkDB.Mode.open) as db:
        return db.num_results, db.num_work_items


def run_file(path: str, tests: tuple[str, ...], copy: Path, store: Path, args: argparse.Namespace) -> dict[str, Any]:
    """Mutate one file of the copy with cosmic-ray, running ``tests``; its counts and survivors.

    With a session already in ``store`` (a run interrupted with --keep), it carries on with that.
    """
    env = environment(copy)
    name = session_name(path)
    config, session, pristine = store / f"{name}.toml", store / f"{name}.sqlite", store / f"{name}.py.orig"
    target = copy / path
    present = [t for t in tests if (copy / t).exists()]
    missing = [t for t in tests if t not in present]
    started = time.monotonic()
    if pristine.exists():
        target.write_bytes(pristine.read_bytes())  # a run killed mid-mutant may have left its mutant there
    else:
        pristine.write_bytes(target.read_bytes())
    command = [sys.executable, "-m", "pytest", *PYTEST, f"--basetemp={store / ('tmp-' + name)}", *present]
    baseline = 0.0
    if not session.exists():
        # Unmutated, once: the tests must pass, this run's time sets the timeout, and it writes the
        # copy's .pyc files (cosmic-ray's own runs write none, so a mutant is never read from a stale one).
        t0 = time.monotonic()
        done = subprocess.run(command, cwd=copy, env=env, capture_output=True, text=True, check=False)
        baseline = time.monotonic() - t0
        if done.returncode != 0:
            return {"module": path, "tests": present, "error": "the tests fail without any mutant:\n"
                    + "\n".join((done.stdout + done.stderr).splitlines()[-15:])}
        timeout = max(args.min_timeout, args.timeout_factor * baseline)
        config.write_text("\n".join([
            "[cosmic-ray]",
            f"module-path = {json.dumps(path)}",
            f"timeout = {timeout:.1f}",
            "excluded-modules = []",
            f"test-command = {json.dumps(shlex.join(command))}",
            "",
            "[cosmic-ray.distributor]",
            'name = "local"',
            "",
        ]))
        made = cosmic_ray("init", str(config), str(session), cwd=copy, env=env)
        if made.returncode != 0:
            return {"module": path, "tests": present, "error": "cosmic-ray init failed:\n" + made.stderr[-2000:]}
        leave_out(session, copy, args.all_operators)
    finished, total = count_done(session)
    print(f"{path}: {total - finished} mutants to run, tests {' '.join(present)}"
          + (f" (baseline {baseline:.1f} s)" if baseline else " (carrying on)"), flush=True)
    log = store / f"{name}.log"
    with log.open("a") as log_file:
        runner = subprocess.Popen([sys.executable, "-m", "cosmic_ray.cli", "exec", str(config), str(session)],
                                  cwd=copy, env=env, stdout=log_file, stderr=subprocess.STDOUT)
    try:
        while True:
            try:
                runner.wait(timeout=args.progress)
                break
            except subprocess.TimeoutExpired:
                now_finished, _ = count_done(session)
                print(f"  {path}: {now_finished - finished}/{total - finished} after "
                      f"{time.monotonic() - started:.0f} s", flush=True)
    finally:
        if runner.poll() is None:  # interrupted: let cosmic-ray put the file back before it stops
            runner.terminate()
            runner.wait()
    if target.read_bytes() != pristine.read_bytes():
        raise SystemExit(f"{target} was left mutated; the copy is no longer {args.source}")
    if runner.returncode != 0:
        return {"module": path, "tests": present, "error": "cosmic-ray exec failed:\n" + log.read_text()[-2000:]}
    spent = store / f"{name}.seconds"  # over every run of this session, when one was carried on
    seconds = time.monotonic() - started + (float(spent.read_text()) if spent.exists() else 0.0)
    spent.write_text(f"{seconds:.1f}")
    result = tally(path, session)
    result.update(tests=present, missing_tests=missing, seconds=round(seconds, 1),
                  baseline_seconds=round(baseline, 1) or None,
                  timeout_seconds=float(re.findall(r"^timeout = (\S+)", config.read_text(), re.M)[0]))
    return result


def tally(path: str, session: Path) -> dict[str, Any]:
    """Counts of one file's session, and its survivors with line and diff."""
    from cosmic_ray.work_db import WorkDB, use_db
    from cosmic_ray.work_item import TestOutcome, WorkerOutcome

    counts = dict.fromkeys(("mutants", "killed", "survived", "timeout", "errors", "left_out"), 0)
    survivors = []
    with use_db(str(session), WorkDB.Mode.open) as db:
        for item, result in db.completed_work_items:
            m = item.mutations[0]
            if result.worker_outcome == WorkerOutcome.SKIPPED:
                counts["left_out"] += 1
                continue
            counts["mutants"] += 1
            if result.worker_outcome != WorkerOutcome.NORMAL or result.test_outcome == TestOutcome.INCOMPETENT:
                counts["errors"] += 1
            elif result.test_outcome == TestOutcome.SURVIVED:
                counts["survived"] += 1
                survivors.append({"module": path, "line": m.start_pos[0], "column": m.start_pos[1],
                                  "operator": m.operator_name.removeprefix("core/"), "in": m.definition_name,
                                  "diff": _hunk(result.diff or "")})
            elif result.output == "timeout":
                counts["timeout"] += 1
            else:
                counts["killed"] += 1
        counts["pending"] = db.num_work_items - db.num_results
    tested = counts["killed"] + counts["timeout"] + counts["survived"]
    score = round(100 * (counts["killed"] + counts["timeout"]) / tested, 1) if tested else None
    survivors.sort(key=lambda s: (s["line"], s["column"], s["operator"]))
    return {"module": path, **counts, "score": score, "survivors": survivors}


def _hunk(diff: str) -> str:
    """A unified diff without its file header lines."""
    return "\n".join(line for line in diff.splitlines() if not line.startswith(("---", "+++")))


# Reporting -----------------------------------------------------------------------------------

def table(results: list[dict[str, Any]]) -> str:
    """One line per file (and a total), then what was left out or not run."""
    lines = [f"{'module':34} {'mutants':>8} {'killed':>7} {'survived':>9} {'timeout':>8} {'score':>7} "
             f"{'errors':>7} {'seconds':>8}"]
    for r in results:
        if "error" in r:
            lines.append(f"{r['module']:34} not run: {r['error'].splitlines()[0]}")
            continue
        score = "-" if r["score"] is None else f"{r['score']:.1f}%"
        lines.append(f"{r['module']:34} {r['mutants']:8} {r['killed']:7} {r['survived']:9} {r['timeout']:8} "
                     f"{score:>7} {r['errors']:7} {r['seconds']:8.0f}")
    ran = [r for r in results if "error" not in r]
    if len(ran) > 1:
        k, s, t = (sum(r[c] for r in ran) for c in ("killed", "survived", "timeout"))
        score = f"{100 * (k + t) / (k + s + t):.1f}%" if k + s + t else "-"
        lines.append(f"{'all':34} {sum(r['mutants'] for r in ran):8} {k:7} {s:9} {t:8} {score:>7} "
                     f"{sum(r['errors'] for r in ran):7} {sum(r['seconds'] for r in ran):8.0f}")
    left_out = sum(r["left_out"] for r in ran)
    if left_out:
        lines.append(f"left out and not counted: {left_out} mutants in type annotations or of noisy operators")
    pending = sum(r.get("pending", 0) for r in ran)
    if pending:
        lines.append(f"not yet run: {pending} mutants (run again with the same --keep to finish)")
    for r in ran:
        if r["missing_tests"]:
            lines.append(f"{r['module']}: no {', '.join(r['missing_tests'])} in the copy, so not run")
    return "\n".join(lines)


def survivors_text(results: list[dict[str, Any]]) -> str:
    """Each surviving mutant: where, which operator, and the line as it was and as mutated (the JSON has the hunk)."""
    found = [s for r in results for s in r.get("survivors", [])]
    if not found:
        return "No mutant survived."
    lines = [f"Surviving mutants ({len(found)}):"]
    for s in found:
        lines.append(f"\n{s['module']}:{s['line']}  {s['operator']}  (in {s['in'] or 'the module'})")
        lines += [f"    {line}" for line in s["diff"].splitlines() if line.startswith(("-", "+")) and line[1:].strip()]
    return "\n".join(lines)


# Re-running survivors -------------------------------------------------------------------------

def apply_hunk(source: str, hunk: str, line: int) -> str | None:
    """``source`` with a mutant's removed lines replaced by its added ones, where they stand nearest the
    line it was made on; None when those lines are no longer in the source."""
    lines = source.splitlines(keepends=True)
    removed = [row[1:] for row in hunk.splitlines() if row.startswith("-")]
    added = [row[1:] + "\n" for row in hunk.splitlines() if row.startswith("+")]
    if not removed:
        return None
    spots = [i for i in range(len(lines) - len(removed) + 1)
             if [row.rstrip("\n") for row in lines[i:i + len(removed)]] == removed]
    if not spots:
        return None
    at = min(spots, key=lambda i: abs(i + 1 - line))
    return "".join(lines[:at] + added + lines[at + len(removed):])


def uncached(copy: Path) -> dict[str, str]:
    """A copy's test environment writing no .pyc, so that no mutant is ever read from a stale one."""
    return {**environment(copy), "PYTHONDONTWRITEBYTECODE": "1"}


def recheck_file(path: str, tests: tuple[str, ...], session: Path, copies: queue.Queue[Path],
                 args: argparse.Namespace) -> dict[str, Any]:
    """Each survivor of one file's kept session run again against the tests as they are now."""
    survivors = tally(path, session)["survivors"]
    copy = copies.get()
    try:
        present = [t for t in tests if (copy / t).exists()]
        command = [sys.executable, "-m", "pytest", *PYTEST, *present]
        t0 = time.monotonic()
        done = subprocess.run(command, cwd=copy, env=uncached(copy), capture_output=True, text=True, check=False)
        if done.returncode != 0:
            return {"module": path, "error": "the tests fail without any mutant:\n"
                    + "\n".join((done.stdout + done.stderr).splitlines()[-15:])}
        timeout = max(args.min_timeout, args.timeout_factor * (time.monotonic() - t0))
    finally:
        copies.put(copy)
    pristine = (copy / path).read_text(encoding="utf-8")

    def one(survivor: dict[str, Any]) -> str:
        mutated = apply_hunk(pristine, survivor["diff"], survivor["line"])
        if mutated is None:
            return "gone"
        where = copies.get()
        target = where / path
        try:
            for cached in (target.parent / "__pycache__").glob(f"{target.stem}.*.pyc"):
                cached.unlink()
            target.write_text(mutated, encoding="utf-8")
            try:
                run = subprocess.run(command, cwd=where, env=uncached(where), capture_output=True, text=True,
                                     check=False, timeout=timeout)
                return "survived" if run.returncode == 0 else "killed"
            except subprocess.TimeoutExpired:
                return "timeout"
        finally:
            target.write_text(pristine, encoding="utf-8")
            copies.put(where)

    with ThreadPoolExecutor(args.jobs) as pool:
        outcomes = list(pool.map(one, survivors))
    for survivor, outcome in zip(survivors, outcomes, strict=True):
        survivor["now"] = outcome
    counts = {k: outcomes.count(k) for k in ("killed", "timeout", "survived", "gone")}
    print(f"{path}: {len(survivors)} survivors: " + ", ".join(f"{n} {k}" for k, n in counts.items()), flush=True)
    return {"module": path, "survivors": survivors, **counts}


def recheck(args: argparse.Namespace, work: Path) -> list[dict[str, Any]]:
    """The survivors of the sessions kept in ``args.recheck``, each file's in turn, ``--jobs`` at a time."""
    copies: queue.Queue[Path] = queue.Queue()
    for n in range(args.jobs):
        copy = work / f"copy-{n}"
        make_copy(copy, args.uncommitted)
        check_imports_copy(copy)
        copies.put(copy)
    results = []
    for module, tests in args.units:
        for path in files_of(module, work / "copy-0"):
            session = args.recheck / f"{session_name(path)}.sqlite"
            if session.exists():
                results.append(recheck_file(path, tests, session, copies, args))
            elif args.modules:
                print(f"{path}: no session {session} to re-check", flush=True)
    return results


def recheck_text(results: list[dict[str, Any]]) -> str:
    """One line per file, then each survivor that still survives, with its line as mutated."""
    lines = [f"{'module':34} {'survivors':>9} {'killed':>7} {'timeout':>8} {'survived':>9} {'gone':>5}"]
    for r in results:
        if "error" in r:
            lines.append(f"{r['module']:34} not run: {r['error'].splitlines()[0]}")
            continue
        lines.append(f"{r['module']:34} {len(r['survivors']):9} {r['killed']:7} {r['timeout']:8} {r['survived']:9} "
                     f"{r['gone']:5}")
    left = [s for r in results for s in r.get("survivors", []) if s["now"] == "survived"]
    lines.append("" if left else "\nEvery survivor is now killed or gone.")
    for s in left:
        lines.append(f"{s['module']}:{s['line']}  {s['operator']}")
        lines += [f"    {row}" for row in s["diff"].splitlines() if row.startswith("+") and row[1:].strip()]
    return "\n".join(lines)


# The run -------------------------------------------------------------------------------------

@contextmanager
def workdir(keep: Path | None) -> Iterator[Path]:
    """The folder for the copies and sessions: ``keep`` (kept), else a temporary one (removed)."""
    if keep is not None:
        keep.mkdir(parents=True, exist_ok=True)
        yield keep.resolve()
        return
    with tempfile.TemporaryDirectory(prefix="cspxl-mutation-") as tmp:
        yield Path(tmp)


def fingerprint(paths: list[str]) -> dict[str, str]:
    """The checkout's own files' hashes, to show at the end that the run left them as they were."""
    return {p: hashlib.sha256((ROOT / p).read_bytes()).hexdigest() if (ROOT / p).exists() else "" for p in paths}


def run(args: argparse.Namespace, work: Path) -> list[dict[str, Any]]:
    """Every file of the chosen modules, ``--jobs`` at a time, each job in a copy of its own; their results."""
    source_note = work / "source.txt"
    if source_note.exists() and source_note.read_text() != args.source:
        raise SystemExit(f"{work} holds a run of {source_note.read_text()}, not of {args.source}: use another --keep")
    source_note.write_text(args.source)
    copies: queue.Queue[Path] = queue.Queue()
    for n in range(args.jobs):
        copy = work / f"copy-{n}"
        if not copy.exists():
            make_copy(copy, args.uncommitted)
        check_imports_copy(copy)
        copies.put(copy)
    jobs = [(f, tests) for module, tests in args.units for f in files_of(module, work / "copy-0")]
    lock = threading.Lock()

    def one(job: tuple[str, tuple[str, ...]]) -> dict[str, Any]:
        copy = copies.get()
        try:
            result = run_file(job[0], job[1], copy, work, args)
        finally:
            copies.put(copy)
        with lock:
            done = "not run" if "error" in result else (f"{result['killed']} killed, {result['survived']} survived, "
                                                        f"{result['timeout']} timeout in {result['seconds']:.0f} s")
            print(f"{job[0]}: {done}", flush=True)
        return result

    with ThreadPoolExecutor(args.jobs) as pool:
        return list(pool.map(one, jobs))


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("-m", "--module", action="append", dest="modules", metavar="MODULE",
                        help="a module of cspxl (periods, master.view, cspxl/cells.py, screening); "
                             "again for more; default: every module in the table")
    parser.add_argument("--tests", nargs="+", metavar="PATH", help="run these test files instead of the table's")
    parser.add_argument("--list", action="store_true", help="print the modules and their tests, and stop")
    parser.add_argument("--json", type=Path, help="also write the results as JSON")
    parser.add_argument("--keep", type=Path,
                        help="keep the copies and cosmic-ray's sessions in this folder (cr-report and cr-html read "
                             "them); run again with the same folder to finish an interrupted run")
    parser.add_argument("--recheck", type=Path, metavar="FOLDER",
                        help="run again the survivors of the sessions an earlier --keep left in FOLDER, against "
                             "the tests as they are now (default: every module with a session there)")
    parser.add_argument("--uncommitted", action="store_true",
                        help="test the working tree's files as they are, not HEAD")
    parser.add_argument("--jobs", type=int, default=1, help="files mutated at once, each in a copy of its own")
    parser.add_argument("--all-operators", action="store_true",
                        help="keep the mutants left out by default (in annotations, noisy operators)")
    parser.add_argument("--timeout-factor", type=float, default=3.0,
                        help="a mutant's run may take this many times the unmutated run (default 3)")
    parser.add_argument("--min-timeout", type=float, default=60.0, help="seconds a mutant's run may always take")
    parser.add_argument("--progress", type=float, default=60.0, help="seconds between progress lines")
    args = parser.parse_args(argv)
    modules = [resolve(m) for m in args.modules] if args.modules else list(MODULES)
    args.units = [(m, tests_of(m, args.tests)) for m in modules]
    if args.list:
        for module, tests in args.units:
            print(f"{module}\n    " + "\n    ".join(tests))
        return 0
    try:
        import cosmic_ray  # noqa: F401
    except ImportError:
        raise SystemExit("cosmic-ray is not installed here: pip install cosmic-ray") from None
    args.source = describe_source(args.uncommitted)
    if args.recheck is not None:
        if not args.recheck.is_dir():
            raise SystemExit(f"{args.recheck}: no such folder of kept sessions")
        with workdir(None) as work:
            print(f"re-checking the survivors kept in {args.recheck} against {args.source}", flush=True)
            results = recheck(args, work)
        print()
        print(recheck_text(results))
        if args.json:
            args.json.write_text(json.dumps({"source": args.source, "recheck": results}, indent=2))
        return 1 if any("error" in r for r in results) else 0
    watched = [f for m in modules for f in files_of(m, ROOT)]
    before = fingerprint(watched)
    started = time.monotonic()
    with workdir(args.keep) as work:
        print(f"mutating a copy of {args.source} in {work}", flush=True)
        results = run(args, work)
    if fingerprint(watched) != before:
        print(f"note: the files of {ROOT} changed during the run (someone else's edit; the run used its copy)")
    print()
    print(table(results))
    print()
    print(survivors_text(results))
    summary = {"tool": f"cosmic-ray {version('cosmic-ray')}", "source": args.source,
               "all_operators": args.all_operators, "seconds": round(time.monotonic() - started, 1),
               "modules": [{k: v for k, v in r.items() if k != "survivors"} for r in results],
               "survivors": [s for r in results for s in r.get("survivors", [])]}
    if args.json:
        args.json.write_text(json.dumps(summary, indent=2))
    return 1 if any("error" in r for r in results) else 0


if __name__ == "__main__":
    sys.exit(main())
