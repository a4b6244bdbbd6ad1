"""Build the shipped example plan workbook from the literal tables in ``sevenoaks_plan_data.py``.

Run it after editing the data:  python scripts/make_example_plan.py
It writes workbooks/sevenoaks-2023-24-plan.xlsx (reproducibly: the same data gives the same bytes), and
the same file into the package (cspxl/data/), which holds a copy, not a link: a Windows checkout turns
a link into a small text file.
"""

from __future__ import annotations

import runpy
import sys
from datetime import date
from pathlib import Path

from cspxl.plan import Action, CrimeType, Indicator, Measure, Partner, Plan, Priority, Recommendation, Settings
from cspxl.plan.committee import Committee, Meeting
from cspxl.plan.workbook import write_plan_workbook

HERE = Path(__file__).resolve().parent
OUT = HERE.parent / "workbooks" / "sevenoaks-2023-24-plan.xlsx"
PACKAGED = HERE.parent / "cspxl" / "data" / "sevenoaks-2023-24-plan.xlsx"


def example_plan() -> Plan:
    """The Sevenoaks District 2023-24 plan as a :class:`Plan`."""
    data = runpy.run_path(str(HERE / "sevenoaks_plan_data.py"))
    s = data["SETTINGS"]
    settings = Settings(
        partnership=s["Partnership"], short_name=s["Short name"], financial_year=s["Financial year"],
        coordinator_name=s["Coordinator name"], coordinator_email=s["Coordinator email"],
        coordinator_phone=s["Coordinator phone"], return_due_days=int(s["Return due days"]),
        crime_area=data["CRIME_AREA"], population=data["POPULATION"],
    )
    partners = tuple(
        Partner(id=i, name=n, contact_name=c, emails=tuple(e.strip() for e in mails.split(";") if e.strip()))
        for i, n, c, mails in data["PARTNERS"]
    )
    priorities = tuple(Priority(id=i, name=n) for i, n in data["PRIORITIES"])
    actions = tuple(
        Action(id=i, priority_id=p, text=t, success_measure=m, lead=lead,
               supporting=tuple(x.strip() for x in sup.replace(",", ";").split(";") if x.strip()),
               target_date=date.fromisoformat(d))
        for i, p, t, m, lead, sup, d in data["ACTIONS"]
    )
    measures = tuple(
        Measure(id=i, priority_id=p, text=t, owner=o, unit=u, better=b, baseline=base, baseline_period=bp,
                target=target, target_period=tp, **({"tolerance": tol} if tol is not None else {}))
        for i, p, t, o, u, b, base, bp, target, tol, tp in data["MEASURES"]
    )
    crime_types = tuple(CrimeType(crime_type=t, priority_id=p) for t, p in data["CRIME_TYPES"])
    indicators = tuple(Indicator(id=i, text=t, supplier=by, unit=u, priority_ids=tuple(x.strip() for x in p.split(";")),
                                 better=b) for i, t, by, u, p, b in data["INDICATORS"])
    c = data["COMMITTEE"]
    committee = Committee(
        committee=c["Committee"], meeting_dates=tuple(date(*reversed([int(x) for x in d.split("/")]))
                                                      for d in c["Meeting dates"].split("; ")),
        report_of=c["Report of"], status=c["Status"],
        also_considered_by=tuple(Meeting(body=b, day=date(*reversed([int(x) for x in d.split("/")])))
                                 for b, d in (m.split(", ") for m in c["Also considered by"].split("; "))),
        key_decision=c["Key decision"] == "Yes", key_aim=c["Key aim"], portfolio_holder=c["Portfolio holder"],
        contact_officers=c["Contact officer(s)"])
    recommendations = tuple(
        Recommendation(id=i, source=src, source_type=kind, made=date.fromisoformat(made), text=text, owner=owner,
                       supporting=tuple(x.strip() for x in sup.split(";") if x.strip()), due=date.fromisoformat(due),
                       priority_id=prio, confidential_until=date.fromisoformat(until) if until else None, scope=scope,
                       action=action, milestones=milestones)
        for i, src, kind, made, text, owner, sup, due, prio, until, scope, action, milestones in data["RECOMMENDATIONS"])
    return Plan(settings=settings, partners=partners, priorities=priorities, actions=actions, measures=measures,
                crime_types=crime_types, indicators=indicators, committee=committee, recommendations=recommendations)


def main() -> int:
    out = Path(sys.argv[1]) if len(sys.argv) > 1 else OUT
    write_plan_workbook(out, example_plan())
    print(out)
    if out == OUT:
        PACKAGED.write_bytes(OUT.read_bytes())
        print(PACKAGED)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
