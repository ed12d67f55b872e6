"""The downloader against a local HTTP server on 127.0.0.1 (no network)."""

from __future__ import annotations

import hashlib
import time
from pathlib import Path
from typing import TYPE_CHECKING

import pytest
from hostile import drip, hostile_server

from tts.errors import EngineUnavailable, ModelError
from tts.voice.download import check_url, download

if TYPE_CHECKING:
    from conftest_silero import LocalServer

pytest_plugins = ["conftest_silero"]

BODY = bytes(range(256)) * 4096 + b"tail"  # 1 MiB + 4 bytes: more than one read chunk
SHA = hashlib.sha256(BODY).hexdigest()


def _get(server: LocalServer, dest: Path, path: str = "/model.pt", **kw: object) -> str:
    args: dict[str, object] = {
        "expected_size": len(BODY),
        "expected_sha256": SHA,
        "max_bytes": 10 * len(BODY),
        "timeout": 2.0,
        "allow_insecure_localhost": True,
    }
    args.update(kw)
    return download(server.url(path), dest, **args)  # type: ignore[arg-type]


def _leftovers(folder: Path) -> list[str]:
    return sorted(p.name for p in folder.iterdir())


@pytest.mark.parametrize(
    "url",
    [
        "http://models.silero.ai/models/tts/ru/v5_5_ru.pt",
        "ftp://models.silero.ai/v5_5_ru.pt",
        "file:///etc/passwd",
        "https:///no-host",
        "http://localhost:8000/x.pt",
        "http://127.0.0.2/x.pt",
    ],
)
def test_only_https_urls_are_allowed(url: str) -> None:
    with pytest.raises(ModelError, match="only https"):
        check_url(url, allow_insecure_localhost=True)


def test_plain_http_to_localhost_needs_the_explicit_flag() -> None:
    check_url("http://127.0.0.1:8000/x.pt", allow_insecure_localhost=True)
    with pytest.raises(ModelError):
        check_url("http://127.0.0.1:8000/x.pt")
    check_url("https://models.silero.ai/models/tts/ru/v5_5_ru.pt")


def test_download_verifies_and_reports_progress(tmp_path: Path, http_server: LocalServer) -> None:
    http_server.add("/model.pt", BODY)
    seen: list[tuple[int, int | None]] = []
    dest = tmp_path / "m" / "model.pt"
    sha = _get(http_server, dest, progress=lambda done, total: seen.append((done, total)))
    assert sha == SHA
    assert dest.read_bytes() == BODY
    assert _leftovers(dest.parent) == ["model.pt"]
    assert len(seen) >= 2  # streamed in chunks, not one read
    assert [d for d, _ in seen] == sorted(d for d, _ in seen)
    assert seen[-1] == (len(BODY), len(BODY))
    assert all(total == len(BODY) for _, total in seen)


def test_progress_total_comes_from_the_header_when_size_is_unknown(
    tmp_path: Path, http_server: LocalServer
) -> None:
    http_server.add("/model.pt", BODY)
    seen: list[tuple[int, int | None]] = []
    _get(
        http_server,
        tmp_path / "x.pt",
        expected_size=None,
        progress=lambda d, t: seen.append((d, t)),
    )
    assert seen[-1] == (len(BODY), len(BODY))


