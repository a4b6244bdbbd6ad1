"""Finding personal data in free text: shapes checked where a check exists, names from cues and lists (:mod:`.names`)."""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator
from collections.abc import Set as AbstractSet
from datetime import date
from functools import lru_cache

from ._name_patterns import _CAPS_QUICK, _PLACES
from ._patterns import (
    _ADDRESS,
    _ADDRESS_ANY,
    _ADDRESS_ANY_QUICK,
    _ADDRESS_CAPS,
    _COUNTED,
    _CRIME,
    _CRIME_BARE,
    _CRIME_CUES,
    _DATE_AFTER_NAME,
    _DIGIT,
    _DOB,
    _EMAIL,
    _FINANCIAL_YEAR,
    _FLAT_LOWER,
    _FLAT_WORDS,
    _HANDLE_AFTER_PLATFORM,
    _HANDLE_AT,
    _HANDLE_BEFORE_PLATFORM,
    _HANDLE_MARK,
    _HOUSE_NAMES,
    _INWARD,
    _LOG_OF_DAY,
    _NAMED_HOUSE,
    _NHS,
    _NINO,
    _NINO_NEVER,
    _NOT_HANDLE,
    _NOT_HOUSE_BEFORE,
    _NUMBER_THEN_NAME,
    _OLD_DATE_AFTER_NAME,
    _ONE_WORD_STREET,
    _ORG_HANDLE,
    _PERSON_MARK,
    _PHONE,
    _PLATFORMS,
    _POSTCODE,
    _PREMISES,
    _PREMISES_IN,
    _REF,
    _REG_TAIL,
    _STREET_WORDS,
    _SWITCHBOARD,
    _TOWN_AFTER,
    _VEHICLE,
    _VEHICLE_CUED,
    _VEHICLE_CUES,
    _VEHICLE_OLD,
    _WHERE_BEFORE,
    _YEAR_AFTER_NAME,
    _years_ago,
    words_of,
)
from .findings import Finding, Kind
from .lists import _uk_places
from .names import NameFinder


