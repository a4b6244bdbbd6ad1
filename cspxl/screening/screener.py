"""Finding personal data in free text: shapes checked where a check exists, names from cues and lists."""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator
from datetime import date
from functools import lru_cache

from ._patterns import (
    _ADDRESS,
    _ADDRESS_CAPS,
    _ADDRESS_LOWER,
    _CAPS_PAIR,
    _CAPS_QUICK,
    _CAPS_TITLE,
    _COMMA_BETWEEN_NAMES,
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
    _INITIAL_AFTER_SPOT,
    _INITIAL_SPOT,
    _INWARD,
    _LOWER_ADDRESS_CUES,
    _LOWER_PAIR,
    _LOWER_TITLE,
    _LOWER_TITLE_QUICK,
    _NAMED_HOUSE,
    _NHS,
    _NICKNAME,
    _NINO,
    _NINO_NEVER,
    _NOT_SURNAMES,
    _NUMBER_THEN_NAME,
    _OLD_DATE_AFTER_NAME,
    _PERSON_AFTER,
    _PERSON_BEFORE,
    _PERSON_MARK,
    _PHONE,
    _PLACES,
    _POSTCODE,
    _PREMISES,
    _PREMISES_IN,
    _REF,
    _REG_TAIL,
    _ROLE_MAILBOX,
    _SPACE_DIGIT,
    _SURNAME_COMMA_GIVEN,
    _SURNAME_INITIAL,
    _SURNAME_THINGS,
    _SWITCHBOARD,
    _THING_AFTER,
    _THING_BEFORE,
    _THINGS,
    _TITLE,
    _TITLES,
    _VEHICLE,
    _VEHICLE_CUED,
    _VEHICLE_CUES,
    _VEHICLE_OLD,
    _WORD,
    _YEAR_AFTER_NAME,
    _initial_after,
    _initial_before,
    _names,
    _weak_given,
    _years_ago,
)
from .findings import Finding, Kind


