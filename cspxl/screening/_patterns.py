"""The shapes screening looks for: regular expressions for identifiers with a shape, and the words that cue them.

Data more than code: each pattern or list says in a comment what it is for.
"""

from __future__ import annotations

import re

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

_NHS = re.compile(r"\d(?<![\d/]\d)\d{2}[ -]?\d{3}[ -]?\d{4}(?![\d/])")  # (a digit first: see _CRIME_BARE)

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
           r"Wood|End|Gate|Orchard|Chase|Approach|Hollow|Croft|Cottages|"
           # The abbreviations of a hurried update or an envelope: "12 Oak Rd", "3 Laburnum Cl", "27 Cherry Tree Gdns".
           r"Cl|Cres|Gdns|Ln|La|Ct|Dr|Pl|Tce|Terr|Sq|Pk|Gro|Pde|Cotts)")
#: The same in any case, for an address typed in lower case: the street's word or its abbreviation.  (Fewer
#: words than above: "2 playing fields", "1 car park" are counts of places, not addresses.)
_STREET_ANY = (r"(?:road|rd|street|st|avenue|ave|av|lane|ln|la|close|cl|drive|dr|way|crescent|cres|gardens|gdns|"
               r"place|pl|court|ct|terrace|terr|tce|grove|gro|gr|mews|square|sq|view|row|green|parade|pde|vale|rise|"
               r"walk|hill|cottages|cotts)")
#: The same, as words of an update in lower case: a quick look before ``_ADDRESS_ANY``.
_STREET_WORDS = frozenset(_STREET_ANY[3:-1].split("|"))
#: Words never inside a street's name between the house number and the street: "14 patrols on the high st" is
#: no address, nor "3 month court order", "4 car park", "2 very close".
_NOT_IN_STREET = (r"(?:on|in|at|the|of|and|or|to|for|by|with|from|into|a|an|per|each|every|all|our|their|his|her|"
                  r"its|this|that|these|those|more|most|new|other|very|so|too|x|car|cars|bus|buses|month|months|week|"
                  r"weeks|wk|wks|day|days|night|nights|year|years|yr|yrs|hour|hours|hr|hrs|min|mins|minute|minutes|"
                  r"mile|miles|metre|metres|times|county|crown|magistrates|youth|family|people|persons|cases|calls|"
                  r"visits|patrols|officers|staff|partners|schools|sessions|hearings|is|are|was|were|be|been|has|"
                  r"have|had|will|would|can|could|should|may|might|not|no|yes|cant|can't|can’t|wont|won't|won’t|"
                  r"dont|don't|don’t|didnt|didn't|didn’t|to|we|they|i|you|he|she|it)")
#: (No alternative begins with a lookbehind, which would be tried at every position: the character before a
#: match is checked where it is used, as for ``_ADDRESS_ANY``.)
_ADDRESS = re.compile(
    r"(?:(?:Flat|Apartment|Apt|Unit|Room|Bedsit)\s+\d+[A-Za-z]?,?\s+|(?i:no)\.?\s?)?\d{1,4}[A-Za-z]?,?\s+"
    r"(?:[A-Z][a-z'’]+\s+){1,3}" + _STREET + r"\b"
    # A flat in a named building: "Apartment 5, The Maltings".
    r"|(?:Flat|Apartment|Apt|Bedsit)\s+\d+[A-Za-z]?,\s+The\s+[A-Z][a-z'’]+(?:\s+[A-Z][a-z'’]+)?"
    r"|(?i:flat|apartment|apt|bedsit)\s+\d+[A-Za-z]?,?\s+(?:[A-Z][a-z'’]+\s+){1,2}"
    r"(?:House|Hse|Court|Ct|Lodge|Mansions|Tower|Point|Heights|Buildings|Block)\b"

    r"|(?:Flat|Apartment|Apt|Bedsit)\s+\d+[A-Za-z]?,?\s+\d{1,4}[A-Za-z]?,?\s+[A-Z][a-z'’]+(?:\s+[A-Z][a-z'’]+)?")
#: A flat in a building, in lower case: "flat 7 kestrel house", "flat 6 beacon hse".
_FLAT_LOWER = re.compile(r"(?:flat|apartment|apt|bedsit)\s+\d+[a-z]?,?\s+(?:[a-z][a-z'’]+\s+){1,2}"
                         r"(?:house|hse|court|ct|lodge|mansions|tower|point|heights|buildings|block|blk)\b")
