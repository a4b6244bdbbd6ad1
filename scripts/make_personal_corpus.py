"""Write tests/data/personal_corpus.txt: labelled progress updates for scoring the personal-data screening.

Each line is one update.  Personal data is marked inline as ``[[kind:text]]``; a line with no mark
is a clean update, and clean updates are full of the traps screening must not flag (Clare's Law,
operation names, outward postcodes, event dates, percentages, grant references, organisations'
addresses and switchboard numbers).  The templates are hand-written in the style of real CSP
returns; the fillers are fictional people with identifiers that cannot reach anyone: Ofcom's
drama numbers (07700 900xxx, 01632 960xxx), the NHS's 999 test range, example.org addresses.

    python scripts/make_personal_corpus.py      # rewrites the file; the seed keeps it stable
"""

from __future__ import annotations

import random
import re
from pathlib import Path

OUT = Path(__file__).resolve().parent.parent / "tests" / "data" / "personal_corpus.txt"

FIRST = ("Jade", "Kayleigh", "Tyler", "Liam", "Priya", "Aisha", "Mohammed", "Kacper", "Siobhan", "Rhys", "Demi",
         "Connor", "Chloe", "Callum", "Shannon", "Reece", "Leah", "Bethany", "Kieran", "Zainab", "Oliwia", "Marcus",
         "Paige", "Jordan", "Nathan", "Courtney", "Ryan", "Amira", "Dylan", "Sophie", "Tomasz", "Abdul", "Ellie",
         "Daniel", "Megan", "Jamal", "Kerry", "Darren", "Tracey", "Lee", "Ffion", "Oluwaseun", "Bartosz", "Hollie")
LAST = ("Thompson", "Okafor", "Patel", "Nowak", "Hughes", "Begum", "Whitfield", "Kowalczyk", "Mensah", "O'Donnell",
        "Barker", "Hussain", "Pearce", "Doherty", "Fletcher", "Ahmed", "Carter", "Lewandowska", "Osei", "Murphy",
        "Khan", "Gallagher", "Reynolds", "Szymanski", "Adeyemi", "Walsh", "Turner", "Mahmood", "Price", "Dunn")
TITLES = ("Mr", "Mrs", "Ms", "Miss")
STREETS = ("Elm Road", "Station Road", "High Street", "Mill Lane", "Church Close", "Orchard Way", "Victoria Road",
           "Hollybush Lane", "St John's Hill", "Bradbourne Vale Road", "Swanley Lane", "London Road", "Oak Avenue",
           "Kingsdown Crescent", "Pound Lane", "Myrtle Place")
TOWNS = ("Swanley", "Sevenoaks", "Edenbridge", "Westerham", "Otford", "Dunton Green", "Hextable", "Kemsing")
POSTCODES = ("BR8 7XY", "TN13 2QL", "TN8 5BD", "TN16 1RT", "TN14 5PG", "BR8 8JH", "TN15 6NW", "DA4 9LS", "TN13 3SA",
             "BR8 7AU", "TN14 7EB", "TN13 1XF")
MONTHS = ("January", "February", "March", "April", "May", "June", "July", "August", "September", "October",
          "November", "December")
LETTERS = "ABCDEFGHJKLMNPRSTUVWXYZ"


def nhs(rng: random.Random) -> str:
    """An NHS number in the 999 test range with a valid modulus-11 check digit."""
    while True:
        digits = [9, 9, 9] + [rng.randrange(10) for _ in range(6)]
        check = 11 - sum(d * w for d, w in zip(digits, range(10, 1, -1), strict=True)) % 11
        check = 0 if check == 11 else check
        if check != 10:
            s = "".join(map(str, digits + [check]))
            return rng.choice((f"{s[:3]} {s[3:6]} {s[6:]}", s, f"{s[:3]}-{s[3:6]}-{s[6:]}"))


def nino(rng: random.Random) -> str:
    first = rng.choice("ABCEGHJKLMNOPRSTWXYZ")
    second = rng.choice("ABCEGHJKLMNPRSTWXYZ")
    if first + second in ("BG", "GB", "KN", "NK", "NT", "TN", "ZZ"):
        first = "J"
    n = [f"{rng.randrange(100):02d}" for _ in range(3)]
    suffix = rng.choice("ABCD")
    return rng.choice((f"{first}{second} {n[0]} {n[1]} {n[2]} {suffix}", f"{first}{second}{''.join(n)}{suffix}"))


