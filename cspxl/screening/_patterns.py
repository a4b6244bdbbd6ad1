"""The shapes and words screening looks for: regular expressions, shipped lists and word lists.

Data more than code: each pattern or list says in a comment what it is for.
"""

from __future__ import annotations

import gzip
import re
from functools import cache
from importlib.resources import files

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

#: A person named between an organisation's cue and a number: the number is theirs.
_PERSON_MARK = re.compile(r"\b(?:M(?:rs?|s|iss)\b|Dr\b|(?i:caller|victim|client|resident|tenant|mum|dad|mother|"
                          r"father)\b)")

_NHS = re.compile(r"(?<![\d/])\d{3}[ -]?\d{3}[ -]?\d{4}(?![\d/])")

#: (QQ is HMRC's prefix for examples and is never issued, but a number written in its shape is one a reader
#: takes for an NI number: it is removed like any other.)
_NINO = re.compile(r"(?<![A-Za-z0-9])([A-CEGHJ-PR-TW-Z][A-CEGHJ-NPR-TW-Z]|QQ) ?(\d{2}) ?(\d{2}) ?(\d{2}) ?([A-D])"
                   r"(?![A-Za-z0-9])", re.I)
#: Prefixes HMRC never issues (besides the letters the pattern already leaves out).
_NINO_NEVER = {"BG", "GB", "KN", "NK", "NT", "TN", "ZZ"}

_POSTCODE = re.compile(r"(?<![A-Za-z0-9])(?:GIR ?0AA|[A-PR-UWYZ](?:\d[A-HJKPSTUW]?|[A-HK-Y]\d[ABEHMNPRV-Y]?|\d\d|"
                       r"[A-HK-Y]\d\d) ?\d[ABD-HJLNP-UW-Z]{2})(?![A-Za-z0-9])", re.I)

_STREET = (r"(?:Road|Rd|Street|St|Avenue|Ave|Lane|Close|Drive|Way|Crescent|Gardens|Place|Court|Terrace|Grove|Hill|"
           r"Park|Rise|Walk|Mews|Square|View|Row|Green|Parade|Vale|Estate|Heights|Wharf|Yard|Path|Meadows?|Fields|"
           r"Wood|End|Gate|Orchard|Chase|Approach|Hollow|Croft|Cottages)")
_ADDRESS = re.compile(
    r"(?<![\w/£$.,])(?:(?:Flat|Apartment|Apt|Unit|Room|Bedsit)\s+\d+[A-Za-z]?,?\s+|(?i:no)\.?\s?)?\d{1,4}[A-Za-z]?,?\s+"
    r"(?:[A-Z][a-z'’]+\s+){1,3}" + _STREET + r"\b"
    # A flat in a named building: "Apartment 5, The Maltings".
    r"|(?<![\w/])(?:Flat|Apartment|Apt|Bedsit)\s+\d+[A-Za-z]?,\s+The\s+[A-Z][a-z'’]+(?:\s+[A-Z][a-z'’]+)?"
    r"|(?<![\w/])(?i:flat|apartment|apt|bedsit)\s+\d+[A-Za-z]?,?\s+(?:[A-Z][a-z'’]+\s+){1,2}"
    r"(?:House|Court|Lodge|Mansions|Tower|Point|Heights|Buildings)\b"

    r"|(?<![\w/])(?:Flat|Apartment|Apt|Bedsit)\s+\d+[A-Za-z]?,?\s+\d{1,4}[A-Za-z]?,?\s+[A-Z][a-z'’]+(?:\s+[A-Z][a-z'’]+)?")
#: An address in lower case, after a word that says where: "at 23a the crescent", "lives at 4 elm road" (the
#: cue, since "in 1 more way" is no address).
#: A number after a space, and the words before it that can start an address in lower case: a quick look
#: before the pattern.
_SPACE_DIGIT = re.compile(r" \d")
_LOWER_ADDRESS_CUES = frozenset({"at", "to", "from", "lives", "address", "of", "flat", "apartment", "apt", "bedsit",
                                 "no", "no."})
_ADDRESS_LOWER = re.compile(r"\b(?:at|to|from|lives|address|of) (?P<address>(?:no\.?\s?)?\d{1,4}[a-z]?,?\s+"
                            r"(?:[a-z][a-z'’]+\s+){1,3}(?:road|street|avenue|lane|close|drive|crescent|gardens|court|"
                            r"terrace|grove|mews|square|cottages|rise|walk)\b)"
                            # A flat in a building, in lower case: "flat 7 kestrel house".
                            r"|\b(?P<flat>(?:flat|apartment|apt|bedsit)\s+\d+[a-z]?,?\s+(?:[a-z][a-z'’]+\s+){1,2}"
                            r"(?:house|court|lodge|mansions|tower|point|heights|buildings))\b")
