"""The README documents every command and every setting (datasette's test_docs idea)."""

from __future__ import annotations

from dataclasses import fields
from pathlib import Path

from library.cli import cli
from library.config import Settings

README = (Path(__file__).resolve().parent.parent / "README.md").read_text(encoding="utf-8")


def test_quick_start_is_the_two_commands() -> None:
    quick_start = README.split("## Quick start", 1)[1].split("##", 1)[0]
    assert "make run" in quick_start and "make test" in quick_start


def test_every_command_is_documented() -> None:
    missing = [name for name in cli.commands if f"`library {name}" not in README]
    assert missing == []


def test_every_setting_is_documented() -> None:
    missing = [f.name for f in fields(Settings) if f"LIBRARY_{f.name.upper()}" not in README]
    assert missing == []


def test_ci_runs_the_readme_test_command() -> None:
    ci = (Path(__file__).resolve().parent.parent / ".ci" / "run").read_text()
    commands = [line for line in ci.splitlines() if line and not line.startswith("#")]
    assert commands[-1] == "make test"
