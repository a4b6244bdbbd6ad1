"""Names as busy officers type them: in lower case, with full stops between initials, in a file's name.

The rules of :mod:`.names` look for capitalised words; these look for the names a hurried update holds
without capitals ("spoke with sarah jenkins", "victim priya (34)", "the hendersons"), after a title in
any case with its initials ("Mrs. A.B. Whitmore", "mr. t.j. o'brien"), with initials alone ("d.k.
patel"), and in the words of a file's name ("letter_to_kowalski_final.pdf").  Each looks first at the
update's words (a set), so most updates pass through at once.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from collections.abc import Set as AbstractSet
from typing import TYPE_CHECKING

from ._name_patterns import (
    _AGE_QUICK,
    _ANY_TITLE,
    _DOTTED_INITIALS,
    _DOTTED_QUICK,
    _FAMILY,
    _GREETING_BEFORE,
    _KIN,
    _LOWER_CUES,
    _LOWER_PERSON_AFTER,
    _LOWER_PERSON_BEFORE,
    _LOWER_SURNAME_INITIAL,
    _NOT_INITIALS,
    _NOT_SURNAMES,
    _PLACES,
    _SURNAME_THINGS,
    _THING_AFTER_LOWER,
    _THING_BEFORE,
    _THING_BEFORE_ENDS,
    _THING_LOWER,
    _THINGS,
    _TITLE_WORDS,
    _TITLES,
    _the_before,
)
from .findings import Kind
from .lists import _NAMES_DESPITE_WORDS

if TYPE_CHECKING:
    from .names import NameFinder


class HurriedNames:
    """The rules for names typed in a hurry, over a :class:`~.names.NameFinder`'s lists."""

    def __init__(self, finder: NameFinder) -> None:
        self.f = finder

    def __call__(self, text: str, tokens: AbstractSet[str]) -> Iterator[tuple[Kind, int, int]]:
        """The names in ``text`` typed in a hurry; ``tokens`` are its words in lower case (``words_of``)."""
        if not tokens.isdisjoint(_TITLE_WORDS):
            yield from self.any_titled(text)
        if _DOTTED_QUICK.search(" " + text):
            yield from self.dotted(text)
        # The rules for names typed in lower case look first at the words: most updates hold no given name
        # in lower case nor any cue, and these rules then end at once.
        given = {g for g in tokens & self.f.lower_any_given if g in text}  # as typed: "sarah", not "Sarah"
        if "the" in tokens and (not self.f.lower_families.isdisjoint(tokens) or "family" in tokens):
            yield from self.families(text, tokens)
        if given:
            yield from self.pairs(text, given)
        cued = not _LOWER_CUES.isdisjoint(tokens) or ("(" in text and _AGE_QUICK.search(text) is not None)
        if given or cued:
            yield from self.alone(text, given | {t for t in tokens - self.f.words if len(t) > 2 and t.isalpha()}
                                  if cued else given)

    def pairs(self, text: str, given: AbstractSet[str]) -> Iterator[tuple[Kind, int, int]]:
        """A given name typed in lower case before a surname: one that is no word before any surname ("jayden
        wright") or before a word in no list ("ffion kowalczyk", "priya chaudhary"); any given name before a
        surname that is no word ("lee cartwright", "pat hollis").  ``given`` are the given names in the text."""
        for first_start, first_end in _lower_places(text, given):
            first = text[first_start:first_end]
            if (m := _LOWER_NEXT.match(text, first_end)) is None:
                continue
            second = m.group(1)
            sure = len(first) > 2 and (first in self.f.lower_given or first in _LOWER_NAMES_DESPITE_WORDS or
                                       (first.split("-")[0] in self.f.lower_given and "-" in first))
            if not (sure and (second in self.f.lower_surnames or self._unknown_lower(second))) and not \
                    (first in self.f.lower_any_given and second in self.f.lower_surnames and second not in self.f.words):
                continue
            if _the_before(text, first_start) or _THING_AFTER_LOWER.match(text, m.end()) or \
                    (second.title() in _THINGS and not (sure and second.title() in _SURNAME_THINGS)) or \
                    _THING_WORD_LOWER.fullmatch(second):
                continue  # "the william harvey", "joyce green ward", "mcdonald house", "sherwood ward"
            if not self.f._allowed(text[first_start:m.end()]):
                yield "name", first_start, m.end()

    def any_titled(self, text: str) -> Iterator[tuple[Kind, int, int]]:
        """A name after a title in any case, with any initials ("ms o'brien", "Mrs. A.B. Whitmore", "mrs Jones",
        "mr j. w. nkemelu"): the word after the title is a name unless it is a word ("ms teams"); a second
        word is more of it when it is a name."""
        for m in _ANY_TITLE.finditer(text):
            if m.start() and (text[m.start() - 1].isalnum() or text[m.start() - 1] in "._"):
                continue  # inside a word: "Adrs", "summer"
            name, more = m.group("name"), m.group("more")
            if name[-2:].lower() in ("'s", "’s"):
                name, more = name[:-2], None  # "Mrs Quinn's office"
            lower = name.lower()
            if lower in self.f.words and lower not in self.f.lower_surnames and name.title() not in self.f.given \
                    and not m.group("initials"):
                continue
            if lower in ("and", "the", "of") or name.title() in _PLACES:
                continue
            end = m.end("more") if more and (more in self.f.surnames or more in self.f.given or self.f._unknown(more)) \
                and more not in _THINGS and more not in _NOT_SURNAMES else m.start("name") + len(name)
            if not self.f._allowed(text[m.start():end]):
                yield "name", self.f._couple(text, m.start()), end

    def dotted(self, text: str) -> Iterator[tuple[Kind, int, int]]:
        """A surname after initials with full stops, in any case, without a title ("d.k. patel", "G.H.
        Mahmood", "j. adebayo"): the word a surname that is no word, or no word, name or place cspxl knows."""
        for m in _DOTTED_INITIALS.finditer(text):
            initials = re.sub(r"\s", "", m.group("initials")).lower()
            if initials in _NOT_INITIALS or initials.rstrip(".") + "." in _NOT_INITIALS:
                continue
            surname = m.group("surname")
            lower = surname.lower()
            if surname.title() in _PLACES or surname.title() in _NOT_SURNAMES or (lower in self.f.words and not (
                    initials.count(".") > 1 and lower in self.f.lower_surnames)):
                continue  # a word, unless two initials come before a surname that is also one: "s.t. penny"
            if (lower in self.f.lower_surnames or self.f._unknown(surname.title())) and not self.f._allowed(surname):
                yield "name", m.start(), m.end()

    def families(self, text: str, tokens: AbstractSet[str]) -> Iterator[tuple[Kind, int, int]]:
        """A family by its surname in the plural, in any case: "the hendersons", "the Okafors", or before
        "family" in lower case: "the hussain family"."""
        for m in _FAMILY_OF.finditer(text) if "family" in tokens else ():
            if m.start() and text[m.start() - 1].isalnum():
                continue
            family = m.group("family")
            if family.islower() and (family in self.f.lower_surnames or self._unknown_lower(family)) and \
                    family not in self.f.words and not self.f._allowed(family):
                yield "name", m.start("family"), m.end("family")
        for m in _FAMILY.finditer(text) if not self.f.lower_families.isdisjoint(tokens) else ():
            if m.start() and text[m.start() - 1].isalnum():
                continue
            family = m.group("family")
            if family.lower() in self.f.lower_surnames and family.lower() not in self.f.words and \
                    (family + "s").lower() not in self.f.words and family.title() not in _PLACES and \
                    not self.f._allowed(family):
                yield "name", m.start("family"), m.end()

    def alone(self, text: str, candidates: AbstractSet[str]) -> Iterator[tuple[Kind, int, int]]:
        """A given name typed in lower case on its own: one that is no word nor place ("tanya", "dylan"),
        unless it names a thing ("helen's law", "the william harvey"); one that is also a word ("ruby",
        "dean"), or one in no list ("priya"), only with a cue before it ("her son", "victim", "hi") or
        after it ("(15)", "d.o.b", "'s mum").  An initial after it is more of it ("alfie m")."""
        for start, end in _lower_places(text, candidates):
            word = text[start:end]
            first = word.split("-")[0]
            if first in _KIN or first in _LOWER_CUES or first.title() in _NOT_SURNAMES or \
                    (first not in self.f.lower_any_given and (first in self.f.words or first.title() in _PLACES
                                                             or not self._namelike_lower(first))):
                continue
            if (initial := _LOWER_SURNAME_INITIAL.match(text, end)) is not None:
                end = initial.end()  # "alfie m"
            # The word before decides which patterns need looking at: most words have none of the cues.
            previous = _word_before(text, start)
            before = (previous in _CUE_ENDS and _LOWER_PERSON_BEFORE.search(text, max(0, start - 24), start)
                      is not None) or (previous in _GREETING_ENDS and _GREETING_BEFORE.search(
                          text, max(0, start - 16), start) is not None)
            if first not in self.f.lower_given and not (
                    before or _LOWER_PERSON_AFTER.match(text, end) is not None or self._and_a_name(text, end)
                    or (first in self.f.lower_any_given and _subject(text, start, end))):
                continue
            if _the_before(text, start) or (previous in self.f.lower_any_given and
                                            self._the_and_name_before(text, start)) or \
                    _THING_AFTER_LOWER.match(text, end) or (previous in _THING_BEFORE_ENDS and _THING_BEFORE_ANY.search(
                        text, max(0, start - 24), start)) or self.f._allowed(word):
                continue
            if before and initial is None and (surname := _LOWER_NEXT.match(text, end)) is not None and \
                    surname.group(1) in self.f.lower_surnames and surname.group(1) not in _NOT_SURNAMES_LOWER:
                end = surname.end()  # "offender lewis\nhart": after a cue, a surname that is also a word
            if previous in self.f.lower_names_any and (given := _LOWER_BEFORE.search(text, max(0, start - 20), start)):
                start = given.start(1)  # "grandmother pat hollis": a given name that is also a word, before
            yield "name", start, end

    def _the_and_name_before(self, text: str, at: int) -> bool:
        """Whether "the" and a given name come right before ``at``: "the william harvey" is a hospital."""
        found = _THE_NAME_BEFORE.search(text, max(0, at - 24), at)
        return found is not None and found.group(1) in self.f.lower_any_given

    def _and_a_name(self, text: str, at: int) -> bool:
        """Whether "and" and a given name that is no word follow: "bradley and lacey"."""
        found = _AND_NAME.match(text, at)
        return found is not None and found.group(1) in self.f.lower_given

    def file_name_names(self, words: str) -> Iterator[tuple[Kind, int, int]]:
        """The names in a file's name, its joins made spaces ("referral adebayo okafor final", "kaur h dash",
        "letter to kowalski final"): a surname or given name that is no word, in any case, with the words
        beside it that are an initial or no word at all; or an initial before a capitalised word in no list
        ("warning letter M Demir").  A file is named for the person it is about, so no cue is needed."""
        tokens = list(re.finditer(r"[^\s]+", words))
        kinds = [self._file_word(t.group()) for t in tokens]
        for n, kind in enumerate(kinds):
            if kind == "initial" and n + 1 < len(kinds) and kinds[n + 1] == "unknown" and tokens[n + 1].group()[0].isupper():
                kinds[n + 1] = "name"
        named = [k == "name" for k in kinds]
        for n, kind in enumerate(kinds):  # an initial or an unknown word beside a name is more of it
            if kind in ("initial", "unknown") and ((n and named[n - 1]) or (n + 1 < len(kinds) and named[n + 1])):
                named[n] = True
        n = 0
        while n < len(tokens):
            if named[n]:
                m = n
                while m + 1 < len(tokens) and named[m + 1]:
                    m += 1
                if not self.f._allowed(words[tokens[n].start():tokens[m].end()]):
                    yield "name", tokens[n].start(), tokens[m].end()
                n = m
            n += 1

    def _file_word(self, word: str) -> str:
        """What a word of a file's name is: "name", "initial", "unknown" (in no list, no code) or "other"."""
        lower = word.lower()
        if len(word) == 1 and word.isalpha():
            return "initial"
        if not word.isalpha() or word.isupper() or lower in self.f.words or word.title() in _PLACES or \
                word.title() in _NOT_SURNAMES or lower in _TITLES:
            return "other"
        if lower in self.f.lower_surnames or lower in self.f.lower_given:
            return "name"
        return "unknown" if len(word) > 2 else "other"

    def _unknown_lower(self, word: str) -> bool:
        """Whether a word in lower case is in no list: no word, name, place or title ("kowalczyk")."""
        bare = word.replace("'", "").replace("’", "")
        return len(bare) > 2 and bare.replace("-", "").isalpha() and word not in self.f.words and \
            bare not in self.f.words and word.title() not in _PLACES and word.title() not in _NOT_SURNAMES and \
            word not in _TITLES and word not in _KIN

    def _namelike_lower(self, word: str) -> bool:
        """Whether a word in lower case could be a name: no word, no place, no title and no code."""
        return (word not in self.f.words and word.title() not in _PLACES and word not in _TITLES
                and word.title() not in _NOT_SURNAMES and len(word) > 2)


