"""What differs between Linux, macOS and Windows for the worker processes that read files, decided once.

On Linux the kernel limits each worker: ``RLIMIT_AS`` caps its memory (an allocation past it fails
in the worker, as a ``MemoryError``), and ``RLIMIT_CPU`` sends ``SIGXCPU`` once a file has used its
processor seconds; workers start from a forkserver, clean.  Windows has no ``resource``, no
``SIGXCPU`` and no forkserver, and macOS does not enforce ``RLIMIT_AS``: there the workers start with
``spawn``, and the coordinating process enforces both limits itself, watching each worker's memory
and processor time through psutil and ending one that goes past them.  Either way a file that goes
past a limit is refused in one sentence.  Nothing else in cspxl asks which system it is on.
"""

from __future__ import annotations

import functools
import multiprocessing
import os
import signal
import sys
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from typing import Any

from ..errors import OutOfTime


@dataclass(frozen=True)
class Platform:
    """How worker processes start here, and who limits them."""

    #: ``forkserver`` where the kernel limits the workers, ``spawn`` everywhere else.
    start_method: str
    #: Whether each worker limits itself through the kernel (``RLIMIT_AS``, ``RLIMIT_CPU``); if not, the
    #: coordinating process watches the workers and ends one past its limits.
    kernel_limits: bool

    @property
    def name(self) -> str:
        return "kernel limits" if self.kernel_limits else "portable"


@functools.cache
def current() -> Platform:
    """This system's :class:`Platform` (decided once)."""
    kernel = (sys.platform.startswith("linux") and _resource() is not None and hasattr(signal, "SIGXCPU")
              and "forkserver" in multiprocessing.get_all_start_methods())
    return Platform(start_method="forkserver" if kernel else "spawn", kernel_limits=kernel)


def context() -> Any:
    """The multiprocessing context workers start in."""
    return multiprocessing.get_context(current().start_method)


def _resource() -> Any:
    try:
        import resource
    except ImportError:  # Windows
        return None
    return resource


def limit_worker(memory: int) -> None:
    """Start a worker: its memory limit and its handler for running out of processor time where the kernel
    keeps them, and its output silenced everywhere: a reader that aborts (Rust's panic message) or prints
    warnings (xlrd writes to standard output) must not spill onto the coordinator's screen."""
    resource = _resource()
    if current().kernel_limits and resource is not None:
        resource.setrlimit(resource.RLIMIT_AS, (memory, memory))
        signal.signal(signal.SIGXCPU, _out_of_time)
    devnull = os.open(os.devnull, os.O_WRONLY)
    os.dup2(devnull, 1)
    os.dup2(devnull, 2)
    os.close(devnull)


@contextmanager
def processor_time(limit: float) -> Iterator[None]:
    """In a worker, around one file: where the kernel keeps limits, it sends SIGXCPU once the worker has
    used ``limit`` more processor seconds (raising :class:`OutOfTime` here); elsewhere the coordinating
    process counts them and ends the worker."""
    resource = _resource()
    if not current().kernel_limits or resource is None:
        yield
        return
    import math

    hard = resource.getrlimit(resource.RLIMIT_CPU)[1]
    used = resource.getrusage(resource.RUSAGE_SELF)
    soft = math.ceil(used.ru_utime + used.ru_stime + limit)
    resource.setrlimit(resource.RLIMIT_CPU, (soft if hard == resource.RLIM_INFINITY else min(soft, hard), hard))
    try:
        yield
    finally:
        resource.setrlimit(resource.RLIMIT_CPU, (hard, hard))


def _out_of_time(signum: int, frame: object) -> None:
    raise OutOfTime


def usage(pids: list[int]) -> dict[int, tuple[float, int]]:
    """Each live process's processor seconds and resident memory in bytes, by ID (one that has ended is left
    out: its pool reports that itself)."""
    import psutil

    seen: dict[int, tuple[float, int]] = {}
    for pid in pids:
        try:
            process = psutil.Process(pid)
            with process.oneshot():
                times, memory = process.cpu_times(), process.memory_info().rss
        except psutil.Error:
            continue
        seen[pid] = (times.user + times.system, memory)
    return seen


def end(pid: int) -> None:
    """End a worker at once (one past its limits)."""
    import psutil

    try:
        psutil.Process(pid).kill()
    except psutil.Error:
        pass
