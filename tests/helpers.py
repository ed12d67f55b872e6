"""Paths and tool checks shared by the tests (a plain module: `conftest` names collide)."""

from __future__ import annotations

import contextlib
import os
import re
import shutil
import sys
import threading
from collections.abc import Iterator
from dataclasses import dataclass
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any

import pytest

from tts.audio.ffmpeg import run_ffmpeg
from tts.episode import Episode
from tts.errors import ExportError
from tts.types import Article

REPO = Path(__file__).resolve().parents[1]
SHARED = REPO.parent / "shared"
CORPUS = SHARED / "corpus"
IN_CI = os.environ.get("CI") == "true"


def corpus(name: str) -> Path:
    """A sample article of ../shared/corpus: a clone with nothing beside it skips the test
    (with the reason); CI, which has the corpus, fails instead."""
    path = CORPUS / name
    if not path.is_file():
        if IN_CI:
            pytest.fail(f"{path} is missing in CI")
        pytest.skip("../shared/corpus is not here (tests on the sample articles need it)")
    return path


def require_tool(name: str) -> str:
    """A test-only system tool (ffprobe, chromium): skipped locally when absent, fatal in CI."""
    path = shutil.which(name)
    if path is None:
        if IN_CI:
            pytest.fail(f"{name} is required in CI (.ci/run installs it)")
        pytest.skip(f"{name} not installed (apt-get install it to run this test)")
    return path


class QuietServer(ThreadingHTTPServer):
    """A test server: a client hanging up early (a size limit, a timeout: what the tests
    provoke) is expected, not a traceback on stderr."""

    def handle_error(self, request: object, client_address: object) -> None:
        if not isinstance(sys.exc_info()[1], ConnectionError):
            super().handle_error(request, client_address)  # type: ignore[arg-type]


@contextlib.contextmanager
def local_server(handler: type[BaseHTTPRequestHandler]) -> Iterator[str]:
    """An HTTP server on 127.0.0.1 (never the network) for the test's own pages; its base URL."""
    httpd = QuietServer(("127.0.0.1", 0), handler)
    thread = threading.Thread(target=httpd.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{httpd.server_address[1]}"
    finally:
        httpd.shutdown()
        httpd.server_close()


def reply(
    handler: BaseHTTPRequestHandler, status: int, kind: str, body: bytes, **headers: str
) -> None:
    """Answer a test server's request: status, content type, extra headers, body."""
    handler.send_response(status)
    for name, value in {"Content-Type": kind, **headers}.items():
        handler.send_header(name.replace("_", "-"), value)
    handler.send_header("Content-Length", str(len(body)))
    handler.end_headers()
    handler.wfile.write(body)


def outline(article: Article) -> str:
    """Title || # heading | paragraph | ... : one line to compare a parse with."""
    parts = [article.title, ""]
    for section in article.sections:
        if section.heading is not None:
            parts.append(f"# {section.heading}")
        parts += section.paragraphs
    return " | ".join(parts).replace(" |  | ", " || ", 1)


# ffmpeg's ebur128: the reference meter the tests hold tts/audio/loudness.py and the files to.
@dataclass(frozen=True)
class Loudness:
    integrated: float  # LUFS
    true_peak: float  # dBTP


def _raw_input(raw: Path, sample_rate: int) -> list[str]:
    return ["-f", "s16le", "-ar", str(sample_rate), "-ac", "1", "-i", str(raw)]


def parse_ebur128(stderr: str) -> Loudness:
    summary = stderr[stderr.rfind("Summary:") :]
    integrated = re.search(r"I:\s+(-?[\d.]+|-inf) LUFS", summary)
    peak = re.search(r"Peak:\s+(-?[\d.]+|-inf) dBFS", summary)
    if not integrated:
        raise ExportError("ffmpeg's ebur128 printed no loudness summary")
    return Loudness(float(integrated.group(1)), float(peak.group(1)) if peak else float("-inf"))


def measure(
    path: Path, sample_rate: int | None = None, chain: str = "", *, true_peak: bool = True
) -> Loudness:
    """Integrated loudness and true peak of a raw PCM file (sample_rate given) or a media file.

    Without ``true_peak`` the peak is not measured (reported as -inf): the 4× oversampling it
    needs costs three times the rest of the measurement.
    """
    source = _raw_input(path, sample_rate) if sample_rate else ["-i", str(path)]
    meter = "ebur128=peak=true" if true_peak else "ebur128"
    filters = f"{chain},{meter}" if chain else meter
    stderr = run_ffmpeg([*source, "-af", filters, "-f", "null", "-"], "loudness measurement")
    return parse_ebur128(stderr)


_EPISODE_DEFAULTS: dict[str, object] = {
    "format": 1, "guid": "00000000-0000-4000-8000-000000000000", "slug": "test",
    "title": "Выпуск", "author": None, "date": None, "created": "2026-01-01T00:00:00+00:00",
    "source": "", "sources": [], "language": "ru", "lead": "", "engine": "fake",
    "engine_version": "1", "voice": "test", "speaker": "ru", "model": None,
    "model_sha256": None, "sample_rate": 16000, "duration": 0.0,
    "files": {"mp3": "test.mp3"}, "chapters": [], "sentences": [],
}  # fmt: skip


def episode_of(data: dict[str, Any]) -> Episode:
    """An Episode from a test's partial episode.json data: missing fields get plain defaults,
    sentences without a spoken form read their text. Checked like a file on disk."""
    full = {**_EPISODE_DEFAULTS, **data}
    full["sentences"] = [{"spoken": s.get("text", ""), **s} for s in full["sentences"]]
    if "duration" not in data:
        ends = [float(x["end"]) for x in (*full["chapters"], *full["sentences"])]
        full["duration"] = max(ends, default=0.0)
    return Episode.from_json(full, "test episode")
