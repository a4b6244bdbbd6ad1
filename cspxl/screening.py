"""Personal data in what partners typed: found by kind, reported by cell, replaced for circulation.

Updates about domestic abuse, stalking or county lines often carry a victim's name, an address, a
date of birth or a mobile number, and the master goes to every partner.  Every free text a partner
types is screened at ingest, and each finding (its kind and its span) is kept with the answer, so
that the master can say which actions' updates hold personal data and a circulation copy can
replace each finding with a placeholder such as ``[name removed]``.

Identifiers with a shape are found by pattern and checked where a check exists: an NHS number by
its modulus-11 check digit (python-stdnum), a phone number by Google's libphonenumber rules
(phonenumbers), an NI number by HMRC's prefix rules.  Names have no shape, and no language model
can be fetched on a council laptop, so names are found from cues (a title, "victim", "aged",
"of <address>", a possessive such as "Jade's flat"), from given-name and surname lists, and from an
English word list that tells a capitalised word in no list ("Boateng") from an ordinary one, all
shipped in ``cspxl/data`` (see ``NAMES.md`` there).  What this misses is in the README ("Personal
data", "What screening misses").
"""

from __future__ import annotations

import gzip
import re
from collections.abc import Iterable, Iterator
from functools import cache, lru_cache
from importlib.resources import files
from typing import Literal, get_args

from pydantic import BaseModel, ConfigDict

Kind = Literal["name", "address", "postcode", "date of birth", "NHS number", "NI number", "phone", "email",
               "crime reference", "vehicle registration"]
#: Every kind, in the order the master lists them.
KINDS: tuple[Kind, ...] = get_args(Kind)


class Finding(BaseModel):
    """One piece of personal data: its kind and where it is in the text (``text[start:end]``)."""

    model_config = ConfigDict(frozen=True)

    kind: Kind
    start: int
    end: int

    @property
    def placeholder(self) -> str:
        return f"[{self.kind} removed]"


def kinds_found(findings: Iterable[Finding]) -> str:
    """The kinds among ``findings``, in the standard order, as the master shows them: ``name; phone``."""
    found = {f.kind for f in findings}
    return "; ".join(k for k in KINDS if k in found)


def redact(text: str, findings: Iterable[Finding]) -> str:
    """``text`` with each finding replaced by its placeholder; nothing else changes."""
    out, at = [], 0
    for f in sorted(findings, key=lambda f: f.start):
        if f.start < at:
            continue
        out += [text[at:f.start], f.placeholder]
        at = f.end
    return "".join(out) + text[at:]


def hint(text: str, finding: Finding) -> str:
    """Enough of a finding to find it in the cell, never the whole of it: ``07…`` (12 characters)."""
    found = text[finding.start:finding.end]
    return f"'{found[:2] if len(found) > 4 else found[:1]}…' ({len(found)} characters)"


# Patterns -------------------------------------------------------------------------------------

_DIGIT = re.compile(r"\d")
_EMAIL = re.compile(r"(?<![\w.+-])[\w.+'-]+@[\w-]+(?:\.[\w-]+)+")
#: Mailboxes of a team or an organisation, not of a person.
_ROLE_MAILBOX = re.compile(r"^(?:info|enquir(?:y|ies)|contact|admin|office|team|csp|safeguarding|referrals?|reception"
                           r"|help(?:desk)?|support|hello|mail|noreply|no-reply|customer.?services|community.?safety"
                           r"|duty|intake|asb|licensing|press|comms|communications)\b", re.I)

_PHONE = re.compile(r"(?<![\w/+])(?:\+44\s?(?:\(0\)\s?)?|\(?0)\d[\d \-()]{7,14}\d(?![\w/])")
#: Words before a number that make it an organisation's, not a person's.
_SWITCHBOARD = re.compile(r"\b(?:switchboard|reception|main (?:number|line)|office|offices|helpline|advice line|"
                          r"contact cent(?:re|er)|call cent(?:re|er)|hub|front desk|enquiries|headquarters|HQ|"
                          r"council|police station|fire station|freephone|line is|line on)\b", re.I)

_NHS = re.compile(r"(?<![\d/])\d{3}[ -]?\d{3}[ -]?\d{4}(?![\d/])")

