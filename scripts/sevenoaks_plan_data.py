"""Example Strategy & Action Plan data for Sevenoaks District CSP, 2023-24.

This content was written for the cspxl project as an illustrative example.
It is not copied from any published plan. The partner organisations are real
bodies that typically sit on a district Community Safety Partnership, but all
people named here (the coordinator and partner contacts) are fictional, all
email addresses use the reserved domain example.org, and the phone number is
from Ofcom's range reserved for drama use.
"""

SETTINGS: dict[str, str] = {
    "Partnership": "Sevenoaks District Community Safety Partnership",
    "Short name": "Sevenoaks CSP",
    "Financial year": "2023-24",
    "Coordinator name": "Helen Marsh",
    "Coordinator email": "helen.marsh@example.org",
    "Coordinator phone": "01632 960418",
    "Return due days": "14",
}

# (partner_id, partner_name, contact_name, contact_email)
PARTNERS: list[tuple[str, str, str, str]] = [
    (
        "sdc",
        "Sevenoaks District Council",
        "Helen Marsh",
        "helen.marsh@example.org; community.safety@example.org",
    ),
    (
        "kcc",
        "Kent County Council",
        "Gareth Pembury",
        "gareth.pembury@example.org",
    ),
    (
        "kent-police",
        "Kent Police",
        "Insp. Rachel Dunmore",
        "rachel.dunmore@example.org; sevenoaks.chiefinspector@example.org",
    ),
    (
        "kfrs",
        "Kent Fire & Rescue Service",
        "Tom Ashdown",
        "tom.ashdown@example.org",
    ),
    (
        "pcc",
        "Kent Police & Crime Commissioner's Office",
        "Priya Lakhani-Ward",
        "priya.lakhaniward@example.org",
    ),
    (
        "icb",
        "NHS Kent and Medway Integrated Care Board",
        "Dr Owen Fairweather",
        "owen.fairweather@example.org",
    ),
    (
        "probation",
        "Probation Service (Kent, Surrey & Sussex region)",
        "Bernadette Quinn",
        "bernadette.quinn@example.org",
    ),
    (
        "wkha",
        "West Kent Housing Association",
        "Simon Halstead",
        "simon.halstead@example.org",
    ),
    (
        "clarion",
        "Clarion Housing",
        "Lucy Okafor",
        "lucy.okafor@example.org",
    ),
    (
        "kchft",
        "Kent Community Health NHS Foundation Trust",
        "Margaret Ellison",
        "margaret.ellison@example.org",
    ),
    (
        "davss",
        "Domestic Abuse Volunteer Support Services (DAVSS)",
        "Claire Brightling",
        "claire.brightling@example.org; davss.referrals@example.org",
    ),
    (
        "forward-trust",
        "The Forward Trust (West Kent drug & alcohol service)",
        "Daniel Mercer",
        "daniel.mercer@example.org",
    ),
]

# (priority_id, priority)
PRIORITIES: list[tuple[str, str]] = [
    ("P1", "Serious & Acquisitive Crime (incl. crime trends)"),
    ("P2", "Anti-Social Behaviour (incl. environmental crime)"),
    ("P3", "Domestic Abuse"),
    ("P4", "Stalking & Harassment"),
    (
        "P5",
        "Safeguarding (mental health, Prevent, human trafficking, modern "
        "slavery, CSE, vulnerable adults, protecting children)",
    ),
    ("P6", "Violence against Women & Girls"),
    ("P7", "Drug Misuse & County Lines"),
]

