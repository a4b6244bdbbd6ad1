"""A review's action plan as review panels and the Home Office ask for it, filled from the register.

One workbook per review (its ``Source``): a row per recommendation, under the columns a domestic homicide review's
action plan uses: Recommendation, Scope, Action to take, Lead agency, Key milestones, Target date, and Date of
completion and outcome.  It holds the recommendations' text, so it goes to the panel, not into circulation.
"""

from __future__ import annotations

from datetime import date, datetime, time
from pathlib import Path

from ..errors import UsageError
from ..plan import Plan
from ..spreadsheets.write import Formats, print_setup, row_height, workbook, write_date, write_text
from ..workspace import Workspace, safe_name
from .tracking import SIGNED_OFF, RecommendationState, every_recommendation, recommendation_states

#: The columns and their widths: one A4 landscape page across at the print scale.
ACTION_PLAN_COLUMNS: tuple[tuple[str, float], ...] = (
    ("Recommendation", 34), ("Scope (local/regional/national)", 11), ("Action to take", 26), ("Lead agency", 19),
    ("Key milestones", 20), ("Target date", 11), ("Date of completion and outcome", 34))
#: The 1-based row of the table's header (a title and the review's details above it).
HEADER_ROW = 4


def write_action_plan(workspace: Workspace, source: str, out: Path | None, on: date) -> Path:
    """Write the action plan of the review named ``source`` (any case) as it stands on ``on``; its path.

    It holds every recommendation the review made, those signed off and left in an earlier year's plan too.
    """
    plan = workspace.plan
    with workspace.register(readonly=True) as register:
        every = plan.model_copy(update={"recommendations": every_recommendation(plan, register)})
        sources = list(dict.fromkeys(r.source for r in every.recommendations))
        name = next((s for s in sources if s.casefold() == " ".join(source.split()).casefold()), None)
        if name is None:
            known = "; ".join(f"'{s}'" for s in sources) or "none: the plan has no recommendations"
            raise UsageError(f"no recommendation in the plan's Recommendations sheet comes from '{source}'; its "
                             f"sources are {known}.")
        states = [s for s in recommendation_states(every, register, on, until=datetime.combine(on, time.max))
                  if s.recommendation.source == name]
    path = out or workspace.reports_dir / f"{safe_name(name)}_action-plan.xlsx"
    write_action_plan_workbook(path, plan, name, states, on)
    return path


def write_action_plan_workbook(path: Path, plan: Plan, source: str, states: list[RecommendationState],
                               on: date) -> None:
    """The action plan's workbook at ``path`` (written atomically)."""
    title = f"{source}: action plan"
    with workbook(path, title=title, author=plan.settings.coordinator_name) as wb:
        fmts = Formats(wb)
        ws = wb.add_worksheet("Action plan")
        write_text(ws, 0, 0, title, fmts.title)
        first = states[0].recommendation if states else None
        made = f"; recommendations made {first.made:%d/%m/%Y}" if first else ""
        write_text(ws, 1, 0, f"{plan.settings.partnership}. {first.source_type if first else ''}{made}. As it stood on "
                             f"{on:%d/%m/%Y}, from the partners' quarterly returns and the board's sign-offs.",
                   fmts.subtitle)
        h = HEADER_ROW - 1
        for c, (header, width) in enumerate(ACTION_PLAN_COLUMNS):
            write_text(ws, h, c, header, fmts.header)
            ws.set_column(c, c, width)
        ws.set_row(h, row_height([(header, width - 1) for header, width in ACTION_PLAN_COLUMNS]))
        for i, state in enumerate(states):
            r, rec = h + 1 + i, state.recommendation
            lead = plan.partner(rec.owner)
            supporting = [p.name if (p := plan.partner(s)) else s for s in rec.supporting]
            texts = (f"{rec.id}. {rec.text}", rec.scope, rec.action,
                     (lead.name if lead else rec.owner) + (f" (supported by {', '.join(supporting)})" if supporting else ""),
                     rec.milestones)
            for c, text in enumerate(texts):
                write_text(ws, r, c, text, fmts.text)
            write_date(ws, r, 5, rec.due, fmts.date)
            outcome = completion_and_outcome(state)
            write_text(ws, r, 6, outcome, fmts.text)
            ws.set_row(r, row_height(zip((*texts, outcome), (w for i, (_, w) in enumerate(ACTION_PLAN_COLUMNS) if i != 5),
                                         strict=True)))
        ws.freeze_panes(HEADER_ROW, 0)
        print_setup(ws, title, repeat=(h, h), widths=[w for _, w in ACTION_PLAN_COLUMNS], repeat_columns=0)


def completion_and_outcome(state: RecommendationState) -> str:
    """What the last column says: when it was done and how it ended, or where it stands."""
    signed = state.signed_off
    board = f" {SIGNED_OFF} by {signed.by or 'the board'} on {signed.on:%d/%m/%Y}." if signed else ""
    if state.status == "Implemented":
        when = f"{state.date_implemented:%d/%m/%Y}: " if state.date_implemented else ""
        return _sentence(f"{when}Implemented. {state.evidence}") + board
    if state.status == "Not accepted":
        return _sentence(f"Not accepted: {state.reason}") + board
    if state.awaiting_owner and state.reopened is not None:
        return _sentence(f"Reopened on {state.reopened.on:%d/%m/%Y}: {state.reopened.reason}") + (
            " Overdue." if state.overdue else "")
    if state.updated:
        progress = f" {_sentence(state.evidence)}" if state.evidence else ""
        return f"{state.status} (as reported for {state.updated}).{progress}" + (
            " Overdue." if state.overdue else "")
    return "No update yet." + (" Overdue." if state.overdue else "")


def _sentence(text: str) -> str:
    """``text`` trimmed, ending as a sentence does."""
    text = text.strip()
    return text if not text or text.endswith((".", "!", "?")) else f"{text}."
