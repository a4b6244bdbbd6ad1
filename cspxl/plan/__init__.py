"""The partnership's Strategy & Action Plan: its models, reading the plan workbook, writing one."""

from .committee import Committee, Meeting
from .models import (
    Action,
    CrimeType,
    Criterion,
    Indicator,
    Measure,
    Partner,
    Plan,
    Priority,
    Role,
    Settings,
)
from .read import load_plan, read_plan
from .recommendations import Recommendation

__all__ = ["Action", "Committee", "CrimeType", "Criterion", "Indicator", "Measure", "Meeting", "Partner", "Plan",
           "Priority", "Recommendation", "Role", "Settings", "load_plan", "read_plan"]
