"""The words and shapes that make a name: titles, cues before and after, the words of places and things.

Data more than code: each pattern or list says in a comment what it is for.  The shipped lists of
names and words are loaded by :mod:`.lists`.
"""

from __future__ import annotations

import re

#: A capitalised word, with Mc and O' names whole ("McDonald", "O'Brien"); a possessive 's is not part of it.
#: (Latin Extended-A and -B hold the letters of Polish, Romanian, Czech, Lithuanian and Turkish names, upper and
#: lower case: "Łukasz", "Ionuț", "Şahin".)
_UPPER, _LOWER = "A-ZÀ-ÖØ-Þ\u0100-\u024f", "a-zß-öø-ÿ\u0100-\u024f"
#: (It begins with a capital, not with the optional "Mc", so that the regular expression engine skips
#: quickly to the next capital: every word of every update passes through it.)
_WORD = re.compile(rf"[{_UPPER}](?:(?<=M)a?c[{_UPPER}]|(?<=O)['’][{_UPPER}])?[{_LOWER}]+(?:-[{_UPPER}][{_LOWER}]+)*")
#: (Without a leading \\b, for speed as above: the word's start is checked where it is used.)
_TITLE = re.compile(r"(?:M(?:rs?|s|iss|x|aster)|Dr|PCSO|PC|DCI|D[CSI]|Sgt|Insp|Cllr|Councillor)\b\.?\s+"
                    r"(?:[A-Z]\.?\s+)?" + _WORD.pattern + r"(?:\s+" + _WORD.pattern + r")?")
#: A title in any case, up to three initials with or without full stops, and a surname in any case:
#: "Mrs. A.B. Whitmore", "mr. t.j. o'brien", "miss j. k. rowntree", "mrs Jones", "Mrs G.\nStevenson".
#: (The character before the title is checked where it is used: see ``_ADDRESS_ANY``.)
_ANY_TITLE = re.compile(r"(?i:mrs?|ms|miss|mx|dr)\.?[ \t]+(?P<initials>(?:[A-Za-z](?:\.[ \t]?|[ \t]+))"
                        r"{0,3})\s?(?!(?i:and|or|the|of)\b)"
                        r"(?P<name>(?:[A-Za-z]['’])?[A-Za-z](?:[a-z'’]|(?<=Mc)[A-Z])*[a-z](?:-[A-Za-z][a-z]+)?)"
                        r"(?:[ \t]+(?P<more>[A-Za-z][a-z'’]+(?:-[A-Za-z][a-z]+)?)(?![\w@'’-]))?")
#: "mr and mrs Dobson": the first title is part of the name found after the second.
_TITLE_AND = re.compile(r"(?i:mrs?|ms|miss|dr)\.?\s+(?:and|&)\s+$")
#: Initials with full stops before a surname, without a title: "d.k. patel", "G.H. Mahmood", "j. adebayo",
#: "T. R.\nWhitfield" (never "e.g." or "i.e.": see ``_NOT_INITIALS``).
_DOTTED_INITIALS = re.compile(r"(?<![\w.@'’/-])(?P<initials>(?:[A-Za-z]\.[ \t]?){1,3})\s?"
                              r"(?P<surname>(?:[A-Za-z]['’])?[A-Za-z][a-z'’]*[a-z](?:-[A-Za-z][a-z]+)?)(?![\w@])")
_NOT_INITIALS = frozenset({"e.g.", "i.e.", "a.m.", "p.m.", "n.b.", "p.s.", "c.f.", "o.k.", "v.", "b.", "p.", "c.", "a.",
                           "i.", "e.", "s.", "r.i.p.", "u.k.", "n.f.a.", "d.o.b.", "d.o.b", "w.e.f.", "a.s.a.p.",
                           "t.b.c.", "t.b.a."})