_NINO = re.compile(r"(?<![A-Za-z0-9])([A-CEGHJ-PR-TW-Z][A-CEGHJ-NPR-TW-Z]) ?(\d{2}) ?(\d{2}) ?(\d{2}) ?([A-D])"
                   r"(?![A-Za-z0-9])", re.I)
#: Prefixes HMRC never issues (besides the letters the pattern already leaves out).
_NINO_NEVER = {"BG", "GB", "KN", "NK", "NT", "TN", "ZZ"}

_POSTCODE = re.compile(r"(?<![A-Za-z0-9])(?:GIR ?0AA|[A-PR-UWYZ](?:\d[A-HJKPSTUW]?|[A-HK-Y]\d[ABEHMNPRV-Y]?|\d\d|"
                       r"[A-HK-Y]\d\d) ?\d[ABD-HJLNP-UW-Z]{2})(?![A-Za-z0-9])", re.I)

_STREET = (r"(?:Road|Rd|Street|St|Avenue|Ave|Lane|Close|Drive|Way|Crescent|Gardens|Place|Court|Terrace|Grove|Hill|"
           r"Park|Rise|Walk|Mews|Square|View|Row|Green|Parade|Vale|Estate|Heights|Wharf|Yard|Path|Meadows?|Fields|"
           r"Wood|End|Gate|Orchard|Chase|Approach|Hollow|Croft)")
_ADDRESS = re.compile(
    r"(?<![\w/£$.,])(?:(?:Flat|Apartment|Apt|Unit|Room|Bedsit)\s+\d+[A-Za-z]?,?\s+)?\d{1,4}[A-Za-z]?,?\s+"
    r"(?:[A-Z][a-z'’]+\s+){1,3}" + _STREET + r"\b"
    r"|(?<![\w/])(?:Flat|Apartment|Apt|Bedsit)\s+\d+[A-Za-z]?,?\s+(?:[A-Z][a-z'’]+\s+){1,2}"
    r"(?:House|Court|Lodge|Mansions|Tower|Point|Heights|Buildings)\b"
    r"|(?<![\w/])(?:Flat|Apartment|Apt|Bedsit)\s+\d+[A-Za-z]?,?\s+\d{1,4}[A-Za-z]?,?\s+[A-Z][a-z'’]+(?:\s+[A-Z][a-z'’]+)?")
#: A count rather than a house number: "visited 40 High Street businesses".
_COUNTED = re.compile(r"\s+(?:businesses|shops|premises|traders|residents|properties|homes|households|venues|"
                      r"outlets|flats|units)\b")
#: Premises of an organisation: its address is not personal data.
_PREMISES = re.compile(r"\b(?:Council Offices|Civic Cent(?:re|er)|Town Hall|Police Station|Fire Station|"
                       r"Gateway|Hub|Library|Hospital|Surgery|Health Cent(?:re|er)|Medical Cent(?:re|er)|"
                       r"Community Cent(?:re|er)|Leisure Cent(?:re|er)|Family Cent(?:re|er)|Children's Cent(?:re|er)|"
                       r"School|Academy|College|Church|Court|Headquarters|HQ|Offices|Office|Station|Mosque|Temple|"
                       r"Job ?cent(?:re|er)(?: Plus)?|Housing Association|Refuge|Business Park|Industrial Estate|"
                       r"Trading Estate|Retail Park|Shopping Cent(?:re|er)|"
                       # An organisation's own name ends so ("Citizens Advice West Kent, 8 Bank Street"): only
                       # capitalised, since "for support, 14 Elm Road" is a person's address.
                       r"(?-i:Advice|Support|Trust|Services?|Society|Association|Foundation|Project|Team|Unit \d+|"
                       r"Police|Partnership|Council))\b(?!\s+" + _STREET + r"\b)"
                       r"[^.;,\n]{0,25},\s[^.;\n]{0,50}$",
                       re.I)

#: An address that is itself an organisation's premises: "4, Riverside Business Park".
_PREMISES_IN = re.compile(r"\b(?:Business|Industrial|Trading|Retail|Science) (?:Park|Estate)\b")

_MONTH = (r"(?:Jan(?:uary)?|Feb(?:ruary)?|Mar(?:ch)?|Apr(?:il)?|May|June?|July?|Aug(?:ust)?|Sep(?:t(?:ember)?)?|"
          r"Oct(?:ober)?|Nov(?:ember)?|Dec(?:ember)?)")
