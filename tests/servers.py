"""Real SPARQL servers for the endpoint tests, started on free loopback ports and stopped after.

- Oxigraph: the ``oxigraph`` server binary from the PyPI package (the ``test`` extra installs it).
- Virtuoso: Debian's ``virtuoso-opensource`` (``virtuoso-t``), in a database folder of its own,
  written through ``/sparql-auth`` as ``dba`` (HTTP Digest).
- Misbehaving servers on loopback: one answering 500 with a message, one that never answers,
  and a proxy that cuts a request half-way or drops the answer of a finished one.
"""

from __future__ import annotations

import shutil
import socket
import subprocess
import threading
import time
import urllib.request
from collections.abc import Iterator
from contextlib import contextmanager
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

from safeguarding_kg.serve import free_port, oxigraph_binary
from safeguarding_kg.store import StoreError

VIRTUOSO = shutil.which("virtuoso-t")
VIRTUOSO_USER = {"SGKG_USER": "dba", "SGKG_PASSWORD": "dba"}  # a new Virtuoso database's own administrator


def have_oxigraph() -> bool:
    try:
        oxigraph_binary()
    except StoreError:
        return False
    return True


def wait_for_port(port: int, process: subprocess.Popen | None = None, timeout: float = 60) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if process is not None and process.poll() is not None:
            raise RuntimeError(f"the server exited with status {process.returncode}")
        try:
            with socket.create_connection(("127.0.0.1", port), timeout=0.5):
                return
        except OSError:
            time.sleep(0.05)
    raise RuntimeError(f"nothing listens on port {port} after {timeout} s")


def stop(process: subprocess.Popen, timeout: float = 20) -> None:
    process.terminate()
    try:
        process.wait(timeout)
    except subprocess.TimeoutExpired:
        process.kill()
        process.wait()


