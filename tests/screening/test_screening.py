"""Screening partners' text for personal data: scored on the labelled corpus, and each rule pinned."""

from __future__ import annotations

import pytest

from cspxl.screening import KINDS, Finding, Screener, hint, kinds_found, redact, screen
from tests.screening.personal_corpus import FOURTH, HELD_OUT, SETS, load, score

#: The least recall and the most false flags each labelled set is held to: the fourth set (written before
#: the rules for lower case, line breaks, handles and file names) as issue 31 asks; the earlier sets at
#: their scores before those rules, which must not fall; the fifth (written after them) at 95%.
HELD_TO: dict[str, tuple[float, float]] = {
    "corpus": (0.991, 0.05), "held out": (0.971, 0.05), "third": (0.977, 0.05), "fourth": (0.97, 0.03),
    "fifth": (0.95, 0.05),
}


@pytest.fixture(scope="module", params=list(SETS))
def corpus_score(request):  # type: ignore[no-untyped-def]
    """Each labelled set on its own, with the least recall and most false flags it is held to."""
    return score(load(SETS[request.param]), Screener()), HELD_TO[request.param]


def test_corpus_is_big_enough_half_personal_and_covers_every_kind() -> None:
    updates = load() + load(HELD_OUT)
    assert len(updates) >= 300
    with_data = [u for u in updates if u.labels]
    assert len(with_data) >= len(updates) / 2 - 5
    every = [u for path in SETS.values() for u in load(path)]
    assert {kind for u in every for kind, _, _ in u.labels} == set(KINDS)


def test_the_fourth_set_is_200_updates_or_more_in_the_styles_that_got_through() -> None:
    updates = load(FOURTH)
    assert len(updates) >= 200
    assert sum("\n" in u.text for u in updates) >= 20  # names and addresses broken across lines
    assert {kind for u in updates for kind, _, _ in u.labels} == set(KINDS)


def test_recall_on_the_corpus_is_at_least_what_each_set_is_held_to(corpus_score) -> None:  # type: ignore[no-untyped-def]
    result, (recall, _) = corpus_score
    missed = "\n".join(f"{k}: {t!r} in {u!r}" for k, t, u in result.missed[:20])
    assert result.recall >= recall, f"recall {result.recall:.1%}; missed:\n{missed}"


def test_false_flags_on_the_corpus_are_at_most_what_each_set_is_held_to(corpus_score) -> None:  # type: ignore[no-untyped-def]
    result, (_, false) = corpus_score
    flags = "\n".join(f"{k}: {t!r} in {u!r}" for k, t, u in result.false_flags[:20])
    assert result.false_rate <= false, f"false flags {result.false_rate:.1%}:\n{flags}"
    assert result.clean_rate <= false, f"clean updates flagged {result.clean_rate:.1%}:\n{flags}"


def test_no_identifier_of_the_fourth_set_survives_redaction() -> None:
    screener = Screener()
    survived = [(u.text[s:e], u.text) for u in load(FOURTH) for _, s, e in u.labels
                if u.text[s:e] in redact(u.text, screener(u.text))]
    assert survived == []


def test_every_kind_is_recalled_on_the_corpus(corpus_score) -> None:  # type: ignore[no-untyped-def]
    for kind, (labelled, found) in corpus_score[0].by_kind.items():
        assert found / labelled >= 0.8, f"{kind}: {found} of {labelled}"