#: Given names that are words but far more often names ("jade", "harry"): before a surname, a name.
_LOWER_NAMES_DESPITE_WORDS = frozenset(n.lower() for n in _NAMES_DESPITE_WORDS)


def _word_before(text: str, at: int) -> str:
    """The word right before ``at`` on its line, in lower case ("" for none)."""
    before = text[max(0, at - 24):at].rsplit(None, 1)
    return before[-1].lower().strip(",:;") if before and text[at - 1:at].isspace() else ""


#: The last words of ``_LOWER_PERSON_BEFORE``'s and ``_GREETING_BEFORE``'s cues: a quick look at the word
#: before a name before the patterns.
_CUE_ENDS = _LOWER_CUES | {"is", "was", "named", "called", "as", "user", "partner", "ex-partner", "perp"}
_GREETING_ENDS = frozenset({"hi", "hello", "hiya", "hey", "dear", "thanks", "you", "thankyou", "cheers", "regards",
                            "wishes", "its", "it's", "it’s", "is", "am", "i'm", "i’m"})


def _lower_places(text: str, words: AbstractSet[str]) -> Iterator[tuple[int, int]]:
    """Where each of ``words`` stands in ``text`` as a word in lower case of its own, with any part after a
    hyphen ("lily-mae"), in order: not inside a word, a handle, an address or a code ("lily_rose.22")."""
    found = []
    for word in words:
        at = text.find(word)
        while at >= 0:
            end = at + len(word)
            if (at == 0 or not (text[at - 1].isalnum() or text[at - 1] in _NOT_BEFORE_WORD)) and \
                    (hyphened := _HYPHENED.match(text, end)) is not None:
                found.append((at, hyphened.end()))
            at = text.find(word, end)
    return iter(sorted(found))