def mobile(rng: random.Random) -> str:
    n = f"{rng.randrange(1000):03d}"
    return rng.choice((f"07700 900{n}", f"07700900{n}", f"+44 7700 900{n}", f"07700 900 {n}"))


def landline(rng: random.Random) -> str:
    return f"01632 960{rng.randrange(1000):03d}"


def dob(rng: random.Random) -> str:
    d, m, y = rng.randrange(1, 29), rng.randrange(1, 13), rng.randrange(1950, 2012)
    return rng.choice((f"{d:02d}/{m:02d}/{y}", f"{d}/{m}/{y}", f"{d} {MONTHS[m - 1]} {y}", f"{d:02d}.{m:02d}.{y}"))


def crime(rng: random.Random) -> str:
    return f"46/{rng.randrange(10**5, 10**6)}/{rng.randrange(22, 26)}"


def vrm(rng: random.Random) -> str:
    a = rng.choice("ABCDEFGHKLMNOPRSVWY") + rng.choice(LETTERS)
    return f"{a}{rng.choice((21, 22, 71, 72, 19, 69, 15, 65))} {''.join(rng.choice(LETTERS) for _ in range(3))}"


def email(first: str, last: str, rng: random.Random) -> str:
    local = f"{first}.{last}".lower().replace("'", "")
    return f"{local}@{rng.choice(('example.org', 'example.org', 'mail.invalid'))}"


#: A count in a clean update (not part of a date, postcode, phone number or reference).
_COUNT = re.compile(r"(?<=\s)\d{1,3}(?=\s+[a-z])")


def mark(kind: str, text: str) -> str:
    return f"[[{kind}:{text}]]"


# Updates with personal data: each a template whose slots are filled with marked identifiers.
PERSONAL = [
    "DASH risk assessment completed with {full} after the incident on 12/06/2024; referred to MARAC.",
    "Cuckooing suspected at {addr}, {town} {pc}; closure order being sought with the housing provider.",
    "Victim {first} (DOB {dob}) is now engaged with the IDVA service and has a safety plan.",
    "Safeguarding referral made for {full}, DOB {dob}, NHS number {nhs}, to the MASH.",
    "Please contact {title_last} on {mobile} to arrange the home visit.",
    "Stalking case linked to crime ref {crime}; Clare's Law disclosure made to {first}.",
    "Vehicle {vrm} seen at the address repeatedly; ANPR markers added by Kent Police.",
    "{first}'s mum asked for a call back on her home number {landline}.",
    "Referral emailed to {email} by the youth offending team on 03/07/2024.",
    "Benefits check needs the NI number {nino}; passed to Citizens Advice with consent.",
    "Young person {first}, aged 15, excluded from school; county lines concerns shared with the school.",
    "Tenancy warning issued to {title_last} of {addr} after repeated ASB reports.",
    "Neighbour dispute between {full} and {full2} at {addr}; mediation offered by the council.",
    "Fire safety visit at {flat}, {town} after hoarding concerns; {title_last} agreed to a follow-up.",
    "Missing episode: {first} was found in Margate; return interview done, crime number {crime}.",
    "Home Office referral for {full} (NINO {nino}) as a potential victim of modern slavery.",
    "Community Protection Warning served on {full} for driving {vrm} dangerously in the car park.",
    "{full} has moved to {addr}, {pc}; the IDVA has updated the MARAC record.",
    "DVPO granted against {title_last}; victim {first} informed by phone on {mobile}.",
    "GP confirmed NHS number {nhs} for the adult safeguarding referral; capacity assessment booked.",
    "Street Pastors found {first} (aged 16) at the station at 2am and took her home to {addr}.",
    "Drug paraphernalia reported at {flat}; occupant {full} spoken to by the PCSO.",
    "Her son {first} (born {dob}) is on a child protection plan; social worker aware.",
    "{first} disclosed coercive control by her ex-partner {full2}; referral to Oasis made.",
    "Victim contact details: {email}, {mobile}. Do not call the landline {landline}.",
    "Car {vrm} registered to {title_last} linked to the drug line; intelligence submitted (crime ref {crime}).",
    "Closure order on {addr}, {town} {pc} granted on 14/08/2024 for three months.",
    "Hate crime against {full} reported, crime reference {crime}; victim offered support.",
    "Address for the visit: {flat}, {town} {pc}; contact {first} on {mobile}.",
    "Perpetrator {full}, date of birth {dob}, now subject to a stalking protection order.",
    "Ms {last} asked that letters go to {email} rather than to {addr}.",
    "Exploitation screening done for {first} ({dob_short}) and his brother {first2}.",
    "Call from {full} about {vrm} parked on the verge again; PCSO to visit.",
    "NI number for the housing application: {nino}. Tenancy start 01/10/2024.",
    "Mobile for the victim's sister: {mobile}; she is the safe contact.",
]

