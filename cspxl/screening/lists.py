"""The shipped lists of names, words and places (see ``cspxl/data/NAMES.md``), loaded once a process."""

from __future__ import annotations

import bisect
import gzip
from functools import cache
from importlib.resources import files


@cache
def _names(which: str) -> frozenset[str]:
    """A shipped list, one entry a line (see ``cspxl/data/NAMES.md``)."""
    return frozenset(_lines(which))


def _lines(which: str) -> list[str]:
    """A shipped list's entries, in its order: the lines after its header of ``#`` lines.  (Set operations on
    whole lists, not a loop over lines: every ingest worker loads them, some 100,000 lines.)"""
    data = files("cspxl").joinpath("data", which).read_bytes()
    lines = (gzip.decompress(data) if which.endswith(".gz") else data).decode("utf-8").splitlines()
    start = 0
    while start < len(lines) and lines[start].startswith("#"):
        start += 1
    return [line for line in lines[start:] if line] if "" in lines[start:] else lines[start:]


#: Given names that are also places or names of things ("Victoria Road", "Ask for Angela", "Christian Aid"):
#: taken for a name only with a cue, like the names that are also words (``name_words.txt``).  (Kent's
#: places are never names: they are in ``_PLACES``.)
_PLACE_NAMES = frozenset("""
Chelsea Victoria Florence Georgia Jordan India Stanley Shirley Beverley Ashley Bradley Lincoln Preston Clifton
Sydney Dallas Austin Paris Adelaide Eden Derby Lewes Christian Will Grant Angela Trinity Kendal Carmel Sharon
Lourdes Chester Orlando Phoenix Madison Brooklyn Ireland Wellington Nelson Winston Marley Hope Patience Justice
Mercy Ash Barry Kelly Morgan Lewis Howard
""".split())
#: Words in the word list that are far more often names ("John", "Peter"): a name without a cue.
_NAMES_DESPITE_WORDS = frozenset("""
John Peter Harry Tom Martin Roger Victor Maria Sally Terry Tony Josh Billy Bobby Noel Derrick Felicity Hector
Jasper Phoebe Savannah Sonny Carol Beryl Lee Jade Jasmine Daisy Poppy Ruby Holly Ivy Lily Rosemary Heather Hazel
""".split())


def _weak_given() -> frozenset[str]:
    return (_names("name_words.txt") - _NAMES_DESPITE_WORDS) | _PLACE_NAMES | _more_given()[1]


@cache
def _more_given() -> tuple[frozenset[str], frozenset[str]]:
    """The US Social Security Administration's given names (``more_given_names.txt.gz``): those that are no
    word ("Priya", "Kacper"), and those that are ("Rob", "Crystal"), which are names only with a cue."""
    names = _lines("more_given_names.txt.gz")  # in order: those marked "~" last
    worded = bisect.bisect_left(names, "~")
    return frozenset(names[:worded]), frozenset(n[1:] for n in names[worded:])


@cache
def _uk_places() -> frozenset[str]:
    """Places in Great Britain, in lower case (``uk_places.txt.gz``): the town after an address's street."""
    return _names("uk_places.txt.gz")
