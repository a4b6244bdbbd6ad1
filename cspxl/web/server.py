"""Serving the page: a socket on the loopback address, a fresh secret token, waitress, and the browser.

waitress is a pure-Python WSGI server that runs the same on Windows, macOS and Linux, with no compiler,
and Flask's own documentation names it for Windows; the library's calls are synchronous (and start
worker processes of their own), which a threaded WSGI server suits.
"""

from __future__ import annotations

import ipaddress
import secrets
import socket
import threading
import webbrowser
from collections.abc import Callable

from ..workspace import Workspace
from .guard import LOOPBACK, Guard

#: The port tried first; another free one is taken if it is in use.
DEFAULT_PORT = 8421


def address(host: str, port: int, token: str) -> str:
    shown = f"[{host}]" if ":" in host else host
    return f"http://{shown}:{port}/?token={token}"


def is_loopback(host: str) -> bool:
    if host == "localhost":
        return True
    try:
        return ipaddress.ip_address(host).is_loopback
    except ValueError:
        return False


def bind(host: str, port: int | None) -> socket.socket:
    """A listening socket on ``host``: at ``port``, or at the default port or any free one when none is given."""
    family = socket.AF_INET6 if ":" in host else socket.AF_INET
    for candidate in ([port] if port is not None else [DEFAULT_PORT, 0]):
        sock = socket.socket(family, socket.SOCK_STREAM)
        try:
            sock.bind((host, candidate))
        except OSError:
            sock.close()
            if port is not None:
                raise
            continue
        sock.listen(64)
        return sock
    raise OSError("no free port")  # pragma: no cover - port 0 always binds


def serve(workspace: Workspace, port: int | None = None, host: str = "127.0.0.1", open_browser: bool = True,
          say: Callable[[str], None] = print, ready: Callable[[str], None] | None = None) -> None:
    """Serve the page for ``workspace`` until interrupted (Ctrl+C), saying its address with its token.

    Only the loopback address unless ``host`` names another, which is said as a warning: anyone who can
    reach that address and learns the token could read the partners' returns.
    """
    from waitress.server import create_server

    from .app import create_app

    workspace.require()
    sock = bind(host, port)
    bound = sock.getsockname()[1]
    token = secrets.token_urlsafe(32)
    hosts = LOOPBACK if is_loopback(host) else LOOPBACK | {host.lower()}
    app = create_app(workspace, Guard(token=token, port=bound, hosts=frozenset(hosts)))
    server = create_server(app, sockets=[sock], threads=8, ident="cspxl", clear_untrusted_proxy_headers=True)
    url = address("127.0.0.1" if is_loopback(host) else host, bound, token)
    if not is_loopback(host):
        say(f"Warning: the page listens on {host}, not only on this computer: anyone who can reach that address "
            "and learns the token can read the partners' returns. Leave out --host to keep it on this computer.")
    say(f"The page for {workspace.root.resolve()} is at:\n    {url}\n"
        "Keep this address to yourself: its token opens the page. Press Ctrl+C to stop.")
    if ready is not None:
        ready(url)
    if open_browser:
        threading.Timer(0.5, webbrowser.open, args=(url,)).start()
    try:
        server.run()
    except KeyboardInterrupt:
        say("Stopped.")
    finally:
        server.close()