class Screener:
    """Finds personal data in free text.  ``allowed_names`` (the plan's Settings: officers, say) are never flagged."""

    def __init__(self, allowed_names: Iterable[str] = ()) -> None:
        self.allowed = [set(_tokens(n)) for n in allowed_names if _tokens(n)]
        weak = _weak_given()
        self.given = _names("given_names.txt") - weak
        self.weak = _names("given_names.txt") & weak
        self.surnames = _names("surnames.txt")
        self.words = _names("english_words.txt.gz")
        #: Given names in lower case that are no word or place ("jayden", not "will"): a quick look for
        #: a name typed in lower case.
        self.lower_given = frozenset(g.lower() for g in self.given if g.lower() not in self.words and g not in _PLACES)

    def __call__(self, text: str) -> list[Finding]:
        if not text or len(text) < 4:
            return []
        found: list[tuple[Kind, int, int]] = []
        found += self._patterns(text)
        names = list(self._names(text, frozenset(start for _, start, _ in found)))
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
                if self._personal_mailbox(m.group().split("@")[0]):
                    yield "email", m.start(), m.end()
        for a, b in _around_digits(text):
            yield from self._near_digits(text, a, b)
        if ", " in text and any(word in text for word in _HOUSE_NAMES):
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
            for m in _VEHICLE_CUED.finditer(text, max(0, a - 30), b):
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

    # Names ------------------------------------------------------------------------------------

    def _names(self, text: str, identifiers: frozenset[int]) -> Iterator[tuple[Kind, int, int]]:
        """``identifiers`` are where the identifiers with a shape start: a name written just before one
        ("Kowalczyk, Agnieszka 9997574915") is cued by it."""
        for m in _TITLE.finditer(text):
            if m.start() and text[m.start() - 1].isalnum():
                continue  # inside a word or a code, not a title
            if not _THING_AFTER.match(text, m.end()) and not self._allowed(m.group()):
                yield "name", m.start(), m.end()
        words = list(_WORD.finditer(text))
        if _INITIAL_SPOT.search(text) or _INITIAL_AFTER_SPOT.search(text):
            yield from self._initialled(text, words)
        yield from self._listed(text, identifiers)
        if _LOWER_TITLE_QUICK.search(" " + text.replace("(", " ")):
            yield from self._lower_titled(text)
        yield from self._lower_pairs(text)
        i = 0
        while i < len(words):
            w = words[i]
            word = w.group()
            strong = word in self.given or ("-" in word and self._hyphenated_given(word))
            known = strong or word in self.weak
            # Set lookups first: every capitalised word of every update comes through here.
            if word in _NOT_SURNAMES or word in _PLACES or word in _THINGS or \
                    (not known and word.lower() in self.words) or \
                    _THING_BEFORE.search(text, max(0, w.start() - 24), w.start()):
                i += 1  # an ordinary word is not part of a name: "Victim Sarah", "Perpetrator Ffion"
                continue
            # The name runs on over the capitalised words right after it: "Jade Louise Thompson".
            j = i
            while j + 1 < len(words) and j - i < 2 and text[words[j].end():words[j + 1].start()] == " " \
                    and self._runs_on(words[j + 1].group(), strong or j > i):
                j += 1
            end = words[j].end()
            if _THING_AFTER.match(text, end):
                i = j + 1
                continue
            cue = (_PERSON_BEFORE.search(text, max(0, w.start() - 24), w.start()) is not None
                   or _PERSON_AFTER.match(text, end) is not None)
            if not known and not cue and j == i:
                i += 1  # a word in no list is a name only with a cue, or beside another name: "Chinedu Eze"
                continue
            if (strong or cue or j > i) and not self._allowed(text[w.start():end]):
                if (initial := _SURNAME_INITIAL.match(text, end)) is not None:
                    end = initial.end()  # "Connor M": the initial is the rest of the name
                elif (nick := _NICKNAME.match(text, end)) is not None and self._namelike(nick.group("surname")):
                    end = nick.end()  # "Daniel 'Danny' Burrows"
                start = w.start()
                if cue and not known and j == i and i and self._before_cued(text, words[i - 1], start):
                    start = words[i - 1].start()  # "line holder Junior Mensah-Boateng (19/10/2004)"
                yield "name", start, end
            i = j + 1

    def _hyphenated_given(self, word: str) -> bool:
        """A name of given names joined by hyphens ("Tia-Rose", "Ellie-Mae"), the first one cspxl is sure of."""
        parts = word.split("-")
        return len(parts) > 1 and parts[0] in self.given and all(p in self.given or p in self.weak for p in parts)

    def _before_cued(self, text: str, before: re.Match[str], start: int) -> bool:
        """Whether the capitalised word ``before`` a name found by its cue alone is more of it: right before
        it, within a sentence (after a word in lower case), and no ordinary name of a thing."""
        word = before.group()
        return (text[before.end():start] == " " and before.start() >= 2 and text[before.start() - 1] == " "
                and text[before.start() - 2].islower() and word not in _NOT_SURNAMES and word not in _PLACES
                and word not in _THINGS)

    def _lower_pairs(self, text: str) -> Iterator[tuple[Kind, int, int]]:
        """A given name typed in lower case, which is no word, before a surname: "jayden wright"."""
        if self.lower_given.isdisjoint(text.split()):
            return
        for m in _LOWER_PAIR.finditer(text):
            first, second = m.group("first"), m.group("second")
            if first not in self.lower_given:
                continue
            if second.title() in self.surnames and not self._allowed(text[m.start("first"):m.end("second")]):
                yield "name", m.start("first"), m.end("second")

    def _listed(self, text: str, identifiers: frozenset[int]) -> Iterator[tuple[Kind, int, int]]:
        """Names as records and shouting write them: a name in capitals after a title in capitals ("MRS JOAN
        BAILEY") or on its own ("JADE SMITH", "the ROBERTS family"), and a surname, a comma and a given name
        ("WATTS, Dean", "Kowalczyk, Agnieszka")."""
        if _CAPS_QUICK.search(text):
            yield from self._capitals(text)
        if "MR" in text or "MS" in text or "MISS" in text or "DR" in text:
            for m in _CAPS_TITLE.finditer(text):
                words = [w for w in (m.group("first"), m.group("second")) if w]
                if words[0].lower() in self.words and not self._namelike(words[0].title()):
                    continue  # "MR BLOBBY" passes; "MS TEAMS" does not
                end = m.end("second") if len(words) > 1 and self._namelike(words[1]) else m.end("first")
                yield "name", m.start(), end
        if ", " in text and _COMMA_BETWEEN_NAMES.search(text):
            for m in _SURNAME_COMMA_GIVEN.finditer(text):
                surname, given, more = m.group("surname"), m.group("given"), m.group("more")
                # A given name cspxl knows; after a surname in capitals or one it knows, any name-like word.
                sure = surname.isupper() or (surname in self.surnames and surname.lower() not in self.words)
                # Two words in no list are a name when an identifier follows them: "Kowalczyk, Agnieszka 99975…".
                cued = any(0 < at - m.end() <= 12 for at in identifiers) and self._unknown(surname)
                if not (given in self.given or ((sure or cued) and (given in self.weak or self._unknown(given)))) \
                        or not self._namelike(surname) or surname.title() in _PLACES:
                    continue
                end = m.end("more") if more and (more in self.given or more in self.surnames) else m.end("given")
                yield "name", m.start(), end

    def _capitals(self, text: str) -> Iterator[tuple[Kind, int, int]]:
        """A given name in capitals before a surname ("JADE SMITH"), or a surname before "family"."""
        for m in _CAPS_PAIR.finditer(text):
            first, second = m.group("first").title(), m.group("second").title()
            if first in _PLACES or first in _NOT_SURNAMES:
                continue
            if first in self.given and (second in self.surnames or self._unknown(second)) and \
                    second not in _THINGS and second not in _PLACES:
                yield "name", m.start("first"), m.end("second")
            elif second == "Family" and first in self.surnames:
                yield "name", m.start("first"), m.end("first")

    def _namelike(self, word: str) -> bool:
        """Whether a word (in any case) is a surname or given name cspxl knows, or no word or place it knows."""
        titled = word.title() if word.isupper() else word
        return titled in self.surnames or titled in self.given or self._unknown(titled)

    def _lower_titled(self, text: str) -> Iterator[tuple[Kind, int, int]]:
        """A name after a title typed in lower case ("ms o'brien", "mr j okafor"): the word after the title
        is a name unless it is a word ("ms teams"); a second word is more of it when it is a name."""
        for m in _LOWER_TITLE.finditer(text):
            name, more = m.group("name"), m.group("more")
            if name in self.words and name.title() not in self.surnames and name.title() not in self.given:
                continue
            end = m.end("more") if more and (more.title() in self.surnames or more.title() in self.given) \
                and more not in self.words else m.end("name")
            if not self._allowed(text[m.start():end]):
                yield "name", m.start(), end

    def _initialled(self, text: str, words: list[re.Match[str]]) -> Iterator[tuple[Kind, int, int]]:
        """A surname with an initial ("R. Marsh", "R Marsh", "J.Mensah", "Marsh, R."): the word must be a
        surname, or no word or place cspxl knows, and not the start of a place's or an organisation's name.
        Looked for around the capitalised words already found, by their neighbouring characters alone,
        so it adds no pass of its own over every update."""
        for w in words:
            start, end = _initial_before(text, w.start()), _initial_after(text, w.end())
            if start is None and end is None:
                continue
            word = w.group()
            if word in _NOT_SURNAMES or word in _PLACES or word in _THINGS or \
                    not (word in self.surnames or self._unknown(word)) or _THING_AFTER.match(text, w.end()):
                continue
            first, last = (w.start() if start is None else start), (w.end() if end is None else end)
            if not self._allowed(text[first:last]):
                yield "name", first, last

    def _runs_on(self, word: str, strong: bool) -> bool:
        """Whether a capitalised word after a name is more of it: a surname, a given name, or a word in no
        list ("Boateng"); after a name that can be nothing else, a surname that is also a place word
        ("Sarah Green", but not "Victoria Road")."""
        if word in _NOT_SURNAMES or word in _PLACES:
            return False
        if word in _THINGS:
            return strong and word in _SURNAME_THINGS
        return word in self.surnames or word in self.given or self._unknown(word) or (strong and word not in self.weak)

    def _unknown(self, word: str) -> bool:
        """A capitalised word that is in none of the lists: no word, name or place cspxl knows."""
        return (word.lower() not in self.words and word not in self.given and word not in self.weak
                and word not in _NOT_SURNAMES and word not in _PLACES and word not in _THINGS)

    def _personal_mailbox(self, local: str) -> bool:
        """A person's mailbox has a name in it ("jade.thompson", "jthompson", "kayleigh1987") or ends in
        digits as people's do ("gamer_boi2006"); a team's ("csu", "community.safety", "info") has neither."""
        if _ROLE_MAILBOX.match(local):
            return False
        if re.search(r"(?:19|20)\d{2}$|\d{2}$", local) and not local.isdigit():
            return True  # a year or two digits at the end, as a person picks: "gamer_boi2006", "sam.k87"
        parts = [p for p in re.split(r"[._\-+\d]+", local.lower()) if p.isalpha()]
        return any(p.title() in self.given or p.title() in self.surnames or p[1:].title() in self.surnames
                   or (len(p) > 3 and p not in self.words and p.title() not in _PLACES) for p in parts)

    def _allowed(self, name: str) -> bool:
        tokens = set(_tokens(name)) - _TITLES
        return bool(tokens) and any(tokens <= allowed for allowed in self.allowed)


def _tokens(name: str) -> list[str]:
    return [t.lower() for t in re.findall(r"[A-Za-z][A-Za-z'’-]*", name)]


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
    phone number) wins, then the longer."""
    merged: list[tuple[Kind, int, int]] = []
    for kind, start, end in sorted(found, key=lambda f: (f[0], f[1])):
        if merged and merged[-1][0] == kind and start < merged[-1][2]:
            merged[-1] = (kind, merged[-1][1], max(end, merged[-1][2]))
        else:
            merged.append((kind, start, end))
    chosen: list[tuple[Kind, int, int]] = []
    for kind, start, end in sorted(merged, key=lambda f: (_PRIORITY[f[0]], -(f[2] - f[1]), f[1])):
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
