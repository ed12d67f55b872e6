"""Security (issue 8 item 3): verified models only, HTTPS downloads from the registry, escaped
text in the feed and the pages, paths that stay inside the output folder, a loopback preview
server that serves nothing outside its folder, and no shell, eval or pickle of user data."""

from __future__ import annotations

import hashlib
import http.client
import json
import re
import shutil
import subprocess
import threading
from collections.abc import Iterator
from http.server import BaseHTTPRequestHandler
from pathlib import Path
from typing import TYPE_CHECKING, Any

import pytest
from helpers import REPO, QuietServer
from hypothesis import given, settings
from hypothesis import strategies as st
from lxml import etree
from lxml import html as lhtml
from reliability import assert_user_error, check_episode, run_tts, tts_command, tts_env
from standin import build_hostile, read_record

from tts.build import BuildOptions, build_episode
from tts.errors import TTSError
from tts.podcast.config import PodcastConfig, save_config
from tts.podcast.publish import build_feed
from tts.store.outdir import episode_dir
from tts.store.slug import slugify
from tts.voice.catalogue import MODELS

if TYPE_CHECKING:
    from conftest_silero import StandIns

pytest_plugins = ["conftest_silero"]

HOSTILE = "</title><script>alert(1)</script>"
CDATA_END = "Конец ]]> и <img src=x onerror=alert(2)> в тексте."
ARTICLE = f"{HOSTILE}\n\n{CDATA_END}\n\nВторой абзац & «кавычки» \"двойные\" 'одинарные'.\n"


# --- models: loaded only when verified, or when named with --model -----------------------


def _silero_build(work: Path, cache: Path, *extra: str) -> subprocess.CompletedProcess[str]:
    (work / "a.txt").write_text("Заголовок\n\nПростой текст статьи.\n", encoding="utf-8")
    return run_tts(
        "build", "a.txt", "-o", "out", "-j", "1", *extra,
        cwd=work, env=tts_env(TTS_CACHE_DIR=str(cache)),
    )  # fmt: skip


def test_unverified_cached_model_never_runs(
    standins: StandIns, record: Path, tmp_path: Path
) -> None:
    # A loadable package whose code logs every load, under the pinned model's name: its
    # SHA-256 is not the pinned one, so neither --engine silero nor auto may load it.
    cache = tmp_path / "cache"
    target = cache / "models" / "v5_5_ru.pt"
    target.parent.mkdir(parents=True)
    shutil.copyfile(standins.v5, target)
    done = _silero_build(tmp_path, cache, "--engine", "silero")
    assert_user_error(done, "v5_5_ru.pt is not trusted", "--model PATH")
    auto = _silero_build(tmp_path, cache, "--engine", "auto")
    assert auto.returncode == 0, auto.stderr
    assert check_episode(tmp_path / "out" / "zagolovok")["engine"] == "espeak"
    assert read_record(record) == []
    # Named by the user, the same file is still of unknown origin: refused, then loaded
    # only on --trust-model.
    explicit = ("--engine", "silero", "--model", str(standins.v5), "--voice", "silero-xenia")
    assert_user_error(_silero_build(tmp_path, cache, *explicit), "--trust-model")
    assert read_record(record) == []
    trusted = _silero_build(tmp_path, cache, *explicit, "--trust-model")
    assert trusted.returncode == 0, trusted.stderr
    assert [e["event"] for e in read_record(record)][:1] == ["load"]


