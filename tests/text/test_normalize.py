"""Normalization: one-line cases per rule group, golden articles, guard property, lexicon, CLI."""

from __future__ import annotations

import os
import sys
from pathlib import Path

import pytest
import typer
from helpers import corpus
from hypothesis import given, settings
from hypothesis import strategies as st
from typer.testing import CliRunner

from tts.errors import TTSError
from tts.text.normalize import ALPHABET, Lexicon, is_speakable, load_lexicon, normalize
from tts.text.normalize.stress import fix_quote_stress

DATA = Path(__file__).parents[1] / "data" / "normalize"
SHARED = Path(__file__).resolve().parents[2].parent / "shared"
EMPTY = Lexicon()


def _cases() -> list[tuple[str, str, str]]:
    cases = []
    for path in sorted(DATA.glob("*.tsv")):
        for line in path.read_text(encoding="utf-8").splitlines():
            if line.strip() and not line.startswith("#"):
                written, spoken = line.split("\t")
                cases.append((path.stem, written, spoken))
    return cases


@pytest.mark.parametrize(("group", "written", "spoken"), _cases())
def test_rule_case(group: str, written: str, spoken: str) -> None:
    assert normalize(written, EMPTY).spoken == spoken, group


def test_alphabet_is_silero_alphabet() -> None:
    assert len([c for c in ALPHABET if c.isalpha()]) == 66
    assert set("!+,-.:;?–… ") <= ALPHABET
    assert not is_speakable("5") and not is_speakable("Есіл") and is_speakable("Ёж, да!")


@settings(max_examples=150, deadline=None)
@given(st.text(max_size=60))
def test_any_text_comes_out_speakable(text: str) -> None:
    assert is_speakable(normalize(text).spoken)


@settings(max_examples=60, deadline=None)
@given(st.text(alphabet="0123456789.,:-/%$€₸ абвгдРКABCxyz@№°()«»", max_size=40))
def test_number_and_symbol_soup_comes_out_speakable(text: str) -> None:
    assert is_speakable(normalize(text).spoken)


@pytest.mark.parametrize(
    ("text", "warned"),
    [("The tool is designed for news.", True), ("See you later!", True),
     ("Apple iPhone Pro Max.", False), ("Вышел iPhone 16 Pro Max.", False),
     ("Студия Walt Disney Pictures выпустила фильм.", False), ("OK, Google.", False)],
)  # fmt: skip
def test_a_sentence_in_another_language_is_flagged(text: str, warned: bool) -> None:
    assert any("mostly Latin script" in w for w in normalize(text).warnings) == warned


def test_leftover_gets_a_warning_naming_it() -> None:
    result = normalize("знак ☃ и 兄")
    assert result.spoken == "знак и"
    assert any("☃" in w for w in result.warnings) and any("兄" in w for w in result.warnings)


def test_changes_keep_written_spans() -> None:
    text = "При Мажилисе РК $5 млн в 11:00."
    result = normalize(text)
    assert result.changes
    for change in result.changes:
        assert text[change.start : change.end] == change.written
    rules = {c.rule for c in result.changes}
    assert {"lexicon", "money", "time"} <= rules


def test_lexicon_wins_and_inflects(tmp_path: Path) -> None:
    user = tmp_path / "my.tsv"
    user.write_text("# mine\nРК\tреспублика казахстан\nДТП\tавария\n", encoding="utf-8")
    lexicon = load_lexicon([Path("voices/lexicon.tsv"), user])
    assert normalize("РК и ДТП", lexicon).spoken == "республика казахстан и авария"
    assert normalize("при Мажилисе", lexicon).spoken == "при Мажил+исе"


def test_default_lexicon_has_the_sample_entries() -> None:
    table = load_lexicon([Path("voices/lexicon.tsv")]).as_dict()
    assert {"АНК", "РК", "Мажилис", "Кумысбеков"} <= set(table)


@pytest.mark.parametrize("line", ["РК эр ка", "РК\t", "РК\tэр ka"])
def test_bad_lexicon_line_names_file_and_line(tmp_path: Path, line: str) -> None:
    bad = tmp_path / "bad.tsv"
    bad.write_text("# ok\n" + line + "\n", encoding="utf-8")
    with pytest.raises(TTSError, match=r"bad\.tsv:2"):
        load_lexicon([bad])


@pytest.mark.parametrize(
    "name", ["anc-dialogue", "economy-numbers", "river-cleanup", "steppe-observatory"]
)
def test_golden_article(name: str) -> None:
    from tts.cli.normalize import _sentences

    suffix = {"steppe-observatory": ".md", "river-cleanup": ".html"}.get(name, ".txt")
    source = corpus(name + suffix)
    expected = (DATA / f"golden_{name}.txt").read_text(encoding="utf-8").splitlines()
    assert [normalize(s).spoken for s in _sentences(str(source))] == expected


def _app() -> typer.Typer:
    from tts.cli.normalize import register

    app = typer.Typer()
    register(app)

    @app.command("other")
    def other() -> None:  # a second command keeps typer from collapsing the group
        """Unused."""

    return app