@pytest.mark.parametrize(("text", "kind", "found"), [
    ("NHS number 943 476 5919 given", "NHS number", "943 476 5919"),
    ("NHS number 943 476 5918 given", None, None),  # the check digit is wrong
    ("NI number JR 52 71 94 B on file", "NI number", "JR 52 71 94 B"),
    ("NI number GB 52 71 94 B on file", None, None),  # a prefix HMRC never issues
    ("NI number DA 52 71 94 B on file", None, None),  # D is never a first letter
    ("call her on 07700 900461 after 5pm", "phone", "07700 900461"),
    ("the switchboard is on 01732 227000", None, None),
    ("ring 0800 555 111 to report", None, None),
    ("she lives at 14 Elm Road now", "address", "14 Elm Road"),
    ("we visited 40 High Street businesses", None, None),
    ("patrols in TN13 continued", None, None),
    ("moved to BR8 7XY last week", "postcode", "BR8 7XY"),
    ("DOB 03/04/2009 confirmed", "date of birth", "03/04/2009"),
    ("the event on 03/04/2009 went well", None, None),
    ("crime ref 46/123456/24 given", "crime reference", "46/123456/24"),
    ("grant ref PCC/2024/117 paid", None, None),
    ("car GF21 XKD seen twice", "vehicle registration", "GF21 XKD"),
    ("write to jade.thompson@example.org", "email", "jade.thompson@example.org"),
    ("write to community.safety@example.org", None, None),
    ("Clare's Law disclosure made", None, None),
    ("Operation Bluebell ran all weekend", None, None),
    ("victim Sarah is now safe", "name", "Sarah"),
    ("Mrs Okafor agreed to the plan", "name", "Mrs Okafor"),
    ("suspect C. Lambert charged", "name", "C. Lambert"),  # a surname with an initial, either way round
    ("client J.Mensah re-engaged", "name", "J.Mensah"),
    ("R Marsh attended the panel", "name", "R Marsh"),
    ("Marsh, R. attended the panel", "name", "Marsh, R."),
    ("FIRE SAFETY VISIT FOR MRS JOAN BAILEY WHO SMOKES", "name", "MRS JOAN BAILEY"),  # in capitals after a title
    ("MS TEAMS MEETING HELD", None, None),
    ("Probation: WATTS, Dean released on licence", "name", "WATTS, Dean"),  # surname, comma, given name
    ("IOM nominal SMITH, Anthony John, on licence", "name", "SMITH, Anthony John"),
    ("launched at Sevenoaks Town Council, Bradbourne Vale Road", None, None),
    ("ASB by Connor M at the precinct", "name", "Connor M"),  # a surname's initial after a name
    ("Sarah I think is safe", "name", "Sarah"),
    ("assessment for the Hussain family completed", "name", "Hussain"),
    ("IDVA met Jade A Thompson", "name", "Jade A Thompson"),  # two findings of one name are one
    ("Warrant executed, ref 46-098765-24", "crime reference", "46-098765-24"),  # Kent's shape with hyphens
    ("bank refunded, ref NFRC240312345678", "crime reference", "NFRC240312345678"),  # an Action Fraud report
    ("CRIS 5612345/24 with the Met", "crime reference", "5612345/24"),
    ("funding bid ref PCC-2024-117 approved", None, None),
    ("Scrambler seized, reg ea65 ypl, owner reported", "vehicle registration", "ea65 ypl"),  # after its cue
    ("Vehicle gk 63 yuz parked on the verge", "vehicle registration", "gk 63 yuz"),
    ("the car park has 22 spaces", None, None),
    ("housing: ms o'brien reports noise", "name", "ms o'brien"),  # a title typed in lower case
    ("tenant mr j okafor warned", "name", "mr j okafor"),
    ("ms teams meeting held with partners", None, None),  # a word after the title, not a name
    ("Welfare check at The Old Forge, Mill Lane, Bethersden", "address", "The Old Forge, Mill Lane, Bethersden"),
    ("Safe and Well visit at Rose Cottage, Church Lane", "address", "Rose Cottage, Church Lane"),
    ("cuckooing concerns at flat 2b Kingsley House", "address", "flat 2b Kingsley House"),
    ("Fire at 1 Hop Garden Cottages, Marden", "address", "1 Hop Garden Cottages, Marden"),  # and its town
    ("Sevenoaks District Council Offices, Argyle Road", None, None),  # an organisation's premises
    ("Midwife referral: DOB 1992-03-08, pregnant", "date of birth", "1992-03-08"),  # ISO, after its cue
    ("firesetter visit to a boy born 2013", "date of birth", "2013"),  # a year of birth
    ("knife arch arrest, b. 1999", "date of birth", "1999"),
    # QQ is HMRC's prefix for examples, never issued, but a reader takes it for an NI number all the same.
    ("NI number QQ 12 34 56 C passed to DWP", "NI number", "QQ 12 34 56 C"),
    ("seen with sam.k87@example.org", "email", "sam.k87@example.org"),  # digits at the end, as people pick
    ("ASB officer at 9 HAWTHORN CLOSE visited", "address", "9 HAWTHORN CLOSE"),  # an address in capitals
    ("noise from 23a the crescent again", "address", "23a the crescent"),  # in lower case after "from"
    ("in 1 more way than one", None, None),  # a number and a street's word, without a cue
    ("reported by her at no. 14 Elm Grove", "address", "no. 14 Elm Grove"),
    ("visit to Apartment 5, The Maltings done", "address", "Apartment 5, The Maltings"),
    ("REFERRAL FOR JADE SMITH RECEIVED", "name", "JADE SMITH"),  # a name in capitals, without a title
    ("THE ROBERTS FAMILY WERE SEEN", "name", "ROBERTS"),
    ("SUPPORTING FAMILIES PROGRAMME", None, None),
    ("supporting jayden wright at school", "name", "jayden wright"),  # a given name in lower case, no word
    ("Daniel 'Danny' Burrows given a CBO", "name", "Daniel 'Danny' Burrows"),
    ("Tia-Rose engaged with the DA worker", "name", "Tia-Rose"),  # given names joined by a hyphen
    ("line holder Junior Mensah-Boateng (aged 19) charged", "name", "Junior Mensah-Boateng"),
    ("older male Cain was seen", "name", "Cain"),
    ("Faulkner (tenant) breached the ABC", "name", "Faulkner"),
    ("Shaun Day arrested for arson", "name", "Shaun Day"),
    ("councillor for Shepway North raised it", None, None),
    ("silver Vauxhall Corsa seen", None, None),
    ("Ref 24*118273 - burglary", "crime reference", "24*118273"),  # a reference after "Ref" alone
    ("ref 2023/24 plan agreed", None, None),
    ("identified via 46/3311/25", "crime reference", "46/3311/25"),
    ("moved to refuge, CR/2025/004512", "crime reference", "CR/2025/004512"),
    ("stop on A2 - ml14 xzt, driver arrested", "vehicle registration", "ml14 xzt"),  # in lower case
    ("Intel: the line runs out of Me1 2EE.", "postcode", "Me1 2EE"),
    ("via switchboard - caller on 020 7946 0712", "phone", "020 7946 0712"),  # the caller's
    ("Op Bluebell ran in 2013 too", None, None),  # a year with no cue of birth
    ("Grade A Listed building", None, None),  # a letter before a word, not an initial
    ("Plan B Review done", None, None),
    ("a B Road was closed", None, None),
    ("spoke to jayden about it", "name", "jayden"),  # a given name in lower case that is no word, on its own
    ("Operation Sarah closed", None, None),  # a word that makes the next one a thing, at the very start
    ("the Operation Sarah debrief", None, None),
    ("Op" + " " * 22 + "Sarah", None, None),  # such a word counts within 24 characters before
    ("Op" + " " * 23 + "Sarah", "name", "Sarah"),
    ("Victim Okonkwo rang", "name", "Okonkwo"),  # a word in no list, after a cue
    ("victim" + " " * 18 + "Okonkwo rang", "name", "Okonkwo"),  # the cue within 24 characters before
    ("victim" + " " * 19 + "Okonkwo rang", None, None),
    ("Reported by the victim" + " " * 20 + "Okonkwo", None, None),
    ("MISS JONES called", "name", "MISS JONES"),
    ("MS TEAMS call with MR BLOBBY", "name", "MR BLOBBY"),  # a title in capitals before a word, then a name
    ("Jade Louise Thompson attended", "name", "Jade Louise Thompson"),  # up to three more words run on
    ("victim Sarah Kwabena Okonkwo Mensah attended", "name", "Sarah Kwabena Okonkwo Mensah"),
    ("Mary Jane Louise Ann Smith attended", "name", "Mary Jane Louise Ann"),  # not a fourth
    ("Chinedu Eze Green attended", "name", "Chinedu Eze Green"),  # after two names, a surname that is a place word
    ("Referral for Jade\xa0Thompson today", "name", "Jade\xa0Thompson"),  # a non-breaking space, as pasted
    ("Referral for Jade  Thompson today", "name", "Jade  Thompson"),  # two spaces, as typed
    ("Referral for Jade\nThompson today", "name", "Jade\nThompson"),  # a surname after a line break, as pasted
    ("From: PC Ryan Lowe\nSent: 12 March", "name", "PC Ryan Lowe"),  # but no other word
    ("Will Thompson attended", "name", "Will Thompson"),  # a given name that is a word, before a surname
    ("Will attended", None, None),  # the same on its own
    ("Grace-May attended", None, None),  # hyphenated names: the first must be one that is no word
    ("Stall at Tesco Extra reached 150 people", None, None),  # a word in no list after a name that is a word
    ("SAFE TO CALL BEFORE 10AM ONLY", None, None),  # words in capitals, none of them a name
    ("DS B Okafor attended", "name", "DS B Okafor"),  # a title at the very start, then an initial
    ("SDC Community Safety met DS B Okafor", "name", "DS B Okafor"),  # "DC" inside "SDC" is no title
    ("MRS BEGUM CHOWDHURY", "name", "MRS BEGUM CHOWDHURY"),  # a second surname in capitals after a title
    ("MR OKAFOR ATTENDED THE MEETING", "name", "MR OKAFOR"),  # a word that is no name does not run on
    ("MR BROWN ATTENDED", "name", "MR BROWN"),  # a surname that is also a word, after a title
    ("WATTS, Dean King attended", "name", "WATTS, Dean King"),  # a known surname after the comma's given name
    ("WATTS, Dean Monday at 3pm", "name", "WATTS, Dean"),  # but no other capitalised word
    ("WATTS,  Will attended", "name", "WATTS,  Will"),  # two spaces after the comma
    ("Ashford, Kent and WATTS, Dean attended", "name", "WATTS, Dean"),  # after a place and a comma
    ("spoke to ms o'brien", "name", "ms o'brien"),  # a lower-case title's name at the very end
    ("ms jade okafor attended", "name", "ms jade okafor"),  # a surname after it is more of it
    ("ms jade zqxwy attended", "name", "ms jade zqxwy"),  # and a word in no list
    ("ms teams and mr okafor", "name", "mr okafor"),  # a name after a title, after a word after one
    ("R. Kent attended", None, None),  # a place after an initial
    ("R. Marsh Road residents; also met J. Okafor", "name", "J. Okafor"),  # after a road named for a person
    ("a Junior Mensah-Boateng aged 15 was seen", "name", "Junior Mensah-Boateng"),  # a word before a cued name
    ("Op Orochi: line holder Junior Mensah-Boateng (aged 19) charged", "name", "Junior Mensah-Boateng"),
    ("holder Junior Mensah-Boateng (aged 19)", "name", "Junior Mensah-Boateng"),
    ("Line holder Junior Mensah-Boateng (aged 19)", "name", "Junior Mensah-Boateng"),
    # "Junior", a given name that is also a word (the US Social Security list), runs on before a name.
    ("holder Junior Kwabena Okonkwo aged 15 charged", "name", "Junior Kwabena Okonkwo"),
    (" Junior Mensah-Boateng aged 15 was seen", "name", "Junior Mensah-Boateng"),
    ("Seen: Junior Mensah-Boateng aged 15", "name", "Junior Mensah-Boateng"),
    ("Junior staff attended", None, None),  # but not before a word
    ("contact jli@example.org", "email", "jli@example.org"),  # an initial and a short surname
    ("Our Ref 1234567 logged", "crime reference", "1234567"), ("our ref 1234567", "crime reference", "1234567"),
    ("ref 12-345 logged", None, None),  # five digits are too few
    ("crime 46-098765-24 logged", "crime reference", "46-098765-24"),  # with hyphens
    ("Switchboard closed. Resident on 01632 960114", "phone", "01632 960114"),  # the cue in another sentence
    ("via reception, Mrs Quinn's office on 01632 960114", "name", "Mrs Quinn"),  # the nearer cue is the office
    ("+44 1632 960114 is her number", "phone", "+44 1632 960114"),
    ("call 016977 4321 today", "phone", "016977 4321"),  # ten digits, as some areas have
    ("Crimestoppers calls to 0800 555 66 rose", None, None),  # too short for a number
    ("lives at ct9 2jh", "postcode", "ct9 2jh"),  # in lower case
    ("lives at W1a 1AA", None, None),  # in neither case after its first two characters
    ("call 0163 29 60 now", None, None),  # eight digits: too short for a UK number, though it could be dialled
    ("MS TEAMS MTG WITH PARTNERS", None, None),  # a word after a title in capitals, whatever follows
    ("read harry potter at the club", "name", "harry potter"),  # a name far more often than a word, before a surname
    ("read rose garden at the club", None, None),  # a given name that is a word, in lower case, is no name
    ("Anna\tHall-Jones attended", "name", "Anna"),  # "Hall" of "Hall-Jones" makes "Anna" no place
    ("Kent, Sarah said", "name", "Sarah"),  # a place before the comma is no surname
    ("WATTS, Dean Michael seen", "name", "WATTS, Dean Michael"),
    ("mr zbyszko rang", "name", "mr zbyszko"),  # after a title in lower case, a word in no list
    ("Spoke to Housing about R. Marsh", "name", "R. Marsh"),
    ("line holder Ky Mensah-Boateng (aged 19) charged", "name", "Ky Mensah-Boateng"),
    ("line holder Junior\tMensah-Boateng (aged 19) charged", "name", "Mensah-Boateng"),  # a space joins, not a tab
    ("email qq87@example.org", "email", "qq87@example.org"),  # digits at the end, as a person's
    ("write to housing@example.org", None, None),  # a team's
    ("email xqzt@example.org", "email", "xqzt@example.org"),  # four letters in no list
    ("emailed abc@example.org", None, None), ("emailed ab@example.org", None, None),  # three or fewer
    ("emailed amy@example.org", "email", "amy@example.org"),  # a given name, however short
    ("emailed fox@example.org", "email", "fox@example.org"),  # a surname that is also a word
    ("Mr Smith called", "name", "Mr Smith"),  # a title at the very start
    ("SMITH HOUSE WAS VISITED", None, None),  # a surname in capitals before no given name or "family"
    ("LEIGH SMITH", None, None),  # a place before a surname, though Leigh is a given name too
    ("mr j okafor rang", "name", "mr j okafor"),
    ("Sarah Monday said", "name", "Sarah"),  # a day does not run on as a surname
    ("MR SMITH", "name", "MR SMITH"),  # a title in capitals before a surname that is also a word
    ("the will smith film", None, None),  # a given name that is also a word is not one in lower case
    ("Jade", "name", "Jade"), ("Sam", None, None),  # under four characters, nothing is looked for
    ("Ref 123456 - burglary", "crime reference", "123456"),  # six digits or more after "Ref"
    ("Ref 12345 - burglary", None, None), ("Ref 1234567 - burglary", "crime reference", "1234567"),
    ("ref:123456", "crime reference", "123456"), ("Xref 123456", None, None),  # "ref" as a word only
])
def test_each_rule_on_its_own(text: str, kind: str | None, found: str | None) -> None:
    findings = screen(text)
    if kind is None:
        assert findings == []
    else:
        assert [(f.kind, text[f.start:f.end]) for f in findings] == [(kind, found)]