class Screener:
    """Finds personal data in free text.  ``allowed_names`` (the plan's Settings: officers, say) are never flagged."""

    def __init__(self, allowed_names: Iterable[str] = ()) -> None:
        self.names = NameFinder(allowed_names)

    def __call__(self, text: str) -> list[Finding]:
        if not text or len(text) < 4:
            return []
        found = self._screen(text)
        if _FILE_EXTENSION.search(text):
            found += self._file_names(text)
        return _resolve(found, text)

    def _file_names(self, text: str) -> Iterator[tuple[Kind, int, int]]:
        """What a file's name holds, in a text that is one or names one ("uploaded referral_adebayo_okafor_final.pdf"):
        its words joined by "_", "." or "-" read as words, with the same spans, and a surname or an initial
        and a surname on their own taken for a name ("letter_to_kowalski_final.pdf", "kaur_h_dash.docx"): a
        file is named for the person it is about."""
        whole = _FILE_NAME.match(text) is not None
        for m in ([_FILE_NAME.match(text)] if whole else _FILE_TOKEN.finditer(text)):
            assert m is not None
            stem_end = m.start() + m.group().rindex(".")
            stem = text[m.start():stem_end]
            words = _FILE_NAME_JOINS.sub(" ", stem)
            if words == stem and not whole:
                continue  # one word, screened with the text already
            for kind, start, end in self._screen_spans(words):
                yield kind, m.start() + start, m.start() + end
            for kind, start, end in self.names.hurried.file_name_names(words):
                yield kind, m.start() + start, m.start() + end

    def _screen_spans(self, text: str) -> list[tuple[Kind, int, int]]:
        return [(f.kind, f.start, f.end) for f in _resolve(self._screen(text), text)]

    def _screen(self, text: str) -> list[tuple[Kind, int, int]]:
        found: list[tuple[Kind, int, int]] = []
        # Its words, lowered: the quick looks of several rules are a look in this set.
        words = words_of(text)
        found += self._patterns(text, words)
        names = list(self.names(text, frozenset(start for _, start, _ in found), words))
        found += names
        for _, _, end in names:
            if (m := _DATE_AFTER_NAME.match(text, end) or _OLD_DATE_AFTER_NAME.match(text, end)) is not None \
                    and (m.group().lstrip().startswith("(") or _years_ago(m.group(1)) >= 10):
                found.append(("date of birth", m.start(1), m.end(1)))
            elif (m := _YEAR_AFTER_NAME.match(text, end)) is not None and int(m.group(1)) <= date.today().year:
                found.append(("date of birth", m.start(1), m.end(1)))
        return found

    # Identifiers with a shape ---------------------------------------------------------------------

    def _patterns(self, text: str, words: AbstractSet[str]) -> Iterator[tuple[Kind, int, int]]:
        """Every identifier but an e-mail address has digits, so the patterns run only on the stretch
        of text around them, and each only where a quick look finds what it needs: every update of
        every return is screened, and most of most updates is words."""
        if "@" in text:
            for m in _EMAIL.finditer(text):
                if self.names.personal_mailbox(m.group().split("@")[0]):
                    yield "email", m.start(), m.end()
        yield from self._handles(text, words)
        for a, b in _around_digits(text):
            yield from self._near_digits(text, a, b, words)
        if "," in text and not words.isdisjoint(_HOUSE_WORDS):
            for m in _NAMED_HOUSE.finditer(text):
                if not _premises_before(text, m.start()):
                    yield "address", m.start(), m.end()

    def _near_digits(self, text: str, a: int, b: int, words: AbstractSet[str]) -> Iterator[tuple[Kind, int, int]]:
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
        yield from self._addresses(text, a, b, part, words)
        if "dob" in lower or "d.o.b" in lower or "birth" in lower or "born" in lower or "b." in lower or "yob" in lower:
            for m in _DOB.finditer(text, a, b):
                group = next(g for g in (1, 2, 3) if m.group(g))
                yield "date of birth", m.start(group), m.end(group)
        if not words.isdisjoint(_CRIME_CUES):
            for m in _CRIME.finditer(text, a, b):
                if _DIGIT.search(m.group("ref")):
                    yield "crime reference", m.start("ref"), m.end("ref")
            if " of " in part:
                for m in _LOG_OF_DAY.finditer(text, a, b):
                    yield "crime reference", m.start("ref"), m.end("ref")
            for m in _REF.finditer(text, a, b):
                ref = m.group("ref")
                if (m.start() == 0 or not text[m.start() - 1].isalnum()) and sum(c.isdigit() for c in ref) >= 6 \
                        and not _FINANCIAL_YEAR.match(ref):
                    yield "crime reference", m.start("ref"), m.end("ref")
        if _REG_TAIL.search(part) or not words.isdisjoint(_VEHICLE_CUES):
            yield from self._vehicles(text, a, b, part, words)

    def _addresses(self, text: str, a: int, b: int, part: str, words: AbstractSet[str]
                   ) -> Iterator[tuple[Kind, int, int]]:
        """A house number and a street, in any case and abbreviated ("12 oak rd"), with capitals ("14 Elm
        Road") or in capitals; a flat in a building ("flat 6 beacon hse"); a street of one word after a word
        for where ("of 33 kingsway")."""
        if not words.isdisjoint(_STREET_WORDS) and _ADDRESS_ANY_QUICK.search(part):
            for m in _ADDRESS_ANY.finditer(text, a, b):
                if _a_home(text, m):
                    yield "address", m.start(), m.end()
        if _NUMBER_THEN_NAME.search(part):
            for pattern in (_ADDRESS, _ADDRESS_CAPS) if _CAPS_QUICK.search(part) else (_ADDRESS,):
                for m in pattern.finditer(text, a, b):
                    if _a_home(text, m):
                        yield "address", m.start(), m.end()
        if not words.isdisjoint(_FLAT_WORDS):
            for m in _FLAT_LOWER.finditer(text, a, b):
                if m.start() == 0 or not text[m.start() - 1].isalnum():
                    yield "address", m.start(), m.end()
        if "way" in part or "gate" in part:
            for m in _ONE_WORD_STREET.finditer(text, a, b):
                if _WHERE_BEFORE.search(text, max(0, m.start() - 10), m.start()) and not _COUNTED.match(text, m.end()):
                    yield "address", m.start() - (text[m.start() - 3:m.start()].lower() == "no."), m.end()

    def _vehicles(self, text: str, a: int, b: int, part: str, words: AbstractSet[str]
                  ) -> Iterator[tuple[Kind, int, int]]:
        """A registration in the current shape, or in an older one after a word for a vehicle."""
        if _REG_TAIL.search(part):
            for m in _VEHICLE.finditer(text, a, b):
                if m.start() and text[m.start() - 1].isalnum():
                    continue
                # "tn13 and tn14" is two postcode districts: a plate typed in lower case (or in a text all
                # in capitals) whose letters are a word needs a cue ("reg ea65 and").
                letters = m.group()[-3:].lower()
                if letters in self.names.words and (m.group().islower() or not any(c.islower() for c in text)):
                    continue
                yield "vehicle registration", m.start(), m.end()
        if not words.isdisjoint(_VEHICLE_CUES):
            for m in _VEHICLE_OLD.finditer(text, a, b):
                yield "vehicle registration", m.start("reg"), m.end("reg")
            for m in _VEHICLE_CUED.finditer(text, a, b):
                yield "vehicle registration", m.start("reg"), m.end("reg")

    def _handles(self, text: str, words: AbstractSet[str]) -> Iterator[tuple[Kind, int, int]]:
        """A social media handle: after "@" ("@mzlola_"), or beside its platform ("insta is jb_official07",
        "chloex04 on snap").  Without "@" it must hold a digit, "_" or "." or be no word; an organisation's
        account ("@KentPolice") is not a person's."""
        if "@" in text:
            for m in _HANDLE_AT.finditer(text):
                if (m.start() == 0 or not (text[m.start() - 1].isalnum() or text[m.start() - 1] in "._+-'@")) and \
                        self._handle(m.group("h"), cued=True):
                    yield "social media handle", m.start(), m.end()
        if not words.isdisjoint(_PLATFORMS):
            for pattern in (_HANDLE_AFTER_PLATFORM, _HANDLE_BEFORE_PLATFORM):
                for m in pattern.finditer(text):
                    if self._handle(m.group("h"), cued=False):
                        yield "social media handle", m.start("h") - (text[m.start("h") - 1] == "@"), m.end("h")

    def _handle(self, handle: str, cued: bool) -> bool:
        """Whether a word is a person's handle: never a number, a file or an organisation's account; a word
        from the dictionary only after "@"."""
        if _NOT_HANDLE.match(handle) or _ORG_HANDLE.search(handle) or not any(c.isalpha() for c in handle):
            return False
        if _HANDLE_MARK.search(handle):
            return True
        lower = handle.lower()
        return len(handle) > 2 and lower not in self.names.words and handle.title() not in _PLACES and \
            (cued or lower not in self.names.lower_any_given)

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
#: From the first digit to the last (the greedy ".*" finds the last from the end).
_FIRST_TO_LAST_DIGIT = re.compile(r"\d(?:.*\d)?", re.S)
_DIGITS = "0123456789"


