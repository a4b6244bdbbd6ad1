"""What every request must show before the page answers it, and what every answer carries.

The page serves files that hold personal data, on the coordinator's own machine, so it trusts nothing:

- **a secret token**: in the address ``cspxl serve`` prints and opens (``/?token=…``), then in a cookie
  for that port only; a request with neither is refused;
- **the Host header**: only ``127.0.0.1``, ``localhost`` and ``[::1]`` (or the ``--host`` given), so a web
  site whose name a hostile DNS server points at 127.0.0.1 (DNS rebinding) is refused;
- **the Origin header** of a form sent: it must be this page's own;
- **a CSRF token** in every form, derived from the secret, which another site cannot read;
- **headers**: a Content-Security-Policy that allows only the page's own styles and scripts, no framing,
  no caching of pages that hold partners' text.
"""

from __future__ import annotations

import hashlib
import hmac
from dataclasses import dataclass, field
from urllib.parse import urlsplit

from flask import Flask, Response, abort, redirect, request
from werkzeug.wrappers import Response as BaseResponse

LOOPBACK = frozenset({"127.0.0.1", "localhost", "::1"})

CSP = ("default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self' data:; connect-src 'self'; "
       "font-src 'self'; form-action 'self'; frame-ancestors 'none'; base-uri 'none'")

HEADERS = {
    "Content-Security-Policy": CSP,
    "X-Content-Type-Options": "nosniff",
    "X-Frame-Options": "DENY",
    "Referrer-Policy": "same-origin",
    "Cross-Origin-Opener-Policy": "same-origin",
    "Cross-Origin-Resource-Policy": "same-origin",
    "Cache-Control": "no-store",
}


@dataclass(frozen=True)
class Guard:
    """The secret of one running server, and the host names it answers to."""

    token: str
    port: int
    hosts: frozenset[str] = field(default=LOOPBACK)

    @property
    def cookie(self) -> str:
        """A cookie per port: two servers on one machine (two workspaces) never share a token."""
        return f"cspxl-token-{self.port}"

    @property
    def csrf(self) -> str:
        """The token every form carries: another site can neither read it nor work it out."""
        return hmac.new(self.token.encode(), b"csrf", hashlib.sha256).hexdigest()

    def install(self, app: Flask) -> None:
        app.before_request(self.check)
        app.after_request(self.headers)

    def check(self) -> BaseResponse | None:
        """Refuse a request from anywhere but this page; take the token from the address once."""
        host = _host_name(request.host)
        if host not in self.hosts:
            abort(400, description="This page answers only at 127.0.0.1 or localhost: open the address "
                                   "'cspxl serve' printed.")
        given = request.args.get("token")
        if given is not None and hmac.compare_digest(given, self.token):
            # The token leaves the address at once: it would otherwise sit in the history and in a copied link.
            answer = redirect(_without_token(request.full_path), code=303)
            answer.set_cookie(self.cookie, self.token, httponly=True, samesite="Strict", path="/")
            return answer
        held = request.cookies.get(self.cookie, "")
        if not hmac.compare_digest(held, self.token):
            abort(403, description="This page needs the address with its token that 'cspxl serve' printed when it "
                                   "started; open that address again.")
        if request.method not in ("GET", "HEAD"):
            origin = request.headers.get("Origin")
            if origin is not None and _host_name(urlsplit(origin).netloc) not in self.hosts:
                abort(403, description="A form from another site was refused.")
            sent = request.form.get("csrf_token", "")
            if not hmac.compare_digest(sent, self.csrf):
                abort(403, description="The form had expired or came from somewhere else; go back, reload the "
                                       "page and send it again.")
        return None

    def headers(self, response: Response) -> Response:
        for name, value in HEADERS.items():
            response.headers.setdefault(name, value)
        return response


def _host_name(netloc: str) -> str:
    """The host of ``host:port`` or ``[::1]:port``, lower case."""
    netloc = netloc.strip().lower()
    if netloc.startswith("["):
        return netloc[1:netloc.find("]")] if "]" in netloc else ""
    return netloc.rsplit(":", 1)[0] if netloc.count(":") == 1 else netloc


def _without_token(full_path: str) -> str:
    from urllib.parse import parse_qsl, urlencode

    path, _, query = full_path.partition("?")
    rest = [(k, v) for k, v in parse_qsl(query, keep_blank_values=True) if k != "token"]
    return path + (f"?{urlencode(rest)}" if rest else "")