#: Clean updates: ordinary partnership prose full of traps.
CLEAN = [
    "Clare's Law and Sarah's Law applications up 12% on Q1; 46 disclosures made in the quarter.",
    "Operation Bluebell weekend: 14 arrests, 3 vehicles seized and a knife arch at Sevenoaks station.",
    "Hotspot patrols in TN13 and TN14 continued; ASB reports down 8% this quarter.",
    "Funding bid PCC/2024/117 submitted on 31/05/2024; decision expected by 30 September 2024.",
    "Drop-in sessions at the Council Offices, Argyle Road, Sevenoaks TN13 1HG every Tuesday from 10am.",
    "Partners can reach the team through the switchboard on 01732 227000 or community.safety@sevenoaks.gov.uk.",
    "Victim Support and Oasis delivered training to 40 frontline staff; 75% target reached.",
    "Helen's Law briefing given to the Safer Sevenoaks Partnership board on 5 June 2024.",
    "The Safer Streets Fund round 5 grant (SSF5-0231) paid for 12 new CCTV cameras in Swanley.",
    "Kent Fire and Rescue Service completed 212 safe and well visits, 96% of the annual target.",
    "Operation Encompass notifications now reach all 58 schools within 24 hours.",
    "Youth diversion: 27 young people took part in the summer programme at the Swanley Youth Hub.",
    "Community Wardens visited 40 High Street businesses about shoplifting and retail crime.",
    "Crimestoppers campaign ran through July; calls to 0800 555 111 rose by a third.",
    "County lines awareness sessions held at Orchards Academy and Trinity School for Year 9.",
    "Target date revised to 31/03/2025 because the procurement was delayed by six weeks.",
    "The DA One Stop Shop at Edenbridge Library opened on 2 September and saw 9 visitors.",
    "Kent Police non-emergency number 101 promoted on 30 posters around Westerham and Otford.",
    "Street Pastors patrolled the night-time economy on 11 Saturdays; 38 vulnerable people helped.",
    "Sevenoaks District Council's CCTV control room on 01732 227000 now covers the A25 corridor.",
    "MARAC heard 34 cases in the quarter; 41% were repeat referrals, in line with SafeLives guidance.",
    "The White Ribbon campaign launched on 25 November at Sevenoaks Town Council, Bradbourne Vale Road TN13 3QG.",
    "Moat Homes and Clarion Housing agreed a joint ASB protocol; review due in Q3 2024-25.",
    "Knife crime education reached 1,200 pupils across 14 schools; evaluation by Kent University.",
    "Op Sceptre knife amnesty bins at Swanley and Sevenoaks stations collected 63 blades.",
    "Hollybush Lane play area now has lighting; reports of ASB there fell from 19 to 7.",
    "We will hold the annual partnership event on 14 March 2025 at the Stag Theatre.",
    "Grant funding of £45,000 confirmed by the Office of the PCC for the youth outreach bus.",
    "The Jo Cox Foundation's Great Get Together was used to launch the community cohesion plan.",
    "Mark the date: the next tasking meeting is on 9 October 2024 at 10:00 in Committee Room 1.",
    "May's figures showed a 15% rise in shed burglaries in the rural wards around Kemsing.",
    "Will Adams House supported housing scheme in Swanley now takes referrals from the CSP.",
    "Grace period for the licence review ends on 30/09/2024; the licensee has been told.",
    "Rose and Crown pub signed up to Ask for Angela; staff training done on 18/07/2024.",
    "Fraud awareness sessions with Age UK reached 310 older residents across 12 venues.",
    "Contact the Kent and Medway DA helpline on 0808 2000 247 or the council's hub on 03000 414141.",
    "Op Yellow Brick Road school holiday activities ran in 6 parishes; 85% of places filled.",
    "Action complete: e-scooter enforcement days held in June and July with 22 seizures.",
    "ASB case review (community trigger) requests: 3 received, 2 met the threshold.",
    "The St Giles Trust SOS+ programme worked with 18 young people at risk of exploitation.",
    "Suzy Lamplugh Trust stalking training delivered to 24 housing officers on 2/10/2024.",
    "Q2 figures: 1,045 crimes recorded, 6.2% below the same quarter last year.",
    "New community safety unit email is csu@sevenoaks.gov.uk; the old mailbox closes in April.",
    "Dunton Green and Riverhead residents' meeting agreed speedwatch sites on London Road.",
    "The Prince's Trust team programme started with 12 learners at West Kent College.",
    "Purple Flag reassessment passed; the town centre keeps its status until 2026.",
    "Budget: £12,500 spent of £20,000 (62.5%); the rest is committed to Q4 training.",
    "Kent Police Sevenoaks station, Morewood Close, Sevenoaks TN13 2HU hosts the monthly surgery.",
    "The Ann Craft Trust safeguarding adults review was shared with all partners on 11 April.",
    "Edenbridge Town Council agreed to fund two more SmartWater kits for Marlpit Hill.",
    "Dementia Friends sessions were run by Alzheimer's Society for 35 taxi drivers.",
    "Hate crime reporting centre at Swanley Library, St Mary's Road, Swanley BR8 7BU is now open.",
    "Refuge spaces in West Kent remained at 14; the commissioning review reports in January 2025.",
    "Chelsea Flower Show outreach stall was used to promote rural crime watch; 40 sign-ups.",
    "Speed cameras on the A21 at Polhill and the M25 junction 5 slip road were reviewed with KCC.",
    "Victoria Road car park lighting upgrade finished; no reported incidents since 1 August.",
    "Safer Sevenoaks Partnership tasking agreed three new hotspots in BR8 and TN15 for Q3.",
    "Rural crime: 17 farm watch visits; quad bike thefts down from 9 to 4 compared with Q2 2023-24.",
    "Licensing sub-committee reviewed 2 premises after Op Vigilant; conditions added to both licences.",
    "Neighbourhood Watch membership grew to 2,340 households (up 4.5%).",
    "Mental health street triage covered 96 shifts; 71 people diverted from custody.",
    "Housing Options gave 23 DA survivors priority status; the average wait was 11 days.",
    "Sanctuary Scheme target-hardening completed in 19 homes, against a target of 25.",
    "The Youth Justice Board inspection rated the service Good on 12 September 2024.",
    "Anti-social behaviour injunction applications: 4 made, 3 granted at Sevenoaks Magistrates' Court.",
    "The IDVA service at Sevenoaks Hospital handled 58 referrals, 22 of them high risk.",
    "National Probation Service caseload in the district is 312; 18% are DA perpetrators.",
    "Kent Fire and Rescue's Fire Station, Main Road, Sundridge TN14 6EP hosted the open day.",
    "The Swanley Link family hub on 01322 614000 is open Monday to Friday for drop-ins.",
    "Online safety assemblies delivered by the Kent Police schools officer to 9 primary schools.",
    "Data for Q1 is provisional until the Home Office publishes its figures on 24 October.",
    "Graffiti removal: 41 sites cleared within 5 working days (target 90%, achieved 93%).",
    "Shop Watch radios now cover 38 retailers; thefts reported through the scheme rose 20%.",
    "Violence Against Women and Girls strategy consultation closed on 15/08/2024 with 212 responses.",
    "Safe spaces: 16 venues signed up; Ask for ANI is offered at 11 pharmacies.",
    "The partnership's Prevent referrals stayed low (2 in the quarter); training for 80 staff is booked.",
    "Domestic Homicide Review DHR-2023-02 action plan: 9 of 11 recommendations complete.",
    "Cuckooing awareness leaflets sent to 1,500 social housing tenants in Swanley and Hextable.",
    "Westerham Town Council funded a second Speedwatch team; 160 vehicles recorded speeding.",
    "KCC trading standards seized 2,000 illicit cigarettes from 3 shops in Edenbridge.",
    "The Paddock Wood and Tonbridge community safety teams shared learning on ASB case reviews.",
    "Operation Sentinel data shows burglary dwelling down 14% across West Kent.",
    "Victims' Code compliance audit scored 88%; the action plan is due by end of Q4.",
    "Kent and Medway Violence Reduction Unit grant VRU/23/061 extended to March 2026.",
    "The Beacon Academy mentoring scheme now has 15 mentors and 30 mentees.",
    "Bikeability and road safety sessions ran at 7 schools; 260 children passed level 2.",
    "No update this quarter: the post was vacant until 1 July; the new officer started on 1/7/2024.",
    "Joint visits with the RSPCA to 3 properties about dog-related ASB; warnings given.",
    "The night bus pilot between Sevenoaks and Tonbridge carried 1,020 passengers in 8 weeks.",
    "The Independent Advisory Group met on 19/06/2024; minutes are on the partnership SharePoint.",
    "CCTV upgrade tender (ref SDC-PROC-2024-118) awarded; installation starts in January.",
    "Barnardo's and Catch22 co-delivered the missing children return interview service.",
    "Sevenoaks Leisure Centre, Buckhurst Lane TN13 1LW will host the autumn youth festival.",
    "The Oasis Domestic Abuse Service helpline 01843 599220 now runs until 8pm on weekdays.",
    "Abbey Physic Community Garden volunteers cleared the underpass; litter complaints fell.",
    "Sarah's Law enquiries are handled by the Kent Police public protection unit.",
    "The Mary Seacole Centre referral pathway for victims of hate crime opened in May.",
    "Spring Fair on 4 May 2024 at Knole Park; 300 crime prevention packs given out.",
]


