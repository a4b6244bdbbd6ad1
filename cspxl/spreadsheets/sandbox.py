"""Parsing untrusted files in worker processes, each with a memory and a processor-time limit.

A parser can be made to abort the whole process (python-calamine does on a sheet claiming cells at
A1 and XFD1048576) or to exhaust memory or time.  Parsing therefore happens in workers: a file
that crashes its worker, runs out of memory or takes too long is rejected on its own, and the
rest of the batch carries on.  The workers also use every core.

Time is counted in processor seconds spent on the file, never in seconds of the clock: on a busy
laptop a worker may wait long for a core, and a good return must not be refused for that.  Where
the kernel keeps limits (Linux), the worker sets its processor-time limit (``RLIMIT_CPU``) before
each file and turns its signal into a refusal, and its memory limit (``RLIMIT_AS``) once; a reader
stuck in native code, which cannot take the signal, is found by the coordinating process from the
worker's processor time, and its worker ended.  Elsewhere (Windows, macOS) the coordinating
process watches each worker's processor time and memory itself, and ends one that goes past
either (see :mod:`.platform`): the same files are refused, in the same sentences.
"""

from __future__ import annotations

import atexit
import os
from collections.abc import Callable, Iterable, Iterator
from concurrent.futures import Future, ProcessPoolExecutor
from concurrent.futures import TimeoutError as FutureTimeout
from concurrent.futures.process import BrokenProcessPool
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from ..errors import OutOfMemory, OutOfTime, ReadError, SandboxError
from . import platform
from .book import Book
from .limits import SEND_AGAIN
from .read import read_workbook

#: Address space a worker may use; a return needs a few tens of MB to parse.
MEMORY_LIMIT = 1536 * 2**20
#: Processor seconds a file may take to read and check; a return takes a hundredth of one.
TIME_LIMIT = 60.0
#: Processor seconds past the limit after which a worker that has not taken its signal (a reader
#: busy in native code) is ended by the coordinating process.
GRACE = 5.0
#: Seconds of the clock between looks at the workers' processor time while waiting for a file.
_LOOK_EVERY = 1.0
#: Seconds between looks at the workers' memory, where the coordinating process keeps their limit: a reader
#: running away with memory takes a gigabyte in about half a second.
_WATCH_EVERY = 0.05
#: Files handed to a worker at once: one message for several files costs this process far less
#: than one each.  A chunk that crashes its worker or runs out of time has its files tried alone.
CHUNK = 4


@dataclass(frozen=True)
class _Refusal:
    """A worker's refusal of a file, sent back as data (exceptions pickle badly)."""

    message: str
    advice: str


Parser = Callable[[str, bytes], Book]
#: Further work on a book in the worker, given the book and the file's bytes (checking it, say).
Then = Callable[[Book, bytes], Any]


def parse(name: str, content: bytes) -> Book:
    """The default work: read a workbook (with python-calamine where it can)."""
    return read_workbook(Path(name), content)


def parse_exact(name: str, content: bytes) -> Book:
    """Read a workbook without python-calamine, for a file that made it crash."""
    return read_workbook(Path(name), content, exact=True)


def _guarded(parser: Parser, then: Then | None, name: str, content: bytes, limit: float) -> Any:
    """Run the parser (and ``then``) in the worker: the book, what ``then`` made of it, or a refusal.

    Any failure of the parser on a crafted file is a refusal; ``then`` is cspxl's own code, so only
    its :class:`ReadError` is, and anything else it raises is a bug that reaches the caller.  Both
    share the file's ``limit`` of processor seconds.
    """
    try:
        with platform.processor_time(limit):
            try:
                book = parser(name, content)
            except ReadError as exc:
                return _Refusal(str(exc), exc.advice)
            except MemoryError:
                return _Refusal(TOO_MUCH_MEMORY, SEND_AGAIN)
            except (OutOfTime, KeyboardInterrupt, SystemExit):
                raise
            except BaseException:  # a parser's own failure on a crafted file (a Rust panic too) is a refusal
                return _Refusal("could not be read by cspxl's spreadsheet readers (it is damaged or crafted)",
                                SEND_AGAIN)
            if then is None:
                return book
            try:
                return then(book, content)
            except ReadError as exc:
                return _Refusal(str(exc), exc.advice)
    except OutOfTime:
        return _Refusal(too_long(limit), SEND_AGAIN)


#: Why a file was refused for memory (completing "the file …").
TOO_MUCH_MEMORY = "needs more memory to read than any return could"


def too_long(limit: float) -> str:
    """Why a file was refused for time (completing "the file …")."""
    seconds = f"{limit:g} second{'' if limit == 1 else 's'}"
    return f"took more than {seconds} of processor time to read, far longer than any return"


def _guarded_chunk(parser: Parser, then: Then | None, chunk: list[tuple[str, bytes]], limit: float) -> list[Any]:
    return [_guarded(parser, then, name, content, limit) for name, content in chunk]