# (action_id, priority_id, action, success_measure, lead_partner_id,
#  supporting_partner_ids, target_date_iso)
ACTIONS: list[tuple[str, str, str, str, str, str, str]] = [
    # --- P1 Serious & Acquisitive Crime -----------------------------------
    (
        "A01",
        "P1",
        "Run a rural crime prevention campaign with the Rural Task Force "
        "targeting theft of farm machinery, quad bikes and GPS units in the "
        "district's rural wards",
        "Number of farm visits and property marking events held (target 12); "
        "reduction in rural theft offences compared with 2022-23",
        "kent-police",
        "sdc; kfrs",
        "2023-09-30",
    ),
    (
        "A02",
        "P1",
        "Produce a quarterly crime trends and hotspot analysis drawing on "
        "police, council and fire data to inform tasking at the monthly "
        "Community Safety Unit meeting",
        "Four quarterly analytical products presented to the CSP; emerging "
        "trends allocated to a lead agency within one month",
        "sdc",
        "kent-police; kfrs; pcc",
        "2024-03-31",
    ),
    (
        "A03",
        "P1",
        "Deliver a burglary reduction operation in the two wards with the "
        "highest residential burglary rates, including cocooning visits to "
        "victims' neighbours within 48 hours",
        "Percentage of burglary victims' neighbours visited within 48 hours "
        "(target 90%); reduction in residential burglary compared with "
        "2022-23",
        "kent-police",
        "sdc",
        "2023-12-31",
    ),
    (
        "A04",
        "P1",
        "Distribute crime prevention kits (timer switches, window alarms, "
        "UV marker pens) to vulnerable and repeat victims of acquisitive "
        "crime via Neighbourhood Watch and the Community Safety Unit",
        "Number of kits distributed (target 250); repeat victimisation rate "
        "among recipients lower than 2022-23 district average",
        "sdc",
        "kent-police; wkha; clarion",
        "2024-02-29",
    ),
    (
        "A05",
        "P1",
        "Use PCC crime reduction grant funding to upgrade town centre CCTV "
        "in Sevenoaks and Swanley and link cameras to the council's "
        "monitoring suite",
        "Number of cameras installed or upgraded (target 10); reduction in "
        "shop theft and vehicle crime in covered areas compared with 2022-23",
        "pcc",
        "sdc; kent-police",
        "2023-11-15",
    ),
    (
        "A06",
        "P1",
        "Set up a business crime reduction partnership with retailers in "
        "Sevenoaks, Swanley and Edenbridge, with a shared radio link and an "
        "exclusion scheme for prolific shoplifters",
        "Number of businesses signed up (target 30); reduction in reported "
        "shop theft compared with 2022-23",
        "sdc",
        "kent-police; kcc",
        "2023-10-31",
    ),
    (
        "A07",
        "P1",
        "Manage prolific acquisitive offenders living in the district "
        "through Integrated Offender Management, with joint home visits and "
        "fast-track referral into drug & alcohol treatment",
        "Number of district residents in the IOM cohort; reduction in "
        "cohort reoffending compared with 2022-23; percentage engaged with "
        "treatment (target 70%)",
        "probation",
        "kent-police; forward-trust",
        "2024-03-31",
    ),
    # --- P2 Anti-Social Behaviour ------------------------------------------
    (
        "A08",
        "P2",
        "Operate the ASB Case Review (Community Trigger) process on behalf "
        "of partners and publish annual outcome data",
        "All Case Review applications acknowledged within 5 working days "
        "and reviewed within 28 days; annual data published on the council "
        "website",
        "sdc",
        "kent-police; wkha; clarion",
        "2023-06-30",
    ),
    (
        "A09",
        "P2",
        "Tackle fly-tipping using fixed penalty notices, Community "
        "Protection Notices and deployable cameras at known hotspots",
        "Number of fly-tipping incidents recorded compared with 2022-23; "
        "number of fixed penalty notices issued and prosecutions brought",
        "sdc",
        "kcc",
        "2024-01-31",
    ),
    (
        "A10",
        "P2",
        "Deliver a summer patrol and youth outreach plan for parks and open "
        "spaces in Swanley and Sevenoaks during the school holidays",
        "Number of high-visibility patrols completed (target 60); reduction "
        "in youth-related ASB calls in July and August compared with 2022",
        "kent-police",
        "sdc; kcc",
        "2023-09-30",
    ),
    (
        "A11",
        "P2",
        "Train housing officers in the tools and powers of the Anti-social "
        "Behaviour, Crime and Policing Act 2014 and adopt a shared ASB case "
        "management approach with the council",
        "Number of housing staff trained (target 25); percentage of ASB "
        "cases closed with a positive outcome (target 80%)",
        "wkha",
        "clarion; sdc",
        "2023-07-31",
    ),
    (
        "A12",
        "P2",
        "Carry out joint estate walkabouts with residents, police and "
        "council officers on housing estates in Swanley and Edenbridge",
        "Number of estate walkabouts held (target 8); percentage of "
        "graffiti, lighting and abandoned vehicle issues resolved within "
        "28 days",
        "clarion",
        "sdc; kent-police",
        "2023-12-31",
    ),
    (
        "A13",
        "P2",
        "Reduce deliberate fire-setting through the young firesetters "
        "intervention and prompt removal of fly-tipped waste and abandoned "
        "vehicles that pose an arson risk",
        "Number of deliberate secondary fires compared with 2022-23; number "
        "of young people completing the firesetter intervention",
        "kfrs",
        "sdc; kent-police",
        "2024-03-31",
    ),
    (
        "A14",
        "P2",
        "Focus Community Warden patrols on rural villages where residents "
        "have raised repeated ASB concerns through parish councils",
        "Warden hours recorded in priority villages each quarter; number of "
        "parish councils reporting improvement at year end",
        "kcc",
        "",
        "2023-11-30",
    ),
    # --- P3 Domestic Abuse ---------------------------------------------------
    (
        "A15",
        "P3",
        "Run a weekly Domestic Abuse One Stop Shop in Sevenoaks offering "
        "free drop-in advice from legal, housing, police and specialist "
        "support services",
        "Number of clients attending (target 200); percentage of clients "
        "reporting they feel safer at case closure (target 85%)",
        "davss",
        "sdc; kent-police; wkha",
        "2024-03-31",
    ),
    (
        "A16",
        "P3",
        "Ensure all high-risk domestic abuse cases in the district are "
        "referred to MARAC and repeat victims are identified and flagged",
        "Number of MARAC referrals from the district compared with 2022-23; "
        "repeat referral rate within the 28-40% recommended range",
        "kent-police",
        "davss; kcc; icb",
        "2023-12-31",
    ),
    (
        "A17",
        "P3",
        "Implement the recommendations of the district's Domestic Homicide "
        "Review action plan and share the learning through a partner "
        "briefing session",
        "Percentage of recommendations completed by their target date "
        "(target 100%); number of practitioners attending the briefing",
        "sdc",
        "kent-police, icb, kcc",
        "2024-01-15",
    ),
    (
        "A18",
        "P3",
        "Deliver domestic abuse awareness and DASH risk assessment training "
        "to frontline council and housing staff",
        "Number of staff trained (target 60); average increase in "
        "self-rated confidence after training",
        "davss",
        "sdc; wkha; clarion",
        "2023-10-31",
    ),
    (
        "A19",
        "P3",
        "Embed routine enquiry about domestic abuse in health visiting and "
        "school nursing contacts across the district",
        "Percentage of eligible contacts with routine enquiry recorded "
        "(target 90%); number of referrals to specialist services",
        "kchft",
        "davss",
        "2024-02-15",
    ),
    (
        "A20",
        "P3",
        "Provide a sanctuary scheme offering target-hardening so that "
        "victims can remain safely in their own homes where they choose to",
        "Number of homes target-hardened (target 30); percentage of "
        "households still safely housed six months later",
        "wkha",
        "davss; sdc; kfrs",
        "2023-08-31",
    ),
    # --- P4 Stalking & Harassment ------------------------------------------
    (
        "A21",
        "P4",
        "Increase the use of Stalking Protection Orders and ensure every "
        "stalking victim is offered referral to specialist advocacy",
        "Number of Stalking Protection Orders applied for compared with "
        "2022-23; percentage of victims offered advocacy (target 100%)",
        "kent-police",
        "",
        "2023-12-31",
    ),
    (
        "A22",
        "P4",
        "Run a local campaign during National Stalking Awareness Week "
        "explaining what stalking is and how to report it",
        "Campaign reach across partner social media channels; number of "
        "partner agencies sharing content (target 10)",
        "davss",
        "sdc; kent-police; pcc",
        "2023-04-30",
    ),
    (
        "A23",
        "P4",
        "Fund a specialist stalking advocate covering West Kent with an "
        "agreed referral pathway for district residents",
        "Number of district victims supported; percentage reporting "
        "improved feelings of safety at case closure",
        "pcc",
        "kent-police; davss",
        "2023-06-30",
    ),
    (
        "A24",
        "P4",
        "Train council, housing and health frontline staff to recognise "
        "stalking behaviour using the FOUR model (fixated, obsessive, "
        "unwanted, repeated)",
        "Number of staff trained (target 40); number of onward referrals to "
        "police or specialist services",
        "davss",
        "sdc; clarion",
        "2023-11-30",
    ),
    (
        "A25",
        "P4",
        "Review risk management plans for people on probation in the "
        "district with stalking or harassment convictions and enforce "
        "restraining order breaches",
        "Percentage of relevant risk management plans reviewed each quarter "
        "(target 100%); number of breaches actioned within 5 working days",
        "probation",
        "",
        "2024-03-31",
    ),
    # --- P5 Safeguarding -----------------------------------------------------
    (
        "A26",
        "P5",
        "Deliver Prevent awareness training to partner staff and district "
        "councillors and keep the Channel referral pathway up to date",
        "Number of staff and councillors trained (target 80); referral "
        "pathway reviewed and recirculated to all partners",
        "kcc",
        "sdc; kent-police",
        "2023-09-30",
    ),
    (
        "A27",
        "P5",
        "Carry out multi-agency visits to hand car washes, nail bars and "
        "similar premises to identify signs of modern slavery and human "
        "trafficking",
        "Number of premises visited (target 20); number of potential "
        "victims referred through the National Referral Mechanism",
        "kent-police",
        "sdc; kfrs; kcc",
        "2024-02-29",
    ),
    (
        "A28",
        "P5",
        "Support local implementation of Right Care, Right Person so that "
        "mental health crisis calls are routed to health services, and "
        "promote the NHS 111 mental health option",
        "Number of mental health related incidents attended by police "
        "compared with 2022-23; number of partner staff briefed",
        "icb",
        "kent-police; kchft",
        "2023-12-31",
    ),
    (
        "A29",
        "P5",
        "Hold quarterly multi-agency contextual safeguarding meetings for "
        "young people at risk of child sexual or criminal exploitation, "
        "mapping peer groups and locations of concern so that Children's "
        "Services, police, schools and health can agree joint disruption "
        "and support plans",
        "Four meetings held; number of young people discussed; percentage "
        "with a safety plan in place within 4 weeks (target 95%)",
        "kcc",
        "kent-police, sdc, kchft",
        "2024-03-31",
    ),
    (
        "A30",
        "P5",
        "Deliver Safe and Well visits to vulnerable adults referred by "
        "partners, including people who hoard and older people living alone",
        "Number of Safe and Well visits delivered (target 150); number of "
        "onward safeguarding referrals made",
        "kfrs",
        "sdc; kchft; wkha",
        "2024-01-31",
    ),
    (
        "A31",
        "P5",
        "Brief community nursing teams on adult safeguarding referral routes "
        "and the multi-agency self-neglect and hoarding protocol",
        "Number of nursing staff briefed (target 50); number of cases "
        "managed under the hoarding protocol",
        "kchft",
        "",
        "2023-10-15",
    ),
    (
        "A32",
        "P5",
        "Run a Safety in Action event for Year 6 pupils covering online "
        "safety, fire safety, water safety and personal safety before they "
        "move to secondary school",
        "Number of schools and pupils attending (target 800 pupils); "
        "percentage of pupils rating the day useful",
        "sdc",
        "kent-police; kfrs; kcc",
        "2023-07-14",
    ),
    (
        "A33",
        "P5",
        "Deliver doorstep crime & scams awareness sessions to older "
        "residents and install call blockers for people repeatedly targeted "
        "by nuisance and scam calls",
        "Number of sessions delivered (target 12); number of call blockers "
        "installed; estimated savings to residents",
        "kcc",
        "sdc; kent-police",
        "2023-12-15",
    ),
    # --- P6 Violence against Women & Girls ----------------------------------
    (
        "A34",
        "P6",
        "Roll out Ask for Angela and Welfare and Vulnerability Engagement "
        "training to licensed premises staff in Sevenoaks and Swanley town "
        "centres",
        "Number of licensed premises with trained staff (target 40); number "
        "of premises displaying Ask for Angela materials",
        "sdc",
        "kent-police",
        "2023-11-30",
    ),
    (
        "A35",
        "P6",
        "Hold Walk and Talk sessions where women and girls walk local routes "
        "with officers and point out places where they feel unsafe",
        "Number of sessions held (target 6); number of locations identified "
        "and passed to the responsible agency",
        "kent-police",
        "sdc; kcc",
        "2023-09-30",
    ),
    (
        "A36",
        "P6",
        "Fund a healthy relationships programme for secondary schools "
        "covering consent, coercive control and online misogyny",
        "Number of pupils receiving sessions (target 1,200); improvement in "
        "pre and post attitude survey scores",
        "pcc",
        "kcc; davss",
        "2024-03-31",
    ),
    (
        "A37",
        "P6",
        "Audit street lighting and footpath routes reported as unsafe by "
        "women and girls and deliver priority improvements",
        "Number of routes audited (target 10); number of lighting or "
        "vegetation improvements completed",
        "kcc",
        "sdc, kent-police",
        "2024-02-15",
    ),
    (
        "A38",
        "P6",
        "Sign up GP practices in the district to the IRIS (Identification & "
        "Referral to Improve Safety) programme",
        "Number of GP practices trained (target 8); number of referrals from "
        "primary care to specialist domestic abuse services",
        "icb",
        "davss",
        "2024-03-31",
    ),
    (
        "A39",
        "P6",
        "Deliver the Building Better Relationships programme to men on "
        "probation in the district with domestic abuse related offences",
        "Number of district-based men starting the programme; completion "
        "rate compared with 2022-23",
        "probation",
        "",
        "2023-12-31",
    ),
    # --- P7 Drug Misuse & County Lines ---------------------------------------
    (
        "A40",
        "P7",
        "Run drug & alcohol outreach clinics in Swanley and Edenbridge so "
        "that residents can access treatment without travelling to "
        "Sevenoaks",
        "Number of new adults entering treatment compared with 2022-23; "
        "number of successful treatment completions",
        "forward-trust",
        "sdc; icb",
        "2024-03-31",
    ),
    (
        "A41",
        "P7",
        "Take part in county lines intensification weeks, targeting "
        "dealers and identifying cuckooed addresses in the district",
        "Number of lines closed and arrests made; number of vulnerable "
        "people safeguarded; number of cuckooed addresses protected",
        "kent-police",
        "sdc, wkha, clarion",
        "2023-10-31",
    ),
    (
        "A42",
        "P7",
        "Increase naloxone distribution to people at risk of opioid overdose "
        "and train partner staff to administer it",
        "Number of naloxone kits distributed (target 100); number of partner "
        "staff trained (target 30)",
        "forward-trust",
        "probation; kcc",
        "2023-08-15",
    ),
    (
        "A43",
        "P7",
        "Deliver briefings to frontline partner staff on spotting signs of "
        "drug-related exploitation and the referral routes into treatment",
        "Number of briefings delivered (target 6); number of referrals from "
        "partner agencies compared with 2022-23",
        "forward-trust",
        "",
        "2024-01-31",
    ),
    (
        "A44",
        "P7",
        "Identify tenants at risk of cuckooing through a joint vulnerability "
        "flagging process with police and agree a safeguarding plan for each",
        "Number of tenancies flagged with a safeguarding plan in place; "
        "number of closure orders obtained where needed",
        "clarion",
        "kent-police; sdc",
        "2024-02-29",
    ),
    (
        "A45",
        "P7",
        "Carry out test purchasing and intelligence-led inspections of shops "
        "selling alcohol, nitrous oxide and illegal vapes to under-18s",
        "Number of test purchase operations (target 8); number of premises "
        "failing and follow-up action taken",
        "kcc",
        "",
        "2024-03-15",
    ),
]