def test_model_file_of_unknown_origin_never_runs_without_trust_model(tmp_path: Path) -> None:
    """Loading a model runs its code: a pickle in a zip wrote a marker file (issue 17)."""
    marker = tmp_path / "marker"
    hostile = build_hostile(tmp_path / "hostile.pt", marker)
    cache = tmp_path / "cache"
    for engine in ("silero", "auto"):
        done = _silero_build(tmp_path, cache, "--engine", engine, "--model", str(hostile))
        assert_user_error(done, "hostile.pt is not a known Silero model", "--trust-model")
        assert not marker.exists()
    batch = run_tts("batch", "a.txt", "-o", "out", "-j", "1", "--model", str(hostile),
                    cwd=tmp_path, env=tts_env(TTS_CACHE_DIR=str(cache)))  # fmt: skip
    assert batch.returncode == 1 and "not a known Silero model" in batch.stdout + batch.stderr
    assert "Traceback" not in batch.stderr and not marker.exists()
    # Told to trust it, the tool says what it is about to do, and then does it.
    trusted = _silero_build(tmp_path, cache, "--model", str(hostile), "--trust-model")
    assert_user_error(trusted, "holds no Silero TTS model")
    notice = [line for line in trusted.stderr.splitlines() if "--trust-model" in line]
    assert len(notice) == 1 and "running the code inside it" in notice[0], trusted.stderr
    assert marker.read_text(encoding="utf-8") == "ran"


def test_model_file_with_a_known_digest_loads_without_trust_model(
    standins: StandIns, record: Path, tmp_path: Path
) -> None:
    """A file whose SHA-256 is a known model's (pinned, or recorded when this tool downloaded
    it) is that model wherever it lies: no --trust-model, no notice."""
    cache = tmp_path / "cache"
    (cache / "models").mkdir(parents=True)
    sha = hashlib.sha256(standins.v5.read_bytes()).hexdigest()
    record_json = {"model": "v5_4_ru", "sha256": sha}
    (cache / "models" / "v5_4_ru.json").write_text(json.dumps(record_json), encoding="utf-8")
    done = _silero_build(tmp_path, cache, "--engine", "silero", "--model", str(standins.v5))
    assert done.returncode == 0, done.stderr
    assert "--trust-model" not in done.stderr
    assert [e["event"] for e in read_record(record)][:1] == ["load"]


class _Counter(BaseHTTPRequestHandler):
    hits: list[str] = []

    def do_GET(self) -> None:  # noqa: N802 - the name http.server calls
        _Counter.hits.append(self.path)
        self.send_response(200)
        self.send_header("Content-Length", "4")
        self.end_headers()
        self.wfile.write(b"evil")

    def log_message(self, format: str, *args: object) -> None:  # noqa: A002
        pass


@pytest.fixture
def counter() -> Iterator[str]:
    _Counter.hits = []
    httpd = QuietServer(("127.0.0.1", 0), _Counter)
    threading.Thread(target=httpd.serve_forever, daemon=True).start()
    yield f"http://127.0.0.1:{httpd.server_address[1]}"
    httpd.shutdown()
    httpd.server_close()


def test_models_download_takes_registry_ids_not_urls(tmp_path: Path, counter: str) -> None:
    env = tts_env(TTS_CACHE_DIR=str(tmp_path))
    for given_id in (f"{counter}/v5_5_ru.pt", "../../v5_5_ru", "v5_5_ru.pt"):
        done = run_tts("models", "download", given_id, cwd=tmp_path, env=env)
        assert_user_error(done, "unknown Silero model")
    assert _Counter.hits == []
    assert all(m.url.startswith("https://models.silero.ai/models/tts/") for m in MODELS.values())


# --- escaping: the feed and the pages hold the hostile text as text ----------------------


@pytest.fixture(scope="module")
def hostile_site(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, dict[str, Any]]:
    out = tmp_path_factory.mktemp("hostile")
    src = out.parent / "hostile.txt"
    src.write_text(ARTICLE, encoding="utf-8")
    save_config(
        out,
        PodcastConfig(
            title=HOSTILE, author="]]><x>", email="a@example.org",
            base_url="https://example.org/pod/", description=CDATA_END, image=None,
        ),
    )  # fmt: skip
    result = build_episode(BuildOptions(inputs=(str(src),), outdir=out, engine="fake"))
    build_feed(out)
    return out, result.episode.to_json()