_DATE = r"(\d{1,2}[./-]\d{1,2}[./-](?:\d{4}|\d{2})|\d{1,2}(?:st|nd|rd|th)?\s+" + _MONTH + r",?\s+\d{4})"
#: A date after "DOB" in the same sentence ("corrected DOB for Mrs Patel: 14/08/1979"), or right after "born".
_DOB = re.compile(r"\b(?:DOB|D\.O\.B\.?|date of birth)[^.\n\d]{0,40}?" + _DATE
                  + r"|\b(?:born(?: on)?|b\.)\s*[:\-–]?\s*" + _DATE, re.I)

_CRIME_CUE = (r"(?:crime\s+(?:ref(?:erence)?|number|no\.?)(?:\s+(?:number|no\.?))?|CRN|police\s+ref(?:erence)?|"
              r"incident\s+(?:ref(?:erence)?|number|no\.?)|occurrence(?:\s+(?:number|no\.?))?|log\s+(?:number|no\.?)|"
              r"CAD(?:\s+(?:number|no\.?))?|URN)")
_CRIME = re.compile(r"\b" + _CRIME_CUE + r"\s*[:#]?\s*(?P<ref>[A-Z0-9][A-Z0-9/\-]{3,}[A-Z0-9])", re.I)
#: Words in lower case one of which a crime reference's cue holds (a quick look before the pattern).
_CRIME_CUES = ("crime", "crn", "ref", "incident", "occurrence", "log", "cad", "urn")
#: The same for an older vehicle registration's cue.
_VEHICLE_CUES = ("reg", "vrm", "index", "vehicle", "car", "van", "moped", "motorbike")
#: What a postcode ends with ("1HG"), and what a current registration does ("21 XKD"): quick looks first.
_INWARD = re.compile(r"\d[A-Za-z]{2}(?![A-Za-z])")
_REG_TAIL = re.compile(r"\d\d ?[A-Z]{3}")
#: A house number before a capitalised word, without which there is no address.
_NUMBER_THEN_NAME = re.compile(r"\d[A-Za-z]?,?\s+[A-Z]")
#: A force's crime number on its own, e.g. Kent's 46/123456/24, or an incident log: CAD 0873/21SEP24.
_CRIME_BARE = re.compile(r"(?<![\w/])\d{2}/\d{5,7}/\d{2}(?![\w/])|\bCAD\s?\d{3,5}/\d{1,2}[A-Z]{3}\d{2}\b")

_VEHICLE = re.compile(r"(?<![A-Za-z0-9])[A-HJ-PR-Y][A-HJ-PR-Y]\d{2} ?[A-HJ-PR-Z]{3}(?![A-Za-z0-9])")
_VEHICLE_OLD = re.compile(r"\b(?:reg(?:istration)?|VRM|index|vehicle|car|van|moped|motorbike)\b\W{0,3}(?:no\.?\s*)?"
                          r"(?P<reg>[A-HJ-NP-TV-Y]\d{1,3} ?[A-Z]{3}|[A-Z]{3} ?\d{1,3}[A-HJ-NP-TV-Y]?)(?![A-Za-z0-9])")

# Names ----------------------------------------------------------------------------------------

#: A capitalised word, with Mc and O' names whole ("McDonald", "O'Brien"); a possessive 's is not part of it.
_UPPER, _LOWER = "A-ZÀ-ÖØ-Þ", "a-zß-öø-ÿ\u0100-\u017f"
#: (It begins with a capital, not with the optional "Mc", so that the regular expression engine skips
#: quickly to the next capital: every word of every update passes through it.)
_WORD = re.compile(rf"[{_UPPER}](?:(?<=M)a?c[{_UPPER}]|(?<=O)['’][{_UPPER}])?[{_LOWER}]+(?:-[{_UPPER}][{_LOWER}]+)*")
#: (Without a leading \\b, for speed as above: the word's start is checked where it is used.)
_TITLE = re.compile(r"(?:M(?:rs?|s|iss|x|aster)|Dr|PCSO|PC|DCI|D[CSI]|Sgt|Insp|Cllr|Councillor)\b\.?\s+"
                    r"(?:[A-Z]\.?\s+)?" + _WORD.pattern + r"(?:\s+" + _WORD.pattern + r")?")