def test_cli_each_line_keeps_line_count() -> None:
    result = CliRunner().invoke(_app(), ["normalize", "--each-line", "-"], input="в 11:00\n\nРК\n")
    assert result.exit_code == 0, result.output
    assert result.output.split("\n") == ["в одиннадцать часов", "", "эр к+а", ""]


def test_cli_warns_once_per_unspeakable_line() -> None:
    result = CliRunner().invoke(
        _app(), ["normalize", "--each-line", "-"], input="а\nЦена 𗀀 рублей\n"
    )
    assert result.exit_code == 0, result.output
    assert result.stdout == "а\nЦена рублей\n"
    assert result.stderr == "warning: line 2: unspeakable '𗀀' removed\n"


def test_cli_explain_shows_class_and_context() -> None:
    result = CliRunner().invoke(
        _app(), ["normalize", "--each-line", "--explain", "-"], input="жители 16 регионов\n"
    )
    assert "«16» → «шестнадцати»  [cardinal: genitive: complement of «жители»" in result.output


def test_cli_article_and_user_lexicon(tmp_path: Path) -> None:
    lexicon = tmp_path / "l.tsv"
    lexicon.write_text("АНК\tассамблея\n", encoding="utf-8")
    source = str(corpus("anc-dialogue.txt"))
    result = CliRunner().invoke(_app(), ["normalize", source, "--lexicon", str(lexicon)])
    assert result.exit_code == 0, result.output
    assert result.output.startswith("ассамблея стала платформой")


def test_quote_stress_is_moved_onto_the_word() -> None:
    assert fix_quote_stress("«+Мы ид+ём»") == "«М+ы ид+ём»"
    assert fix_quote_stress("«+Благод+аря»") == "«Благод+аря»"


@pytest.mark.slow
def test_add_stress_real_model_keeps_thread_count() -> None:
    import torch

    from tts.text.normalize import add_stress

    threads = torch.get_num_threads()
    out = add_stress(["«Мы ожидаем рост», – заявил он.", ""])
    assert torch.get_num_threads() == threads
    assert out[1] == ""
    assert "«+" not in out[0] and "ожид+аем" in out[0]
    assert out[0].replace("+", "") == "«Мы ожидаем рост», – заявил он."


def test_importing_normalize_does_not_import_torch() -> None:
    import subprocess
    import sys

    code = "import sys, tts.text.normalize; print('torch' in sys.modules)"
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert done.stdout.strip() == "False"


def test_normalizing_numbers_imports_no_ru_normalizr() -> None:
    """The classes read everything themselves: a sentence with numbers, dates, Latin and
    abbreviations loads neither ru-normalizr (0.3–0.4 s) nor torch."""
    import subprocess
    import sys

    code = (
        "import sys; from tts.text.normalize import normalize, Lexicon; "
        "normalize('По ч. 1 ст. 290 УК РФ 16 регионов получили $5 млн 12.03.2024 в 10:00, "
        "Ford Fusion.', Lexicon()); print('ru_normalizr' in sys.modules, 'torch' in sys.modules)"
    )
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert done.stdout.split() == ["False", "False"]


@pytest.mark.parametrize(
    "text",
    ["Жители 16 регионов получили по 5 тыс. тенге в 2024 году.", "на 37 минуте счёт 3:2 ОТ",
     "по ч. 1 ст. 290 УК РФ", "с 5 по 7 мая на высоте 2750 м"],
)  # fmt: skip
def test_every_number_change_names_its_class_and_context(text: str) -> None:
    changes = normalize(text, EMPTY).changes
    numbers = [c for c in changes if any(ch.isdigit() for ch in c.written)]
    assert numbers
    for change in numbers:
        assert change.rule and change.why, change


def test_speed_text_is_varied() -> None:
    import sys

    sys.path.insert(0, str(Path(__file__).resolve().parents[2] / "benchmarks"))
    from normalize_eval import varied_text  # type: ignore[import-not-found]

    if not (SHARED / "corpus").is_dir():
        pytest.skip("../shared/corpus is not here")
    lines = varied_text(20_000)
    assert sum(len(line) + 1 for line in lines) >= 20_000 and len(set(lines)) == len(lines)


def test_readings_do_not_depend_on_the_hash_seed() -> None:
    """Set order varies with PYTHONHASHSEED between processes; a reading once did with it."""
    import subprocess

    probe = (
        "from tts.text.normalize import normalize\n"
        "for t in ['а летом 2011 году перешел в «Анжи»', 'в пандемийном 2020 году она выросла',"
        " 'в 2023-2024 годах', 'Встреча с акад. Сатпаевым прошла']:\n"
        "    print(normalize(t).spoken)\n"
    )
    outputs = {
        subprocess.run(
            [sys.executable, "-c", probe],
            env={**os.environ, "PYTHONHASHSEED": str(seed)},
            capture_output=True,
            text=True,
            check=True,
        ).stdout
        for seed in range(6)
    }
    assert len(outputs) == 1, outputs