@pytest.mark.parametrize(("text", "names"), [
    # Two words in no list, a comma between: a name only when an identifier follows within 12 characters.
    ("Wzorek, Brygida 9997574915", ["Wzorek, Brygida"]),
    ("Wzorek, Brygida - see file 9997574915", ["Wzorek, Brygida"]),  # 12 characters on
    ("Wzorek, Brygida - see the file 9997574915", []),  # 16
    ("Wzorek, Brygida is on the list.", []),
    ("Wzorek, Brygida - see files 9997574915", []),  # 13
    ("Wzorek, Brygida9997574915", ["Wzorek, Brygida"]),  # no space at all
    ("9997574915 Wzorek, Brygida", []),  # before them, it is no cue
])
def test_an_identifier_just_after_two_unknown_words_makes_them_a_name(text: str, names: list[str]) -> None:
    assert [text[f.start:f.end] for f in screen(text) if f.kind == "name"] == names


@pytest.mark.parametrize(("text", "at", "starts"), [
    # Where an initial right before the word at ``at`` starts ("R. ", "R ", "R."), or None.
    ("R. Marsh", 3, 0), ("R Marsh", 2, 0), ("R.Marsh", 2, 0), ("Met R. Marsh", 7, 4),
    ("AR. Marsh", 4, None), ("xR Marsh", 3, None),  # part of a word, not an initial
    ("a &R Marsh", 5, None), ("r. Marsh", 3, None), ("1. Marsh", 3, None),
    (".Marsh Q", 1, None),  # nothing before the first word
])
def test_an_initial_before_a_word(text: str, at: int, starts: int | None) -> None:
    from cspxl.screening._name_patterns import _initial_before

    assert _initial_before(text, at) == starts