#: What may not come right before a word of a name ("@ellie", "lily_rose", "j.smith"), and what a name's word
#: may be followed by: a hyphen and more of it ("lily-mae"), then no letter, "@", "/", "_", and no "." or "-"
#: before a letter, no apostrophe but a possessive's ("callum's").
_NOT_BEFORE_WORD = frozenset(".@'’/-_")
_HYPHENED = re.compile(r"(?:-[a-z]+)?(?![\w@/]|[.-]\w|['’](?!s\b)\w)")


#: A word in lower case right before a name, on the same line.
_LOWER_BEFORE = re.compile(r"(?<![\w.@'’/-])([a-z]{2,}) $")
#: A verb after a sentence's first word that makes the word its subject, a person: "mason has a new snap".
_SUBJECT_VERB = re.compile(r" (?:has|had|is|was|said|says|rang|called|told|went|got|came|left|moved|reported|"
                           r"disclosed|attended|missed|refused|agreed|wants|needs|lives|stays)\b")


def _subject(text: str, start: int, end: int) -> bool:
    """Whether the word at ``start`` begins a sentence or a line and a verb follows it, as a person's name
    does: "mason has a new snap - m4son_x" (never "will", "may": see ``_NOT_LOWER_NAMES``)."""
    before = text[:start].rstrip(" \t")
    return (not before or before[-1] in ".\n!?:;-–(\"") and _SUBJECT_VERB.match(text, end) is not None


