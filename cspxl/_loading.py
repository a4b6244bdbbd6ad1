"""Loading cspxl's modules on first use, safely under a test's fake clock.

The API and the command line import their modules on first use, so that ``cspxl --help`` does not
wait for pydantic, openpyxl and XlsxWriter.  A test that fakes the clock with freezegun may make
that first use while the clock is faked; a module imported then would take freezegun's fake
``date`` and ``datetime`` classes for the real ones, and pydantic cannot build a model around
them.  So the first module loaded under a fake clock loads every module of cspxl, with the real
classes in place, and then hands the modules it loaded the fake ones, as freezegun does to every
module it finds when it starts (and undoes when it stops).  With a real clock this is a plain import.
"""

from __future__ import annotations

import datetime
import importlib
import os
import pkgutil
import sys
from types import ModuleType


def load(name: str) -> ModuleType:
    """The module ``name`` (absolute, ``cspxl.master.view``), imported safely whatever the clock."""
    if _real_classes() is not None and not _everything_loaded():
        _load_everything()
    return importlib.import_module(name)


def _real_classes() -> tuple[type[datetime.date], type[datetime.datetime]] | None:
    """The real ``date`` and ``datetime`` while freezegun fakes them; ``None`` when the clock is real."""
    if datetime.date.__module__ != "freezegun.api":
        return None
    api = sys.modules["freezegun.api"]
    real: tuple[type[datetime.date], type[datetime.datetime]] = (api.real_date, api.real_datetime)
    return real


def _modules(paths: list[str] | None = None, prefix: str = "") -> list[str]:
    """Every module of cspxl but ``__main__`` (which runs the command), found without importing any."""
    if paths is None:
        package = sys.modules[__package__ or "cspxl"]
        paths, prefix = list(package.__path__), f"{package.__name__}."
    names = []
    for info in pkgutil.iter_modules(paths, prefix):
        if info.name.endswith(".__main__"):
            continue
        names.append(info.name)
        if info.ispkg:
            names += _modules([os.path.join(p, info.name.rpartition(".")[2]) for p in paths], f"{info.name}.")
    return names


def _everything_loaded() -> bool:
    return all(name in sys.modules for name in _modules())


def _load_everything() -> None:
    real = _real_classes()
    assert real is not None
    fake = datetime.date, datetime.datetime
    before = set(sys.modules)
    datetime.date, datetime.datetime = real  # type: ignore[misc]
    try:
        for name in _modules():
            importlib.import_module(name)
    finally:
        datetime.date, datetime.datetime = fake  # type: ignore[misc]
    swap = {id(real[0]): fake[0], id(real[1]): fake[1]}
    for name in set(sys.modules) - before:
        module = sys.modules[name]
        for attribute, value in list(vars(module).items()):
            if id(value) in swap:
                setattr(module, attribute, swap[id(value)])