@pytest.mark.parametrize(("text", "at", "ends"), [
    # Where an initial after a comma right after the word ending at ``at`` ends (", R."), or None.
    ("Marsh, R.", 5, 9), ("Marsh,R.", 5, 8), ("Marsh, R. said", 5, 9), ("Marsh, R.; then", 5, 9),
    ("Marsh, R. ... and", 5, 9), ("a" * 300 + " Marsh, R.", 306, 310),  # at the end of a long update
    ("Marsh, R.A.", 5, None), ("Marsh, R.x", 5, None), ("Marsh, R..", 5, None),  # more than one initial
    ("Marsh, RA.", 5, None), ("Marsh, RA", 5, None), ("Marsh, r.", 5, None), ("Marsh, R,", 5, None),
    ("Marsh, R", 5, None), ("Marsh,", 5, None), ("Marsh  R.", 5, None),  # no full stop, no comma
])
def test_an_initial_after_a_comma(text: str, at: int, ends: int | None) -> None:
    from cspxl.screening._name_patterns import _initial_after

    assert _initial_after(text, at) == ends


@pytest.mark.parametrize(("typed", "years"), [
    # Today is 1 December 2026; a two-digit year is the latest that is not in the future.
    ("12/03/1983", 43), ("12/03/83", 43), ("01/01/2026", 0), ("01/01/26", 0), ("01/01/27", 99), ("01/01/00", 26),
    ("no year at all", 0),
])
def test_how_many_years_ago_a_typed_date_is(typed: str, years: int) -> None:
    from freezegun import freeze_time

    from cspxl.screening._patterns import _years_ago

    with freeze_time("2026-12-01"):
        assert _years_ago(typed) == years


