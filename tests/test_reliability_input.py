"""Bad input through the real entry point (`python -m tts build … --engine espeak`, issue 8 item 1).

Each input gives a correct episode or exit code 1 with one `error: ` line naming the problem;
never a traceback, never a partial output folder.
"""

from __future__ import annotations

import json
import resource
import socket
import struct
import subprocess
import zlib
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from http.server import BaseHTTPRequestHandler
from pathlib import Path
from typing import Any

import pytest
from helpers import local_server, reply
from hostile import hostile_server
from reliability import (
    assert_no_partial,
    assert_user_error,
    check_episode,
    run_tts,
    tts_command,
    tts_env,
)

from tts.text.prepare import MAX_EPISODE_CHARS

BODY = "Сегодня в городе прошёл субботник. Жители убрали двор и посадили деревья.\n"
PNG = (
    b"\x89PNG\r\n\x1a\n"
    + struct.pack(">I", 13)
    + b"IHDR"
    + struct.pack(">IIBBBBB", 1, 1, 8, 2, 0, 0, 0)
    + zlib.compress(b"\0" * 4)
)
WORDS = ["сегодня", "утром", "жители", "города", "вышли", "на", "улицы", "чтобы", "убрать", "мусор"]
LONG_SENTENCE = " ".join(WORDS[i % len(WORDS)] for i in range(1500))  # no punctuation
LONG_TITLE = ("Очень длинный заголовок новости " * 12)[:300].strip()


def build(source: str, tmp: Path, *extra: str) -> subprocess.CompletedProcess[str]:
    return run_tts("build", source, "-o", "out", "--engine", "espeak", *extra, cwd=tmp)


def episode(done: subprocess.CompletedProcess[str], tmp: Path) -> dict[str, Any]:
    """The one episode a successful build wrote, checked for what every episode must hold."""
    assert done.returncode == 0, done.stderr
    assert "Traceback" not in done.stderr
    out = tmp / "out"
    assert_no_partial(out)
    folders = [p for p in out.iterdir() if p.is_dir() and p.name != ".tts"]  # .tts: state
    assert len(folders) == 1
    return check_episode(folders[0])


def body_text(manifest: dict[str, Any]) -> str:
    return " ".join(s["text"] for s in manifest["sentences"])


@dataclass(frozen=True)
class Good:
    name: str
    data: bytes
    check: Callable[[dict[str, Any]], bool]


def _title(expected: str) -> Callable[[dict[str, Any]], bool]:
    return lambda m: bool(m["title"] == expected and "Жители убрали двор" in body_text(m))


