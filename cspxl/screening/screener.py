"""Finding personal data in free text: shapes checked where a check exists, names from cues and lists (:mod:`.names`)."""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator
from datetime import date
from functools import lru_cache

from ._patterns import (
    _ADDRESS,
    _ADDRESS_CAPS,
    _ADDRESS_LOWER,
    _CAPS_QUICK,
    _COUNTED,
    _CRIME,
    _CRIME_BARE,
    _CRIME_CUES,
    _DATE_AFTER_NAME,
    _DIGIT,
    _DOB,
    _EMAIL,
    _FINANCIAL_YEAR,
    _HOUSE_NAMES,
    _INWARD,
    _LOWER_ADDRESS_CUES,
    _NAMED_HOUSE,
    _NHS,
    _NINO,
    _NINO_NEVER,
    _NUMBER_THEN_NAME,
    _OLD_DATE_AFTER_NAME,
    _PERSON_MARK,
    _PHONE,
    _POSTCODE,
    _PREMISES,
    _PREMISES_IN,
    _REF,
    _REG_TAIL,
    _SPACE_DIGIT,
    _SWITCHBOARD,
    _VEHICLE,
    _VEHICLE_CUED,
    _VEHICLE_CUES,
    _VEHICLE_OLD,
    _YEAR_AFTER_NAME,
    _years_ago,
)
from .findings import Finding, Kind
from .names import NameFinder


class Screener:
    """Finds personal data in free text.  ``allowed_names`` (the plan's Settings: officers, say) are never flagged."""

    def __init__(self, allowed_names: Iterable[str] = ()) -> None:
        self.names = NameFinder(allowed_names)

    def __call__(self, text: str) -> list[Finding]:
        if not text or len(text) < 4:
            return []
        found: list[tuple[Kind, int, int]] = []
        found += self._patterns(text)
        names = list(self.names(text, frozenset(start for _, start, _ in found)))
        found += names
        for _, _, end in names:
            if (m := _DATE_AFTER_NAME.match(text, end) or _OLD_DATE_AFTER_NAME.match(text, end)) is not None \
                    and (m.group().lstrip().startswith("(") or _years_ago(m.group(1)) >= 10):
                found.append(("date of birth", m.start(1), m.end(1)))
            elif (m := _YEAR_AFTER_NAME.match(text, end)) is not None and int(m.group(1)) <= date.today().year:
                found.append(("date of birth", m.start(1), m.end(1)))
        return _resolve(found)

    # Identifiers with a shape ---------------------------------------------------------------------

    def _patterns(self, text: str) -> Iterator[tuple[Kind, int, int]]:
        """Every identifier but an e-mail address has digits, so the patterns run only on the stretch
        of text around them, and each only where a quick look finds what it needs: every update of
        every return is screened, and most of most updates is words."""
        if "@" in text:
            for m in _EMAIL.finditer(text):
                if self.names.personal_mailbox(m.group().split("@")[0]):
                    yield "email", m.start(), m.end()
        for a, b in _around_digits(text):
            yield from self._near_digits(text, a, b)
        if "," in text and any(word in text for word in _HOUSE_NAMES):
            for m in _NAMED_HOUSE.finditer(text):
                if not _premises_before(text, m.start()):
                    yield "address", m.start(), m.end()

    def _near_digits(self, text: str, a: int, b: int) -> Iterator[tuple[Kind, int, int]]:
        part = text[a:b]
        lower = part.lower()
        if sum(map(part.count, _DIGITS)) >= 6:
            yield from self._numbers(text, a, b)
            if "/" in part or "-" in part or "cad" in lower or "nfrc" in lower:
                for m in _CRIME_BARE.finditer(text, a, b):
                    yield "crime reference", m.start(), m.end()
        if _INWARD.search(part):
            for m in _POSTCODE.finditer(text, a, b):
                code = m.group()
                if (code.isupper() or code.islower() or code[2:].isupper()) and not _premises_before(text, m.start()):
                    yield "postcode", m.start(), m.end()
        if _NUMBER_THEN_NAME.search(part):
            for pattern in (_ADDRESS, _ADDRESS_CAPS) if _CAPS_QUICK.search(part) else (_ADDRESS,):
                for m in pattern.finditer(text, a, b):
                    if not _COUNTED.match(text, m.end()) and not _premises_before(text, m.start()) \
                            and not _PREMISES_IN.search(m.group()):
                        yield "address", m.start(), m.end()
        if _lower_address_cued(part):
            for m in _ADDRESS_LOWER.finditer(text, a, b):
                part_of = "address" if m.group("address") else "flat"
                if not _COUNTED.match(text, m.end()):
                    yield "address", m.start(part_of), m.end(part_of)
        if "dob" in lower or "d.o.b" in lower or "birth" in lower or "born" in lower or "b." in lower or "yob" in lower:
            for m in _DOB.finditer(text, a, b):
                group = next(g for g in (1, 2, 3) if m.group(g))
                yield "date of birth", m.start(group), m.end(group)
        if any(cue in lower for cue in _CRIME_CUES):
            for m in _CRIME.finditer(text, a, b):
                if _DIGIT.search(m.group("ref")):
                    yield "crime reference", m.start("ref"), m.end("ref")
            for m in _REF.finditer(text, a, b):
                ref = m.group("ref")
                if (m.start() == 0 or not text[m.start() - 1].isalnum()) and sum(c.isdigit() for c in ref) >= 6 \
                        and not _FINANCIAL_YEAR.match(ref):
                    yield "crime reference", m.start("ref"), m.end("ref")
        if _REG_TAIL.search(part):
            for m in _VEHICLE.finditer(text, a, b):
                yield "vehicle registration", m.start(), m.end()
        if any(cue in lower for cue in _VEHICLE_CUES):
            for m in _VEHICLE_OLD.finditer(text, a, b):
                yield "vehicle registration", m.start("reg"), m.end("reg")
            for m in _VEHICLE_CUED.finditer(text, a, b):
                yield "vehicle registration", m.start("reg"), m.end("reg")

    def _numbers(self, text: str, a: int, b: int) -> Iterator[tuple[Kind, int, int]]:
        from stdnum.gb import nhs

        for m in _NHS.finditer(text, a, b):
            if nhs.is_valid(m.group()):
                yield "NHS number", m.start(), m.end()
        for m in _NINO.finditer(text, a, b):
            if m.group(1).upper() not in _NINO_NEVER and (m.group().isupper() or m.group().islower()):
                yield "NI number", m.start(), m.end()
        for m in _PHONE.finditer(text, a, b):
            if _personal_phone(text, m.start(), m.group()):
                yield "phone", m.start(), m.end()