#: The same in capitals: "AT 9 HAWTHORN CLOSE".
_ADDRESS_CAPS = re.compile(r"(?<![\w/£$.,])(?:(?:FLAT|APARTMENT|UNIT)\s+\d+[A-Z]?,?\s+)?\d{1,4}[A-Z]?,?\s+"
                           r"(?:[A-Z][A-Z'’]+\s+){1,3}" + _STREET.upper() + r"\b")
#: A home known by its name on a street, with no number: "Rose Cottage, Church Lane", "The Old Forge, Mill Lane".
_HOUSE_NAMES = ("Cottage", "Cottages", "Farm", "Farmhouse", "Forge", "Oast", "Barn", "Bungalow", "Villa", "Manor",
                "Rectory", "Vicarage")
_NAMED_HOUSE = re.compile(r"(?<![\w])(?:The\s+)?(?:[A-Z][a-z'’]+\s+){0,2}(?:" + "|".join(_HOUSE_NAMES) + r")"
                          r",\s+(?:[A-Z][a-z'’]+\s+){1,2}" + _STREET + r"\b")
#: A count rather than a house number: "visited 40 High Street businesses".
_COUNTED = re.compile(r"\s+(?:businesses|shops|premises|traders|residents|properties|homes|households|venues|"
                      r"outlets|flats|units)\b")