# Success measures, each a figure for the quarter its owner sends with the return (fictional figures):
# (measure_id, priority_id, measure, owner, unit, better_when, baseline, baseline_period, target, tolerance_%,
#  target_period: Quarter for each quarter's figure, Year for the year's)
MEASURES: list[tuple[str, str, str, str, str, str, float, str, float | None, float | None, str]] = [
    ("M01", "P1", "Residential burglaries recorded in the quarter", "kent-police", "Number", "Lower", 53,
     "2022-23-Q4", 48, None, "Quarter"),
    ("M02", "P1", "Shoplifting offences recorded in the quarter", "kent-police", "Number", "Monitor", 97,
     "2022-23-Q4", None, None, "Quarter"),
    ("M03", "P2", "Fly-tipping incidents reported to the council in the quarter", "sdc", "Number", "Lower", 288,
     "2022-23-Q4", 262, None, "Quarter"),
    ("M04", "P2", "Anti-social behaviour incidents reported to police in the quarter", "kent-police", "Number",
     "Lower", 355, "2022-23-Q4", 338, None, "Quarter"),
    ("M05", "P2", "Deliberate secondary fires in the quarter", "kfrs", "Number", "Lower", 16, "2022-23-Q4", 14, 10,
     "Quarter"),
    ("M06", "P3", "Domestic abuse incidents reported to police in the quarter (more reports can mean more "
     "confidence to report)", "kent-police", "Number", "Monitor", 297, "2022-23-Q4", None, None, "Quarter"),
    ("M07", "P3", "Referrals to the Domestic Abuse One Stop Shop in the quarter", "davss", "Number", "Higher", 60,
     "2022-23-Q4", 65, None, "Quarter"),
    ("M08", "P4", "Stalking victims offered referral to specialist advocacy", "kent-police", "Percent", "Higher", 72,
     "2022-23-Q4", 90, None, "Quarter"),
    ("M09", "P5", "Safe and Well visits to vulnerable adults in the quarter", "kfrs", "Number", "Higher", 102,
     "2022-23-Q4", 112, None, "Quarter"),
    # A year's target on a percentage: judged on the latest figure against 60% by the year's end.
    ("M10", "P6", "Licensed premises in the town centres with staff trained in Ask for Angela", "sdc", "Percent",
     "Higher", 35, "2022-23", 60, None, "Year"),
    ("M11", "P7", "Adults leaving drug treatment who complete it successfully", "forward-trust", "Percent", "Higher",
     42.5, "2022-23-Q4", 47, None, "Quarter"),
    # A year's target on a count: the quarters' figures added up, against 220 pro rata to the quarters elapsed.
    ("M12", "P7", "Naloxone kits given out to people at risk of overdose", "forward-trust", "Number",
     "Higher", 180, "2022-23", 220, None, "Year"),
]