#: Words before a capitalised word that make it a person: "victim Sarah", "her son Tyler".
_PERSON_BEFORE = re.compile(r"\b(?:(?:victim|survivor|client|complainant|witness|suspect|perpetrator|offender|nominal|"
                            r"tenant|resident|neighbour|mum|mother|dad|father|son|daughter|brother|sister|partner|"
                            r"boyfriend|girlfriend|husband|wife|ex|child|pupil|student|named|called|aka|known as|"
                            r"young person|service user|grandmother|grandfather|nan|aunt|uncle|cousin|carer|occupant|"
                            r"occupier|householder|parent|guardian)"
                            r")[,:]?\s+$", re.I)
#: What follows a person's name: "Jade, aged 15", "Jade (DOB …)", "Jade's flat", "Jade of 4 Elm Road".
_PERSON_AFTER = re.compile(r"(?:,?\s*\(?(?:aged|age|DOB|D\.O\.B|born|\d{1,2}\s*(?:yrs|years|y/o))|"
                           r"['’]s\s+(?:mum|mother|dad|father|partner|flat|home|house|address|car|phone|family|"
                           r"children|son|daughter|ex|boyfriend|girlfriend|brother|sister|school|case|bedroom|"
                           r"room|mobile|social worker|landlord)|\s+of\s+\d)", re.I)
#: Words before a capitalised word that make it the name of something else: "Operation Bluebell".
_THING_BEFORE = re.compile(r"\b(?:Operation|Op|Project|Scheme|Programme|Exercise|Campaign|Hurricane|Storm|St|Saint|"
                           r"Lady|Lord|King|Queen|Prince|Princess|Sir|HMS|Ward|Ask for|Mount|Lake|Port|Fort)\.?\s+$")
#: Words that make the capitalised words before them a place or an organisation: "Victoria Road".
_THING = re.compile(
    r"(?:Law|Laws|Trust|Foundation|Centre|Center|House|Project|Place|Road|Street|Avenue|Lane|Close|Way|Drive|Park|"
    r"Court|Hall|Station|School|Academy|College|Hospital|Ward|Fund|Scheme|Campaign|Refuge|Gardens|Green|Hill|Estate|"
    r"Bridge|Square|Memorial|Partnership|Council|Library|Surgery|Clinic|Unit|Service|Services|Charity|Network|Line|"
    r"Helpline|Award|Awards|Lecture|Review|Report|Protocol|Principle|Rule|Hub|Wood|Heath|Common|Cross|Quay|Marina|"
    r"Barracks|Prison|Fields|Meadow|Arms|Inn|Tavern|Pub|Cafe|Café|Club|Show|Festival|Fair|Market|Theatre|Museum|"
    r"Gallery|Cup|Games|Day|Week|Month|Appeal|Aid|Crisis|Support|Watch|Pathway|Team|Board|Group|Panel|Forum|"
    r"Alliance|Association|Society|Housing|Homes|Police|Lodge|Mansions|Tower|Point|Crescent|Rise|Vale|Row|Mews|"
    r"Terrace|Grove|Walk|Parade|Gate|Orchard|End|Yard|Wharf)")
_THINGS = frozenset(_THING.pattern[3:-1].split("|"))
#: A place or an organisation right after a name: "Victoria Road", "Jo Cox Foundation's".
_THING_AFTER = re.compile(r"(?:['’]s)?\s+" + _THING.pattern + r"\b")


@cache
def _names(which: str) -> frozenset[str]:
    """A shipped list, one entry a line (see ``cspxl/data/NAMES.md``)."""
    data = files("cspxl").joinpath("data", which).read_bytes()
    text = (gzip.decompress(data) if which.endswith(".gz") else data).decode("utf-8")
    return frozenset(line.strip() for line in text.splitlines() if line.strip() and not line.startswith("#"))


