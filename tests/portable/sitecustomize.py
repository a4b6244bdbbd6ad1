"""Python as Windows has it, on Linux: put this folder on PYTHONPATH and every interpreter started with it
(the spawned workers too) has no ``resource``, ``fcntl``, ``termios``, ``pwd`` or ``grp``, no ``os.fork``,
and only the ``spawn`` start method.  ``.ci/run`` runs the cycle, the hostile files and the demo so.

Nothing here is cspxl's: it takes away what Windows lacks, and cspxl must manage without it.
"""

from __future__ import annotations

import builtins
import importlib.abc
import os
import sys
from typing import Any

#: The modules of POSIX that Windows has not.
ABSENT = ("resource", "fcntl", "termios", "pwd", "grp")
#: Packages whose Linux internals use them, and which on Windows are built another way: psutil reads a
#: process through ``/proc`` and ``resource`` here, through the Windows API there.
BUILT_OTHERWISE = ("psutil",)


class _Absent(importlib.abc.MetaPathFinder):
    """Says the absent modules are not there, as Windows would (for ``importlib``'s imports)."""

    def find_spec(self, name: str, path: object = None, target: object = None) -> None:
        if name in ABSENT:
            raise ModuleNotFoundError(f"No module named '{name}'", name=name)
        return None


_FINDER = _Absent()
_import = builtins.__import__


def _windows_import(name: str, globals: dict[str, Any] | None = None, *args: Any, **kwargs: Any) -> Any:
    """``import`` as on Windows: an absent module is not there, but for the packages built otherwise, which
    get it without leaving it in ``sys.modules`` for anyone else."""
    if name.partition(".")[0] not in ABSENT:
        return _import(name, globals, *args, **kwargs)
    if str((globals or {}).get("__name__", "")).partition(".")[0] not in BUILT_OTHERWISE:
        raise ModuleNotFoundError(f"No module named '{name}'", name=name)
    sys.meta_path.remove(_FINDER)
    try:
        return _import(name, globals, *args, **kwargs)
    finally:
        sys.meta_path.insert(0, _FINDER)
        for absent in ABSENT:
            sys.modules.pop(absent, None)


for _name in ABSENT:
    sys.modules.pop(_name, None)
sys.meta_path.insert(0, _FINDER)
builtins.__import__ = _windows_import
for _name in ("fork", "forkpty", "register_at_fork"):
    if hasattr(os, _name):
        delattr(os, _name)

import multiprocessing  # noqa: E402 - after the modules it must not see are gone
import multiprocessing.context as _context  # noqa: E402

_default = _context.DefaultContext.get_context


def _spawn_only(self: _context.DefaultContext, method: str | None = None) -> _context.BaseContext:
    if method not in (None, "spawn"):
        raise ValueError(f"cannot find context for {method!r}")
    return _default(self, "spawn")


_context.DefaultContext.get_context = _spawn_only  # type: ignore[method-assign]
_context.DefaultContext.get_all_start_methods = lambda self: ["spawn"]  # type: ignore[method-assign]
_context._default_context = _context.DefaultContext(_context._concrete_contexts["spawn"])  # type: ignore[attr-defined]
# multiprocessing's own functions are the default context's methods, bound when it was first imported.
multiprocessing.__dict__.update((name, getattr(_context._default_context, name))  # type: ignore[attr-defined]
                                for name in multiprocessing.__all__)
#: Tests and the benchmark can tell that they run as Windows would.
os.environ["CSPXL_PORTABLE_MODE"] = "1"
