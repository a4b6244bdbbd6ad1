"""The labelled corpus of progress updates (tests/data/personal_corpus.txt) and how screening is scored on it.

Three sets: personal_corpus.txt, written (by scripts/make_personal_corpus.py) beside the rules;
personal_heldout.txt, written by someone who had seen neither; and personal_third.txt, written by
another who had seen none of them.

Recall: the share of labelled identifiers that a finding of the same kind covers whole (so the
circulation copy leaves none of it).  False flags: the share of findings that touch no labelled
identifier, and the share of clean updates with any finding at all.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path

from cspxl.screening import Finding, Screener

CORPUS = Path(__file__).parent.parent / "data" / "personal_corpus.txt"
#: Written by a helper who saw neither the rules nor the corpus above (its first score is in the README).
HELD_OUT = Path(__file__).parent.parent / "data" / "personal_heldout.txt"
#: Written by another helper from a description of partners' updates and of the kinds alone (its first
#: score is in the README too).
THIRD = Path(__file__).parent.parent / "data" / "personal_third.txt"
#: Written by a fourth helper, before any rule for issue 31 changed, in the styles that got through: lower
#: case, names and addresses broken across lines ("\\n" in the file is a line break in the update), dotted
#: initials, social media handles, dates of birth in words, police forces' reference forms.
FOURTH = Path(__file__).parent.parent / "data" / "personal_fourth.txt"
#: Written by a fifth helper in the same styles, after the rules for the fourth set were written, to measure
#: them on text nobody had tuned them for.
FIFTH = Path(__file__).parent.parent / "data" / "personal_fifth.txt"
#: Every labelled set, by name.
SETS = {"corpus": CORPUS, "held out": HELD_OUT, "third": THIRD, "fourth": FOURTH, "fifth": FIFTH}
#: The sets' short names for a kind, as the finding names it.
_KIND = {"handle": "social media handle"}
_MARK = re.compile(r"\[\[([^:\]]+):([^\]]+)\]\]")


@dataclass(frozen=True)
class Update:
    text: str
    #: (kind, start, end) of each labelled identifier.
    labels: tuple[tuple[str, int, int], ...]

    @property
    def identifiers(self) -> list[str]:
        return [self.text[s:e] for _, s, e in self.labels]


def load(path: Path = CORPUS) -> list[Update]:
    updates = []
    for line in path.read_text(encoding="utf-8").splitlines():
        if not line.strip() or line.startswith("#"):
            continue
        line = line.replace("\\n", "\n")
        text, labels, at = "", [], 0
        for m in _MARK.finditer(line):
            text += line[at:m.start()]
            labels.append((_KIND.get(m.group(1), m.group(1)), len(text), len(text) + len(m.group(2))))
            text += m.group(2)
            at = m.end()
        updates.append(Update(text + line[at:], tuple(labels)))
    return updates


@dataclass
class Score:
    labelled: int = 0
    found: int = 0
    findings: int = 0
    false: int = 0
    clean: int = 0
    clean_flagged: int = 0
    missed: list[tuple[str, str, str]] = field(default_factory=list)
    false_flags: list[tuple[str, str, str]] = field(default_factory=list)
    by_kind: dict[str, list[int]] = field(default_factory=dict)

    @property
    def recall(self) -> float:
        return self.found / self.labelled

    @property
    def false_rate(self) -> float:
        return self.false / max(self.findings, 1)

    @property
    def clean_rate(self) -> float:
        return self.clean_flagged / self.clean


def score(updates: list[Update], screener: Screener) -> Score:
    result = Score()
    for u in updates:
        findings: list[Finding] = screener(u.text)
        result.findings += len(findings)
        if not u.labels:
            result.clean += 1
            result.clean_flagged += bool(findings)
        for kind, s, e in u.labels:
            result.labelled += 1
            tally = result.by_kind.setdefault(kind, [0, 0])
            tally[0] += 1
            if any(f.kind == kind and f.start <= s and f.end >= e for f in findings):
                result.found += 1
                tally[1] += 1
            else:
                result.missed.append((kind, u.text[s:e], u.text))
        for f in findings:
            if not any(f.start < e and f.end > s for _, s, e in u.labels):
                result.false += 1
                result.false_flags.append((f.kind, u.text[f.start:f.end], u.text))
    return result