_FLAT_WORDS = frozenset({"flat", "apartment", "apt", "bedsit"})
#: A street of one word ending in "way" or "gate", after a word that says where: "of 33 kingsway" ("in 1 more
#: way" is none).
_ONE_WORD_STREET = re.compile(r"\d{1,4}[a-z]?,?\s+[a-z]{3,}(?:way|gate)\b")
_WHERE_BEFORE = re.compile(r"\b(?:at|to|from|lives|address|of|no\.?)\s+$", re.I)
#: An address in any case without a cue, its street named by a street's word or abbreviation: "12 oak rd",
#: "flat 2, 18 bramble cl", "no.9 church st", "14 ash grove" (the words between never a count's: see
#: ``_NOT_IN_STREET``).  Looked for only where ``_ADDRESS_ANY_QUICK`` finds a number before a street's word.
#: (Without a lookbehind first, which would be tried at every position: the character before is checked where
#: it is used.)
_ADDRESS_ANY = re.compile(r"(?:(?:flat|apartment|apt|unit|room|bedsit)\s+\d+[a-z]?,?\s+)?"
                          # (A year is no house number: "sept 2024, cant close".)
                          r"(?:no\.?\s?)?(?!(?:19|20)\d\d\b)\d{1,4}[a-z]?,?\s+"
                          r"(?:(?:(?!" + _NOT_IN_STREET + r"\s)[a-z][a-z'’]*\s+){1,3}" + _STREET_ANY
                          # "2 the crescent", "4 the avenue": the street's word is its name.
                          + r"|the\s+" + _STREET_ANY + r")\b(?!['’]s\b|-)", re.I)
#: Words before a number that make it something else's: "junction 5 slip road", "bay 3", "route 12".
_NOT_HOUSE_BEFORE = re.compile(r"\b(?:junction|jct|j|exit|platform|route|bus|phase|zone|bay|stand|gate|pier|level|floor|"
                               r"page|item|rec|recommendation|action|priority|objective|question|wave|cohort|"
                               r"block|lot|plot|unit|section|part|stage)\s*$", re.I)
#: A quick look: a street's word or abbreviation typed in lower case after a number and a word or more (an
#: address with capitals is ``_ADDRESS``'s).
_ADDRESS_ANY_QUICK = re.compile(r"\d[A-Za-z]?,?\s+(?:[A-Za-z'’]+\s+){1,3}" + _STREET_ANY + r"\b")
#: The town after an address, with or without a comma: "18 bramble cl, swanley", "41 orchard cres ramsgate"
#: (up to three words, checked against the places of Great Britain).
_TOWN_AFTER = re.compile(r",?\s+([A-Za-z][a-z'’-]+(?:[ \t]+[A-Za-z][a-z'’-]+){0,2})")
#: The same in capitals: "AT 9 HAWTHORN CLOSE".
_ADDRESS_CAPS = re.compile(r"(?:(?:FLAT|APARTMENT|UNIT)\s+\d+[A-Z]?,?\s+)?(?!(?:19|20)\d\d\b)"
                           r"\d{1,4}[A-Z]?,?\s+"
                           r"(?:(?!(?i:" + _NOT_IN_STREET + r")\s)[A-Z][A-Z'’]+\s+){1,3}" + _STREET.upper() + r"\b")
#: A home known by its name on a street, with no number: "Rose Cottage, Church Lane", "The Old Forge, Mill Lane".
_HOUSE_NAMES = ("Cottage", "Cottages", "Farm", "Farmhouse", "Forge", "Oast", "Barn", "Bungalow", "Villa", "Manor",
                "Rectory", "Vicarage")
_NAMED_HOUSE = re.compile(r"(?<![\w])(?:The\s+)?(?:[A-Z][a-z'’]+\s+){0,2}(?:" + "|".join(_HOUSE_NAMES) + r")"
                          r",\s+(?:[A-Z][a-z'’]+\s+){1,2}" + _STREET + r"\b"
                          # The same in lower case: "the old rectory, mill la".
                          r"|(?<![\w])(?:the\s+)?(?:[a-z][a-z'’]+\s+){0,2}(?:" + "|".join(_HOUSE_NAMES).lower() + r")"
                          r",\s+(?:[a-z][a-z'’]+\s+){1,2}" + _STREET_ANY + r"\b")
