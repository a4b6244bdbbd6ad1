"""Spreading trusted work (writing workbooks) over every core, in worker processes that start clean."""

from __future__ import annotations

import os
from collections.abc import Callable, Iterator, Sequence
from concurrent.futures import ProcessPoolExecutor
from typing import Any, TypeVar

from . import platform

T = TypeVar("T")
R = TypeVar("R")

#: Below this many items the work is done here: starting workers would cost more than it saves.
SERIAL_BELOW = 16


def pmap(fn: Callable[[T], R], items: Sequence[T], init: Callable[..., None], initargs: tuple[Any, ...]) -> Iterator[R]:
    """``fn(item) for item in items``, in order, on every core when there is enough work.

    Results come as they are ready, so the caller can use each (and report progress) while the
    workers go on.  ``init(*initargs)`` runs once in each worker (and here, for the serial case),
    so large shared inputs such as the plan are sent once per worker rather than once per item.
    """
    workers = min(os.cpu_count() or 1, len(items))
    if workers < 2 or len(items) < SERIAL_BELOW:
        init(*initargs)
        yield from (fn(item) for item in items)
        return
    with ProcessPoolExecutor(workers, mp_context=platform.context(), initializer=init, initargs=initargs) as pool:
        yield from pool.map(fn, items, chunksize=max(1, min(32, len(items) // (workers * 8))))
