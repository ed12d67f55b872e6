"""Fixtures for the Silero tests: stand-in models (NOT Silero) and a local HTTP server.

Test modules load this with ``pytest_plugins = ["conftest_silero"]``.
"""

from __future__ import annotations

import http.server
import socket
import threading
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path

import pytest
from helpers import QuietServer
from standin import build_standin


@dataclass(frozen=True)
class StandIns:
    v5: Path
    v4: Path
    loud: Path  # amplitude above 1: exercises clipping
    record: Path  # every load and apply_tts call of all three, one JSON line each


@pytest.fixture(scope="session")
def standins(tmp_path_factory: pytest.TempPathFactory) -> StandIns:
    folder = tmp_path_factory.mktemp("standin")
    record = folder / "record.jsonl"
    return StandIns(
        v5=build_standin(folder / "standin-v5.pt", version="v5", record=record),
        v4=build_standin(folder / "standin-v4.pt", version="v4", record=record),
        loud=build_standin(folder / "standin-loud.pt", record=record, amplitude=1.4),
        record=record,
    )


@pytest.fixture
def record(standins: StandIns) -> Path:
    """The stand-ins' record, emptied for this test."""
    standins.record.write_text("", encoding="utf-8")
    return standins.record


@dataclass
class Route:
    body: bytes
    length: int | None = None  # Content-Length to announce; None: the body's length
    send: int | None = None  # bytes actually sent before closing; None: all
    chunked: bool = False  # no Content-Length at all (the connection close ends the body)
    status: int = 200
    location: str | None = None


@dataclass
class LocalServer:
    port: int
    routes: dict[str, Route] = field(default_factory=dict)
    hits: list[str] = field(default_factory=list)

    def add(self, path: str, body: bytes, **options: object) -> None:
        self.routes[path] = Route(body, **options)  # type: ignore[arg-type]

    def url(self, path: str) -> str:
        return f"http://127.0.0.1:{self.port}{path}"


def _handler(server: LocalServer) -> type[http.server.BaseHTTPRequestHandler]:
    class Handler(http.server.BaseHTTPRequestHandler):
        def do_GET(self) -> None:  # noqa: N802 (http.server's naming)
            server.hits.append(self.path)
            route = server.routes.get(self.path)
            if route is None:
                self.send_error(404)
                return
            self.send_response(route.status)
            if route.location:
                self.send_header("Location", route.location)
            if not route.chunked:
                length = len(route.body) if route.length is None else route.length
                self.send_header("Content-Length", str(length))
            self.send_header("Connection", "close")
            self.end_headers()
            self.wfile.write(route.body[: route.send])
            self.wfile.flush()
            self.close_connection = True

        def log_message(self, format: str, *args: object) -> None:
            pass

    return Handler


@pytest.fixture
def http_server() -> Iterator[LocalServer]:
    """An HTTP server on 127.0.0.1 serving ``routes`` (plain HTTP: tests only)."""
    state = LocalServer(port=0)
    httpd = QuietServer(("127.0.0.1", 0), _handler(state))
    state.port = httpd.server_address[1]
    thread = threading.Thread(target=httpd.serve_forever, args=(0.05,), daemon=True)
    thread.start()
    yield state
    httpd.shutdown()
    httpd.server_close()


@pytest.fixture
def silent_port() -> Iterator[int]:
    """A port that accepts connections (kernel backlog) but never answers."""
    sock = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
    sock.bind(("127.0.0.1", 0))
    sock.listen(8)
    yield sock.getsockname()[1]
    sock.close()


@pytest.fixture
def closed_port() -> int:
    """A port nothing listens on: connections are refused at once."""
    sock = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
    sock.bind(("127.0.0.1", 0))
    port: int = sock.getsockname()[1]
    sock.close()
    return port