#: A count rather than a house number: "visited 40 High Street businesses".
_COUNTED = re.compile(r"\s+(?:businesses|shops|premises|traders|residents|properties|homes|households|venues|"
                      r"outlets|flats|units)\b", re.I)
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
                       r"[^.;,\n]{0,25},\s[^.;]{0,50}$",
                       re.I)

#: An address that is itself an organisation's premises: "4, Riverside Business Park".
_PREMISES_IN = re.compile(r"\b(?:Business|Industrial|Trading|Retail|Science) (?:Park|Estate)\b")

_MONTH = (r"(?:Jan(?:uary)?|Feb(?:ruary)?|Mar(?:ch)?|Apr(?:il)?|May|June?|July?|Aug(?:ust)?|Sep(?:t(?:ember)?)?|"
          r"Oct(?:ober)?|Nov(?:ember)?|Dec(?:ember)?)")
#: A day of the month in words.
_ORDINAL = (r"(?:(?:twenty|thirty)[- ]?)?(?:first|second|third|fourth|fifth|sixth|seventh|eighth|ninth)|tenth|"
            r"eleventh|twelfth|thirteenth|fourteenth|fifteenth|sixteenth|seventeenth|eighteenth|nineteenth|"
            r"twentieth|thirtieth")
_DATE = (r"(\d{1,2}[./-]\d{1,2}[./-](?:\d{4}|\d{2})|"
         # "3rd March 1990", "3rd of march 1990", "3rd march 09", "March 3rd, 1990", "twelfth of february 2010".
         r"(?:\d{1,2}(?:st|nd|rd|th)?|" + _ORDINAL + r")\s+(?:of\s+)?" + _MONTH + r"\.?,?\s+(?:\d{4}|['’]?\d{2}(?![\d:]))|"
         + _MONTH + r"\.?\s+\d{1,2}(?:st|nd|rd|th)?,?\s+\d{4}|"
         r"(?:19|20)\d{2}-[01]\d-[0-3]\d)")
#: A date after "DOB" in the same sentence ("corrected DOB for Mrs Patel: 14/08/1979"), right after "born",
#: or a year of birth ("born 2013", "b. 1999", "YOB 1987").
_DOB = re.compile(r"\b(?:DOB|D\.O\.B\.?|date of birth)[^.\n\d]{0,40}?" + _DATE
                  + r"|\b(?:born(?:\s+on)?(?:\s+the)?|b\.)\s*[:\-–]?\s*" + _DATE
                  + r"|\b(?:born(?: in)?|b\.|YOB|year of birth)\s*[:\-–]?\s*((?:19|20)\d{2})(?![\d/.-]\d)", re.I)
#: A date in brackets right after a person's name is their date of birth: "Jordan Fuller (03/04/2001)"; so is
#: one right after it without brackets when it is at least ten years old (not the day of a visit).
_DATE_AFTER_NAME = re.compile(r"\s*\(\s*" + _DATE + r"\s*\)")
_OLD_DATE_AFTER_NAME = re.compile(r",?\s" + _DATE + r"(?![\d/.-]\d)")
#: A year in brackets right after a name is the year of birth: "Tyrone Wallace (2006)".
_YEAR_AFTER_NAME = re.compile(r"\s*\(\s*((?:19|20)\d{2})\s*\)")
_YEAR = re.compile(r"(?:19|20)\d{2}|(?<=[./-])\d{2}$")

_CRIME_CUE = (r"(?:crime\s+(?:ref(?:erence)?|number|no\.?)(?:\s+(?:number|no\.?))?|CRN|police\s+ref(?:erence)?|"
              r"incident\s+(?:ref(?:erence)?|number|no\.?)|occ(?:urrence)?\.?(?:\s+(?:ref(?:erence)?|number|no\.?))?|"
              r"log\s+(?:number|no\.?)|"
              r"CAD(?:\s+(?:number|no\.?))?|URN|CRIS)")