_DOTTED_QUICK = re.compile(r"\.(?<=[\s(\"'][A-Za-z]\.)")  # in " " + the text (a "." first, for speed)
#: A family by its surname in the plural: "the hendersons", "the Okafors".
_FAMILY = re.compile(r"(?:the|The|THE)\s+(?P<family>[A-Za-z][a-z'’]+)s\b(?!['’])")
#: What after a name typed in lower case makes it a person: an age or school year in brackets ("ruby (15)",
#: "marley (year 10)"), a handle in brackets ("lily (lils.x_ox on snapchat)"), a date of birth, "'s mum", a
#: phone number ("tanya on 07700 900661"), a role in brackets.
_LOWER_PERSON_AFTER = re.compile(r"\s*\(\s*(?:\d{1,2}(?:\s*(?:yrs?|years?|y/?o))?\s*\)|aged?\s*\d|(?:year|yr|y)\s*\d{1,2}\b|"
                                 r"@|[\w.]+\s+on\s+[a-z]+\)|victim|perp|suspect|tenant|client|mum|dad|carer)"
                                 r"|,?\s+(?:d\.?o\.?b\b|dob\b|date of birth|b\.\s*\d|born\b|aged?\s+\d)"
                                 r"|['’]s\s+(?:mum|mother|dad|father|partner|flat|home|house|address|phone|mobile|family|"
                                 r"brother|sister|son|daughter|ex|boyfriend|girlfriend|school|nan|gran)\b"
                                 r"|\s+(?:on|is|mob(?:ile)?|tel)\s+(?:\+44|0)7\d"
                                 # "kofi and his brother nana".
                                 r"|\s+and\s+(?:his|her|their)\s+(?:brother|sister|mum|mother|dad|father|partner|"
                                 r"girlfriend|boyfriend|friend|cousin|son|daughter|wife|husband)\b", re.I)
#: Words for family that are also given names ("her nan", "her nana"): the cue, not the name.
_KIN = frozenset({"nan", "nanny", "gran", "granny", "grandma", "grandad", "mum", "mam", "dad", "ma", "pa", "sis",
                  "bro", "aunty", "auntie", "uncle", "babe", "baby", "hun", "mate"})
#: A surname's initial in lower case after a name typed in lower case: "alfie m" (not "a" or "i").
_LOWER_SURNAME_INITIAL = re.compile(r"[ \t](?![ai]\b)[a-z](?![\w'’.@/-])")
#: Lower-case words that are given names and words of another part of speech ("will", "may"): never a name
#: after a cue ("mum will ring").
_NOT_LOWER_NAMES = frozenset("""
will may can mark grant sue bill rob hope guy june april august faith joy rich frank jack rose dawn sky
summer autumn winter chance chase don art max gay ok christ nino cris spo urn crn cad esa sho reg hiya marac
mappa
""".split())
#: Words before a capitalised word that make it a person: "victim Sarah", "her son Tyler".
_PERSON_BEFORE = re.compile(r"\b(?:(?:victim|survivor|client|complainant|witness|suspect|perpetrator|offender|nominal|"
                            r"tenant|resident|neighbour|mum|mother|dad|father|son|daughter|brother|sister|partner|"
                            r"boyfriend|girlfriend|husband|wife|ex|child|pupil|student|named|called|aka|known as|"
                            r"young person|service user|grandmother|grandfather|nan|aunt|uncle|cousin|carer|occupant|"
                            r"occupier|householder|parent|guardian|male|female|man|woman|boy|girl|lad|youth|teenager|"
                            r"patient|baby|infant|toddler|sibling|step(?:mum|dad|son|daughter)|grand(?:son|daughter)|"
                            r"niece|nephew|friend|gf|bf|ex-partner|perp)"
                            # "patient is brian", "the victim was Sarah".
                            r")(?:\s+(?:is|was|named|called))?[,:]?\s+$", re.I)
#: The cues before a word in lower case in no list ("victim priya", "her son kacper"): a role or a relation,
#: never a word that also describes a thing ("youth hotspot", "partner sharepoint", "resident parking").
_LOWER_PERSON_BEFORE = re.compile(r"\b(?:victim|survivor|client|complainant|witness|suspect|perpetrator|perp|offender|"
                                  r"tenant|neighbour|mum|mother|dad|father|son|daughter|brother|sister|"
                                  r"boyfriend|girlfriend|husband|wife|ex|gf|bf|grandmother|grandfather|nan|aunt|"
                                  r"uncle|cousin|carer|patient|baby|aka|known as|niece|"
                                  r"nephew|step(?:mum|dad|son|daughter)|grand(?:son|daughter))"
                                  r"(?:\s+(?:is|was|named|called))?[,:]?\s+$", re.I)
