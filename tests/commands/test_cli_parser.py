"""argparse's own phrases (usage, section titles, errors) in the language of the command line."""

import pytest

from bazaar_pos.cli_parser import Parser
from bazaar_pos.i18n import set_language
from tests.helpers.cli import bazaar_pos

ENGLISH = (
    "usage",
    "positional arguments",
    "options:",
    "show this help",
    "show program's",
    "error",
    "argument ",
    "arguments",
    "required",
    "invalid",
    "choose from",
    "unrecognized",
    "expected",
    "not allowed",
)
"""argparse's English words, none of which an Indonesian command line should show."""


def english_in(text):
    return [word for word in ENGLISH if word in text.lower()]


def test_the_help_is_indonesian_from_the_usage_to_the_last_option():
    done = bazaar_pos("--lang", "id", "--help")
    assert done.returncode == 0, done.stderr
    assert done.stdout.startswith("penggunaan: bazaar-pos [-h] [--version]")
    for line in ("argumen posisi:", "opsi:"):
        assert line in done.stdout.splitlines()
    assert "  -h, --help      tampilkan pesan bantuan ini lalu keluar" in done.stdout
    assert "  --version       tampilkan nomor versi program lalu keluar" in done.stdout
    assert english_in(done.stdout) == []


def test_a_sub_command_help_is_indonesian():
    done = bazaar_pos("--lang", "id", "report", "--help")
    assert done.returncode == 0, done.stderr
    assert done.stdout.startswith("penggunaan: bazaar-pos report [-h] --from FIRST")
    assert "opsi:" in done.stdout.splitlines()
    assert english_in(done.stdout) == []


def test_a_missing_argument_is_said_in_indonesian_on_stderr_with_status_2():
    done = bazaar_pos("--lang", "id", "report")
    assert (done.returncode, done.stdout) == (2, "")
    assert done.stderr.startswith("penggunaan: bazaar-pos report [-h]")
    assert done.stderr.splitlines()[-1] == (
        "bazaar-pos report: kesalahan: argumen berikut wajib diisi: --from, -o/--output"
    )
    assert english_in(done.stderr) == []


def test_an_invalid_choice_is_said_in_indonesian():
    done = bazaar_pos("--lang", "id", "printer", "set", "--width", "70", "tcp://10.0.0.9")
    assert (done.returncode, done.stdout) == (2, "")
    assert done.stderr.splitlines()[-1] == (
        "bazaar-pos printer set: kesalahan: argumen --width: pilihan tidak valid: 70"
        " (pilih dari 58, 80)"
    )
    assert english_in(done.stderr) == []


def test_english_reads_as_argparse_writes_it():
    helped = bazaar_pos("--lang", "en", "--help").stdout
    assert helped.startswith("usage: bazaar-pos [-h] [--version]")
    assert "positional arguments:" in helped.splitlines()
    assert "options:" in helped.splitlines()
    assert "  -h, --help      show this help message and exit" in helped
    assert "  --version       show program's version number and exit" in helped
    assert bazaar_pos("--lang", "en", "report", "--help").stdout.startswith(
        "usage: bazaar-pos report [-h] --from FIRST"
    )
    missing = bazaar_pos("--lang", "en", "report")
    assert missing.returncode == 2
    assert missing.stderr.startswith("usage: bazaar-pos report [-h]")
    assert missing.stderr.splitlines()[-1] == (
        "bazaar-pos report: error: the following arguments are required: --from, -o/--output"
    )
    wrong = bazaar_pos("--lang", "en", "printer", "set", "--width", "70", "tcp://10.0.0.9")
    assert wrong.returncode == 2
    assert wrong.stderr.splitlines()[-1] == (
        "bazaar-pos printer set: error: argument --width: invalid choice: 70 (choose from 58, 80)"
    )


def test_an_ambiguous_option_is_reported_by_the_full_parser():
    done = bazaar_pos("--lang", "id", "--d", "x")
    assert done.returncode == 2
    assert done.stderr.startswith("penggunaan: bazaar-pos [-h]")
    assert done.stderr.splitlines()[-1] == (
        "bazaar-pos: kesalahan: opsi ambigu: --d bisa berarti --db, --demo"
    )


def example_parser():
    """A parser that can make every mistake argparse has words for."""
    parser = Parser(prog="toko")
    parser.add_argument("--db")
    parser.add_argument("--demo", action="store_true")
    parser.add_argument("--pair", nargs=2)
    parser.add_argument("--many", nargs="+")
    parser.add_argument("--width", type=int, choices=(58, 80))
    which = parser.add_mutually_exclusive_group(required=True)
    which.add_argument("--last", action="store_true")
    which.add_argument("--all", action="store_true")
    commands = parser.add_subparsers(dest="command", metavar="COMMAND", required=True)
    commands.add_parser("go").add_argument("where")
    return parser


@pytest.mark.parametrize(
    ("argv", "said"),
    [
        (["--last", "go"], "toko go: kesalahan: argumen berikut wajib diisi: where"),
        (["--last", "go", "pasar", "z"], "toko: kesalahan: argumen tidak dikenal: z"),
        (
            ["--last", "stop"],
            "toko: kesalahan: argumen COMMAND: pilihan tidak valid: 'stop' (pilih dari 'go')",
        ),
        (
            ["--last", "--width", "x", "go", "pasar"],
            "toko: kesalahan: argumen --width: nilai int tidak valid: 'x'",
        ),
        (["--last", "--db"], "toko: kesalahan: argumen --db: perlu satu argumen"),
        (["--last", "--pair", "1"], "toko: kesalahan: argumen --pair: perlu 2 argumen"),
        (
            ["--last", "--many"],
            "toko: kesalahan: argumen --many: perlu paling sedikit satu argumen",
        ),
        (["--d", "x"], "toko: kesalahan: opsi ambigu: --d bisa berarti --db, --demo"),
        (
            ["--last", "--all", "go", "pasar"],
            "toko: kesalahan: argumen --all: tidak boleh bersama argumen --last",
        ),
        (["go", "pasar"], "toko: kesalahan: salah satu argumen --last --all wajib diisi"),
        (
            ["--last", "--demo=1", "go", "pasar"],
            "toko: kesalahan: argumen --demo: argumen '1' diabaikan",
        ),
    ],
)
def test_every_argparse_error_has_indonesian_words(argv, said, capsys):
    set_language("id")
    with pytest.raises(SystemExit) as exited:
        example_parser().parse_args(argv)
    assert exited.value.code == 2
    assert capsys.readouterr().err.splitlines()[-1] == said


def test_a_message_argparse_did_not_word_is_shown_as_it_is(capsys):
    set_language("id")
    with pytest.raises(SystemExit):
        example_parser().error("Datei nicht gefunden")
    assert capsys.readouterr().err.splitlines()[-1] == "toko: kesalahan: Datei nicht gefunden"