_CRIME = re.compile(r"\b" + _CRIME_CUE + r"\s*[:#]?\s*(?P<ref>[A-Z0-9][A-Z0-9/*\-]{3,}[A-Z0-9])", re.I)
#: A number after a bare "ref" ("Ref 24*118273"): a reference only with six digits or more, and never a
#: financial year ("ref 2023/24"); "ref PCC/2024/117", with letters, is a grant's or a file's.
#: (No \\b before it, which would slow the search: the character before is checked where it is used.)
_REF = re.compile(r"[Rr][Ee][Ff](?:erence)?\.?(?:\s+(?:no\.?|number))?\s*[:#]?\s*(?P<ref>\d[\d/*\-]{4,}\d)(?![\w/*-])")
_FINANCIAL_YEAR = re.compile(r"^(?:19|20)\d{2}[/-]\d{2}$")
#: The words of a crime reference's cue, as words of an update in lower case (a quick look before the pattern).
_CRIME_CUES = frozenset({"crime", "crn", "ref", "reference", "incident", "occ", "occurrence", "log", "cad", "urn",
                         "cris", "serial"})
#: A log's number and its day, after a cue: "incident 0456 of 03/03/2024", "log 1123 of 22/12/23".
_LOG_OF_DAY = re.compile(r"\b(?:incident|log|cad|call|serial|occ(?:urrence)?)\.?(?:\s+(?:ref(?:erence)?|no\.?|number))?"
                         r"\s*[:#]?\s*(?P<ref>\d{3,5}\s+of\s+\d{1,2}[/.]\d{1,2}[/.](?:\d{4}|\d{2}))(?![\d/])", re.I)
#: The same for an older vehicle registration's cue.
_VEHICLE_CUES = frozenset({"reg", "registration", "vrm", "index", "vehicle", "car", "van", "moped", "motorbike",
                           "scrambler"})
#: What a postcode ends with ("1HG"), and what a current registration does ("21 XKD"): quick looks first.
_INWARD = re.compile(r"\d[A-Za-z]{2}(?![A-Za-z])")
_REG_TAIL = re.compile(r"\d\d ?(?:[A-Z]{3}|[a-z]{3})")
#: A house number before a capitalised word, without which there is no address.
_NUMBER_THEN_NAME = re.compile(r"\d[A-Za-z]?,?\s+[A-Z]")
#: A force's crime number on its own, e.g. Kent's 46/123456/24 (or 46-123456-24), an incident log: CAD
#: 0873/21SEP24, or an Action Fraud report: NFRC240312345678.
#: Also a reference of letters, a year and a serial number: CR/2025/004512.
#: (Each form in digits begins with a digit and then looks behind it: a pattern that begins with a lookbehind
#: is tried at every position of the text, one that begins with a digit only at the digits.)
_CRIME_BARE = re.compile(r"\d(?<![\w/-]\d)(?:\d([/-])(?!(?:19|20)\d\d\1)\d{4,8}\1\d{2}"
                         # A force, a year and a serial: 01/23/004567, 46-2024-118822.
                         r"|\d([/-])(?:(?:19|20)\d{2}|\d{2})\2\d{5,7}"
                         # An incident log's number and its day: 1234-12032024 (CAD 1234-12032024).
                         r"|\d{2,4}-[0-3]\d[01]\d(?:19|20)\d{2})(?![\w/-])"
                         r"|\bCAD\s?\d{3,5}/\d{1,2}[A-Z]{3}\d{2}\b|\bNFRC\d{10,14}\b"
                         r"|\b[A-Z]{2,4}/(?:19|20)\d{2}/\d{4,8}\b")

#: A current registration, in capitals or (as typed in a hurry) wholly in lower case: "GF21 XKD", "ml14 xzt".
_VEHICLE = re.compile(r"(?:[A-HJ-PR-Y]{2}\d{2} ?[A-HJ-PR-Z]{3}|[a-hj-pr-y]{2}\d{2} ?[a-hj-pr-z]{3})"
                      r"(?![A-Za-z0-9])")
#: A current registration after a word for a vehicle, in any case and spacing: "reg ea65 ypl", "Vehicle gk 63 yuz".
_VEHICLE_CUED = re.compile(r"\b(?:reg(?:istration)?|VRM|index|vehicle|car|van|moped|motorbike|scrambler)\b"
                           r"\W{0,3}(?:no\.?\s*)?(?P<reg>[A-HJ-PR-Y]{2} ?\d{2} ?[A-HJ-PR-Z]{3})(?![A-Za-z0-9])", re.I)