def test_feed_holds_the_hostile_text_as_text(hostile_site: tuple[Path, dict[str, Any]]) -> None:
    out, manifest = hostile_site
    data = (out / "feed.xml").read_bytes()
    root = etree.fromstring(data, etree.XMLParser(resolve_entities=False, no_network=True))
    item = root.find("channel/item")
    assert item is not None
    assert root.findtext("channel/title") == HOSTILE == manifest["title"] == item.findtext("title")
    # The description is HTML for the podcast app to render: there, too, the text stays text.
    description = lhtml.fragment_fromstring(item.findtext("description") or "", create_parent=True)
    assert CDATA_END in description.text_content() and HOSTILE in description.text_content()
    assert not description.xpath("//img | //script")
    assert root.findtext("channel/description") == CDATA_END
    assert b"<script>" not in data and b"<img" not in data and b"<x>" not in data


def test_pages_hold_the_hostile_text_as_text(hostile_site: tuple[Path, dict[str, Any]]) -> None:
    out, manifest = hostile_site
    page = (out / manifest["slug"] / "index.html").read_text(encoding="utf-8")
    doc = lhtml.document_fromstring(page)
    assert doc.findtext(".//title") == HOSTILE
    assert doc.xpath("string(//h1)").strip() == HOSTILE
    assert CDATA_END in doc.text_content()
    assert not doc.xpath("//img") and "alert(1)</script>" not in page
    assert len(doc.xpath("//script")) == page.count("<script")  # every script is the page's own
    assert all("alert" not in (s.text or "") for s in doc.xpath("//script"))
    library = lhtml.document_fromstring((out / "index.html").read_text(encoding="utf-8"))
    assert HOSTILE in library.text_content()
    assert all("alert" not in (s.text or "") for s in library.xpath("//script"))
    assert not library.xpath("//img[@onerror]")


# --- paths stay inside the output folder ---------------------------------------------------


@settings(max_examples=200, deadline=None)
@given(st.text(max_size=80) | st.sampled_from(["..", "../..", "/etc/passwd", "..\\..\\x", "."]))
def test_any_title_gives_a_slug_inside_the_folder(title: str) -> None:
    slug = slugify(title)
    assert re.fullmatch(r"[a-z0-9]+(-[a-z0-9]+)*", slug)
    out = Path("/tmp/out")
    assert episode_dir(out, slug).parent == out.resolve()


@pytest.mark.parametrize("slug", ["", ".", "..", "../x", "a/b", "a\\b", ".hidden", "/abs"])
def test_unsafe_names_are_refused(slug: str) -> None:
    with pytest.raises(TTSError):
        episode_dir(Path("/tmp/out"), slug)


def test_title_option_cannot_escape_and_a_planted_symlink_is_refused(tmp_path: Path) -> None:
    (tmp_path / "a.txt").write_text("Заголовок\n\nТекст статьи.\n", encoding="utf-8")
    args = ["build", "a.txt", "-o", "out", "--engine", "espeak", "--title", "../../../evil"]
    done = run_tts(*args, cwd=tmp_path)
    assert done.returncode == 0, done.stderr
    assert sorted(p.name for p in (tmp_path / "out").iterdir() if p.is_dir()) == [".tts", "evil"]
    assert not (tmp_path.parent / "evil").exists()
    outside = tmp_path / "outside"
    outside.mkdir()
    (tmp_path / "out" / "zagolovok").symlink_to(outside, target_is_directory=True)
    done = run_tts("build", "a.txt", "-o", "out", "--engine", "espeak", cwd=tmp_path)
    assert_user_error(done, "leaves the output folder")
    assert list(outside.iterdir()) == []


# --- tts serve: loopback by default, nothing outside the folder --------------------------


def _get(port: int, path: str) -> tuple[int, bytes]:
    conn = http.client.HTTPConnection("127.0.0.1", port, timeout=10)
    conn.putrequest("GET", path, skip_accept_encoding=True)
    conn.endheaders()
    response = conn.getresponse()
    body = response.read()
    conn.close()
    return response.status, body