#: A greeting, a thanks or a signing-off before a name, as in a pasted e-mail or message: "hi Jas", "Thanks
#: Priti,", "Regards\nJon", "hi its carly".
_GREETING_BEFORE = re.compile(r"(?:^|\b)(?:hi|hello|hiya|hey|dear|thanks|thank you|thankyou|cheers|regards|"
                              r"kind regards|best wishes|many thanks|its|it['’]s|this is|i am|i['’]m|my name is)"
                              r"[,:]?\s+$", re.I)
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
#: A surname's initial after a name: "Connor M", "Pawel W" (not "I", which is someone speaking).
_SURNAME_INITIAL = re.compile(r" (?!I\b)[A-Z](?![\w'’])")
#: Words before a capitalised word that make it the name of something else: "Operation Bluebell", and a make
#: of car before its model: "Vauxhall Corsa", "Ford Fiesta".
_THINGS_BEFORE = ("Operation", "Op", "Project", "Scheme", "Programme", "Exercise", "Campaign", "Hurricane", "Storm",
                  "St", "Saint", "Lady", "Lord", "King", "Queen", "Prince", "Princess", "Sir", "HMS", "Ward", "Ask for",
                  "Mount", "Lake", "Port", "Fort", "Ford", "Vauxhall", "Toyota", "Nissan", "BMW", "Audi", "Mercedes",
                  "Honda", "Peugeot", "Renault", "Citroen", "Kia", "Hyundai", "Skoda", "Fiat", "Volvo", "Mazda",
                  "Suzuki", "Yamaha", "Volkswagen", "VW", "Land Rover", "Range Rover")
_THING_BEFORE = re.compile(r"\b(?:" + "|".join(_THINGS_BEFORE) + r")\.?\s+$")
#: Their last words in lower case: a quick look at the word before a name typed in lower case.
_THING_BEFORE_ENDS = frozenset(thing.split()[-1].lower() for thing in _THINGS_BEFORE)
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
#: The words in lower case that no person is followed by, as a place or an organisation named after one is:
#: "Sherwood ward", "Maggie's centre", "helen's law", "suzy lamplugh trust" (never "house" or "home": "Jade's
#: house" is hers).
_THING_LOWER = (r"(?:ward|centre|center|hospital|trust|foundation|law|laws|fund|scheme|charity|appeal|award|awards|"
                r"lecture|protocol|pavilion|theatre|museum|gallery|memorial|playing fields|arms|inn|pub|"
                r"campaign|programme|project|fellowship|bursary|prize|wards)")
#: Words in lower case right after a name, with no "'s", that make it a place's or a building's: "ronald
#: mcdonald house", "Jo Cox house" ("Jade's house" is hers).
_THING_NAMED = r"(?:house|hall|lodge|court|school|academy|college|park|road|street|lane|avenue|close|way|drive|gardens)"
_THING_AFTER = re.compile(r"(?:(?:['’]s)?\s+(?:" + _THING.pattern + r"|" + _THING_LOWER + r")|\s+" + _THING_NAMED
                          + r")\b(?!-[A-Z])")  # not "Hall-Jones"
#: The same after a name typed in lower case, or one word on ("lucy faithfull foundation", "ronald mcdonald
#: house"; never across a little word: "jayden wright at school" is a person).
_THING_AFTER_LOWER = re.compile(r"(?:\s+(?!(?:at|in|to|from|the|and|or|of|on|with|for|by|is|was|has|had)\b)"
                                r"[a-z][a-z'’-]*)?(?:(?:['’]s)?\s+" + _THING_LOWER + r"|\s+" + _THING_NAMED + r")\b",
                                re.I)

