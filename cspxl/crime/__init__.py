"""Crime in the partnership's area from police.uk's open data: the context beside its success measures."""

from .imports import CrimeImport, FileImported, import_crime
from .police_uk import HEADER, PoliceFile, police_files

__all__ = ["HEADER", "CrimeImport", "FileImported", "PoliceFile", "import_crime", "police_files"]