GOOD = [
    Good("utf16.txt", ("Заголовок в UTF-16\n\n" + BODY).encode("utf-16"),
         _title("Заголовок в UTF-16")),
    Good("utf16-no-bom.txt", ("Заголовок без метки\n\n" + BODY).encode("utf-16-le"),
         _title("Заголовок без метки")),
    Good("win.txt", ("Заголовок в кодировке Windows\n\n" + BODY * 3).encode("cp1251"),
         _title("Заголовок в кодировке Windows")),
    Good("koi.txt", ("Заголовок в кодировке КОИ-8\n\n" + BODY * 3).encode("koi8_r"),
         _title("Заголовок в кодировке КОИ-8")),
    Good("mixed.txt", "Смешанные концы строк\r\n\r\nПервый абзац.\rВторой абзац.\n\nТретий.\r\n"
         .encode(), lambda m: [s["text"] for s in m["sentences"]] ==
         ["Смешанные концы строк", "Первый абзац.", "Второй абзац.", "Третий."]),
    Good("long.txt", f"Длинное предложение\n\n{LONG_SENTENCE}\n".encode(),
         lambda m: body_text(m).split()[2:] == LONG_SENTENCE.split()
         and max(len(s["text"]) for s in m["sentences"]) <= 1000),
    Good("latin.txt", b"Report 2024\n\nThe value was 42 and 17 percent of 3000 users agreed.\n",
         lambda m: m["title"] == "Report 2024" and "42" in body_text(m)),
    Good("emoji.txt", "Новости 🎉 дня\u200b\n\nПривет\u200d мир 👍🏽 сегодня\x07 хороший"
         "\ufeff день.\u202e\n".encode(), lambda m: m["title"] == "Новости дня"
         and body_text(m) == "Новости дня Привет мир сегодня хороший день."),
    Good("rtl.txt", "Заголовок\n\nשלום עולם مرحبا بالعالم. Текст по-русски тоже есть.\n".encode(),
         lambda m: "Текст по-русски тоже есть." in body_text(m)),
    Good("page.html", (
        "<html><head><title>Новость о погоде</title><style>body{color:red}</style>"
        "<script>alert('Опасный скрипт')</script></head><body><article><h1>Новость о погоде</h1>"
        "<!-- Скрытый комментарий --><p>Завтра ожидается сильный дождь и ветер в регионе.</p>"
        "<script>document.write('Вредный текст')</script><p>Синоптики советуют взять зонт.</p>"
        "</article></body></html>").encode(),
        lambda m: m["title"] == "Новость о погоде" and "зонт" in body_text(m)
        and not any(w in json.dumps(m, ensure_ascii=False)
                    for w in ("alert", "Опасный", "Вредный", "Скрытый", "color"))),
    Good("broken.html", (
        '<html><body><h1>Сломанная разметка<p>Первый абзац <b>жирный <i>курсив</b></i><div>'
        '<p>Второй абзац статьи о погоде в городе.</td></span><p>Третий <a href="x>ссылка</body'
        ).encode(), lambda m: "Второй абзац статьи о погоде в городе." in body_text(m)),
    Good("title300.txt", f"{LONG_TITLE}\n\n{BODY}".encode(),
         lambda m: m["title"] == LONG_TITLE and len(m["slug"]) <= 60
         and m["slug"].startswith("ochen-dlinnyi-zagolovok")),
    Good("symbols.txt", f"→ ← ↑ ↓ § ©\n\n{BODY}".encode(),
         lambda m: m["slug"].startswith("episode-") and len(m["slug"]) == 16),
    Good("имя с пробелом.txt", f"Кириллица и пробел\n\n{BODY}".encode(),
         _title("Кириллица и пробел")),
    Good("..точки...txt", f"Точки в имени\n\n{BODY}".encode(), _title("Точки в имени")),
]  # fmt: skip


@pytest.mark.parametrize("case", GOOD, ids=[c.name for c in GOOD])
def test_odd_input_gives_a_correct_episode(tmp_path: Path, case: Good) -> None:
    (tmp_path / case.name).write_bytes(case.data)
    manifest = episode(build(case.name, tmp_path), tmp_path)
    assert case.check(manifest), manifest


def test_path_through_dot_dot_reads_the_file(tmp_path: Path) -> None:
    (tmp_path / "sub").mkdir()
    (tmp_path / "a.txt").write_text(f"Путь через точки\n\n{BODY}", encoding="utf-8")
    manifest = episode(build("sub/../a.txt", tmp_path), tmp_path)
    assert manifest["title"] == "Путь через точки" and manifest["source"] == "sub/../a.txt"


BAD = [
    ("empty.txt", b"", "has no text to read"),
    ("blank.txt", " \n\t\n   \r\n\u00a0\n".encode(), "has no text to read"),
    ("title.txt", "Только заголовок\n".encode(), "only a title"),
    ("picture.txt", PNG, "PNG image, not text"),
    ("headings.md", b"# Title\n\n## One\n\n### Two\n\n## Three\n", "no text to read"),
    ("rtl-only.txt", "שלום עולם\n\nمرحبا بالعالم هذا نص عربي.\n".encode(), "nothing speakable"),
    ("utf16-broken.txt", b"\xff\xfe" + "Заголовок".encode("utf-16-le") + b"\x00\xd8",
     "not valid UTF-16"),
]  # fmt: skip


@pytest.mark.parametrize(("name", "data", "needle"), BAD, ids=[b[0] for b in BAD])
def test_bad_input_is_one_line_and_writes_nothing(
    tmp_path: Path, name: str, data: bytes, needle: str
) -> None:
    (tmp_path / name).write_bytes(data)
    line = assert_user_error(build(name, tmp_path), needle)
    assert name in line or needle in ("PNG image, not text", "not valid UTF-16")
    assert not (tmp_path / "out").exists()


def test_missing_file_and_a_folder(tmp_path: Path) -> None:
    assert_user_error(build("nope.txt", tmp_path), "nope.txt: no such file")
    assert_user_error(build("..", tmp_path), ".. is a folder")
    assert not (tmp_path / "out").exists()


