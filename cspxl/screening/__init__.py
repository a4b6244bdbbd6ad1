"""Personal data in what partners typed: found by kind, reported by cell, replaced for circulation.

Updates about domestic abuse, stalking or county lines often carry a victim's name, an address, a
date of birth or a mobile number, and the master goes to every partner.  Every free text a partner
types is screened at ingest, and each finding (its kind and its span) is kept with the answer, so
that the master can say which actions' updates hold personal data and a circulation copy can
replace each finding with a placeholder such as ``[name removed]``.

Identifiers with a shape are found by pattern and checked where a check exists: an NHS number by
its modulus-11 check digit (python-stdnum), a phone number by Google's libphonenumber rules
(phonenumbers), an NI number by HMRC's prefix rules.  Names have no shape, and no language model
can be fetched on a council laptop, so names are found from cues (a title, "victim", "aged",
"of <address>", a possessive such as "Jade's flat"), from given-name and surname lists, and from an
English word list that tells a capitalised word in no list ("Boateng") from an ordinary one, all
shipped in ``cspxl/data`` (see ``NAMES.md`` there).  What this misses is in the guide
(``docs/guide/personal-data.md``, "What screening misses").
"""

from .findings import KINDS, Finding, Kind, hint, kinds_found, redact
from .screener import Screener, screen, screener_for

__all__ = ["KINDS", "Finding", "Kind", "Screener", "hint", "kinds_found", "redact", "screen", "screener_for"]
