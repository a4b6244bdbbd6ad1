"""Output that never fails on a character the console or file cannot hold.

A council laptop may send cspxl's output to a file or a pipe in Windows' code page (cp1252), which has
no ``Ł``: a partner called "Łódź Community Trust" must not crash a command, and what is printed must
still be readable.  A character the output's encoding lacks is written as its nearest plain letters
(``Ł`` as ``L``, ``ź`` as ``z``, ``→`` as ``->``), or ``?`` where there are none.
"""

from __future__ import annotations

import codecs
import sys
import unicodedata

#: The handler's name, for ``errors=`` of a stream or ``str.encode``.
PLAIN = "cspxl-plain"
#: Letters and signs no decomposition makes plain.
_SPECIAL = {"Ł": "L", "ł": "l", "Đ": "D", "đ": "d", "Ø": "O", "ø": "o", "ı": "i", "Ħ": "H", "ħ": "h", "Œ": "OE",
            "œ": "oe", "ß": "ss", "‘": "'", "’": "'", "“": '"', "”": '"', "–": "-", "—": "-", "→": "->", "←": "<-",
            "…": "...", "×": "x", "·": ".", "─": "-", "━": "-", "│": "|", "✓": "v", "✔": "v", "•": "*"}


def _plain(error: UnicodeError) -> tuple[str, int]:
    if not isinstance(error, UnicodeEncodeError):
        raise error
    said = []
    for ch in error.object[error.start:error.end]:
        decomposed = "".join(c for c in unicodedata.normalize("NFKD", ch) if not unicodedata.combining(c))
        for candidate in (decomposed, _SPECIAL.get(ch, ""), "?"):
            try:
                if candidate:
                    candidate.encode(error.encoding)
                    said.append(candidate)
                    break
            except (UnicodeEncodeError, LookupError):
                continue
    return "".join(said), error.end


codecs.register_error(PLAIN, _plain)


def readable_output() -> None:
    """Make standard output and standard error write what their encoding lacks as plain letters."""
    for stream in (sys.stdout, sys.stderr):
        reconfigure = getattr(stream, "reconfigure", None)
        if reconfigure is not None and (stream.encoding or "").lower().replace("-", "") not in ("utf8", "utf_8"):
            reconfigure(errors=PLAIN)