#: Premises of an organisation: its address is not personal data.
_PREMISES = re.compile(r"\b(?:Council Offices|Civic Cent(?:re|er)|Town Hall|Police Station|Fire Station|"
                       r"Gateway|Hub|Library|Hospital|Surgery|Health Cent(?:re|er)|Medical Cent(?:re|er)|"
                       r"Community Cent(?:re|er)|Leisure Cent(?:re|er)|Family Cent(?:re|er)|Children's Cent(?:re|er)|"
                       r"School|Academy|College|Church|(?:Crown|Magistrates['’]?|County|Youth|Family|Combined|Law|"
                       r"Civil|Coroner['’]?s) Courts?|Headquarters|HQ|Offices|Office|Station|Mosque|Temple|"
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
_DATE = (r"(\d{1,2}[./-]\d{1,2}[./-](?:\d{4}|\d{2})|\d{1,2}(?:st|nd|rd|th)?\s+" + _MONTH + r",?\s+\d{4}|"
         r"(?:19|20)\d{2}-[01]\d-[0-3]\d)")
#: A date after "DOB" in the same sentence ("corrected DOB for Mrs Patel: 14/08/1979"), right after "born",
#: or a year of birth ("born 2013", "b. 1999", "YOB 1987").
_DOB = re.compile(r"\b(?:DOB|D\.O\.B\.?|date of birth)[^.\n\d]{0,40}?" + _DATE
                  + r"|\b(?:born(?: on)?|b\.)\s*[:\-–]?\s*" + _DATE
                  + r"|\b(?:born(?: in)?|b\.|YOB|year of birth)\s*[:\-–]?\s*((?:19|20)\d{2})(?![\d/.-]\d)", re.I)
#: A date in brackets right after a person's name is their date of birth: "Jordan Fuller (03/04/2001)"; so is
#: one right after it without brackets when it is at least ten years old (not the day of a visit).
_DATE_AFTER_NAME = re.compile(r"\s*\(\s*" + _DATE + r"\s*\)")
_OLD_DATE_AFTER_NAME = re.compile(r",? " + _DATE + r"(?![\d/.-]\d)")
#: A year in brackets right after a name is the year of birth: "Tyrone Wallace (2006)".
_YEAR_AFTER_NAME = re.compile(r"\s*\(\s*((?:19|20)\d{2})\s*\)")
_YEAR = re.compile(r"(?:19|20)\d{2}|(?<=[./-])\d{2}$")

_CRIME_CUE = (r"(?:crime\s+(?:ref(?:erence)?|number|no\.?)(?:\s+(?:number|no\.?))?|CRN|police\s+ref(?:erence)?|"
              r"incident\s+(?:ref(?:erence)?|number|no\.?)|occurrence(?:\s+(?:number|no\.?))?|log\s+(?:number|no\.?)|"
              r"CAD(?:\s+(?:number|no\.?))?|URN|CRIS)")
_CRIME = re.compile(r"\b" + _CRIME_CUE + r"\s*[:#]?\s*(?P<ref>[A-Z0-9][A-Z0-9/*\-]{3,}[A-Z0-9])", re.I)
#: A number after a bare "ref" ("Ref 24*118273"): a reference only with six digits or more, and never a
#: financial year ("ref 2023/24"); "ref PCC/2024/117", with letters, is a grant's or a file's.
#: (No \\b before it, which would slow the search: the character before is checked where it is used.)
_REF = re.compile(r"[Rr][Ee][Ff](?:erence)?\.?(?:\s+(?:no\.?|number))?\s*[:#]?\s*(?P<ref>\d[\d/*\-]{4,}\d)(?![\w/*-])")
_FINANCIAL_YEAR = re.compile(r"^(?:19|20)\d{2}[/-]\d{2}$")
#: Words in lower case one of which a crime reference's cue holds (a quick look before the pattern).
_CRIME_CUES = ("crime", "crn", "ref", "incident", "occurrence", "log", "cad", "urn", "cris")
#: The same for an older vehicle registration's cue.
_VEHICLE_CUES = ("reg", "vrm", "index", "vehicle", "car", "van", "moped", "motorbike", "scrambler")
#: What a postcode ends with ("1HG"), and what a current registration does ("21 XKD"): quick looks first.
_INWARD = re.compile(r"\d[A-Za-z]{2}(?![A-Za-z])")
_REG_TAIL = re.compile(r"\d\d ?(?:[A-Z]{3}|[a-z]{3})")
#: A house number before a capitalised word, without which there is no address.
_NUMBER_THEN_NAME = re.compile(r"\d[A-Za-z]?,?\s+[A-Z]")
#: A force's crime number on its own, e.g. Kent's 46/123456/24 (or 46-123456-24), an incident log: CAD
#: 0873/21SEP24, or an Action Fraud report: NFRC240312345678.
#: Also a reference of letters, a year and a serial number: CR/2025/004512.
_CRIME_BARE = re.compile(r"(?<![\w/-])\d{2}([/-])(?!(?:19|20)\d\d\1)\d{4,8}\1\d{2}(?![\w/-])"
                         r"|\bCAD\s?\d{3,5}/\d{1,2}[A-Z]{3}\d{2}\b|\bNFRC\d{10,14}\b"
                         r"|\b[A-Z]{2,4}/(?:19|20)\d{2}/\d{4,8}\b")

#: A current registration, in capitals or (as typed in a hurry) wholly in lower case: "GF21 XKD", "ml14 xzt".
_VEHICLE = re.compile(r"(?<![A-Za-z0-9])(?:[A-HJ-PR-Y]{2}\d{2} ?[A-HJ-PR-Z]{3}|[a-hj-pr-y]{2}\d{2} ?[a-hj-pr-z]{3})"
                      r"(?![A-Za-z0-9])")
#: A current registration after a word for a vehicle, in any case and spacing: "reg ea65 ypl", "Vehicle gk 63 yuz".
_VEHICLE_CUED = re.compile(r"\b(?:reg(?:istration)?|VRM|index|vehicle|car|van|moped|motorbike|scrambler)\b"
                           r"\W{0,3}(?:no\.?\s*)?(?P<reg>[A-HJ-PR-Y]{2} ?\d{2} ?[A-HJ-PR-Z]{3})(?![A-Za-z0-9])", re.I)
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
#: A title typed in lower case, its initial and its name: "ms o'brien", "mr j okafor", "mrs patel".
_LOWER_TITLE = re.compile(r"(?<![\w.])(?:mrs?|ms|miss|dr)\.?\s+(?:[a-z]\.?\s+)?(?P<name>[a-z](?:[a-z'’-]*[a-z])?)"
                          r"(?:\s+(?P<more>[a-z](?:[a-z'’-]*[a-z])?))?")
#: Words before a capitalised word that make it a person: "victim Sarah", "her son Tyler".
_PERSON_BEFORE = re.compile(r"\b(?:(?:victim|survivor|client|complainant|witness|suspect|perpetrator|offender|nominal|"
                            r"tenant|resident|neighbour|mum|mother|dad|father|son|daughter|brother|sister|partner|"
                            r"boyfriend|girlfriend|husband|wife|ex|child|pupil|student|named|called|aka|known as|"
                            r"young person|service user|grandmother|grandfather|nan|aunt|uncle|cousin|carer|occupant|"
                            r"occupier|householder|parent|guardian|male|female|man|woman|boy|girl|lad|youth|teenager)"
                            r")[,:]?\s+$", re.I)
#: What follows a person's name: "Jade, aged 15", "Jade (DOB …)", "Jade's flat", "Jade of 4 Elm Road".
_PERSON_AFTER = re.compile(r"(?:,?\s*\(?(?:aged|age|DOB|D\.O\.B|born|\d{1,2}\s*(?:yrs|years|y/o))|"
                           r"['’]s\s+(?:mum|mother|dad|father|partner|flat|home|house|address|car|phone|family|"
                           r"children|son|daughter|ex|boyfriend|girlfriend|brother|sister|school|case|bedroom|"
                           r"room|mobile|social worker|landlord)|\s+of\s+\d|\s+family\b|"
                           # A date of birth or a role in brackets: "Junior Mensah (19/10/2004)", "Faulkner (tenant)".
                           r"\s*\(\s*\d{1,2}[./-]\d{1,2}[./-]\d{2,4}\s*\)|\s*\((?:tenant|victim|suspect|perpetrator|"
                           r"resident|client|offender|witness|mum|dad|mother|father|carer|parent|nominal)\))", re.I)
#: A name in capitals after a title in capitals: "MRS JOAN BAILEY", "MR D FLETCHER".
_CAPS_TITLE = re.compile(r"\b(?:MRS?|MS|MISS|DR)\.?\s+(?:[A-Z]\.?\s+)?(?P<first>[A-Z]{2,}(?:['’-][A-Z]{2,})?)"
                         r"(?:\s+(?P<second>[A-Z]{2,}(?:['’-][A-Z]{2,})?))?\b")
#: A surname, a comma and the given names, as a list or a record writes them: "WATTS, Dean", "Kowalczyk, Agnieszka".
_SURNAME_COMMA_GIVEN = re.compile(r"\b(?P<surname>[A-Z]{2,}(?:['’-][A-Z]{2,})?|" + _WORD.pattern + r"),\s+"
                                  r"(?P<given>" + _WORD.pattern + r")(?:\s+(?P<more>" + _WORD.pattern + r"))?")
#: A nickname in quotes between a given name and a surname: "Daniel 'Danny' Burrows".
_NICKNAME = re.compile(r" ['‘\"]" + _WORD.pattern + r"['’\"] (?P<surname>" + _WORD.pattern + r")")
#: Two words in capitals, seen from each word in turn ("FOR JOAN BAILEY": "FOR JOAN", "JOAN BAILEY"), and a
#: word in capitals before "family".
_CAPS_PAIR = re.compile(r"(?<![\w'’-])(?=(?P<first>[A-Z]{2,}(?:['’-][A-Z]{2,})?) (?P<second>[A-Z]{2,}(?:['’-][A-Z]{2,})?)"
                        r"(?![\w'’-]))")
_CAPS_QUICK = re.compile(r"[A-Z][A-Z] [A-Z][A-Z]")  # as {2,} would find, and quicker
#: A given name in lower case, which is no word, and the word after it: "jayden wright", "brian moles".
_LOWER_PAIR = re.compile(r"(?<![\w.@'’-])(?=(?P<first>[a-z]{3,}) (?P<second>[a-z][a-z'’-]+)(?![\w@]))")
#: A surname's initial after a name: "Connor M", "Pawel W" (not "I", which is someone speaking).
_SURNAME_INITIAL = re.compile(r" (?!I\b)[A-Z](?![\w'’])")
#: Words before a capitalised word that make it the name of something else: "Operation Bluebell".
_THING_BEFORE = re.compile(r"\b(?:Operation|Op|Project|Scheme|Programme|Exercise|Campaign|Hurricane|Storm|St|Saint|"
                           r"Lady|Lord|King|Queen|Prince|Princess|Sir|HMS|Ward|Ask for|Mount|Lake|Port|Fort|"
                           # A make of car, before its model: "Vauxhall Corsa", "Ford Fiesta".
                           r"Ford|Vauxhall|Toyota|Nissan|BMW|Audi|Mercedes|Honda|Peugeot|Renault|Citroen|Kia|Hyundai|"
                           r"Skoda|Fiat|Volvo|Mazda|Suzuki|Yamaha|Volkswagen|VW|Land Rover|Range Rover)\.?\s+$")
#: Words that make the capitalised words before them a place or an organisation: "Victoria Road".
_THING = re.compile(
    r"(?:Law|Laws|Trust|Foundation|Centre|Center|House|Project|Place|Road|Street|Avenue|Lane|Close|Way|Drive|Park|"
    r"Court|Hall|Station|School|Academy|College|Hospital|Ward|Fund|Scheme|Campaign|Refuge|Gardens|Green|Hill|Estate|"
    r"Bridge|Square|Memorial|Partnership|Council|Library|Surgery|Clinic|Unit|Service|Services|Charity|Network|Line|"
    r"Helpline|Award|Awards|Lecture|Review|Report|Protocol|Principle|Rule|Hub|Wood|Heath|Common|Cross|Quay|Marina|"
    r"Barracks|Prison|Fields|Meadow|Arms|Inn|Tavern|Pub|Cafe|Café|Club|Show|Festival|Fair|Market|Theatre|Museum|"
    r"Gallery|Cup|Games|Day|Week|Month|Appeal|Aid|Crisis|Support|Watch|Pathway|Team|Board|Group|Panel|Forum|"
    r"Alliance|Association|Society|Housing|Homes|Police|Lodge|Mansions|Tower|Point|Crescent|Rise|Vale|Row|Mews|"
    r"Terrace|Grove|Walk|Parade|Gate|Orchard|End|Yard|Wharf|Church|Rec|North|South|East|West|Central)")
_THINGS = frozenset(_THING.pattern[3:-1].split("|"))
#: A place or an organisation right after a name: "Victoria Road", "Jo Cox Foundation's" (but the first part of a
#: double-barrelled surname is not one: "Anna Hall-Jones").
_THING_AFTER = re.compile(r"(?:['’]s)?\s+" + _THING.pattern + r"\b(?!-[A-Z])")  # not "Hall-Jones"


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
Vauxhall Toyota Nissan BMW Audi Mercedes Honda Peugeot Renault Citroen Citroën Kia Hyundai Skoda Fiat Volvo Mazda
Suzuki Yamaha Volkswagen VW Tesla Lexus Jaguar Porsche Subaru Mitsubishi Dacia
""".split())

#: Surnames that are also words for places ("Sarah Green"): part of a name only after a given name.
_SURNAME_THINGS = frozenset({"Green", "Wood", "Hill", "Hall", "Lane", "Park", "Cross", "Heath", "Court", "Ward",
                             "Bridge", "Fields", "Field", "Marsh", "Gate", "Row", "Croft", "Meadows", "Day", "West",
                             "North", "Church"})

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


#: Quick looks before the slower patterns: a lower-case title; a capitalised word, a comma and another.
#: (Each quick look starts with a plain character, and a lookbehind, if any, comes after what it looks
#: for: the regular expression engine then skips along quickly.)
_LOWER_TITLE_QUICK = re.compile(r" (?:m(?:rs?|s|iss)|dr)[.\s]")  # in " " + the text, its brackets made spaces
_COMMA_BETWEEN_NAMES = re.compile(rf",\s+[{_UPPER}]")  # all that _SURNAME_COMMA_GIVEN needs, however spaced
#: An initial, before a capitalised word or after a comma ("R. Marsh", "R Marsh", "Marsh, R.").
_INITIAL_SPOT = re.compile(r"[A-Z](?<![\w.&/'’-][A-Z])(?:\.\s?|\s)[A-Z][a-z]")
_INITIAL_AFTER_SPOT = re.compile(r",\s?[A-Z]\.(?![\w.])")


def _years_ago(day: str) -> int:
    """How many years before this one a typed date's year is (a two-digit year read as the latest past one)."""
    from datetime import date

    found = _YEAR.search(day)
    if found is None:
        return 0
    this = date.today().year
    year = int(found.group()) if len(found.group()) == 4 else 2000 + int(found.group())
    return this - (year if year <= this else year - 100)


def _initial_before(text: str, at: int) -> int | None:
    """Where an initial right before the word at ``at`` starts ("R. ", "R ", "R."), or ``None``."""
    for gap in (". ", " ", "."):
        i = at - len(gap) - 1
        if i >= 0 and text.startswith(gap, i + 1) and text[i].isupper() and text[i].isalpha() and \
                (i == 0 or not (text[i - 1].isalnum() or text[i - 1] in ".&/-'’")):
            return i
    return None


def _initial_after(text: str, at: int) -> int | None:
    """Where an initial after a comma right after the word ending at ``at`` ends (", R."), or ``None``."""
    for gap in (", ", ","):
        i = at + len(gap)
        if text.startswith(gap, at) and i + 1 < len(text) and text[i].isupper() and text[i].isalpha() and \
                text[i + 1] == "." and (i + 2 == len(text) or not (text[i + 2].isalnum() or text[i + 2] == ".")):
            return i + 2
    return None