_LOWER_NEXT = re.compile(r"(?: | ?\r?\n)([a-z][a-z'’-]*[a-z])(?![\w@])")
_THING_WORD_LOWER = re.compile(_THING_LOWER)
_FAMILY_OF = re.compile(r"the\s+(?P<family>[a-z][a-z'’-]+)\s+family\b")
_THE_NAME_BEFORE = re.compile(r"\bthe\s+([a-z]+)\s+$", re.I)
_AND_NAME = re.compile(r"\s+(?:and|&)\s+([a-z]+)\b")
#: Surnames that are words no name is followed by ("victim sarah says").
_NOT_SURNAMES_LOWER = frozenset({"and", "the", "is", "was", "has", "had", "says", "said", "will", "can", "may", "not",
                                 "also", "now", "still", "again", "who", "to", "in", "on", "at", "for", "from", "with",
                                 "but", "or", "so", "as", "by", "if", "all", "both", "only", "just", "very", "well",
                                 "good", "best", "young", "little", "long", "more", "less", "new", "old", "rang",
                                 "called", "came", "went", "got", "left", "moved"})
#: ``_THING_BEFORE`` in any case, for names typed in lower case ("operation bluebell").
_THING_BEFORE_ANY = re.compile(_THING_BEFORE.pattern, re.I)