#: Capitalised words that follow a given name without being a surname ("Sarah Thursday" is not a name);
#: places are in ``_PLACES``, which every rule checks beside this.
_NOT_SURNAMES = frozenset("""
The A An And Or But If On In At To Of For From By With As This That These Those It Its We Our Us They Their He She
His Her Him I My Me You Your Police Council County District Partnership Team Officer Officers Service Services
Support Housing Health Safety Community Fire Rescue Probation Trust Project Scheme Law Court Centre Monday Tuesday
Wednesday Thursday Friday Saturday Sunday January February March April May June July August September October
November December Q1 Q2 Q3 Q4 Action Update Meeting Board Group Panel Forum Review Plan Strategy Priority
Priorities England Wales Britain Jan Feb Mar Apr Jun Jul Aug Sep Sept Oct Nov Dec Operation Op Programme Exercise
Campaign Saint St Ste Mt Lady Lord King Queen Prince Princess Sir Ask Mount Lake Port Fort Unit Flat
Vauxhall Toyota Nissan BMW Audi Mercedes Honda Peugeot Renault Citroen Citroën Kia Hyundai Skoda Fiat Volvo Mazda
Suzuki Yamaha Volkswagen VW Tesla Lexus Jaguar Porsche Subaru Mitsubishi Dacia
Corsa Astra Fiesta Focus Golf Polo Clio Yaris Micra Qashqai Juke Transit Sprinter Punto Octavia Fabia Insignia
Mondeo Kuga Zafira Civic Jazz Passat Touran Tiguan Leon Ibiza Picanto Sportage Tucson Navara Hilux Evoque Defender
Christmas Xmas Easter Eid Diwali Ramadan Hanukkah Halloween Vaisakhi Hogmanay Whitsun
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
#: The titles, as words of an update in lower case: a quick look for ``_ANY_TITLE``.
_TITLE_WORDS = frozenset({"mr", "mrs", "ms", "miss", "mx", "dr"})
_COMMA_BETWEEN_NAMES = re.compile(rf",\s+[{_UPPER}]")  # all that _SURNAME_COMMA_GIVEN needs, however spaced
#: An initial, before a capitalised word or after a comma ("R. Marsh", "R Marsh", "Marsh, R.").
_INITIAL_SPOT = re.compile(r"[A-Z](?<![\w.&/'’-][A-Z])(?:\.\s?|\s)[A-Z][a-z]")
_INITIAL_AFTER_SPOT = re.compile(r",\s?[A-Z]\.(?![\w.])")


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


#: The cues that make a word in lower case a name, as words: a quick look before ``_lower_alone``.
#: Greetings, thanks and sign-offs, as words: a quick look before ``_GREETING_BEFORE``.
_GREETINGS = frozenset({"hi", "hello", "hiya", "hey", "dear", "thanks", "thank", "thankyou", "cheers", "regards",
                        "wishes", "its", "it", "this", "am", "i", "m", "name"})
_LOWER_CUES = frozenset({"victim", "survivor", "client", "complainant", "witness", "suspect", "perpetrator", "perp",
                         "offender", "tenant", "neighbour", "mum", "mother", "dad", "father",
                         "son", "daughter", "brother", "sister", "boyfriend", "girlfriend", "husband",
                         "wife", "ex", "gf", "bf", "grandmother", "grandfather", "nan", "aunt", "uncle", "cousin",
                         "carer", "patient", "baby", "aka", "niece", "nephew", "stepmum",
                         "stepdad", "stepson", "stepdaughter", "grandson", "granddaughter", "hi", "hello", "hiya",
                         "hey", "dear", "thanks", "thankyou", "cheers", "regards", "dob", "born", "birth", "aged"})
_AGE_QUICK = re.compile(r"\(\s*(?:\d|@|year|yr|aged?)", re.I)
#: A word in lower case after a name, across a space or a line break.


def _the_before(text: str, at: int) -> bool:
    """Whether "the " comes right before ``at``: "the William Harvey" is a hospital, "the Sainsbury's" a shop."""
    return at >= 4 and text[at - 4:at].lower() == "the " and (at == 4 or not text[at - 5].isalnum())
