"""Serving the station: waitress, in one process or several sharing one socket.

A Python process serves pages on one core at a time (the GIL); on a machine with
more cores, ``processes`` forks that many servers after the socket is bound, each
with its threads. They share everything that matters through the store (decisions,
claims, users, failed log-ins) and the session secret made before the fork.
"""

from __future__ import annotations

import os
import signal
import socket
import sys
from typing import Any

from waitress import serve


def run(app: Any, host: str, port: int, threads: int = 8, processes: int = 1,
        url_scheme: str = "http") -> None:
    """Serves until Ctrl+C or SIGTERM; then the pending exports are written.

    ``url_scheme`` "https" says that a TLS proxy in front serves the pages (the session
    cookie is then sent with Secure).
    """
    listener = socket.create_server((host, port), reuse_port=False)
    children: list[int] = []
    if processes > 1 and hasattr(os, "fork"):
        for _ in range(processes - 1):
            pid = os.fork()
            if pid == 0:  # a child serves until its parent tells it to stop
                signal.signal(signal.SIGTERM, lambda *_: os._exit(0))
                _serve(app, listener, threads, url_scheme)
                os._exit(0)
            children.append(pid)
    signal.signal(signal.SIGTERM, lambda *_: sys.exit(0))
    try:
        _serve(app, listener, threads, url_scheme)
    finally:
        for pid in children:
            try:
                os.kill(pid, signal.SIGTERM)
                os.waitpid(pid, 0)
            except OSError:
                pass
        exporter = app.extensions["mailroom_exporter"]
        if not exporter.flush(timeout=0):
            exporter.write_now()


def _serve(app: Any, listener: socket.socket, threads: int, url_scheme: str) -> None:
    serve(app, sockets=[listener], threads=threads, ident="mailroom", url_scheme=url_scheme)