def _around_digits(text: str) -> list[tuple[int, int]]:
    """The stretch of ``text`` from a little before its first digit to a little after its last (none
    without digits), ending at a space so that no word is cut."""
    digits = _FIRST_TO_LAST_DIGIT.search(text)
    if digits is None:
        return []
    end = text.find(" ", digits.end() - 1 + _AFTER)
    return [(max(0, digits.start() - _BEFORE), len(text) if end < 0 else end)]


def _a_home(text: str, found: re.Match[str]) -> bool:
    """Whether an address's shape found is someone's home: not part of a code or a sum ("£12 Oak Road"),
    not a count ("40 High Street businesses"), not an organisation's premises, not a junction's number."""
    at = found.start()
    return (at == 0 or text[at - 1] not in _NOT_BEFORE_ADDRESS) and not _COUNTED.match(text, found.end()) and \
        not _premises_before(text, at) and not _PREMISES_IN.search(found.group()) and not _not_a_house(text, at)


def _not_a_house(text: str, at: int) -> bool:
    """Whether the number at ``at`` is a junction's, a bay's, a recommendation's: not a house's."""
    return _NOT_HOUSE_BEFORE.search(text, max(0, at - 20), at) is not None


def _premises_before(text: str, at: int) -> bool:
    """Whether an organisation's premises are named just before ``at`` in the same sentence ("Maidstone
    Hospital, Hermitage Lane"), and nothing between says the address is someone's ("now in refuge, old
    address 4a station ave")."""
    found = _PREMISES.search(text, max(0, at - 120), at)
    return found is not None and _SOMEONES.search(found.group()) is None


