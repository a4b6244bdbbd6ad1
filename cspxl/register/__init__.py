"""The register: every return issued, every file received, every answer, problem and message, in SQLite."""

from .closures import Closure
from .convert import cells_to_json
from .records import (
    Answer,
    Figure,
    IndicatorFigure,
    MessageRecord,
    RecommendationUpdate,
    Submission,
    SubmissionRecord,
    trusted,
)
from .store import Register

__all__ = ["Answer", "Closure", "Figure", "IndicatorFigure", "MessageRecord", "RecommendationUpdate", "Register",
           "Submission", "SubmissionRecord", "cells_to_json", "trusted"]
