"""tts.store.net against a hostile server on 127.0.0.1: one deadline, one-line errors (issue 17)."""

from __future__ import annotations

import shutil
import ssl
import subprocess
import time
from collections.abc import Iterator
from pathlib import Path

import pytest
from hostile import HEAD, PAGE, ROUTES, drip, hostile_server, steady

from tts.store.net import Deadline, FetchError, open_url, read_body

HEADERS = {"User-Agent": "test"}


@pytest.fixture(scope="module")
def server() -> Iterator[str]:
    with hostile_server() as url:
        yield url


def fetch(url: str, deadline: Deadline) -> bytes:
    with open_url(url, deadline, headers=HEADERS) as response:
        return b"".join(read_body(response, url, deadline))


def test_a_good_page_is_read_whole(server: str) -> None:
    assert fetch(f"{server}/page", Deadline(5)) == PAGE


BROKEN = [
    ("/truncated", f"interrupted: the server closed the connection after {len(PAGE) // 2} of "
     f"the {len(PAGE)} bytes it announced"),
    ("/bad-status", "not an HTTP answer (status line 'HELLO THERE')"),
    ("/long-header", "got more than 65536 bytes when reading header line"),
    ("/many-headers", "got more than 100 headers"),
    ("/bad-chunked", "the body broke off"),
    ("/loop", "more than 10 redirects"),
    ("/to-ftp", "redirects to ftp://127.0.0.1/x, not an http(s) URL"),
    ("/silent-close", "the server closed the connection without answering"),
]  # fmt: skip


@pytest.mark.parametrize(("path", "needle"), BROKEN, ids=[b[0] for b in BROKEN])
def test_a_broken_answer_is_one_line(server: str, path: str, needle: str) -> None:
    started = time.monotonic()
    with pytest.raises(FetchError) as caught:
        fetch(f"{server}{path}", Deadline(5))
    message = str(caught.value)
    assert "\n" not in message and len(message) < 300, message
    assert message.startswith(f"{server}{path}: "), message
    assert needle in message, message
    assert time.monotonic() - started < 2.0


@pytest.mark.parametrize("path", ["/drip-body", "/drip-head"])
def test_a_drip_ends_at_the_deadline(server: str, path: str) -> None:
    # One byte every 100 ms for 6 s: each recv returns long before any socket timeout.
    started = time.monotonic()
    with pytest.raises(FetchError, match=r"timed out, still sending after 1 s"):
        fetch(f"{server}{path}", Deadline(1.0))
    elapsed = time.monotonic() - started
    assert 0.9 < elapsed < 1.5, elapsed


def test_a_renewed_deadline_lets_a_slow_steady_body_finish_and_stops_a_drip() -> None:
    routes = {
        "/steady": steady(size=12_000, piece=2000, every=0.15),  # ~0.9 s in all
        "/drip": drip(HEAD + b"Content-Length: 1000\r\n\r\n", b"x" * 1000, every=0.05),
    }
    with hostile_server(routes) as url:
        started = time.monotonic()
        body = fetch(f"{url}/steady", Deadline(0.5, renew_every=1000))
        assert body == b"x" * 12_000 and time.monotonic() - started > 0.5
        started = time.monotonic()
        with pytest.raises(FetchError, match="timed out, less than 100 KiB arrived in 0.5 s"):
            fetch(f"{url}/drip", Deadline(0.5, renew_every=100 * 1024))
        assert time.monotonic() - started < 1.0


def test_only_http_urls() -> None:
    with pytest.raises(FetchError, match="not an http"):
        open_url("file:///etc/passwd", Deadline(1), headers=HEADERS)


def _self_signed(folder: Path) -> tuple[Path, Path]:
    if shutil.which("openssl") is None:
        pytest.skip("openssl not installed (needed to make a test certificate)")
    cert, key = folder / "cert.pem", folder / "key.pem"
    subprocess.run(
        ["openssl", "req", "-x509", "-newkey", "ec", "-pkeyopt", "ec_paramgen_curve:prime256v1",
         "-nodes", "-keyout", str(key), "-out", str(cert), "-days", "1", "-subj", "/CN=127.0.0.1",
         "-addext", "subjectAltName=IP:127.0.0.1"],
        check=True, capture_output=True,
    )  # fmt: skip
    return cert, key


def test_a_drip_over_tls_ends_at_the_deadline(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    # Models come over HTTPS only: the TLS socket must be bounded the same way.
    cert, key = _self_signed(tmp_path)
    monkeypatch.setenv("SSL_CERT_FILE", str(cert))  # the client's default context trusts it
    tls = ssl.SSLContext(ssl.PROTOCOL_TLS_SERVER)
    tls.load_cert_chain(cert, key)
    with hostile_server(ROUTES, tls=tls) as url:
        assert fetch(f"{url}/page", Deadline(5)) == PAGE
        started = time.monotonic()
        with pytest.raises(FetchError, match="timed out, still sending after 1 s"):
            fetch(f"{url}/drip-body", Deadline(1.0))
        assert time.monotonic() - started < 1.5


def test_304_answers_a_conditional_get_and_is_an_error_otherwise() -> None:
    from http.server import BaseHTTPRequestHandler

    from helpers import local_server

    class NotModified(BaseHTTPRequestHandler):
        def log_message(self, format: str, *args: object) -> None:
            pass

        def do_GET(self) -> None:
            self.send_response(304)
            self.send_header("ETag", '"v1"')
            self.end_headers()

    with local_server(NotModified) as base:
        headers = {"User-Agent": "test", "If-None-Match": '"v1"'}
        with open_url(f"{base}/feed", Deadline(5), headers=headers) as response:
            assert (response.status, response.headers["ETag"]) == (304, '"v1"')
        with pytest.raises(FetchError, match="the server answered 304"):
            open_url(f"{base}/feed", Deadline(5), headers={"User-Agent": "test"})