def test_the_shipped_lists_hold_names_only_and_the_words_for_places_are_whole() -> None:
    from cspxl.screening._name_patterns import _THINGS
    from cspxl.screening.lists import _names

    for listed in ("given_names.txt", "surnames.txt", "name_words.txt"):
        assert not {n for n in _names(listed) if not n or n.startswith("#")}, listed
    assert {"Law", "Trust", "Central", "West"} <= _THINGS and not any("(" in t or ")" in t for t in _THINGS)


def test_allowed_names_from_the_plan_are_not_flagged() -> None:
    text = "PC Dan Hughes met Mrs Okafor at the station."
    assert [text[f.start:f.end] for f in Screener()(text)] == ["PC Dan Hughes", "Mrs Okafor"]
    assert [text[f.start:f.end] for f in Screener(["Dan Hughes"])(text)] == ["Mrs Okafor"]


@pytest.mark.parametrize(("allowed", "text", "found"), [
    # A name is allowed when all its words are among one allowed name's (titles aside).
    (["Dan Hughes"], "PC Dan Hughes met Mrs Okafor", ["Mrs Okafor"]),
    (["Dan Alan Hughes"], "Dan Hughes met Mrs Okafor", ["Mrs Okafor"]),
    (["Dan"], "Dan Hughes met Mrs Okafor", ["Dan Hughes", "Mrs Okafor"]),
    (["Dan Hughes", "Okafor"], "Dan Hughes met Mrs Okafor", []),
])
def test_a_name_is_allowed_when_its_words_are_all_in_one_allowed_name(allowed: list[str], text: str,
                                                                     found: list[str]) -> None:
    assert [text[f.start:f.end] for f in screen(text, allowed)] == found


def test_every_name_in_a_long_update_is_found() -> None:
    text = " and ".join(["Jade Smith"] * 150)  # 300 capitalised words
    assert [text[f.start:f.end] for f in screen(text)] == ["Jade Smith"] * 150


def test_one_screener_serves_each_set_of_allowed_names() -> None:
    from cspxl.screening.screener import screener_for

    assert screener_for(("Dan Hughes",)) is screener_for(("Dan Hughes",))
    assert screener_for(("Dan Hughes",)) is not screener_for(())


@pytest.mark.parametrize(("gap", "found"), [
    # "switchboard" makes a landline an organisation's when it starts within 60 characters before it.
    (1, []), (49, []), (50, ["01632 960114"]),
])
def test_a_switchboard_reaches_sixty_characters_back(gap: int, found: list[str]) -> None:
    text = "switchboard" + " " * gap + "01632 960114"
    assert [text[f.start:f.end] for f in screen(text)] == found
    text = "the " + "x" * 70 + " switchboard" + " " * gap + "01632 960114"  # far into an update
    assert [text[f.start:f.end] for f in screen(text)] == found


@pytest.mark.parametrize(("found", "resolved"), [
    # (kind, start, end) as the rules find them; what is kept, in the text's order.
    ([("name", 0, 6), ("name", 5, 12)], [("name", 0, 12)]),  # one kind, overlapping: one finding
    ([("name", 0, 5), ("name", 5, 9)], [("name", 0, 5), ("name", 5, 9)]),  # touching: two
    ([("phone", 10, 22), ("NHS number", 10, 22)], [("NHS number", 10, 22)]),  # the more specific kind
    ([("name", 0, 4), ("phone", 4, 9)], [("name", 0, 4), ("phone", 4, 9)]),  # two kinds touching
    ([("name", 0, 5), ("phone", 3, 4), ("name", 4, 12)], [("phone", 3, 4)]),  # merged, then given way
    ([("date of birth", 20, 30), ("name", 0, 6), ("address", 8, 18)],
     [("name", 0, 6), ("address", 8, 18), ("date of birth", 20, 30)]),
    ([("name", 0, 6), ("address", 2, 4), ("name", 1, 3)], [("address", 2, 4)]),
    ([("address", 0, 5), ("name", 10, 15), ("name", 12, 20)], [("address", 0, 5), ("name", 10, 20)]),
])
def test_overlapping_findings_resolve_to_one_for_each_stretch(found: list[tuple[str, int, int]],
                                                              resolved: list[tuple[str, int, int]]) -> None:
    from cspxl.screening.screener import _resolve

    # Kinds as new strings, as another rule's module would make them: compared by value.
    fresh = [("".join(list(kind)), start, end) for kind, start, end in found]
    assert [(f.kind, f.start, f.end) for f in _resolve(fresh)] == resolved  # type: ignore[arg-type]