_VEHICLE_OLD = re.compile(r"\b(?:reg(?:istration)?|VRM|index|vehicle|car|van|moped|motorbike)\b\W{0,3}(?:no\.?\s*)?"
                          r"(?P<reg>[A-HJ-NP-TV-Y]\d{1,3} ?[A-Z]{3}|[A-Z]{3} ?\d{1,3}[A-HJ-NP-TV-Y]?)(?![A-Za-z0-9])")

# Social media handles ---------------------------------------------------------------------------

#: The platforms a handle is given for, as officers write them.
_PLATFORM = (r"(?:insta(?:gram)?|ig|snap(?:chat)?|sc|tik\s?tok|twitter|facebook|fb|discord|telegram|whatsapp|"
             r"youtube|twitch|threads|kik|reddit|onlyfans|bereal|roblox|xbox|psn)")
#: Quick looks: the platforms' names as words of an update in lower case.
_PLATFORMS = frozenset({"insta", "instagram", "ig", "snap", "snapchat", "sc", "tik", "tiktok", "twitter", "facebook",
                        "fb", "discord", "telegram", "whatsapp", "youtube", "twitch", "threads", "kik", "reddit",
                        "onlyfans", "bereal", "roblox", "xbox", "psn"})
_HANDLE = r"[A-Za-z0-9_](?:[A-Za-z0-9_.]{0,28}[A-Za-z0-9_])?"
#: A handle after "@": "@mzlola_", "@lil_mads.xo" (not an e-mail address: the character before is checked).
_HANDLE_AT = re.compile(r"@(?P<h>" + _HANDLE + r")(?![\w@]|\.\w)")
#: A handle after its platform, with a few words between: "insta is jb_official07", "snap: kayz.x0",
#: "snapchat name is lily_rose.22", "new snap - m4son_x".
_HANDLE_AFTER_PLATFORM = re.compile(r"\b" + _PLATFORM + r"\b(?:\s*(?:[:=\-–]|\b(?:is|was|name|names|handle|account|acc|"
                                    r"user(?:name)?|called|id|as|now)\b)){0,3}\s*\(?@?(?P<h>" + _HANDLE + r")"
                                    r"(?![\w@]|\.\w)", re.I)
#: A handle before its platform: "chloex04 on snap", "lils.x_ox on snapchat".
_HANDLE_BEFORE_PLATFORM = re.compile(r"(?<![\w@.'’-])@?(?P<h>" + _HANDLE + r")\s+(?:on|via)\s+(?:(?:her|his|their|the)\s+)?"
                                     + _PLATFORM + r"\b", re.I)
#: What only a handle holds, beside letters: a digit, "_" or ".".
_HANDLE_MARK = re.compile(r"[\d_.]")
#: An organisation's account, not a person's: "@KentPolice", "@SevenoaksDC", "@kent_fire".
_ORG_HANDLE = re.compile(r"police|council|csp|fire|rescue|nhs|gov|trust|charity|safety|partnership|"
                         r"(?:dc|bc|cc|icb|ccg|pcc|uk|hq)$", re.I)
#: A file's name or a number, which a handle's shape also fits: "minutes.docx", "14.30", "v2.1".
_NOT_HANDLE = re.compile(r"^(?:[\d.]+|v\d[\d.]*|\d+(?:am|pm|hrs?|th|st|nd|rd)|.*\.(?:docx?|xlsx?|pdf|csv|jpe?g|png|"
                         r"zip|txt|pptx?|msg|eml|ods|odt|gif|heic|mp4|mov))$", re.I)


def words_of(text: str) -> set[str]:
    """The words of a text in lower case, its punctuation taken for spaces: the quick looks of several rules
    are a look in this set.  (A chain of ``replace`` is quicker than a regular expression here, and every
    update of every return comes through it.)"""
    return set(text.lower().replace(",", " ").replace(".", " ").replace("(", " ").replace(")", " ")
               .replace(":", " ").replace(";", " ").replace("'", " ").replace("’", " ").replace('"', " ")
               .replace("/", " ").replace("-", " ").replace("!", " ").replace("?", " ").split())


def _years_ago(day: str) -> int:
    """How many years before this one a typed date's year is (a two-digit year read as the latest past one)."""
    from datetime import date

    found = _YEAR.search(day)
    if found is None:
        return 0
    this = date.today().year
    year = int(found.group()) if len(found.group()) == 4 else 2000 + int(found.group())
    return this - (year if year <= this else year - 100)