def test_interrupted_download_leaves_nothing(tmp_path: Path, http_server: LocalServer) -> None:
    http_server.add("/model.pt", BODY, send=len(BODY) // 3)
    with pytest.raises(EngineUnavailable, match="interrupted"):
        _get(http_server, tmp_path / "model.pt")
    assert _leftovers(tmp_path) == []


def test_body_shorter_than_expected_without_length_is_rejected(
    tmp_path: Path, http_server: LocalServer
) -> None:
    http_server.add("/model.pt", BODY, chunked=True, send=1000)
    with pytest.raises(ModelError, match="1000 bytes; expected"):
        _get(http_server, tmp_path / "model.pt")
    assert _leftovers(tmp_path) == []


def test_wrong_hash_is_rejected_and_removed(tmp_path: Path, http_server: LocalServer) -> None:
    tampered = BODY[:-4] + b"TAIL"
    http_server.add("/model.pt", tampered)
    dest = tmp_path / "model.pt"
    with pytest.raises(ModelError, match="SHA-256"):
        _get(http_server, dest)
    assert _leftovers(tmp_path) == []


def test_a_failed_download_keeps_the_previous_file(
    tmp_path: Path, http_server: LocalServer
) -> None:
    dest = tmp_path / "model.pt"
    dest.write_bytes(b"previous")
    http_server.add("/model.pt", b"x" + BODY[1:])
    with pytest.raises(ModelError):
        _get(http_server, dest)
    assert dest.read_bytes() == b"previous"
    assert _leftovers(tmp_path) == ["model.pt"]


def test_announced_size_over_the_cap_stops_before_reading(
    tmp_path: Path, http_server: LocalServer
) -> None:
    http_server.add("/model.pt", BODY)
    with pytest.raises(ModelError, match="limit"):
        _get(http_server, tmp_path / "m.pt", expected_size=None, max_bytes=1000)
    assert _leftovers(tmp_path) == []


def test_size_cap_holds_while_streaming(tmp_path: Path, http_server: LocalServer) -> None:
    # No Content-Length: only counting the bytes as they arrive can stop this.
    http_server.add("/model.pt", BODY, chunked=True)
    seen: list[int] = []
    with pytest.raises(ModelError, match="more than the 100000-byte limit"):
        _get(
            http_server,
            tmp_path / "m.pt",
            expected_size=None,
            max_bytes=100_000,
            progress=lambda d, t: seen.append(d),
        )
    assert _leftovers(tmp_path) == []
    assert all(d <= 100_000 for d in seen)


def test_announced_size_other_than_expected_is_rejected(
    tmp_path: Path, http_server: LocalServer
) -> None:
    http_server.add("/model.pt", BODY + b"!")
    with pytest.raises(ModelError, match="announces"):
        _get(http_server, tmp_path / "m.pt")


def test_server_that_never_answers_times_out(tmp_path: Path, silent_port: int) -> None:
    url = f"http://127.0.0.1:{silent_port}/model.pt"
    start = time.monotonic()
    with pytest.raises(EngineUnavailable, match="timed out"):
        download(
            url,
            tmp_path / "m.pt",
            expected_size=None,
            expected_sha256=None,
            max_bytes=1000,
            timeout=0.5,
            allow_insecure_localhost=True,
        )
    elapsed = time.monotonic() - start
    print(f"timeout 0.5 s -> failed after {elapsed:.2f} s")
    assert elapsed < 3.0
    assert _leftovers(tmp_path) == []


def test_refused_connection_fails_at_once(tmp_path: Path, closed_port: int) -> None:
    start = time.monotonic()
    with pytest.raises(EngineUnavailable, match="cannot download"):
        download(
            f"http://127.0.0.1:{closed_port}/m.pt",
            tmp_path / "m.pt",
            expected_size=None,
            expected_sha256=None,
            max_bytes=1000,
            timeout=5.0,
            allow_insecure_localhost=True,
        )
    assert time.monotonic() - start < 2.0


def test_http_error_names_the_status(tmp_path: Path, http_server: LocalServer) -> None:
    with pytest.raises(EngineUnavailable, match="answered 404 Not Found"):
        _get(http_server, tmp_path / "m.pt", path="/missing.pt")
    assert _leftovers(tmp_path) == []


def test_redirect_may_not_leave_https(tmp_path: Path, http_server: LocalServer) -> None:
    http_server.add("/model.pt", b"", status=302, location="http://example.invalid/m.pt")
    with pytest.raises(ModelError, match="only https"):
        _get(http_server, tmp_path / "m.pt")
    assert _leftovers(tmp_path) == []


def test_redirect_within_allowed_urls_is_followed(tmp_path: Path, http_server: LocalServer) -> None:
    http_server.add("/old.pt", b"", status=302, location=http_server.url("/model.pt"))
    http_server.add("/model.pt", BODY)
    assert _get(http_server, tmp_path / "m.pt", path="/old.pt") == SHA
    assert http_server.hits == ["/old.pt", "/model.pt"]


def test_a_dripping_server_fails_within_the_timeout(tmp_path: Path) -> None:
    # One byte every 50 ms: every read returns long before the timeout, yet nothing moves.
    route = drip(b"HTTP/1.1 200 OK\r\nContent-Length: 1000\r\n\r\n", b"x" * 1000, every=0.05)
    with hostile_server({"/m.pt": route}) as url:
        started = time.monotonic()
        with pytest.raises(EngineUnavailable, match="timed out, less than 256 KiB arrived in 1 s"):
            download(
                f"{url}/m.pt",
                tmp_path / "m.pt",
                expected_size=1000,
                expected_sha256=None,
                max_bytes=10_000,
                timeout=1.0,
                allow_insecure_localhost=True,
            )
    assert time.monotonic() - started < 1.6
    assert _leftovers(tmp_path) == []