@pytest.mark.parametrize(("text", "stretch"), [
    # Shapes are looked for from 60 characters before the first digit to the first space 50 after the last.
    ("no digits here", []),
    ("5 apples", [(0, 8)]),
    ("x" * 100 + "5", [(40, 101)]),
    ("5" + "y" * 48 + "  z", [(0, 50)]),
    ("a 5" + "y" * 60 + " z 7" + "w" * 55 + " v", [(0, 122)]),
])
def test_the_stretch_around_the_digits(text: str, stretch: list[tuple[int, int]]) -> None:
    from cspxl.screening.screener import _around_digits

    assert _around_digits(text) == stretch


@pytest.mark.parametrize(("text", "kind", "found"), [
    # Each kind as a busy officer types it (issue 31): names in lower case after a cue or on their own ...
    ("spoke with sarah jenkins about the tenancy", "name", "sarah jenkins"),
    ("victim priya (34) now in refuge", "name", "priya"),  # in no list, with a cue before and after
    ("her son kacper is too scared to go to college", "name", "kacper"),
    ("her ex dean drives a silver car", "name", "dean"),  # a name that is also a word, after a cue
    ("ruby (15) missing again overnight", "name", "ruby"),  # an age in brackets after it
    ("callum's mum rang at 22:40", "name", "callum"),
    ("pcso saw alfie m by the underpass", "name", "alfie m"),  # a surname's initial after it
    ("kofi and his brother were referred", "name", "kofi"),  # in no list, before "and his brother"
    ("bradley and a friend were seen", None, None),  # a place's name that is a given name needs a cue
    ("grandmother pat hollis rang", "name", "pat hollis"),  # a given name that is a word, before a name
    ("mason has a new snap account", "name", "mason"),  # first in a sentence, before a verb
    ("the hendersons at the end of the road", "name", "hendersons"),  # a family in the plural
    ("hi Jas, pls add this to the return", "name", "Jas"),  # after a greeting
    ("all done now\nthanks\nKelly", "name", "Kelly"),  # after a sign-off
    # ... a name broken across a line, as pasted from an e-mail ...
    ("met with Daniel\nMarsh at the hub", "name", "Daniel\nMarsh"),
    ("spoke to housing, bethany\nrowe confirmed it", "name", "bethany\nrowe"),
    ("Mrs G.\nStevenson rang twice", "name", "Mrs G.\nStevenson"),
    # ... initials with full stops, with and without a title ...
    ("Mrs. A.B. Whitmore (complainant) is unhappy", "name", "Mrs. A.B. Whitmore"),
    ("mr. t.j. o'brien (landlord) agreed", "name", "mr. t.j. o'brien"),
    ("offender d.k. patel charged and remanded", "name", "d.k. patel"),
    ("ASC referral for s.t. penny, self neglect", "name", "s.t. penny"),  # two initials before a word
    ("mr and mrs Dobson, both in their 80s", "name", "mr and mrs Dobson"),
    # ... social media handles, with "@" or beside their platform ...
    ("posts as @name_99 on Instagram", "social media handle", "@name_99"),
    ("his insta is jb_official07, referred", "social media handle", "jb_official07"),
    ("snap: kayz.x0 - account used to arrange meets", "social media handle", "kayz.x0"),
    ("she uses chloex04 on snap now", "social media handle", "chloex04"),
    ("messaged her on snapchat (dan_the_man_04)", "social media handle", "dan_the_man_04"),
    # ... dates of birth in words or dotted ...
    ("born on the 3rd of March 1990, she is", "date of birth", "3rd of March 1990"),
    ("dob 03.03.90 confirmed", "date of birth", "03.03.90"),
    ("d.o.b 3rd march 09 given", "date of birth", "3rd march 09"),
    ("a child born on the twelfth of february 2010", "date of birth", "twelfth of february 2010"),
    # ... partial addresses in lower case, with a street's abbreviation, a flat and a town ...
    ("moved to flat 3, 57 bramble cl, swanley last week", "address", "flat 3, 57 bramble cl, swanley"),
    ("burglary at 12 oak rd overnight", "address", "12 oak rd"),
    ("garages behind no.9 church st burnt", "address", "no.9 church st"),
    ("two closed: flat 6 beacon hse", "address", "flat 6 beacon hse"),
    ("complaint from 33 kingsway again", "address", "33 kingsway"),  # one word, after a word for where
    ("now at flat 14, marlowe hse, 3 st peter's st", "address", "flat 14, marlowe hse, 3 st peter's st"),
    ("please send the post to flat 2\n14 tanner st", "address", "flat 2\n14 tanner st"),
    ("found at 19 harbour st whitstable which is", "address", "19 harbour st whitstable"),  # a town of Britain
    ("burglary at 3 the crescent, tunbridge wells", "address", "3 the crescent, tunbridge wells"),
    # ... police forces' reference numbers ...
    ("linked to 46/123456/23 last month", "crime reference", "46/123456/23"),
    ("see 01/23/004567 for the file", "crime reference", "01/23/004567"),
    ("CAD 1234-12032024 refers", "crime reference", "1234-12032024"),
    ("logged as 1234-12032024 by control", "crime reference", "1234-12032024"),  # the same without its cue
    ("occ 46-2024-020987 - bike stolen", "crime reference", "46-2024-020987"),
    ("incident 0456 of 03/03/2024 - fire", "crime reference", "0456 of 03/03/2024"),
    ("serial 0311 of 14/02/24 attended", "crime reference", "0311 of 14/02/24"),
    # ... and names in a file's name.
    ("letter_to_kowalski_final.pdf", "name", "kowalski"),
    ("uploaded referral_adebayo_okafor_final.pdf and the form", "name", "adebayo_okafor"),
    ("RA for jo bennett v2 FINAL.docx", "name", "jo bennett"),
    ("tenancy_warning_letter_M_Demir.docx", "name", "M_Demir"),
    ("see attached kaur_h_risk_assessment_DASH_0324.docx", "name", "kaur_h"),
    ("evidence: ionut.popescu_CBO_application.pdf", "name", "ionut.popescu"),
    # Traps: laws and schemes named after people, organisations, streets with no house, meeting dates,
    # helplines, team mailboxes, form and plan codes, places named after people.
    ("Clare's Law applications up 18%", None, None), ("helen's law briefing circulated", None, None),
    ("Sarah's Law applications: 3 this quarter", None, None),
    ("St John Ambulance staffed the safe space", None, None),
    ("st john ambulance staffed the safe space", None, None),
    ("prince's trust team programme: 11 started", None, None),
    ("the Prince's Trust team programme started", None, None),
    ("the jo cox foundation picnics in 4 wards", None, None),
    ("suzy lamplugh trust training for staff", None, None),
    ("ronald mcdonald house offered a room", None, None),
    ("both victims were treated at the william harvey", None, None),
    ("Maggie's centre at the hospital", None, None),
    ("Tunbridge Wells Sherwood ward - bike thefts", None, None),
    ("joyce green ward - 3 cannabis factories closed", None, None),
    ("patrols on the High Street continued", None, None), ("works on london rd finished", None, None),
    ("14 high vis patrols on the high st", None, None), ("M25 junction 5 slip road works", None, None),
    ("inquest not until sept 2024, cant close the rec", None, None),
    ("MARAC 14/05/2025 - 31 cases heard", None, None), ("next board 12 June 2025 at 2pm", None, None),
    ("Helpline 0808 2000 247 now on all refuse lorries", None, None), ("call 101 or 999", None, None),
    ("new inbox: community.safety@example.org", None, None), ("refer to mash.referrals@example.org", None, None),
    ("the advocate is idva.service@example.org", None, None), ("follow @KentPolice for updates", None, None),
    ("bid ref SSF-2024-031 submitted", None, None), ("DHR-2023-04 rec 2 complete", None, None),
    ("ASB-03 (% of cases closed in 28 days): 74%", None, None), ("contract KCC/PH/0456 extended", None, None),
    ("taxi marshals over christmas and easter", None, None), ("a silver astra seen again", None, None),
    ("hotspots in tn13 and tn14 continued", None, None),  # districts, not a plate
    ("ok will do, thanks all", None, None), ("Ask for Angela posters refreshed", None, None),
    ("ASB case review minutes Q2.pdf", None, None), ("DA_champions_training_attendance_Jan24.xlsx", None, None),
])
def test_text_typed_in_a_hurry_is_screened_as_carefully(text: str, kind: str | None, found: str | None) -> None:
    findings = screen(text)
    if kind is None:
        assert [(f.kind, text[f.start:f.end]) for f in findings] == []
    else:
        assert [(f.kind, text[f.start:f.end]) for f in findings] == [(kind, found)]