class Sandbox:
    """A pool of limited worker processes that reads files in order, isolating each failure.

    A file that crashes its worker even when read alone is read again with ``fallback``, if
    given; if that crashes too (or there is none), the file is refused.
    """

    def __init__(self, workers: int | None = None, memory: int = MEMORY_LIMIT, timeout: float = TIME_LIMIT,
                 parser: Parser = parse, fallback: Parser | None = None, grace: float = GRACE) -> None:
        self.workers = max(1, workers or os.cpu_count() or 1)
        self.memory, self.timeout, self.parser, self.fallback = memory, timeout, parser, fallback
        self.grace = grace
        self._pool: ProcessPoolExecutor | None = None
        self._watch: _MemoryWatch | None = None

    def _executor(self, workers: int) -> ProcessPoolExecutor:
        if self._pool is None:
            # Workers start clean (a forkserver or spawn), never as a copy of this process with threads running.
            self._pool = ProcessPoolExecutor(workers, mp_context=platform.context(), initializer=platform.limit_worker,
                                             initargs=(self.memory,))
            if not platform.current().kernel_limits:
                self._watch = _MemoryWatch(self._pool, self.memory)
        return self._pool

    def _discard(self) -> None:
        """Drop a broken or stuck pool, killing its workers."""
        pool, self._pool = self._pool, None
        watch, self._watch = self._watch, None
        if watch is not None:
            watch.stop()
        if pool is None:
            return
        for process in list(getattr(pool, "_processes", {}).values()):
            process.kill()
        pool.shutdown(wait=True, cancel_futures=True)

    def close(self) -> None:
        self._discard()

    def _check_workers_start(self) -> None:
        """Before blaming a file for a crash, make sure a worker can run at all."""
        self._discard()
        try:  # a worker starting on a busy machine may wait long for a core: a minute at least
            ok = self._executor(1).submit(_probe).result(timeout=max(self.timeout, 60)) == "ok"
        except (BrokenProcessPool, FutureTimeout, OSError) as exc:
            ok, reason = False, f"{type(exc).__name__}: {exc}"
        else:
            reason = ""
        finally:
            self._discard()
        if not ok:
            raise SandboxError(f"cspxl could not start the worker processes that read returns ({reason}); "
                               "if you call it from a script, put the calls under 'if __name__ == \"__main__\":'.")

    def read(self, items: Iterable[tuple[str, bytes]]) -> Iterator[Book | ReadError]:
        """Each item's book or refusal, in the order given."""
        return self.submit(items).results()

    def submit(self, items: Iterable[tuple[str, bytes]], then: Then | None = None) -> Submitted:
        """Start reading the items in the workers; :meth:`Submitted.results` waits for them.

        ``then`` is further work on each book in the worker (checking it, say); it must be
        picklable (a module-level function, or an instance of a module-level class).  Submitting
        the next batch before taking the results of this one keeps the workers busy meanwhile.
        """
        items = list(items)
        todo = list(range(len(items)))
        return Submitted(self, items, then, self._submit(items, self.parser, then, todo, self.workers))

    def _submit(self, items: list[tuple[str, bytes]], parser: Parser, then: Then | None, todo: list[int],
                workers: int) -> dict[int, _Place] | None:
        """Where each item's result will be, or ``None`` if the pool broke before it could take the work.

        Items go to the workers in chunks of up to :data:`CHUNK`, spread so that every worker has some.
        """
        pool = self._executor(workers)
        size = max(1, min(CHUNK, len(todo) // workers))
        places: dict[int, _Place] = {}
        try:
            for start in range(0, len(todo), size):
                chunk = todo[start:start + size]
                future = pool.submit(_guarded_chunk, parser, then, [items[i] for i in chunk], self.timeout)
                places.update({i: _Place(future, n, len(chunk)) for n, i in enumerate(chunk)})
        except BrokenProcessPool:
            self._discard()
            return None
        return places

    def _run(self, items: list[tuple[str, bytes]], parser: Parser, then: Then | None, todo: list[int],
             results: dict[int, Any], workers: int, tries: int = 2) -> None:
        self._collect(items, parser, then, todo, self._submit(items, parser, then, todo, workers), results, workers,
                      tries)

    def _collect(self, items: list[tuple[str, bytes]], parser: Parser, then: Then | None, todo: list[int],
                 places: dict[int, _Place] | None, results: dict[int, Any], workers: int, tries: int = 2) -> None:
        """Each item's result into ``results``; a file that broke its worker is tried again alone, and blamed
        only when it breaks its lone worker ``tries`` times (a worker can die of something else: a machine
        short of memory), after checking that a worker can run at all."""
        suspects: list[int] = [] if places is not None else [-1]
        places = places or {}
        for i in todo:
            if suspects or i not in places:  # the pool is broken: everything after the break is tried again
                suspects.append(i)
                continue
            place = places[i]
            try:
                results[i] = _outcome(self._wait(place.future)[place.index])
            except FutureTimeout:
                self._discard()
                if place.size > 1:  # which of the chunk's files is slow is found by trying each alone
                    suspects.append(i)
                    continue
                results[i] = ReadError(too_long(self.timeout), "ask the partner to send the return they were sent")
                suspects.append(-1)
            except OutOfMemory:  # a worker ended for its memory: blamed only when it read this file alone
                self._discard()
                if place.size > 1 or workers > 1:
                    suspects.append(i)
                    continue
                results[i] = ReadError(TOO_MUCH_MEMORY, SEND_AGAIN)
                suspects.append(-1)
            except BrokenProcessPool:
                self._discard()
                suspects.append(i)
            except Exception as exc:  # a result that could not come back, or a fault in cspxl's own checks
                if place.size > 1:  # the other files of the chunk are not to blame: each is tried alone
                    suspects.append(i)
                    continue
                results[i] = ReadError(f"could not be checked, because cspxl failed on it ({type(exc).__name__}: "
                                       f"{exc})", "report this to cspxl's developers, with the file; the rest of "
                                                  "the batch was read")
        suspects = [i for i in suspects if i >= 0]
        if not suspects:
            return
        if len(suspects) == 1 and workers == 1:
            self._check_workers_start()
            if tries > 1:
                self._run(items, parser, then, suspects, results, 1, tries - 1)
                return
            # Alone in its own worker, it broke it every time: this file is the cause.
            if self.fallback is not None and parser is not self.fallback:
                self._run(items, self.fallback, then, suspects, results, 1)
                return
            results[suspects[0]] = ReadError("made the spreadsheet reader crash (it is malformed or crafted)",
                                             "ask the partner to save the return again from Excel and send it")
            return
        for i in suspects:  # one at a time, so a crash points at its own file
            self._run(items, parser, then, [i], results, 1)
        self._discard()  # back to a full-width pool for the next batch


    def _wait(self, future: Future[list[Any]]) -> list[Any]:
        """The chunk's results, however long the clock says; :class:`FutureTimeout` only once a
        worker has spent more processor time since the wait began than a file may have (a reader in
        native code does not take the signal that ends a slow file; the worker is working on something
        no return needs).  A worker waiting for a core spends none.  Where the kernel keeps no memory
        limit, a worker past :attr:`memory` is ended, and :class:`OutOfMemory` raised."""
        started = {pid: seconds for pid, (seconds, _) in self._usage().items()}
        while True:
            try:
                return future.result(timeout=_LOOK_EVERY)
            except FutureTimeout:
                if self._watch is not None and self._watch.ended:
                    raise OutOfMemory from None
                if any(seconds - started.get(pid, 0.0) > self.timeout + self.grace
                       for pid, (seconds, _) in self._usage().items()):
                    raise
            except BrokenProcessPool:
                if self._watch is not None and self._watch.ended:  # this process ended it: for its memory
                    raise OutOfMemory from None
                raise

    def _usage(self) -> dict[int, tuple[float, int]]:
        """Each live worker's processor seconds and memory, by process ID."""
        return platform.usage(list(getattr(self._pool, "_processes", None) or {}))


class _MemoryWatch:
    """Where the kernel keeps no memory limit: a thread of the coordinating process that looks at each
    worker's memory every :data:`_WATCH_EVERY` seconds, and ends a worker past ``limit`` (``ended`` then
    says so, for the file it was reading to be refused)."""

    def __init__(self, pool: ProcessPoolExecutor, limit: int) -> None:
        import threading

        self.pool, self.limit, self.ended = pool, limit, False
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._run, name="cspxl memory watch", daemon=True)
        self._thread.start()

    def _run(self) -> None:
        while not self._stop.wait(_WATCH_EVERY):
            for pid, (_, memory) in platform.usage(list(getattr(self.pool, "_processes", None) or {})).items():
                if memory > self.limit:
                    self.ended = True
                    platform.end(pid)

    def stop(self) -> None:
        self._stop.set()
        self._thread.join()


@dataclass(frozen=True)
class _Place:
    """Where an item's result will be: its chunk's future, its place in the chunk, the chunk's size."""

    future: Future[list[Any]]
    index: int
    size: int


class Submitted:
    """Work handed to the sandbox's workers, not yet waited for."""

    def __init__(self, sandbox: Sandbox, items: list[tuple[str, bytes]], then: Then | None,
                 places: dict[int, _Place] | None) -> None:
        self._sandbox, self._items, self._then, self._places = sandbox, items, then, places

    def results(self) -> Iterator[Any]:
        """Each item's book (or what ``then`` made of it) or its :class:`ReadError`, in the order given."""
        results: dict[int, Any] = {}
        todo = list(range(len(self._items)))
        sandbox = self._sandbox
        sandbox._collect(self._items, sandbox.parser, self._then, todo, self._places, results, sandbox.workers)
        for i in todo:
            yield results[i]


def _probe() -> str:
    return "ok"


def _outcome(value: Any) -> Any:
    return ReadError(value.message, value.advice) if isinstance(value, _Refusal) else value


_shared: Sandbox | None = None


def shared() -> Sandbox:
    """One sandbox per process, reused by every ingest, so workers start once."""
    global _shared
    if _shared is None:
        _shared = Sandbox(fallback=parse_exact)
        atexit.register(_shared.close)
    return _shared
