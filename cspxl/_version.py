"""cspxl's version: changed with every release, and part of the key of every cache that checks a plan."""

__version__ = "0.2.0"
