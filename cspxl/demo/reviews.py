"""The demo's recommendations of reviews: what each owner and supporter types in each quarter's return, and what
the board signs off at each quarter's meeting.

Over the year the domestic homicide review's four confidential recommendations run their course (DHR1-1
implemented at once and signed off at the first meeting; DHR1-2 overdue from the autumn until it is done in the
winter; DHR1-3 implemented in the autumn and signed off), the scrutiny committee's is not accepted, with the
council's reason, and the PCC's is worked on by the police with the district and county councils.
"""

from __future__ import annotations

from typing import Any

#: Quarter -> partner -> recommendation -> header -> what the partner types.
TYPED: dict[int, dict[str, dict[str, dict[str, Any]]]] = {
    1: {
        "icb": {"DHR1-1": {"Status": "Implemented", "Date implemented": "28/06/2023", "Evidence":
                           "All 15 GP practices trained through IRIS; routine enquiry added to injury consultations."}},
        "davss": {"DHR1-1": {"Status": "In progress", "Evidence": "Co-delivered the IRIS sessions."},
                  "DHR1-4": {"Status": "Not started"}},
        "sdc": {"SCR-1": {"Status": "Not accepted", "Reason not accepted":
                          "Ward figures for small wards could identify victims; the partnership publishes district "
                          "figures each quarter instead."},
                "DHR1-4": {"Status": "Not started"},
                "PCC-1": {"Status": "In progress", "Evidence": "Licensing and CCTV data shared with the analyst."}},
        "kcc": {"PCC-1": {"Status": "In progress", "Evidence": "Street lighting faults mapped for the analyst."}},
        "kent-police": {"PCC-1": {"Status": "In progress", "Evidence": "Hotspot analysis of VAWG reports started."},
                        "DHR1-3": {"Status": "In progress", "Evidence": "Change to the risk assessment form drafted."}},
        "wkha": {"DHR1-2": {"Status": "Not started"}},
    },
    2: {
        "wkha": {"DHR1-2": {"Status": "In progress", "Evidence": "Referral route drafted; procedure not yet updated."}},
        "kent-police": {"DHR1-3": {"Status": "In progress", "Evidence": "Form change approved; audit planned."},
                        "PCC-1": {"Status": "In progress", "Evidence": "Hotspot map drafted from all three partners' "
                                                                       "data."}},
        "sdc": {"DHR1-4": {"Status": "In progress", "Evidence": "Two sessions held with faith groups."},
                "PCC-1": {"Status": "In progress", "Evidence": "CCTV hotspots added to the map."}},
        "kcc": {"PCC-1": {"Status": "In progress", "Evidence": "Lighting audit results shared."},
                "DHR1-3": {"Status": "In progress", "Evidence": "Children's services contact point agreed."}},
    },
    3: {
        "kent-police": {"DHR1-3": {"Status": "Implemented", "Date implemented": "16/10/2023", "Evidence":
                                   "Form changed 16/10/2023; an audit of 50 cases found the children recorded in 48."},
                        "PCC-1": {"Status": "In progress", "Evidence": "Map shared with the partnership's analysts."}},
        "wkha": {"DHR1-2": {"Status": "In progress", "Evidence": "Procedure updated; officers' briefing booked."}},
        "sdc": {"DHR1-4": {"Status": "In progress", "Evidence": "Four sessions held."}},
    },
    4: {
        "wkha": {"DHR1-2": {"Status": "Implemented", "Date implemented": "18/01/2024", "Evidence":
                            "Officers briefed 18/01/2024; concerns now reach the MARAC coordinator within two days."}},
        "kent-police": {"PCC-1": {"Status": "Implemented", "Date implemented": "15/03/2024", "Evidence":
                                  "Hotspot map shared with every partner on 15/03/2024."}},
        "sdc": {"DHR1-4": {"Status": "In progress", "Evidence": "Six sessions held; evaluation due in May."}},
    },
}

#: Quarter -> the recommendations the board signs off at that quarter's meeting.
SIGNED_OFF: dict[int, tuple[str, ...]] = {1: ("DHR1-1",), 2: ("SCR-1",), 3: ("DHR1-3",)}
