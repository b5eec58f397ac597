"""Usage errors, exit statuses and "nothing happened" messages (issue 18, items 1, 4, 11)."""

from __future__ import annotations

import socket
from pathlib import Path

import pytest

from newsprism.cli import main


@pytest.fixture(autouse=True)
def _store(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("NEWSPRISM_DB", str(tmp_path / "usage.db"))
    monkeypatch.delenv("NEWSPRISM_CONFIG", raising=False)


@pytest.mark.parametrize(
    ("args", "says"),
    [
        (["extract", "--jsn", "x"], "No such option: --jsn"),
        (["brief", "--format", "nope"], "Invalid value for '--format'"),
        (["nosuch"], "No such command 'nosuch'"),
        (["extract"], "Missing argument"),
    ],
)
def test_a_mistyped_command_line_shows_usage_and_exits_2(
    args: list[str], says: str, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(args) == 2
    err = capsys.readouterr().err
    assert "Usage: newsprism" in err and says in err
    assert "unexpected error" not in err


def test_no_arguments_shows_help_and_exits_2(capsys: pytest.CaptureFixture[str]) -> None:
    assert main([]) == 2
    err = capsys.readouterr().err
    assert "Commands:" in err and "unexpected error" not in err


def test_help_shows_readable_metavars(capsys: pytest.CaptureFixture[str]) -> None:
    for command in (["brief"], ["serve"], ["run"], []):
        assert main([*command, "--help"]) == 0
        out = capsys.readouterr().out
        assert "<str>" not in out and "<int range>" not in out, command
    main(["run", "--help"])
    assert "--engine <spark>" in capsys.readouterr().out


def test_serve_on_a_busy_port_is_one_line_exit_2(capsys: pytest.CaptureFixture[str]) -> None:
    with socket.socket() as busy:
        busy.bind(("127.0.0.1", 0))
        busy.listen()
        port = busy.getsockname()[1]
        assert main(["serve", "--port", str(port)]) == 2
    err = capsys.readouterr().err
    assert f"cannot listen on 127.0.0.1:{port}" in err and "--port" in err


def test_a_folder_of_unsupported_files_says_so(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    folder = tmp_path / "docs"
    folder.mkdir()
    for name in ("a.pdf", "b.docx", "c.csv", "d.pdf"):
        (folder / name).write_bytes(b"x")
    assert main(["extract", str(folder)]) == 1
    err = capsys.readouterr().err
    assert f"skipped 4 files of unsupported types in {folder}: .csv, .docx, .pdf" in err
    assert "no articles were read" in err


def test_cluster_and_ingest_of_nothing_say_so(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    (tmp_path / "empty").mkdir()
    assert main(["cluster", "--json", str(tmp_path / "empty")]) == 1
    captured = capsys.readouterr()
    assert captured.out == "" and "no articles were read" in captured.err
    assert main(["ingest", str(tmp_path / "empty")]) == 1
    assert "no articles were read" in capsys.readouterr().err


def test_a_missing_store_is_an_error(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    missing = tmp_path / "typo.db"
    assert main(["--db", str(missing), "brief"]) == 2
    err = capsys.readouterr().err
    assert f"{missing}: no such store" in err
    assert not missing.exists()


def test_every_setting_is_documented() -> None:
    import dataclasses

    from newsprism.settings import Settings

    page = (Path(__file__).resolve().parents[2] / "docs" / "settings.md").read_text("utf-8")
    for field in dataclasses.fields(Settings):
        assert f"| `{field.name}` |" in page, field.name
