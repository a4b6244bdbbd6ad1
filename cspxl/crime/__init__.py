"""Crime in the partnership's area from police.uk's open data: the context beside its success measures."""

from .context import CrimeContext, CrimeRow, crime_context
from .imports import CrimeImport, FileImported, import_crime
from .police_uk import HEADER, PoliceFile, police_files

__all__ = ["HEADER", "CrimeContext", "CrimeImport", "CrimeRow", "FileImported", "PoliceFile", "crime_context",
           "import_crime", "police_files"]
