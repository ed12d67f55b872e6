"""The preview server: byte ranges, media types, and nothing from outside its folder."""

from __future__ import annotations

import http.client
import threading
from collections.abc import Iterator
from pathlib import Path

import pytest
import typer
from typer.testing import CliRunner

from tts.cli import serve as serve_cli
from tts.errors import InputError
from tts.outputs.serve import make_server, parse_range, resolve_request, server_url

BLOB = bytes(range(256)) * 40  # 10240 bytes, each position recognisable


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
