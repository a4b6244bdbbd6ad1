"""The coordinator's page: the whole round in a browser, served on this computer only.

``cspxl serve`` starts it (:func:`serve`); :func:`create_app` gives the application itself, for a test or
another server. Every page only parses the request, calls cspxl's public API and renders the answer, as
a command of the command line does; no rule lives here that the library does not hold.
"""

from __future__ import annotations

from .app import create_app
from .guard import Guard
from .server import serve

__all__ = ["Guard", "create_app", "serve"]
