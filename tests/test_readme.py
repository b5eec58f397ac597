"""The README's commands are the ones CI and users run."""

from __future__ import annotations

import re
from pathlib import Path

import typer.main

from newsprism.cli import app

ROOT = Path(__file__).resolve().parents[1]
README = (ROOT / "README.md").read_text(encoding="utf-8")


def _sh_blocks() -> list[str]:
    return re.findall(r"```sh\n(.*?)```", README, re.S)


def test_exactly_two_setup_commands_first() -> None:
    blocks = _sh_blocks()
    setup, tests = blocks[0].strip(), blocks[1].strip()
    assert "\n" not in setup and "\n" not in tests
    assert (
        setup.startswith("python3 -m venv .venv")
        and "newsprism brief ../shared/corpus/seeds" in setup
    )
    assert tests.startswith("python3 -m venv .venv") and tests.endswith("pytest")


def test_ci_runs_the_readme_test_command() -> None:
    ci = (ROOT / ".ci" / "run").read_text(encoding="utf-8").strip().splitlines()
    assert ci[-1] == _sh_blocks()[1].strip()


def test_every_command_is_documented() -> None:
    group = typer.main.get_command(app)
    for name in group.commands:  # type: ignore[attr-defined]
        assert f"### `newsprism {name}`" in README, name
