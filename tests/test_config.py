"""Settings: flags beat the environment, which beats library.toml, which beats the defaults."""

from __future__ import annotations

from pathlib import Path

import pytest

from library.config import Settings
from library.errors import ConfigError


def test_defaults_point_at_the_repository_folders() -> None:
    settings = Settings.load(environ={}, toml_path=Path("/nonexistent.toml"))
    assert settings.documents_dir.name == "documents"
    assert settings.index_dir.name == "index"
    assert settings.port == 8000


def test_precedence_flags_over_environment_over_file(tmp_path: Path) -> None:
    toml = tmp_path / "library.toml"
    toml.write_text('documents = "/from/file"\nport = 8100\npage_size = 20\n')
    env = {"LIBRARY_DOCUMENTS": "/from/env", "LIBRARY_PORT": "8200"}

    from_file = Settings.load(environ={}, toml_path=toml)
    assert from_file.documents_dir == Path("/from/file")
    assert from_file.port == 8100

    from_env = Settings.load(environ=env, toml_path=toml)
    assert from_env.documents_dir == Path("/from/env")
    assert from_env.port == 8200
    assert from_env.page_size == 20  # only the file says it

    flagged = Settings.load({"documents_dir": "/from/flag", "port": None}, env, toml)
    assert flagged.documents_dir == Path("/from/flag")
    assert flagged.port == 8200  # an unset flag does not override


def test_long_environment_names_work_too() -> None:
    settings = Settings.load(environ={"LIBRARY_INDEX_DIR": "/x/idx", "LIBRARY_JOBS": "3"})
    assert settings.index_dir == Path("/x/idx")
    assert settings.jobs == 3


def test_bad_values_are_config_errors(tmp_path: Path) -> None:
    with pytest.raises(ConfigError, match=r"LIBRARY_PORT|port"):
        Settings.load(environ={"LIBRARY_PORT": "eighty"})
    bad = tmp_path / "library.toml"
    bad.write_text("port = [unclosed")
    with pytest.raises(ConfigError, match=r"library\.toml"):
        Settings.load(environ={}, toml_path=bad)
    unknown = tmp_path / "other.toml"
    unknown.write_text("colour = 'blue'\n")
    with pytest.raises(ConfigError, match="unknown setting"):
        Settings.load(environ={}, toml_path=unknown)


def test_settings_are_frozen() -> None:
    settings = Settings()
    with pytest.raises(AttributeError):
        settings.port = 1  # type: ignore[misc]