def test_serve_binds_loopback_and_refuses_traversal(tmp_path: Path) -> None:
    site = tmp_path / "site"
    (site / "ep").mkdir(parents=True)
    (site / "ep" / "index.html").write_text("ok", encoding="utf-8")
    (tmp_path / "secret.txt").write_text("SECRET", encoding="utf-8")
    (site / "link").symlink_to(tmp_path / "secret.txt")
    proc = subprocess.Popen(
        tts_command("serve", str(site), "--port", "0"),
        env=tts_env(),
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        cwd=REPO,
    )
    try:
        assert proc.stdout is not None
        line = proc.stdout.readline()
        found = re.search(r"http://127\.0\.0\.1:(\d+)/", line)
        assert found, line
        port = int(found.group(1))
        assert _get(port, "/ep/") == (200, b"ok")
        attacks = ["/../secret.txt", "/%2e%2e/secret.txt", "/ep/..%2f..%2fsecret.txt",
                   "/..%5csecret.txt", "/link", "//../secret.txt", "/ep/%00",
                   "/%c0%ae%c0%ae/"]  # fmt: skip
        for path in attacks:
            status, body = _get(port, path)
            assert status in (403, 404), path
            assert b"SECRET" not in body
    finally:
        proc.terminate()
        proc.communicate(timeout=10)


@pytest.mark.parametrize(
    ("args", "needle"),
    [
        (("--host", ""), "add --public"),
        (("--host", "0"), "add --public"),
        (("--host", "::"), "add --public"),
        (("-p", "99999"), "--port must be between 0 and 65535, not 99999"),
        (("-p", "-1"), "--port must be between 0 and 65535, not -1"),
    ],
)
def test_serve_refuses_every_interface_and_bad_ports_in_one_line(
    tmp_path: Path, args: tuple[str, str], needle: str
) -> None:
    assert_user_error(run_tts("serve", str(tmp_path), *args, cwd=tmp_path, timeout=30), needle)


# --- no shell, no eval, no pickle of user data --------------------------------------------

FORBIDDEN = {
    r"shell\s*=\s*True": "a shell",
    r"(?<![.\w])eval\(": "eval",
    r"(?<![.\w])exec\(": "exec",
    r"\bpickle\.loads?\(|\bimport pickle\b|\bfrom pickle\b": "pickle",
    r"\btorch\.load\(": "torch.load (a pickle)",
    r"\bos\.system\(|\bos\.popen\(": "a shell",
    r"\byaml\.load\(|\bmarshal\.loads?\(": "an unsafe loader",
}
# The one place that unpickles: Silero's torch.package, after tts.voice.catalogue verified
# its SHA-256.
ALLOWED = {("tts/voice/engines/silero.py", "load_pickle")}


def test_no_shell_eval_or_pickle_in_the_source() -> None:
    found = []
    for path in sorted((REPO / "tts").rglob("*.py")):
        name = path.relative_to(REPO).as_posix()
        for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
            code = line.split("#", 1)[0]
            found += [
                f"{name}:{number}: {what}: {line.strip()}"
                for pattern, what in FORBIDDEN.items()
                if re.search(pattern, code)
            ]
            if "load_pickle" in code and (name, "load_pickle") not in ALLOWED:
                found.append(f"{name}:{number}: unpickling outside the Silero loader")
    assert found == []


def test_the_silero_loader_unpickles_only_after_verification() -> None:
    source = (REPO / "tts" / "voice" / "engines" / "silero.py").read_text(encoding="utf-8")
    assert source.count("load_pickle") == 1 and source.count("load_package(") == 2
    opener = source[source.index("def open_silero") :]
    # _resolve (ensure_model: SHA-256 checked, or the user's --model) runs before the load.
    assert opener.index("_resolve(") < opener.index("load_package(")
