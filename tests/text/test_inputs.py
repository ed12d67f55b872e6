"""tts.text.inputs.read_input: files, stdin and URLs (served from 127.0.0.1, never the network)."""

from __future__ import annotations

import io
import os
import socket
import sys
import time
from collections.abc import Callable, Iterator
from http.server import BaseHTTPRequestHandler
from pathlib import Path
from typing import Any

import pytest
from helpers import local_server, reply
from hostile import hostile_server

from tts.errors import InputError
from tts.text.inputs import USER_AGENT, read_input
from tts.text.parse import parse_bytes

PAGE = (
    "<html><head><title>Новость</title></head><body><article><h1>Новость</h1>"
    "<p>Первый абзац новости.</p></article></body></html>"
)
ROUTES: dict[str, tuple[int, str, bytes]] = {
    "/news/1": (200, "text/html; charset=utf-8", PAGE.encode()),
    "/cp1251": (200, "text/html; charset=windows-1251", PAGE.encode("cp1251")),
    "/plain.txt": (200, "text/plain", "Заголовок\n\nТекст.".encode()),
    "/photo.png": (200, "image/png", b"\x89PNG\r\n\x1a\n"),
    "/big": (200, "text/html", b"<p>" + b"x" * 5000),
    "/moved": (302, "text/html", b""),
}


class Handler(BaseHTTPRequestHandler):
    agents: list[str] = []

    def do_GET(self) -> None:  # noqa: N802 - the name http.server calls
        Handler.agents.append(self.headers.get("User-Agent", ""))
        status, kind, body = ROUTES.get(self.path, (404, "text/html", b"not found"))
        extra = {"Location": "/news/1"} if status == 302 else {}
        reply(self, status, kind, body, **extra)

    def log_message(self, format: str, *args: object) -> None:  # noqa: A002
        pass


@pytest.fixture(scope="module")
def server() -> Iterator[str]:
    with local_server(Handler) as url:
        yield url


def test_url_html_page(server: str) -> None:
    data, name = read_input(f"{server}/news/1")
    assert name == f"{server}/news/1"
    article = parse_bytes(data, name)
    assert article.title == "Новость"
    assert article.sections[0].paragraphs == ("Первый абзац новости.",)
    assert article.source == name
    assert Handler.agents[-1] == USER_AGENT


def test_url_redirect_gives_final_url(server: str) -> None:
    data, name = read_input(f"{server}/moved")
    assert name == f"{server}/news/1"
    assert data == PAGE.encode()


def test_url_declared_charset_is_honoured(server: str) -> None:
    data, name = read_input(f"{server}/cp1251")
    assert data == PAGE.encode("utf-8")


def test_url_plain_text(server: str) -> None:
    data, name = read_input(f"{server}/plain.txt")
    assert parse_bytes(data, name).title == "Заголовок"


@pytest.mark.parametrize(
    ("path", "message"),
    [
        ("/photo.png", "/photo.png is image/png, not an HTML page or text"),
        ("/missing", "/missing: the server answered 404"),
    ],
)
def test_url_refused(server: str, path: str, message: str) -> None:
    with pytest.raises(InputError, match=message):
        read_input(f"{server}{path}")


def test_url_size_cap(server: str) -> None:
    with pytest.raises(InputError, match="larger than the 1000 bytes limit"):
        read_input(f"{server}/big", max_bytes=1000)


def test_url_unreachable_within_timeout() -> None:
    with socket.socket() as sock:  # a port that was free a moment ago: nothing listens there
        sock.bind(("127.0.0.1", 0))
        port = sock.getsockname()[1]
    started = time.monotonic()
    with pytest.raises(InputError, match=rf"cannot reach http://127.0.0.1:{port}/a: .*refused"):
        read_input(f"http://127.0.0.1:{port}/a", timeout=2.0)
    assert time.monotonic() - started < 2.0


def test_file(tmp_path: Path) -> None:
    path = tmp_path / "статья с пробелом.txt"
    path.write_bytes("Заголовок\n\nТекст.".encode())
    assert read_input(str(path)) == ("Заголовок\n\nТекст.".encode(), str(path))


def test_file_too_large(tmp_path: Path) -> None:
    path = tmp_path / "big.txt"
    path.write_bytes(b"x" * 2000)
    with pytest.raises(InputError, match="big.txt is 2000 bytes, larger than the 1000 bytes"):
        read_input(str(path), max_bytes=1000)


@pytest.mark.parametrize(
    ("make", "message"),
    [
        (lambda p: p / "missing.txt", "missing.txt: no such file"),
        (lambda p: p, "is a folder, not a file"),
    ],
)
def test_file_errors(tmp_path: Path, make: Callable[[Path], Path], message: str) -> None:
    target = make(tmp_path)
    with pytest.raises(InputError, match=message):
        read_input(str(target))


def test_file_unreadable(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    path = tmp_path / "secret.txt"
    path.write_text("x")
    path.chmod(0)
    if os.geteuid() == 0:  # root reads any file: make the open fail as it would for a user
        real_open = Path.open

        def refuse(self: Path, *args: Any, **kwargs: Any) -> Any:
            if self.name == "secret.txt":
                raise PermissionError(13, "Permission denied", str(self))
            return real_open(self, *args, **kwargs)

        monkeypatch.setattr(Path, "open", refuse)
    with pytest.raises(InputError, match="secret.txt: permission denied"):
        read_input(str(path))


class FakeStdin:
    def __init__(self, data: bytes) -> None:
        self.buffer = io.BytesIO(data)


def test_stdin(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(sys, "stdin", FakeStdin("Заголовок\n\nТекст.".encode("cp1251")))
    data, name = read_input("-")
    assert name == "-"
    assert parse_bytes(data, name).sections[0].paragraphs == ("Текст.",)


def test_stdin_too_large(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(sys, "stdin", FakeStdin(b"x" * 101))
    with pytest.raises(InputError, match="standard input is larger than the 100 bytes limit"):
        read_input("-", max_bytes=100)


# --- a hostile server (issue 17: cases 1, 13 and 14) -----------------------------------------


@pytest.fixture(scope="module")
def hostile() -> Iterator[str]:
    with hostile_server() as url:
        yield url


def test_url_cut_short_of_its_content_length_is_refused(hostile: str) -> None:
    # The page would parse (half an article is still an article): only the length tells.
    with pytest.raises(InputError, match="interrupted: the server closed the connection after"):
        read_input(f"{hostile}/truncated")


@pytest.mark.parametrize("path", ["/drip-body", "/drip-head"])
def test_url_dripping_a_byte_at_a_time_ends_at_the_timeout(hostile: str, path: str) -> None:
    started = time.monotonic()
    with pytest.raises(InputError, match=f"{path}: timed out, still sending after 1 s"):
        read_input(f"{hostile}{path}", timeout=1.0)
    assert time.monotonic() - started < 1.5
