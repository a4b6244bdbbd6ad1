"""The partnership's Strategy & Action Plan: its models, reading the plan workbook, writing one."""

from .models import Action, CrimeType, Measure, Partner, Plan, Priority, Role, Settings
from .read import load_plan, read_plan

__all__ = ["Action", "CrimeType", "Measure", "Partner", "Plan", "Priority", "Role", "Settings", "load_plan", "read_plan"]