# The start of the district's LSOA names in police.uk's street-level files ("Sevenoaks 001A").
CRIME_AREA = "Sevenoaks"
# Each police.uk crime type and the priority its figures inform (Other crime informs none).
CRIME_TYPES: list[tuple[str, str]] = [
    ("Burglary", "P1"), ("Robbery", "P1"), ("Vehicle crime", "P1"), ("Shoplifting", "P1"), ("Bicycle theft", "P1"),
    ("Theft from the person", "P1"), ("Other theft", "P1"), ("Anti-social behaviour", "P2"),
    ("Criminal damage and arson", "P2"), ("Public order", "P2"), ("Violence and sexual offences", "P6"),
    ("Drugs", "P7"), ("Possession of weapons", "P7"),
]

# Residents of the district, for crime rates per 1,000 in the strategic assessment (Census 2021, rounded).
POPULATION = 120_500

# The figures partners supply for the strategic assessment, each quarter of three years:
# (indicator_id, indicator, supplied_by, unit, priority_ids, better_when)
INDICATORS: list[tuple[str, str, str, str, str, str]] = [
    ("I1", "Deliberate primary and secondary fires", "kfrs", "Number", "P2", "Lower"),
    ("I2", "Assault-related A&E attendances by residents of the district", "icb", "Number", "P6; P1", "Lower"),
    ("I3", "Anti-social behaviour reports to the housing association", "wkha", "Number", "P2", "Lower"),
    ("I4", "Referrals to the domestic abuse support service", "davss", "Number", "P3; P6", "Monitor"),
    ("I5", "Adults in treatment for drug misuse (public health commissioning data)", "kcc", "Number", "P7", "Monitor"),
]

