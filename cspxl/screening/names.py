"""Finding people's names: from cues, from the shapes records and shouting give them, and from lists.

Names have no shape, and no language model can be downloaded on a council laptop: a capitalised word
is a name by the given-name and surname lists shipped in ``cspxl/data``, by a cue beside it (a title,
"victim", "aged 15"), or by the English word list telling an unknown word from an ordinary one.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator
from collections.abc import Set as AbstractSet

from ._name_patterns import (
    _CAPS_PAIR,
    _CAPS_QUICK,
    _CAPS_TITLE,
    _COMMA_BETWEEN_NAMES,
    _GREETING_BEFORE,
    _GREETINGS,
    _INITIAL_AFTER_SPOT,
    _INITIAL_SPOT,
    _KIN,
    _LOWER_CUES,
    _NICKNAME,
    _NOT_LOWER_NAMES,
    _NOT_SURNAMES,
    _PERSON_AFTER,
    _PERSON_BEFORE,
    _PLACES,
    _SURNAME_COMMA_GIVEN,
    _SURNAME_INITIAL,
    _SURNAME_THINGS,
    _THING_AFTER,
    _THING_AFTER_LOWER,
    _THING_BEFORE,
    _THINGS,
    _TITLE,
    _TITLE_AND,
    _TITLES,
    _WORD,
    _initial_after,
    _initial_before,
    _the_before,
)
from ._patterns import _ROLE_MAILBOX, words_of
from .findings import Kind
from .hurried import HurriedNames
from .lists import _more_given, _names, _weak_given

#: What may stand between the words of one name.
_NAME_GAPS = frozenset({" ", "  ", "\xa0"})
#: A line break between the words of a name, as in an update pasted from an e-mail ("Daniel\nMarsh"): the
#: word after it is more of the name only if it is a name's word, never just any capitalised word.
_LINE_GAPS = frozenset({"\n", " \n", "\n ", "\r\n", " \r\n"})


class NameFinder:
    """Finds people's names in free text.  ``allowed_names`` (the plan's Settings: officers, say) are never flagged."""

    def __init__(self, allowed_names: Iterable[str] = ()) -> None:
        self.allowed = [set(_tokens(n)) for n in allowed_names if _tokens(n)]
        weak = _weak_given()
        self.given = _names("given_names.txt") - weak
        self.weak = weak
        self.surnames = _names("surnames.txt")
        self.words = _names("english_words.txt.gz")
        more, worded = _more_given()
        #: Given names of the longer list that are no word ("Priya", "Kacper"): beside another name or with
        #: a cue, like a word in no list; in lower case, a name on their own like the names above.
        self.more = more - self.given - weak
        # (The sets below are made with set operations, not loops: every ingest worker makes them.)
        places, given = _lowered(_PLACES), _lowered(self.given)
        more_lower = _lowered(self.more)
        #: Given names in lower case that are no word or place ("jayden", "priya", not "will"): a name typed
        #: in lower case on its own (of the longer list, only those of four letters or more).
        self.lower_given = (given | _lowered(m for m in self.more if len(m) > 3)) - self.words - places \
            - _NOT_LOWER_NAMES
        #: Every given name in lower case, words too ("ruby", "dean"), but those that are words of another
        #: part of speech ("will", "may") or only in the longer list ("case", "cash"): a name typed in lower
        #: case after a cue.
        self.lower_any_given = (given | _lowered(weak - worded) | more_lower) - places - _NOT_LOWER_NAMES \
            - _LETTERS
        #: Every given name in lower case but a word of another part of speech: before a name found, more of it.
        self.lower_names_any = (given | _lowered(weak) | more_lower) - places - _NOT_LOWER_NAMES - _LETTERS - _KIN \
            - _LOWER_CUES
        self.lower_surnames = _lowered(self.surnames)
        #: Surnames that are no word, in the plural: a family ("the hendersons").
        plural = frozenset(s + "s" for s in self.lower_surnames - self.words)
        self.lower_families = plural - self.words
        #: The rules for names typed in a hurry (lower case, dotted initials, files' names), over these lists.
        self.hurried = HurriedNames(self)

    def __call__(self, text: str, identifiers: frozenset[int], tokens: AbstractSet[str] | None = None
                 ) -> Iterator[tuple[Kind, int, int]]:
        """``identifiers`` are where the identifiers with a shape start: a name written just before one
        ("Kowalczyk, Agnieszka 9997574915") is cued by it.  ``tokens`` are the text's words in lower case,
        if the caller has them already."""
        if tokens is None:
            tokens = words_of(text)
        for m in _TITLE.finditer(text) if not tokens.isdisjoint(_TITLES) else ():  # a title is a word of its own
            if m.start() and text[m.start() - 1].isalnum():
                continue  # inside a word or a code, not a title
            if not _THING_AFTER.match(text, m.end()) and not self._allowed(m.group()):
                yield "name", self._couple(text, m.start()), m.end()
        words = list(_WORD.finditer(text))
        if _INITIAL_SPOT.search(text) or _INITIAL_AFTER_SPOT.search(text):
            yield from self._initialled(text, words)
        yield from self._listed(text, identifiers)
        yield from self.hurried(text, tokens)
        yield from self._capitalised(text, words, tokens)

    def _capitalised(self, text: str, words: list[re.Match[str]], tokens: AbstractSet[str]
                     ) -> Iterator[tuple[Kind, int, int]]:
        """Capitalised words that are a name: a given name cspxl is sure of, or any name's words with a cue
        ("victim Okonkwo", "Jade's flat", "hi Jas"), or beside another name's ("Chinedu Eze"), running on over
        up to three more ("Mary Jane Louise Smith")."""
        greeted = not tokens.isdisjoint(_GREETINGS)
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
            while j + 1 < len(words) and j - i < 3:
                gap = text[words[j].end():words[j + 1].start()]
                if not (gap in _NAME_GAPS and self._runs_on(words[j + 1].group(), strong or j > i)) and \
                        not (gap in _LINE_GAPS and self._runs_on_line(words[j + 1].group(), strong or j > i)):
                    break
                j += 1
            end = words[j].end()
            if _THING_AFTER.match(text, end) or (_the_before(text, w.start()) and not _family_after(text, end)):
                i = j + 1  # "the William Harvey", "the Sainsbury's car park": a place named after someone
                continue
            cue = (_PERSON_BEFORE.search(text, max(0, w.start() - 24), w.start()) is not None
                   or _PERSON_AFTER.match(text, end) is not None
                   or (greeted and _GREETING_BEFORE.search(text, max(0, w.start() - 16), w.start()) is not None))
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

    def _runs_on_line(self, word: str, strong: bool) -> bool:
        """Whether a capitalised word after a line break is more of the name before it: only a name's word
        ("Daniel\nMarsh"), never any capitalised word ("Ryan\nSent")."""
        return self._runs_on(word, strong) and (word in self.surnames or word in self.given or self._unknown(word))

    def _couple(self, text: str, start: int) -> int:
        """Where a name found at ``start`` begins when a title and "and" come right before it ("mr and mrs Dobson")."""
        found = _TITLE_AND.search(text, max(0, start - 12), start)
        return found.start() if found is not None and (found.start() == 0 or not text[found.start() - 1].isalnum()) \
            else start

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
                    second not in _THINGS and second not in _PLACES and not _the_before(text, m.start("first")) and \
                    not _THING_AFTER_LOWER.match(text, m.end("second")):
                yield "name", m.start("first"), m.end("second")
            elif second == "Family" and first in self.surnames:
                yield "name", m.start("first"), m.end("first")

    def _namelike(self, word: str) -> bool:
        """Whether a word (in any case) is a surname or given name cspxl knows, or no word or place it knows."""
        titled = word.title() if word.isupper() else word
        return titled in self.surnames or titled in self.given or self._unknown(titled)

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
        if _ROLE_MAILBOX.match(local) or _ROLE_PART.search(local):
            return False
        if re.search(r"(?:19|20)\d{2}$|\d{2}$", local) and not local.isdigit():
            return True  # a year or two digits at the end, as a person picks: "gamer_boi2006", "sam.k87"
        parts = [p for p in re.split(r"[._\-+\d]+", local.lower()) if p.isalpha()]
        return any(p.title() in self.given or p.title() in self.surnames or p[1:].title() in self.surnames
                   or (len(p) > 3 and p not in self.words and p.title() not in _PLACES) for p in parts)

    def _allowed(self, name: str) -> bool:
        tokens = set(_tokens(name)) - _TITLES
        return bool(tokens) and any(tokens <= allowed for allowed in self.allowed)


#: A part of a mailbox's name that makes it a team's or a service's: "idva.service", "asb.team", "mash.referrals".
_ROLE_PART = re.compile(r"(?:^|[._-])(?:service|services|team|hub|unit|dept|department|admin|enquiries|info|office|"
                        r"referrals?|duty|mash|safeguarding|csp|asb|helpdesk|support|desk|group|board|partnership)"
                        r"(?:$|[._-])", re.I)


_LETTERS = frozenset("abcdefghijklmnopqrstuvwxyz")


def _lowered(names: Iterable[str]) -> frozenset[str]:
    return frozenset(map(str.lower, names))


def _family_after(text: str, at: int) -> bool:
    return text[at:at + 7].lower() == " family"


def _tokens(name: str) -> list[str]:
    return [t.lower() for t in re.findall(r"[A-Za-z][A-Za-z'’-]*", name)]
