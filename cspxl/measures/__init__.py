"""Success measures: whether the plan is working, not only whether it is being done.

A measure's figure for a quarter is judged against its target (:func:`rag`) and against the same
quarter last year (:func:`trend`), both by which way is better for it.
"""

from .judged import SENT_BACK, Judged, figure_text, judge, year_to_date
from .rules import RAGS, TRENDS, Rag, Trend, change, measure_colours, rag, trend
from .standing import MeasureState, measure_states

__all__ = ["RAGS", "SENT_BACK", "TRENDS", "Judged", "MeasureState", "Rag", "Trend", "change", "figure_text", "judge",
           "measure_colours", "measure_states", "rag", "trend", "year_to_date"]