class OxigraphServer:
    """``oxigraph serve`` over a folder; ``start()`` again on the same folder after ``stop()``."""

    def __init__(self, folder: Path) -> None:
        self.folder = folder
        self.port = free_port()
        self.url = f"http://127.0.0.1:{self.port}"
        self.process: subprocess.Popen | None = None

    def start(self) -> OxigraphServer:
        self.process = subprocess.Popen(
            [oxigraph_binary(), "serve", "--location", str(self.folder), "--bind", f"127.0.0.1:{self.port}"],
            stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        wait_for_port(self.port, self.process)
        return self

    def stop(self) -> None:
        if self.process is not None:
            stop(self.process)
            self.process = None


@contextmanager
def oxigraph_server(folder: Path) -> Iterator[OxigraphServer]:
    server = OxigraphServer(folder).start()
    try:
        yield server
    finally:
        server.stop()


_VIRTUOSO_INI = """[Database]
DatabaseFile = {db}/virtuoso.db
ErrorLogFile = {db}/virtuoso.log
LockFile = {db}/virtuoso.lck
TransactionFile = {db}/virtuoso.trx
xa_persistent_file = {db}/virtuoso.pxa
[TempDatabase]
DatabaseFile = {db}/virtuoso-temp.db
TransactionFile = {db}/virtuoso-temp.trx
[Parameters]
ServerPort = 127.0.0.1:{sql_port}
DisableUnixSocket = 1
NumberOfBuffers = 10000
MaxDirtyBuffers = 6000
DirsAllowed = .
[HTTPServer]
ServerPort = 127.0.0.1:{http_port}
ServerRoot = {db}
ServerThreads = 10
MaxClientConnections = 10
[SPARQL]
ResultSetMaxRows = 1000000
MaxQueryExecutionTime = 300
MaxQueryCostEstimationTime = 0
"""


@contextmanager
def virtuoso_server(folder: Path) -> Iterator[str]:
    """A Virtuoso of its own in ``folder``; yields the authenticated endpoint URL (…/sparql-auth)."""
    folder.mkdir(parents=True, exist_ok=True)
    http_port, sql_port = free_port(), free_port()
    ini = folder / "virtuoso.ini"
    ini.write_text(_VIRTUOSO_INI.format(db=folder, sql_port=sql_port, http_port=http_port))
    process = subprocess.Popen([VIRTUOSO, "+configfile", str(ini), "+foreground"], cwd=folder,
                               stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    try:
        _wait_for_sparql(f"http://127.0.0.1:{http_port}/sparql", process)
        yield f"http://127.0.0.1:{http_port}/sparql-auth"
    finally:
        stop(process, timeout=60)


def _wait_for_sparql(url: str, process: subprocess.Popen, timeout: float = 120) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if process.poll() is not None:
            raise RuntimeError(f"virtuoso-t exited with status {process.returncode}")
        try:
            with urllib.request.urlopen(url + "?query=ASK%7B%7D", timeout=2):
                return
        except OSError:
            time.sleep(0.2)
    raise RuntimeError(f"Virtuoso did not answer at {url} within {timeout} s")


# -- misbehaving servers ------------------------------------------------------------------------


@contextmanager
def answering_server(status: int, message: str, delay: float = 0.0) -> Iterator[str]:
    """A loopback HTTP server answering every request with ``status`` and ``message`` after ``delay`` s."""
    released = threading.Event()

    class Handler(BaseHTTPRequestHandler):
        def _answer(self) -> None:
            self.rfile.read(int(self.headers.get("Content-Length") or 0))
            if delay:
                released.wait(delay)
            data = message.encode()
            self.send_response(status)
            self.send_header("Content-Type", "text/plain")
            self.send_header("Content-Length", str(len(data)))
            self.end_headers()
            self.wfile.write(data)

        do_GET = do_POST = _answer

        def log_message(self, *_: object) -> None:
            pass

    server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    server.daemon_threads = True
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}"
    finally:
        released.set()
        server.shutdown()
        server.server_close()


@contextmanager
def cutting_proxy(target_port: int, *, cut_request_at: float | None = None,
                  drop_answer: bool = False) -> Iterator[str]:
    """A TCP proxy to ``target_port`` that, for requests to /update, either forwards only the first
    ``cut_request_at`` fraction of the request and closes both connections (an interrupted
    upload), or forwards it whole and closes the client's connection without the answer."""
    listener = socket.create_server(("127.0.0.1", 0))
    stopping = threading.Event()

    def handle(client: socket.socket) -> None:
        with client, socket.create_connection(("127.0.0.1", target_port)) as upstream:
            request = _read_request(client)
            is_update = b" /update" in request.split(b"\r\n", 1)[0]
            if is_update and cut_request_at is not None:
                upstream.sendall(request[: int(len(request) * cut_request_at)])
                return  # both closed half-way through the body
            upstream.sendall(request)
            if is_update and drop_answer:
                upstream.settimeout(60)
                upstream.recv(1)  # the server has finished and begun to answer, and the client never hears it
                return
            _relay_answer(upstream, client)

    def accept() -> None:
        while not stopping.is_set():
            try:
                client, _ = listener.accept()
            except OSError:
                return
            threading.Thread(target=handle, args=(client,), daemon=True).start()

    threading.Thread(target=accept, daemon=True).start()
    try:
        yield f"http://127.0.0.1:{listener.getsockname()[1]}"
    finally:
        stopping.set()
        listener.close()


def _read_request(client: socket.socket) -> bytes:
    data = b""
    while b"\r\n\r\n" not in data:
        chunk = client.recv(65536)
        if not chunk:
            return data
        data += chunk
    head, _, body = data.partition(b"\r\n\r\n")
    length = next((int(line.split(b":", 1)[1]) for line in head.split(b"\r\n")
                   if line.lower().startswith(b"content-length:")), 0)
    while len(body) < length:
        chunk = client.recv(65536)
        if not chunk:
            break
        body += chunk
    return head + b"\r\n\r\n" + body


def _relay_answer(upstream: socket.socket, client: socket.socket) -> None:
    upstream.settimeout(60)  # urllib asks for "Connection: close": the server closes after answering
    while chunk := upstream.recv(65536):
        client.sendall(chunk)