@pytest.mark.parametrize(("text", "at", "named"), [
    # Whether an organisation's premises are named, then a comma, in the sentence before ``at``.
    ("Town Hall, 5 Elm Road", 11, True), ("Met at the Town Hall, 5 Elm Road", 22, True),
    ("the hall, 5 Elm Road", 10, False), ("Town Hall. Then 5 Elm Road", 16, False),
])
def test_premises_named_just_before(text: str, at: int, named: bool) -> None:
    from cspxl.screening.screener import _premises_before

    assert _premises_before(text, at) is named


def test_redaction_replaces_each_finding_with_its_kind_and_changes_nothing_else() -> None:
    text = "Victim Sarah (DOB 03/04/2009) moved to 14 Elm Road."
    assert redact(text, screen(text)) == \
        "Victim [name removed] (DOB [date of birth removed]) moved to [address removed]."
    assert redact("Nothing personal here.", []) == "Nothing personal here."


def test_kinds_are_listed_in_a_fixed_order_once_each() -> None:
    findings = [Finding(kind="phone", start=0, end=1), Finding(kind="name", start=2, end=3),
                Finding(kind="name", start=4, end=5)]
    assert kinds_found(findings) == "name; phone"


@pytest.mark.parametrize(("found", "said"), [
    ("Jo", "'J…' (2 characters)"), ("Joan", "'J…' (4 characters)"), ("Joann", "'Jo…' (5 characters)"),
    ("07700 900461", "'07…' (12 characters)"),
])
def test_a_hint_gives_one_character_of_a_short_finding_and_two_of_a_longer_one(found: str, said: str) -> None:
    text = f"see {found} today"
    assert hint(text, Finding(kind="name", start=4, end=4 + len(found))) == said


def test_overlapping_findings_are_redacted_once_and_later_ones_still_are() -> None:
    text = "Jo Bloggs of 1 Elm Road, TN13 1AA"
    findings = [Finding(kind="name", start=0, end=9), Finding(kind="name", start=3, end=9),
                Finding(kind="address", start=13, end=23), Finding(kind="postcode", start=25, end=33)]
    assert redact(text, findings) == "[name removed] of [address removed], [postcode removed]"