#: Given names that are also places or names of things ("Victoria Road", "Ask for Angela", "Christian Aid"):
#: taken for a name only with a cue, like the names that are also words (``name_words.txt``).  (Kent's
#: places are never names: they are in ``_PLACES``.)
_PLACE_NAMES = frozenset("""
Chelsea Victoria Florence Georgia Jordan India Stanley Shirley Beverley Ashley Bradley Lincoln Preston Clifton
Sydney Dallas Austin Paris Adelaide Eden Derby Lewes Christian Will Grant Angela Trinity Kendal Carmel Sharon
Lourdes Chester Orlando Phoenix Madison Brooklyn Ireland Wellington Nelson Winston Marley Hope Patience Justice
Mercy Ash Barry Kelly Morgan Lewis Howard
""".split())
#: Words in the word list that are far more often names ("John", "Peter"): a name without a cue.
_NAMES_DESPITE_WORDS = frozenset("""
John Peter Harry Tom Martin Roger Victor Maria Sally Terry Tony Josh Billy Bobby Noel Derrick Felicity Hector
Jasper Phoebe Savannah Sonny Carol Beryl Lee Jade Jasmine Daisy Poppy Ruby Holly Ivy Lily Rosemary Heather Hazel
""".split())


def _weak_given() -> frozenset[str]:
    return (_names("name_words.txt") - _NAMES_DESPITE_WORDS) | _PLACE_NAMES


# Screening -----------------------------------------------------------------------------------

class Screener:
    """Finds personal data in free text.  ``allowed_names`` (the plan's Settings: officers, say) are never flagged."""

    def __init__(self, allowed_names: Iterable[str] = ()) -> None:
        self.allowed = [set(_tokens(n)) for n in allowed_names if _tokens(n)]
        weak = _weak_given()
        self.given = _names("given_names.txt") - weak
        self.weak = _names("given_names.txt") & weak
        self.surnames = _names("surnames.txt")
        self.words = _names("english_words.txt.gz")

    def __call__(self, text: str) -> list[Finding]:
        if not text or len(text) < 4:
            return []
        found: list[tuple[Kind, int, int]] = []
        found += self._patterns(text)
        found += self._names(text)
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

    def _near_digits(self, text: str, a: int, b: int) -> Iterator[tuple[Kind, int, int]]:
        part = text[a:b]
        lower = part.lower()
        if sum(map(part.count, _DIGITS)) >= 6:
            yield from self._numbers(text, a, b)
            if "/" in part or "cad" in lower:
                for m in _CRIME_BARE.finditer(text, a, b):
                    yield "crime reference", m.start(), m.end()
        if _INWARD.search(part):
            for m in _POSTCODE.finditer(text, a, b):
                code = m.group()
                if (code.isupper() or code.islower()) and not _premises_before(text, m.start()):
                    yield "postcode", m.start(), m.end()
        if _NUMBER_THEN_NAME.search(part):
            for m in _ADDRESS.finditer(text, a, b):
                if not _COUNTED.match(text, m.end()) and not _premises_before(text, m.start()) \
                        and not _PREMISES_IN.search(m.group()):
                    yield "address", m.start(), m.end()
        if "dob" in lower or "d.o.b" in lower or "birth" in lower or "born" in lower or "b." in lower:
            for m in _DOB.finditer(text, a, b):
                group = 1 if m.group(1) else 2
                yield "date of birth", m.start(group), m.end(group)
        if any(cue in lower for cue in _CRIME_CUES):
            for m in _CRIME.finditer(text, a, b):
                if _DIGIT.search(m.group("ref")):
                    yield "crime reference", m.start("ref"), m.end("ref")
        if _REG_TAIL.search(part):
            for m in _VEHICLE.finditer(text, a, b):
                yield "vehicle registration", m.start(), m.end()
        if any(cue in lower for cue in _VEHICLE_CUES):
            for m in _VEHICLE_OLD.finditer(text, a, b):
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

    def _names(self, text: str) -> Iterator[tuple[Kind, int, int]]:
        for m in _TITLE.finditer(text):
            if m.start() and text[m.start() - 1].isalnum():
                continue  # inside a word or a code, not a title
            if not _THING_AFTER.match(text, m.end()) and not self._allowed(m.group()):
                yield "name", m.start(), m.end()
        words = list(_WORD.finditer(text))
        i = 0
        while i < len(words):
            w = words[i]
            word = w.group()
            strong = word in self.given
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
            cue = (_PERSON_BEFORE.search(text, max(0, w.start() - 40), w.start()) is not None
                   or _PERSON_AFTER.match(text, end) is not None)
            if not known and not cue and j == i:
                i += 1  # a word in no list is a name only with a cue, or beside another name: "Chinedu Eze"
                continue
            if (strong or cue or j > i) and not self._allowed(text[w.start():end]):
                yield "name", w.start(), end
            i = j + 1

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
        """A person's mailbox has a name in it ("jade.thompson", "jthompson", "kayleigh1987"); a team's
        ("csu", "community.safety", "info") has none."""
        if _ROLE_MAILBOX.match(local):
            return False
        parts = [p for p in re.split(r"[._\-+\d]+", local.lower()) if p.isalpha()]
        return any(p.title() in self.given or p.title() in self.surnames or p[1:].title() in self.surnames
                   or (len(p) > 3 and p not in self.words and p.title() not in _PLACES) for p in parts)

    def _allowed(self, name: str) -> bool:
        tokens = set(_tokens(name)) - _TITLES
        return bool(tokens) and any(tokens <= allowed for allowed in self.allowed)