#: How far before its first digit and after its last an identifier (with its cue) can reach:
#: "crime reference number: 46/…", "14 Bradbourne Vale Road".
_BEFORE, _AFTER = 60, 50
_DIGITS = "0123456789"


def _around_digits(text: str) -> list[tuple[int, int]]:
    """The stretch of ``text`` from a little before its first digit to a little after its last (none
    without digits), ending at a space so that no word is cut."""
    firsts = [i for i in map(text.find, _DIGITS) if i >= 0]
    if not firsts:
        return []
    last = max(map(text.rfind, _DIGITS))
    end = text.find(" ", last + _AFTER)
    return [(max(0, min(firsts) - _BEFORE), len(text) if end < 0 else end)]


def _lower_address_cued(part: str) -> bool:
    """Whether a number in ``part`` comes after a word that can start an address in lower case ("at 23a")."""
    for m in _SPACE_DIGIT.finditer(part):
        before = part[max(0, m.start() - 12):m.start()].rsplit(None, 1)
        if before and before[-1].lower() in _LOWER_ADDRESS_CUES:
            return True
    return False


def _premises_before(text: str, at: int) -> bool:
    """Whether an organisation's premises are named just before ``at`` in the same sentence."""
    return _PREMISES.search(text, max(0, at - 120), at) is not None


def _personal_phone(text: str, at: int, number: str) -> bool:
    """A mobile number always is; a landline is unless it is an organisation's (a switchboard, an office);
    0300, 0800 and other non-geographic numbers never are.  The length must fit the UK numbering plan."""
    digits = re.sub(r"\D", "", number)
    if digits.startswith("44"):
        digits = "0" + digits[2:].lstrip("0")
    if len(digits) not in (10, 11) or not digits.startswith("0"):
        return False
    if not digits.startswith(("07", "01", "02")) or not _possible_uk_number(digits):
        return False
    if digits.startswith("07"):
        return True
    sentence = re.split(r"[.;\n]", text[max(0, at - 60):at])[-1]
    cues = list(_SWITCHBOARD.finditer(sentence))
    # "the switchboard is on 01732 227000" is an organisation's; "via switchboard - caller Mrs Quinn 020 7946
    # 0712" is the caller's, named between the cue and the number.
    return not cues or _PERSON_MARK.search(sentence, cues[-1].end()) is not None


def _possible_uk_number(digits: str) -> bool:
    """Whether libphonenumber's UK numbering plan allows a number of this length in this range."""
    import phonenumbers

    try:
        return bool(phonenumbers.is_possible_number(phonenumbers.parse(digits, "GB")))
    except phonenumbers.NumberParseException:
        return False


_PRIORITY: dict[str, int] = {k: i for i, k in enumerate(
    ("email", "NHS number", "NI number", "crime reference", "date of birth", "vehicle registration", "postcode",
     "phone", "address", "name"))}


def _resolve(found: list[tuple[Kind, int, int]]) -> list[Finding]:
    """One finding for each stretch of text: two of the same kind that overlap are one ("Jade A" and
    "A Thompson" are "Jade A Thompson"); where two kinds overlap, the more specific (an NHS number over a
    phone number) wins, and the other is dropped."""
    merged: list[tuple[Kind, int, int]] = []
    for kind, start, end in sorted(found, key=lambda f: (f[0], f[1])):
        if merged and merged[-1][0] == kind and start < merged[-1][2]:
            merged[-1] = (kind, merged[-1][1], max(end, merged[-1][2]))
        else:
            merged.append((kind, start, end))
    chosen: list[tuple[Kind, int, int]] = []
    for kind, start, end in sorted(merged, key=lambda f: _PRIORITY[f[0]]):  # one kind's never overlap
        if all(end <= s or start >= e for _, s, e in chosen):
            chosen.append((kind, start, end))
    return [Finding(kind=k, start=s, end=e) for k, s, e in sorted(chosen, key=lambda f: f[1])]


def screen(text: str, allowed_names: Iterable[str] = ()) -> list[Finding]:
    """The personal data in ``text`` (see :class:`Screener`, which a caller screening many texts keeps)."""
    return screener_for(tuple(allowed_names))(text)


@lru_cache(maxsize=4)
def screener_for(allowed_names: tuple[str, ...]) -> Screener:
    """One screener for a plan's allowed names (its lists are loaded once per process)."""
    return Screener(allowed_names)