def test_a_hint_never_gives_the_identifier_in_full() -> None:
    text = "call 07700 900461"
    (f,) = screen(text)
    assert "07700 900461" not in hint(text, f)
    assert hint(text, f) == "'07…' (12 characters)"
    short = "victim Jo is safe"
    (f,) = screen(short)
    assert hint(short, f) == "'J…' (2 characters)"


def test_the_plans_allowed_names_are_not_flagged_at_ingest_nor_removed_from_the_circulation_copy(
        workspace, plan, tmp_path) -> None:
    """The plan's ``Names allowed in updates`` (its officers) reach ingest and the master, not only the screener."""
    from datetime import datetime

    from freezegun import freeze_time

    from cspxl import Register, consolidate, generate, ingest, parse_period
    from cspxl.demo.partners import fill_return
    from cspxl.plan.workbook import write_plan_workbook
    from tests.conftest import by, sheet_rows

    q1 = parse_period("2023-24-Q1")
    settings = plan.settings.model_copy(update={"allowed_names": ("Dan Hughes",)})
    write_plan_workbook(workspace.plan_path, plan.model_copy(update={"settings": settings}))
    update = "PC Dan Hughes met Mrs Okafor at the station."
    with freeze_time("2023-07-03"):
        issued = generate(workspace, q1, ["pcc"])
    filled = fill_return(issued["pcc"], tmp_path / "pcc.xlsx",
                         {"A05": {"Status": "On track", "Progress update": update},
                          "A23": {"Status": "Ask Dan Hughes or Mrs Okafor"}})
    (outcome,) = ingest(workspace, [filled], received=datetime(2023, 7, 10, 9)).files
    assert outcome.outcome == "accepted"
    assert [(p.code, p.action, p.cell, p.message) for p in outcome.problems if p.code == "personal-data"] == [
        ("personal-data", "A05", "N5", "The Progress update seems to hold personal data: name 'Mr…' (10 characters) "
         "at characters 19-28; it is kept as typed, and the master marks the action"),
        ("personal-data", "A23", "J7", "The text typed in this cell seems to hold personal data: name 'Mr…' "
         "(10 characters) at characters 19-28; the problem that quotes it shows it removed")]
    with Register(workspace.register_path, workspace.archive_dir, readonly=True) as register:
        found = register.current_answers("2023-24-Q1", "pcc")["A05"].personal
    assert [(f.kind, update[f.start:f.end]) for f in found or ()] == [("name", "Mrs Okafor")]
    with freeze_time("2023-07-28"):
        copy = consolidate(workspace, q1, redact=True)
    row = by(sheet_rows(copy, "Actions"), "Action ID")["A05"]
    assert row["Progress update"] == "PC Dan Hughes met [name removed] at the station."
    problems = {(r["Cell"], r["Code"]): r["Problem"] for r in sheet_rows(copy, "Problems")}
    assert problems["J7", "status-unknown"] == ("Status 'Ask Dan Hughes or [name removed]' is not one of Not started, "
                                                "On track, At risk, Off track, Completed")


def test_a_name_in_a_returned_files_name_is_removed_from_the_circulation_copys_problems(workspace, tmp_path) -> None:
    from datetime import datetime

    from freezegun import freeze_time

    from cspxl import consolidate, generate, ingest, parse_period
    from cspxl.demo.partners import fill_return
    from tests.conftest import sheet_rows

    q1 = parse_period("2023-24-Q1")
    with freeze_time("2023-07-03"):
        issued = generate(workspace, q1, ["pcc"])
    filled = fill_return(issued["pcc"], tmp_path / "Jade Thompson return.xlsx",  # saved under a client's name
                         {"A05": {"Status": "Green", "Progress update": "Cameras in."}})
    ingest(workspace, [filled], received=datetime(2023, 7, 10, 9))
    with freeze_time("2023-07-28"):
        full = consolidate(workspace, q1)
        copy = consolidate(workspace, q1, redact=True)
    assert {r["File"] for r in sheet_rows(full, "Problems")} == {"Jade Thompson return.xlsx"}
    assert {r["File"] for r in sheet_rows(copy, "Problems")} == {"[name removed] return.xlsx"}



@pytest.mark.parametrize(("text", "dob"), [
    ("IDVA met Jade Thompson (14/08/2023) today", "14/08/2023"),  # in brackets after a name: any date
    ("referral for Jade Thompson 14/08/2016", "14/08/2016"),  # after a name, ten years before this one
    ("visited Jade Thompson 14/08/2017 at home", None),  # nine: the day of a visit, perhaps
    ("Jade Thompson, 14/08/1979, moved", "14/08/1979"),  # after a comma as a record lists it, the same
    ("met Jade Thompson, 14/08/2025, at home", None),  # after a comma, a year old: the day of a meeting
    ("Jade Thompson 14/08/79 referred", "14/08/79"),  # a two-digit year is the latest past one
    ("order for Tyrone Wallace (2006) granted", "2006"),  # a year in brackets: the year of birth
    ("her daughter Kasia (2026) is thriving", "2026"),
    ("Jade Thompson (2027) is no year of birth yet", None),
])
def test_a_date_right_after_a_name_is_a_date_of_birth_in_brackets_or_when_ten_years_old(text: str,
                                                                                   dob: str | None) -> None:
    from freezegun import freeze_time

    with freeze_time("2026-12-01"):
        found = [text[f.start:f.end] for f in screen(text) if f.kind == "date of birth"]
    assert found == ([dob] if dob else [])
