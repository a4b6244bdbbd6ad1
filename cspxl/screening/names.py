"""Finding people's names: from cues, from the shapes records and shouting give them, and from lists.

Names have no shape, and no language model can be downloaded on a council laptop: a capitalised word
is a name by the given-name and surname lists shipped in ``cspxl/data``, by a cue beside it (a title,
"victim", "aged 15"), or by the English word list telling an unknown word from an ordinary one.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator

from ._patterns import (
    _CAPS_PAIR,
    _CAPS_QUICK,
    _CAPS_TITLE,
    _COMMA_BETWEEN_NAMES,
    _INITIAL_AFTER_SPOT,
    _INITIAL_SPOT,
    _LOWER_PAIR,
    _LOWER_TITLE,
    _LOWER_TITLE_QUICK,
    _NICKNAME,
    _NOT_SURNAMES,
    _PERSON_AFTER,
    _PERSON_BEFORE,
    _PLACES,
    _ROLE_MAILBOX,
    _SURNAME_COMMA_GIVEN,
    _SURNAME_INITIAL,
    _SURNAME_THINGS,
    _THING_AFTER,
    _THING_BEFORE,
    _THINGS,
    _TITLE,
    _TITLES,
    _WORD,
    _initial_after,
    _initial_before,
    _names,
    _weak_given,
)
from .findings import Kind

#: What may stand between the words of one name.
_NAME_GAPS = frozenset({" ", "  ", "\xa0"})


class NameFinder:
    """Finds people's names in free text.  ``allowed_names`` (the plan's Settings: officers, say) are never flagged."""

    def __init__(self, allowed_names: Iterable[str] = ()) -> None:
        self.allowed = [set(_tokens(n)) for n in allowed_names if _tokens(n)]
        weak = _weak_given()
        self.given = _names("given_names.txt") - weak
        self.weak = weak
        self.surnames = _names("surnames.txt")
        self.words = _names("english_words.txt.gz")
        #: Given names in lower case that are no word or place ("jayden", not "will"): a quick look for
        #: a name typed in lower case.
        self.lower_given = frozenset(g.lower() for g in self.given if g.lower() not in self.words and g not in _PLACES)

    def __call__(self, text: str, identifiers: frozenset[int]) -> Iterator[tuple[Kind, int, int]]:
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
            # The name runs on over up to three capitalised words right after it ("Mary Jane Louise Smith"),
            # across a space as typed or pasted (two spaces, a non-breaking space), never a line break.
            j = i
            while j + 1 < len(words) and j - i < 3 and text[words[j].end():words[j + 1].start()] in _NAME_GAPS \
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
        if "," in text and _COMMA_BETWEEN_NAMES.search(text):
            for m in _SURNAME_COMMA_GIVEN.finditer(text):
                surname, given, more = m.group("surname"), m.group("given"), m.group("more")
                # A given name cspxl knows; after a surname in capitals or one it knows, any name-like word.
                sure = surname.isupper() or (surname in self.surnames and surname.lower() not in self.words)
                # Two words in no list are a name when an identifier follows them: "Kowalczyk, Agnieszka 99975…".
                cued = any(0 <= at - m.end() <= 12 for at in identifiers) and self._unknown(surname)
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

    def personal_mailbox(self, local: str) -> bool:
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