#: Capitalised words that follow a given name without being a surname ("Sarah Thursday" is not a name);
#: places are in ``_PLACES``, which every rule checks beside this.
_NOT_SURNAMES = frozenset("""
The A An And Or But If On In At To Of For From By With As This That These Those It Its We Our Us They Their He She
His Her Him I My Me You Your Police Council County District Partnership Team Officer Officers Service Services
Support Housing Health Safety Community Fire Rescue Probation Trust Project Scheme Law Court Centre Monday Tuesday
Wednesday Thursday Friday Saturday Sunday January February March April May June July August September October
November December Q1 Q2 Q3 Q4 Action Update Meeting Board Group Panel Forum Review Plan Strategy Priority
Priorities England Wales Britain Jan Feb Mar Apr Jun Jul Aug Sep Sept Oct Nov Dec Operation Op Programme Exercise
Campaign Saint Lady Lord King Queen Prince Princess Sir Ask Mount Lake Port Fort Unit Flat
""".split())

#: Surnames that are also words for places ("Sarah Green"): part of a name only after a given name.
_SURNAME_THINGS = frozenset({"Green", "Wood", "Hill", "Hall", "Lane", "Park", "Cross", "Heath", "Court", "Ward",
                             "Bridge", "Fields", "Field", "Marsh", "Gate", "Row", "Croft", "Meadows"})

#: Towns and villages of Kent and places near, which look like names to these rules: never a person.
#: Another partnership's places go in the plan's "Names allowed in updates".
_PLACES = frozenset("""
Margate Ramsgate Broadstairs Folkestone Hythe Deal Dover Canterbury Whitstable Herne Faversham Sittingbourne
Sheerness Gillingham Chatham Rochester Strood Gravesend Northfleet Swanscombe Greenhithe Dartford Orpington Bromley
Bexley Tonbridge Tunbridge Paddock Edenbridge Westerham Otford Kemsing Hextable Riverhead Seal Dunton Halstead
Knockholt Shoreham Eynsford Farningham Horton Kirby Crockenhill Hartley Longfield Fawkham Brasted Sundridge Ide
Chevening Penshurst Leigh Hildenborough Cowden Hever Chiddingstone Marlpit Sevenoaks Swanley Maidstone Ashford
Thanet Medway Malling Snodland Aylesford Larkfield Ditton Bearsted Staplehurst Marden Cranbrook Hawkhurst
Tenterden Crowborough Uckfield Sidcup Bexleyheath Erith Crayford Swale Sandwich Minster Birchington Westgate
Knole Polhill Badgers Kingsdown Ightham Borough Wrotham Meopham Istead Higham Cliffe Hoo Rainham Walderslade
Lordswood Wigmore Hempstead Kent Sussex Surrey Essex London Croydon Lewisham Greenwich Bexley Brighton Hastings
""".split())

_TITLES = frozenset({"mr", "mrs", "ms", "miss", "mx", "dr", "master", "pc", "pcso", "dc", "ds", "di", "dci", "sgt",
                     "insp", "cllr", "councillor"})


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
    sentence = text[max(0, at - 60):at]
    sentence = re.split(r"[.;\n]", sentence)[-1]
    return _SWITCHBOARD.search(sentence) is None


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
    """One finding for each stretch of text: where two overlap, the more specific kind (an NHS number over
    a phone number) wins, then the longer."""
    chosen: list[tuple[Kind, int, int]] = []
    for kind, start, end in sorted(found, key=lambda f: (_PRIORITY[f[0]], -(f[2] - f[1]), f[1])):
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