def fill(template: str, rng: random.Random) -> str:
    first, last = rng.choice(FIRST), rng.choice(LAST)
    first2 = rng.choice([f for f in FIRST if f != first])
    last2 = rng.choice([s for s in LAST if s != last])
    number, street = rng.randrange(1, 140), rng.choice(STREETS)
    values = {
        "first": mark("name", first), "first2": mark("name", first2), "last": last,
        "full": mark("name", f"{first} {last}"), "full2": mark("name", f"{first2} {last2}"),
        "title_last": mark("name", f"{rng.choice(TITLES)} {last}"),
        "addr": mark("address", f"{number} {street}"),
        "flat": mark("address", f"Flat {rng.randrange(1, 12)}, {number} {street}"),
        "town": rng.choice(TOWNS), "pc": mark("postcode", rng.choice(POSTCODES)),
        "dob": mark("date of birth", dob(rng)), "dob_short": "DOB " + mark("date of birth", dob(rng)),
        "nhs": mark("NHS number", nhs(rng)), "nino": mark("NI number", nino(rng)),
        "mobile": mark("phone", mobile(rng)), "landline": mark("phone", landline(rng)),
        "email": mark("email", email(first, last, rng)), "crime": mark("crime reference", crime(rng)),
        "vrm": mark("vehicle registration", vrm(rng)),
    }
    # "Ms {last}": the surname alone after a title is the name, title included.
    text = template.replace("Ms {last}", mark("name", f"Ms {last}"))
    return text.format(**values)