#: Words between premises and an address that make the address someone's.
_SOMEONES = re.compile(r"\b(?:address|lives|living|moved|home|tenant|staying|stays|flat|apartment|room|bedsit)\b", re.I)


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
    ("email", "social media handle", "NHS number", "NI number", "crime reference", "date of birth",
     "vehicle registration", "postcode", "phone", "address", "name"))}


_HOUSE_WORDS = frozenset(word.lower() for word in _HOUSE_NAMES)
#: A free text that is a file's name: one line ending in an extension ("RA for jo bennett v2 FINAL.docx").
_EXTENSIONS = r"(?:pdf|docx?|docm|xlsx?|xlsm|csv|jpe?g|png|gif|heic|tiff?|zip|txt|pptx?|msg|eml|ods|odt|rtf|mp4|mov|mp3|m4a)"
_FILE_EXTENSION = re.compile(r"\." + _EXTENSIONS + r"\b", re.I)  # a quick look: a "." first
#: A text that is a file's name, spaces and all ("RA for jo bennett v2 FINAL.docx"), and one named in a text.
_FILE_NAME = re.compile(r"[^\n/\\@]{1,240}\." + _EXTENSIONS + r"\Z", re.I)
_FILE_TOKEN = re.compile(r"[\w.+'’()-]+\." + _EXTENSIONS + r"\b", re.I)
_FILE_NAME_JOINS = re.compile(r"[_+.]|(?<=[A-Za-z])-(?=[A-Za-z])")
#: What may not come right before a house number: "£12 oak rd", "v2.5 high st", "1,200 close calls".
_NOT_BEFORE_ADDRESS = frozenset("/£$.,_") | frozenset("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789")
#: What may stand between two parts of one address: "flat 14, marlowe hse, 3 st peter's st", "flat 2\n14 tanner st".
_ADDRESS_JOIN = re.compile(r",?[ \t]*(?:\r?\n)?[ \t]*")


def _town_after(text: str, end: int) -> int:
    """Where an address ending at ``end`` ends with the town after it, if one is: "18 bramble cl, swanley",
    "41 orchard cres ramsgate", "3 the spinney, tunbridge wells" (the longest run of up to three words that
    is a place in Great Britain)."""
    found = _TOWN_AFTER.match(text, end)
    if found is None:
        return end
    words = list(re.finditer(r"[^ \t]+", found.group(1)))
    places = _uk_places()
    for n in range(len(words), 0, -1):
        if found.group(1)[:words[n - 1].end()].lower() in places:
            return found.start(1) + words[n - 1].end()
    return end


def _resolve(found: list[tuple[Kind, int, int]], text: str = "") -> list[Finding]:
    """One finding for each stretch of text: two of the same kind that overlap are one ("Jade A" and
    "A Thompson" are "Jade A Thompson"), and so are two parts of one address with only a comma between
    them; where two kinds overlap, the more specific (an NHS number over a
    phone number) wins, and the other is dropped."""
    merged: list[tuple[Kind, int, int]] = []
    for kind, start, end in sorted(found, key=lambda f: (f[0], f[1])):
        if merged and merged[-1][0] == kind and (start < merged[-1][2] or (
                kind == "address" and _ADDRESS_JOIN.fullmatch(text, merged[-1][2], start))):
            merged[-1] = (kind, merged[-1][1], max(end, merged[-1][2]))
        else:
            merged.append((kind, start, end))
    merged = [(kind, start, _town_after(text, end) if kind == "address" else end) for kind, start, end in merged]
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
