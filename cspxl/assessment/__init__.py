"""The strategic assessment: the evidence that ranks the partnership's priorities for its next plan.

Police.uk's crime, the partners' indicators and the year's delivery, and the workshop's scoring of each
candidate priority on weighted criteria, which ranks them; the rollover writes the next plan's
priorities in that order.
"""

from .scoring import Candidate, Ranked, Scoring, ranking, read_scoring
from .view import Assessment, CrimeOverview, CrimeTrend, IndicatorState, PriorityDelivery, strategic_assessment

__all__ = ["Assessment", "Candidate", "CrimeOverview", "CrimeTrend", "IndicatorState", "PriorityDelivery", "Ranked",
           "Scoring", "ranking", "read_scoring", "strategic_assessment"]