def test_huge_text_is_refused_quickly_with_the_limit(tmp_path: Path) -> None:
    paragraph = BODY + "\n"
    big = "Большой текст\n\n" + paragraph * (20_000_000 // len(paragraph.encode()))
    (tmp_path / "big.txt").write_text(big, encoding="utf-8")
    assert (tmp_path / "big.txt").stat().st_size > 19_000_000
    done = build("big.txt", tmp_path)
    assert_user_error(done, "big.txt", f"{MAX_EPISODE_CHARS:,}", "split")
    assert not (tmp_path / "out").exists()


# --- URLs (a server on 127.0.0.1, never the network) -------------------------------------


class _Pages(BaseHTTPRequestHandler):
    def do_GET(self) -> None:  # noqa: N802 - the name http.server calls
        routes = {"/photo": ("image/png", PNG), "/data": ("application/json", b"{}")}
        kind, body = routes.get(self.path, ("text/html", b""))
        reply(self, 200 if self.path in routes else 404, kind, body)

    def log_message(self, format: str, *args: object) -> None:  # noqa: A002
        pass


@pytest.fixture(scope="module")
def server() -> Iterator[str]:
    with local_server(_Pages) as url:
        yield url


def _closed_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port: int = s.getsockname()[1]
    return port


def test_non_html_urls_are_refused_by_type(tmp_path: Path, server: str) -> None:
    assert_user_error(build(f"{server}/photo", tmp_path), "is image/png, not an HTML page")
    assert_user_error(build(f"{server}/data", tmp_path), "is application/json")
    assert_user_error(build(f"{server}/gone", tmp_path), "answered 404")
    assert not (tmp_path / "out").exists()


def test_unreachable_url(tmp_path: Path) -> None:
    url = f"http://127.0.0.1:{_closed_port()}/news"
    assert_user_error(build(url, tmp_path), f"cannot reach {url}", "refused")
    assert not (tmp_path / "out").exists()


# --- a hostile server (issue 17: cases 1 and 14) -----------------------------------------

HOSTILE = [
    ("/truncated", "interrupted: the server closed the connection after"),
    ("/bad-status", "not an HTTP answer"),
    ("/long-header", "got more than 65536 bytes when reading header line"),
    ("/many-headers", "got more than 100 headers"),
    ("/bad-chunked", "the body broke off"),
    ("/loop", "more than 10 redirects"),
]


def test_a_hostile_server_is_one_line_and_builds_nothing(tmp_path: Path) -> None:
    with hostile_server() as url:
        for path, needle in HOSTILE:
            assert_user_error(build(f"{url}{path}", tmp_path), f"{url}{path}: ", needle)
    assert not (tmp_path / "out").exists()


# --- files named by options are read like inputs (issue 17, case 15) ---------------------


def _memory_cap() -> None:
    """An unbounded read of /dev/zero must fail in the test, not take the machine with it."""
    resource.setrlimit(resource.RLIMIT_AS, (2 << 30, 2 << 30))


@pytest.mark.parametrize(
    ("lexicon", "needle"),
    [
        ("missing.tsv", "lexicon missing.tsv: no such file"),
        ("folder", "lexicon folder is a folder, not a file"),
        ("/dev/zero", "lexicon /dev/zero is larger than the 50.0 MB limit"),
    ],
)
def test_a_lexicon_that_cannot_be_read_stops_the_build(
    tmp_path: Path, lexicon: str, needle: str
) -> None:
    (tmp_path / "a.txt").write_text(f"Заголовок\n\n{BODY}", encoding="utf-8")
    (tmp_path / "folder").mkdir()
    done = run_tts(
        "build", "a.txt", "-o", "out", "--engine", "espeak", "--lexicon", lexicon,
        cwd=tmp_path, preexec_fn=_memory_cap,
    )  # fmt: skip
    assert_user_error(done, needle)
    assert not (tmp_path / "out").exists()


def test_checking_an_endless_feed_is_one_line(tmp_path: Path) -> None:
    done = run_tts("feed", "check", "/dev/zero", cwd=tmp_path, preexec_fn=_memory_cap)
    assert_user_error(done, "feed /dev/zero is larger than the 50.0 MB limit")


def test_normalizing_endless_standard_input_is_one_line(tmp_path: Path) -> None:
    with open("/dev/zero", "rb") as zero:
        done = subprocess.run(
            tts_command("normalize", "--each-line", "-"),
            stdin=zero, cwd=tmp_path, env=tts_env(), capture_output=True, text=True,
            timeout=120, check=False, preexec_fn=_memory_cap,
        )  # fmt: skip
    assert_user_error(done, "standard input is larger than the 50.0 MB limit")
