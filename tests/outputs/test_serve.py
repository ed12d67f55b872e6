"""The preview server: byte ranges, media types, and nothing from outside its folder."""

from __future__ import annotations

import http.client
import socket
import struct
import threading
import time
from collections.abc import Iterator
from pathlib import Path

import pytest
import typer
from typer.testing import CliRunner

from tts.cli import serve as serve_cli
from tts.errors import InputError
from tts.outputs.serve import make_server, parse_range, resolve_request, server_url

BLOB = bytes(range(256)) * 40  # 10240 bytes, each position recognisable
PRIVATE = [
    ".env",
    ".tts/feed-state.json",
    ".tts/feed.lock",
    ".tts/locks/ep.lock",
    ".tts/feed.xml.bak-20260101T000000Z",
    ".tts/tmp-ep-k2j4/audio.raw",
    ".tts/old-ep-x9z1/episode/index.html",
    "podcast.toml",
    # where a tts before the state folder kept them
    ".feed-state.json",
    ".feed.lock",
    ".ep.lock",
    ".tmp-ep-k2j4/audio.raw",
    ".old-ep-x9z1/episode/index.html",
    "ep/.hidden.mp3",
]


@pytest.fixture(scope="module")
def site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    tmp_path = tmp_path_factory.mktemp("serve")
    root = tmp_path / "out"
    (root / "ep").mkdir(parents=True)
    (root / "ep" / "ep.mp3").write_bytes(BLOB)
    (root / "ep" / "index.html").write_text("<!DOCTYPE html><title>ep</title>", encoding="utf-8")
    (root / "plain").mkdir()
    (root / "plain" / "notes.txt").write_text("заметки", encoding="utf-8")
    (tmp_path / "secret.txt").write_text("outside", encoding="utf-8")
    (root / "leak.txt").symlink_to(tmp_path / "secret.txt")
    (root / "feed.xml").symlink_to(tmp_path / "secret.txt")  # a planted feed (issue 17)
    (root / "leakdir").symlink_to(tmp_path, target_is_directory=True)
    # The tool's own state and settings, beside the episodes (issue 17).
    for name in PRIVATE:
        (root / name).parent.mkdir(parents=True, exist_ok=True)
        (root / name).write_text("STATE", encoding="utf-8")
    (root / "ep" / "state.json").symlink_to("../.feed-state.json")
    return root


@pytest.fixture(scope="module")
def port(site: Path) -> Iterator[int]:
    server = make_server(site, port=0)
    thread = threading.Thread(target=server.serve_forever, args=(0.05,), daemon=True)
    thread.start()
    yield int(server.server_address[1])
    server.shutdown()
    server.server_close()


def get(
    port: int, path: str, headers: dict[str, str] | None = None, method: str = "GET"
) -> tuple[int, dict[str, str], bytes]:
    """A raw request: http.client sends the path as given, unnormalised."""
    conn = http.client.HTTPConnection("127.0.0.1", port, timeout=5)
    try:
        conn.request(method, path, headers=headers or {})
        response = conn.getresponse()
        return response.status, dict(response.getheaders()), response.read()
    finally:
        conn.close()


def test_full_file_advertises_ranges(port: int) -> None:
    status, headers, body = get(port, "/ep/ep.mp3")
    assert (status, body) == (200, BLOB)
    assert headers["Accept-Ranges"] == "bytes"
    assert headers["Content-Type"] == "audio/mpeg"
    assert headers["Content-Length"] == str(len(BLOB))


@pytest.mark.parametrize(
    ("header", "first", "last"),
    [("bytes=0-99", 0, 99), ("bytes=5000-", 5000, 10239), ("bytes=-16", 10224, 10239)]
    + [("bytes=10000-99999", 10000, 10239), ("bytes=7-7", 7, 7)],
)
def test_range_gives_206(port: int, header: str, first: int, last: int) -> None:
    status, headers, body = get(port, "/ep/ep.mp3", {"Range": header})
    assert status == 206
    assert headers["Content-Range"] == f"bytes {first}-{last}/{len(BLOB)}"
    assert body == BLOB[first : last + 1]
    assert headers["Content-Length"] == str(last - first + 1)


@pytest.mark.parametrize("header", ["bytes=10240-", "bytes=20000-20010", "bytes=-0"])
def test_unsatisfiable_range_gives_416(port: int, header: str) -> None:
    status, headers, body = get(port, "/ep/ep.mp3", {"Range": header})
    assert status == 416
    assert headers["Content-Range"] == f"bytes */{len(BLOB)}"
    assert body == b""