# The frame of the partnership's committee reports (the people are fictional).
COMMITTEE: dict[str, str] = {
    "Committee": "People & Places Advisory Committee",
    "Meeting dates": "27/06/2023; 19/09/2023; 21/11/2023; 13/02/2024; 26/03/2024",
    "Report of": "Deputy Chief Executive and Chief Officer - People & Places",
    "Status": "For approval",
    "Also considered by": "Cabinet, 13/07/2023; Council, 18/07/2023",
    "Key decision": "No",
    "Key aim": "Safe and caring communities (the Council Plan)",
    "Portfolio holder": "Cllr Jane Fairley",
    "Contact officer(s)": "Helen Marsh, Community Safety Manager, Ext. 7418",
}

# Recommendations of reviews the partnership tracks (fictional reviews; the DHR is confidential until published):
# (id, source, source_type, date_made, recommendation, owner, supporting, due, priority_id, confidential_until,
#  scope, action to take, key milestones)
RECOMMENDATIONS: list[tuple[str, ...]] = [
    ("DHR1-1", "DHR Sevenoaks 2022/01", "DHR/DARDR", "2023-05-15",
     "Train GP practice staff to ask about domestic abuse when a patient presents with repeated injuries.",
     "icb", "davss", "2023-12-31", "P3", "2024-06-30", "Local",
     "Deliver IRIS training to every GP practice in the district.", "Training plan agreed; half of practices trained"),
    ("DHR1-2", "DHR Sevenoaks 2022/01", "DHR/DARDR", "2023-05-15",
     "Share housing officers' concerns about a tenant's safety with the MARAC coordinator within two working days.",
     "wkha", "sdc", "2023-09-30", "P3", "2024-06-30", "Local",
     "Write the referral route into the housing officers' procedures.", "Procedure updated; officers briefed"),
    ("DHR1-3", "DHR Sevenoaks 2022/01", "DHR/DARDR", "2023-05-15",
     "Check every domestic abuse risk assessment for the victim's children and refer them to children's services.",
     "kent-police", "kcc", "2023-10-31", "P3", "2024-06-30", "Regional",
     "Add the children's question to the force's risk assessment form.", "Form changed; audit of 50 cases"),
    ("DHR1-4", "DHR Sevenoaks 2022/01", "DHR/DARDR", "2023-05-15",
     "Raise awareness of coercive control among faith and community groups in the district.",
     "sdc", "davss", "2024-03-31", "P6", "2024-06-30", "Local",
     "Run awareness sessions with faith and community groups.", "Six sessions held"),
    ("SCR-1", "Crime and Disorder Scrutiny Committee, 2023", "Scrutiny", "2023-06-20",
     "Publish the partnership's anti-social behaviour figures by ward each quarter.",
     "sdc", "", "2023-12-31", "P2", "", "Local", "", ""),
    ("PCC-1", "Police and Crime Commissioner, Safer Streets 2023", "PCC", "2023-07-01",
     "Map the district's hotspots for violence against women and girls and share them with every partner.",
     "kent-police", "sdc; kcc", "2024-01-31", "P6", "", "Local", "", ""),
]