def update(rng: random.Random, personal: float = 1 / 20) -> str:
    """One realistic update, unmarked, with personal data in the given share of them (for scripts/bench.py)."""
    if rng.random() < personal:
        return _MARK.sub(r"\2", fill(rng.choice(PERSONAL), rng))
    return rng.choice(CLEAN)


_MARK = re.compile(r"\[\[([^:\]]+):([^\]]+)\]\]")


def main() -> None:
    rng = random.Random(2024)
    lines = ["# Labelled progress updates for tests/screening/test_screening.py: [[kind:text]] marks personal data.",
             "# Written by scripts/make_personal_corpus.py; fictional people, unreachable identifiers."]
    personal = [fill(PERSONAL[i % len(PERSONAL)], rng) for i in range(175)]
    clean = [CLEAN[i % len(CLEAN)] for i in range(len(CLEAN))]
    # Clean updates again with their counts and years changed, so each trap is met more than once.
    while len(clean) < 170:
        t = _COUNT.sub(lambda m: str(rng.randrange(2, 99)), rng.choice(CLEAN), count=1)
        t = t.replace("2024", rng.choice(("2023", "2025")))
        if t not in clean:
            clean.append(t)
    lines += personal + clean
    OUT.parent.mkdir(parents=True, exist_ok=True)
    OUT.write_text("\n".join(lines) + "\n", encoding="utf-8")
    print(f"wrote {len(personal)} updates with personal data and {len(clean)} clean ones to {OUT}")


if __name__ == "__main__":
    main()
