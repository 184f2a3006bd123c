"""`python -m library` runs the same CLI as the `library` command."""

from __future__ import annotations

from library.cli import cli

if __name__ == "__main__":
    cli()