@pytest.mark.parametrize("header", ["bytes=0-1,5-6", "items=0-5", "bytes=abc", "bytes=9-3"])
def test_range_we_do_not_honour_gives_the_whole_file(port: int, header: str) -> None:
    status, _headers, body = get(port, "/ep/ep.mp3", {"Range": header})
    assert (status, body) == (200, BLOB)


def test_head_sends_headers_only(port: int) -> None:
    status, headers, body = get(port, "/ep/ep.mp3", method="HEAD")
    assert (status, body) == (200, b"")
    assert headers["Content-Length"] == str(len(BLOB))


@pytest.mark.parametrize(
    "path",
    [
        "/../secret.txt",
        "/ep/../../secret.txt",
        "/%2e%2e/secret.txt",
        "/%2E%2E%2Fsecret.txt",
        "/ep/%2e%2e/%2e%2e/secret.txt",
        "/..%5csecret.txt",
        "/leak.txt",
        "/feed.xml",
        "/leakdir/secret.txt",
        "/leakdir/",
        "/ep/ep.mp3%00.html",
    ],
)
def test_nothing_outside_the_folder(port: int, path: str) -> None:
    status, _headers, body = get(port, path)
    assert status in (403, 404)
    assert b"outside" not in body


@pytest.mark.parametrize("path", ["//etc/passwd", "/%2Fetc%2Fpasswd", "/etc/passwd"])
def test_absolute_paths_stay_inside(port: int, path: str) -> None:
    status, _headers, body = get(port, path)
    assert status == 404 and b"root:" not in body


def test_index_html_and_redirect_to_slash(port: int) -> None:
    status, headers, _ = get(port, "/ep")
    assert (status, headers["Location"]) == (301, "/ep/")
    status, headers, body = get(port, "/ep/")
    assert (status, headers["Content-Type"]) == (200, "text/html; charset=utf-8")
    assert body.startswith(b"<!DOCTYPE html>")


def test_listing_leaves_out_links_that_lead_outside(port: int) -> None:
    status, _headers, body = get(port, "/")
    text = body.decode("utf-8")
    assert status == 200
    assert 'href="ep/"' in text and 'href="plain/"' in text
    assert "leak" not in text


@pytest.mark.parametrize(
    ("name", "kind"),
    [
        ("a.mp3", "audio/mpeg"),
        ("a.m4a", "audio/mp4"),
        ("a.m4b", "audio/mp4"),
        ("a.opus", "audio/ogg; codecs=opus"),
        ("a.vtt", "text/vtt; charset=utf-8"),
        ("a.srt", "application/x-subrip; charset=utf-8"),
        ("a.json", "application/json"),
        ("a.epub", "application/epub+zip"),
        ("a.xml", "application/rss+xml; charset=utf-8"),
    ],
)
def test_media_types(site: Path, port: int, name: str, kind: str) -> None:
    (site / name).write_bytes(b"x")
    assert get(port, "/" + name)[1]["Content-Type"] == kind


def test_binds_loopback_by_default(site: Path) -> None:
    server = make_server(site, port=0)
    try:
        assert server.server_address[0] == "127.0.0.1"
        assert server_url(server).startswith("http://127.0.0.1:")
    finally:
        server.server_close()


def test_not_a_folder_and_busy_port_are_input_errors(site: Path) -> None:
    with pytest.raises(InputError, match="not a folder"):
        make_server(site / "missing", port=0)
    first = make_server(site, port=0)
    try:
        with pytest.raises(InputError, match="cannot listen on 127.0.0.1"):
            make_server(site, port=int(first.server_address[1]))
    finally:
        first.server_close()


@pytest.mark.parametrize(
    ("target", "inside"),
    [("/a/b.txt", True), ("/a/./b", False), ("/a/%2e%2e/b", False), ("/?q=/../x", True)],
)
def test_resolve_request(tmp_path: Path, target: str, inside: bool) -> None:
    assert (resolve_request(tmp_path.resolve(), target) is not None) is inside


def test_parse_range_suffix_longer_than_file() -> None:
    assert parse_range("bytes=-500", 100) == (0, 99)


