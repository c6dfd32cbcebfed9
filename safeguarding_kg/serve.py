"""``sgkg serve``: the embedded store as a SPARQL 1.1 endpoint for YASGUI, Protégé, notebooks and BI tools.

How it is built: the Oxigraph server (``oxigraph serve``, from the ``oxigraph`` package on
PyPI) runs over the store folder on a loopback port of its own, and a small proxy (stdlib
``http.server`` + ``http.client``) listens on ``--host:--port`` in front of it:

- RocksDB lets one process hold a store. While serving, the Oxigraph server holds it and this
  process never opens it (it does so only briefly before, to create the store and bring its
  vocabulary and register up to date). Another ``sgkg`` command on the folder is told the store
  is in use; point it at the endpoint instead (``--store http://…``).
- Oxigraph's own ``serve-read-only`` takes no lock, is undefined with a writer beside it, and
  failed with RocksDB "Corruption: … No such file" while this project's store was open in
  another process; so read-only is the proxy's job: it refuses every write (403).
- ``--read-write``: writes (SPARQL Update, Graph Store PUT/POST/DELETE) need
  ``Authorization: Bearer $SGKG_SERVE_TOKEN``; reads never need it. The token is compared in
  constant time and is not passed on to Oxigraph. The inner port is loopback-only, but any
  local process can reach it: the token guards the proxy's port, which is the one to expose.

Answers are buffered whole by the proxy (the store's answers are megabytes, not gigabytes).
"""

from __future__ import annotations

import hmac
import http.client
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import IO
from urllib.parse import urlsplit

from safeguarding_kg.store import GraphStore, StoreError

TOKEN_ENV = "SGKG_SERVE_TOKEN"
DEFAULT_PORT = 7878
#: Seconds to wait for the Oxigraph server to start, and for one answer from it.
START_TIMEOUT, ANSWER_TIMEOUT = 30.0, 600.0
_HOP_BY_HOP = {"connection", "keep-alive", "proxy-authenticate", "proxy-authorization", "te", "trailers",
               "transfer-encoding", "upgrade", "host", "content-length", "authorization"}


class ServeError(StoreError):
    """The endpoint cannot be started; the message says why."""


def oxigraph_binary() -> str:
    """The ``oxigraph`` server installed beside this Python (a venv's bin/) or on PATH."""
    beside = Path(sys.executable).parent / "oxigraph"
    found = str(beside) if beside.exists() else shutil.which("oxigraph")
    if not found:
        raise ServeError("sgkg serve needs the Oxigraph server: pip install 'safeguarding-kg[serve]' (or oxigraph)")
    return found


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def is_read(method: str, path: str) -> bool:
    """GET, HEAD and OPTIONS anywhere, and POST of a query; everything else changes the store."""
    return method in ("GET", "HEAD", "OPTIONS") or (method == "POST" and urlsplit(path).path == "/query")


def serve(location: Path, *, host: str = "127.0.0.1", port: int = DEFAULT_PORT, read_only: bool = True,
          token: str | None = None, ready: Callable[[str], None] = lambda url: None) -> None:
    """Serve the store at ``location`` until interrupted (SIGINT or SIGTERM)."""
    if not read_only and not token:
        raise ServeError(f"--read-write needs a token for writers: set {TOKEN_ENV}")
    binary = oxigraph_binary()
    GraphStore(location).close()  # create it, refresh the reference graphs, and let go of it
    inner = free_port()
    # Oxigraph's own messages (they name the inner port) are shown only if it fails to start.
    with tempfile.TemporaryFile() as log:
        oxigraph = subprocess.Popen([binary, "serve", "--location", str(location), "--bind", f"127.0.0.1:{inner}"],
                                    stdout=log, stderr=log, preexec_fn=_die_with_parent)
        try:
            _wait_until_listening(inner, oxigraph, log)
            _run_proxy(ThreadingHTTPServer((host, port), _handler(inner, read_only, token)), ready)
        finally:
            oxigraph.terminate()
            try:
                oxigraph.wait(10)
            except subprocess.TimeoutExpired:
                oxigraph.kill()
                oxigraph.wait()


def _run_proxy(proxy: ThreadingHTTPServer, ready: Callable[[str], None]) -> None:
    previous = signal.signal(signal.SIGTERM, _stop)
    try:
        ready(f"http://{proxy.server_address[0]}:{proxy.server_address[1]}")
        proxy.serve_forever()
    except KeyboardInterrupt:
        pass
    finally:
        signal.signal(signal.SIGTERM, previous)
        proxy.server_close()


