"""What changed between two plans: partners, actions and measures added, removed or edited, leads changed.

Each period keeps the plan its returns were generated from, so ``check`` can say which periods
generated already would differ from the plan as it stands, and how, without changing them.
"""

from __future__ import annotations

from pydantic import BaseModel, ConfigDict

from .models import Plan


class PlanChanges(BaseModel):
    """How ``new`` differs from ``old``, each by ID."""

    model_config = ConfigDict(frozen=True)

    partners_added: tuple[str, ...] = ()
    partners_removed: tuple[str, ...] = ()
    actions_added: tuple[str, ...] = ()
    actions_removed: tuple[str, ...] = ()
    #: (action ID, old lead, new lead)
    leads_changed: tuple[tuple[str, str, str], ...] = ()
    #: Actions whose text, success measure, priority, supporting partners or target date changed.
    actions_edited: tuple[str, ...] = ()
    measures_added: tuple[str, ...] = ()
    measures_removed: tuple[str, ...] = ()
    #: Measures whose wording, owner, unit, direction, baseline, target or tolerance changed.
    measures_edited: tuple[str, ...] = ()

    def __bool__(self) -> bool:
        return any(getattr(self, name) for name in type(self).model_fields)

    def describe(self) -> str:
        """``partners added: wkha; actions removed: A03; lead of A07 changed from pcc to kcc``."""
        parts = [f"{label}: {', '.join(ids)}" for label, ids in (
            ("partners added", self.partners_added), ("partners removed", self.partners_removed),
            ("actions added", self.actions_added), ("actions removed", self.actions_removed),
            ("actions edited", self.actions_edited), ("measures added", self.measures_added),
            ("measures removed", self.measures_removed), ("measures edited", self.measures_edited)) if ids]
        parts += [f"lead of {a} changed from {old} to {new}" for a, old, new in self.leads_changed]
        return "; ".join(parts) or "other settings"


def plan_changes(old: Plan, new: Plan) -> PlanChanges:
    """How ``new`` differs from ``old`` in who is expected and for what."""
    old_partners, new_partners = {p.id for p in old.partners}, {p.id for p in new.partners}
    old_actions, new_actions = {a.id: a for a in old.actions}, {a.id: a for a in new.actions}
    both = [a for a in old_actions if a in new_actions]
    old_measures, new_measures = {m.id: m for m in old.measures}, {m.id: m for m in new.measures}
    return PlanChanges(
        partners_added=tuple(p.id for p in new.partners if p.id not in old_partners),
        partners_removed=tuple(p.id for p in old.partners if p.id not in new_partners),
        actions_added=tuple(a for a in new_actions if a not in old_actions),
        actions_removed=tuple(a for a in old_actions if a not in new_actions),
        leads_changed=tuple((a, old_actions[a].lead, new_actions[a].lead) for a in both
                            if old_actions[a].lead != new_actions[a].lead),
        actions_edited=tuple(a for a in both if old_actions[a].model_copy(update={"lead": ""})
                             != new_actions[a].model_copy(update={"lead": ""})),
        measures_added=tuple(m for m in new_measures if m not in old_measures),
        measures_removed=tuple(m for m in old_measures if m not in new_measures),
        measures_edited=tuple(m for m in old_measures if m in new_measures and old_measures[m] != new_measures[m]),
    )