def test_cli_prints_the_url_and_stops_on_ctrl_c(
    site: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from http.server import ThreadingHTTPServer

    def interrupted(self: ThreadingHTTPServer, poll_interval: float = 0.5) -> None:
        raise KeyboardInterrupt

    monkeypatch.setattr(ThreadingHTTPServer, "serve_forever", interrupted)
    app = typer.Typer()
    serve_cli.register(app)
    result = CliRunner().invoke(app, [str(site), "--port", "0"])
    assert result.exit_code == 0, result.output
    assert "http://127.0.0.1:" in result.output and "Ctrl-C" in result.output
    assert "stopped" in result.output


# --- state is never served, connections end, odd requests are answered (issue 17) ---------


@pytest.mark.parametrize(
    "path",
    [
        *("/" + name for name in PRIVATE),
        "/.tmp-ep-k2j4/",
        "/%2efeed-state.json",
        "/podcast%2Etoml",
        "/ep/state.json",  # a link to the state inside the folder
    ],
)
def test_state_and_settings_are_never_served(port: int, path: str) -> None:
    status, _headers, body = get(port, path)
    assert status == 404 and b"STATE" not in body


def test_listing_leaves_out_state_and_settings(site: Path, port: int) -> None:
    (site / "plain" / "podcast.toml").write_text("STATE", encoding="utf-8")
    text = get(port, "/plain/")[2].decode("utf-8")
    assert "notes.txt" in text and "podcast.toml" not in text


@pytest.mark.parametrize("host", ["", "0", "0.0.0.0", "::", "192.0.2.1"])
def test_hosts_beyond_loopback_need_public(site: Path, host: str) -> None:
    with pytest.raises(InputError, match="would serve other computers too; add --public"):
        make_server(site, host=host, port=0)


@pytest.mark.parametrize("host", ["127.0.0.1", "127.0.0.2", "localhost"])
def test_loopback_hosts_are_fine(site: Path, host: str) -> None:
    make_server(site, host=host, port=0).server_close()


def test_public_allows_every_interface(site: Path) -> None:
    server = make_server(site, host="0.0.0.0", port=0, public=True)
    try:
        assert server.server_address[0] == "0.0.0.0"
    finally:
        server.server_close()


@pytest.mark.parametrize("port_number", [99999, 65536, -1])
def test_port_out_of_range_is_one_line(site: Path, port_number: int) -> None:
    with pytest.raises(
        InputError, match=f"^--port must be between 0 and 65535, not {port_number}$"
    ):
        make_server(site, port=port_number)


@pytest.fixture
def quick(site: Path) -> Iterator[int]:
    """A server whose idle connections end after 0.3 s."""
    server = make_server(site, port=0, timeout=0.3)
    thread = threading.Thread(target=server.serve_forever, args=(0.05,), daemon=True)
    thread.start()
    yield int(server.server_address[1])
    server.shutdown()
    server.server_close()


def _handlers_done(timeout: float = 5) -> None:
    deadline = time.monotonic() + timeout
    while any("process_request_thread" in t.name for t in threading.enumerate()):
        assert time.monotonic() < deadline, "a request is still being handled"
        time.sleep(0.01)


@pytest.mark.parametrize("sent", [b"", b"GET /ep/ HTTP/1.1\r\nHost: x\r\n"])
def test_idle_and_half_sent_requests_time_out(quick: int, sent: bytes) -> None:
    with socket.create_connection(("127.0.0.1", quick), timeout=5) as sock:
        sock.sendall(sent)
        started = time.monotonic()
        while sock.recv(4096):  # the server may answer 408 first; then it closes
            pass
        assert time.monotonic() - started < 3


@pytest.mark.parametrize(("length", "status"), [(300, 404), (5000, 404), (70_000, 414)])
def test_over_long_url_is_answered_without_a_traceback(
    quick: int, capfd: pytest.CaptureFixture[str], length: int, status: int
) -> None:
    name = "/" + "a" * length if length < 1000 else "/" + "a/" * (length // 2)
    assert get(quick, name)[0] == status
    _handlers_done()
    err = capfd.readouterr().err
    assert "Traceback" not in err and "OSError" not in err


def test_client_hanging_up_mid_response_prints_nothing(
    site: Path, quick: int, capfd: pytest.CaptureFixture[str]
) -> None:
    (site / "big.mp3").write_bytes(b"\0" * (8 << 20))
    for _ in range(3):
        sock = socket.create_connection(("127.0.0.1", quick), timeout=5)
        sock.setsockopt(socket.SOL_SOCKET, socket.SO_LINGER, struct.pack("ii", 1, 0))
        sock.sendall(b"GET /big.mp3 HTTP/1.0\r\n\r\n")
        assert sock.recv(1024).startswith(b"HTTP/1.0 200")
        sock.close()  # a reset, mid-body
    _handlers_done()
    assert get(quick, "/ep/")[0] == 200  # still serving
    err = capfd.readouterr().err
    assert "Traceback" not in err and "Error" not in err