def _stop(*_: object) -> None:
    raise KeyboardInterrupt


def _die_with_parent() -> None:
    """Linux: the Oxigraph server gets SIGTERM if this process dies without stopping it."""
    try:
        import ctypes

        ctypes.CDLL("libc.so.6", use_errno=True).prctl(1, signal.SIGTERM)  # PR_SET_PDEATHSIG
    except (OSError, AttributeError):
        pass


def _wait_until_listening(port: int, process: subprocess.Popen, log: IO[bytes]) -> None:
    deadline = time.monotonic() + START_TIMEOUT
    while time.monotonic() < deadline:
        if process.poll() is not None:
            log.seek(0)
            said = log.read().decode("utf-8", "replace").strip().splitlines()
            raise ServeError(f"the Oxigraph server stopped at once (exit status {process.returncode})"
                             + (f": {said[0]}" if said else ""))
        try:
            with socket.create_connection(("127.0.0.1", port), timeout=0.5):
                return
        except OSError:
            time.sleep(0.05)
    raise ServeError(f"the Oxigraph server did not start within {START_TIMEOUT:g} s")


def _handler(inner_port: int, read_only: bool, token: str | None) -> type[BaseHTTPRequestHandler]:
    expected = f"Bearer {token}".encode() if token else None

    class Proxy(BaseHTTPRequestHandler):
        protocol_version = "HTTP/1.1"
        server_version = "sgkg-serve"

        def do_GET(self) -> None:
            self._forward()

        do_HEAD = do_OPTIONS = do_POST = do_PUT = do_DELETE = do_PATCH = do_GET

        def _forward(self) -> None:
            body = self._body()
            if not is_read(self.command, self.path):
                refusal = self._refusal()
                if refusal:
                    self._answer(*refusal)
                    return
            try:
                status, reason, headers, answer = self._ask_oxigraph(body)
            except (OSError, http.client.HTTPException) as e:
                self._answer(502, f"the Oxigraph server behind sgkg serve did not answer: {e}\n")
                return
            self.send_response(status, reason)
            for name, value in headers:
                if name.lower() not in _HOP_BY_HOP:
                    self.send_header(name, value)
            self.send_header("Content-Length", str(len(answer)))
            self.end_headers()
            if self.command != "HEAD":
                self.wfile.write(answer)

        def _refusal(self) -> tuple[int, str, dict[str, str]] | None:
            if read_only:
                return 403, "this endpoint is read-only (sgkg serve without --read-write)\n", {}
            given = (self.headers.get("Authorization") or "").encode()
            if expected is None or not hmac.compare_digest(given, expected):
                return (401, f"updates need the token: Authorization: Bearer ${TOKEN_ENV}\n",
                        {"WWW-Authenticate": 'Bearer realm="sgkg"'})
            return None

        def _body(self) -> bytes | None:
            if "chunked" in (self.headers.get("Transfer-Encoding") or "").lower():
                chunks = []
                while size := int(self.rfile.readline().split(b";")[0].strip() or b"0", 16):
                    chunks.append(self.rfile.read(size))
                    self.rfile.readline()
                while self.rfile.readline() not in (b"\r\n", b"\n", b""):
                    pass  # trailers
                return b"".join(chunks)
            length = int(self.headers.get("Content-Length") or 0)
            return self.rfile.read(length) if length else None

        def _ask_oxigraph(self, body: bytes | None):
            connection = http.client.HTTPConnection("127.0.0.1", inner_port, timeout=ANSWER_TIMEOUT)
            try:
                headers = {k: v for k, v in self.headers.items() if k.lower() not in _HOP_BY_HOP}
                connection.request(self.command, self.path, body=body, headers=headers)
                response = connection.getresponse()
                return response.status, response.reason, response.getheaders(), response.read()
            finally:
                connection.close()

        def _answer(self, status: int, text: str, headers: dict[str, str] | None = None) -> None:
            data = text.encode()
            self.send_response(status)
            for name, value in (headers or {}).items():
                self.send_header(name, value)
            self.send_header("Content-Type", "text/plain; charset=utf-8")
            self.send_header("Content-Length", str(len(data)))
            self.end_headers()
            self.wfile.write(data)

        def log_message(self, format: str, *args: object) -> None:
            pass  # quiet: the endpoint's users see their own answers

    return Proxy
