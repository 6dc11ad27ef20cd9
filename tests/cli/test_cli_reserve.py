"""``--reserve`` / ``reserve =``: the share of each rate-limit window a CLI job leaves to
other clients of its token reaches the client it runs with (what the share does is
tests/client/test_pacing.py's)."""

from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

import gitlab_users_client.cli as cli
from gitlab_users_client import AsyncGitLab
from gitlab_users_client.cli import main
from gitlab_users_client.testing import FakeGitLabServer


@pytest.fixture(scope="module")
def server() -> Iterator[FakeGitLabServer]:
    with FakeGitLabServer(users=5, seed=2) as running:
        yield running


@pytest.fixture
def reserves(monkeypatch: pytest.MonkeyPatch) -> list[float | None]:
    """The ``reserve=`` of every client the CLI builds (``None``: not given)."""
    seen: list[float | None] = []

    class Recording(AsyncGitLab):
        def __init__(self, *args: Any, **kwargs: Any) -> None:
            seen.append(kwargs.get("reserve"))
            super().__init__(*args, **kwargs)

    monkeypatch.setattr(cli, "AsyncGitLab", Recording)
    return seen


def whoami(
    server: FakeGitLabServer,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
    tmp_path: Path,
    *argv: str,
    config: str = "",
) -> int:
    path = tmp_path / "config.toml"
    path.write_text(config)
    monkeypatch.setenv("GITLAB_USERS_CONFIG", str(path))
    monkeypatch.setenv("GITLAB_URL", server.url)
    monkeypatch.setenv("GITLAB_TOKEN", server.admin_token)
    monkeypatch.setenv("NO_PROXY", "127.0.0.1,localhost")
    code = main([*argv, "whoami", "-o", "json"])
    if code == 0:
        assert json.loads(capsys.readouterr().out)["username"] == "root"
    return code


def test_the_flag_reaches_the_client(
    server: FakeGitLabServer,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
    tmp_path: Path,
    reserves: list[float | None],
) -> None:
    assert whoami(server, monkeypatch, capsys, tmp_path, "--reserve", "0.25") == 0
    assert reserves == [0.25]


def test_the_config_key_reaches_the_client_and_the_flag_beats_it(
    server: FakeGitLabServer,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
    tmp_path: Path,
    reserves: list[float | None],
) -> None:
    assert whoami(server, monkeypatch, capsys, tmp_path, config="reserve = 0.2\n") == 0
    assert (
        whoami(server, monkeypatch, capsys, tmp_path, "--reserve", "0", config="reserve = 0.2\n")
        == 0
    )
    assert reserves == [0.2, 0.0]


def test_without_it_the_client_keeps_its_default(
    server: FakeGitLabServer,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
    tmp_path: Path,
    reserves: list[float | None],
) -> None:
    assert whoami(server, monkeypatch, capsys, tmp_path) == 0
    assert reserves == [None]


@pytest.mark.parametrize("value", ["1", "-0.1", "nan", "half", "inf"])
def test_a_share_out_of_range_is_refused_before_any_request(
    server: FakeGitLabServer,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
    tmp_path: Path,
    reserves: list[float | None],
    value: str,
) -> None:
    before = server.state.stats.requests_total
    assert whoami(server, monkeypatch, capsys, tmp_path, "--reserve", value) == 2
    assert "expected a share from 0 to below 1" in capsys.readouterr().err
    assert reserves == []
    assert server.state.stats.requests_total == before
