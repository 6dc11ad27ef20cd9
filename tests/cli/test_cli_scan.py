"""``gitlab-users list|search --concurrency N``: the parallel scan from the command line."""

from __future__ import annotations

import json
from collections.abc import Iterator

import pytest

from gitlab_users_client.cli import main
from gitlab_users_client.testing import FakeGitLabServer


@pytest.fixture(scope="module")
def server() -> Iterator[FakeGitLabServer]:
    with FakeGitLabServer(users=700, seed=8) as running:
        yield running


def run(
    server: FakeGitLabServer,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
    *argv: str,
) -> tuple[int, list[dict[str, object]], str]:
    monkeypatch.setenv("GITLAB_URL", server.url)
    monkeypatch.setenv("GITLAB_TOKEN", server.admin_token)
    monkeypatch.setenv("NO_PROXY", "127.0.0.1,localhost")
    code = main(list(argv))
    captured = capsys.readouterr()
    rows = [json.loads(line) for line in captured.out.splitlines() if line.strip()]
    return code, rows, captured.err


def test_list_with_concurrency_prints_every_user_once(
    server: FakeGitLabServer, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    code, rows, _ = run(
        server, monkeypatch, capsys, "list", "--active", "--concurrency", "4", "-o", "jsonl"
    )
    assert code == 0
    expected = {
        u.id for u in server.state.users.values() if u.state == "active" and not u.is_internal
    }
    ids = [row["id"] for row in rows]
    assert len(ids) == len(set(ids))
    assert set(ids) == expected

    code, rows, _ = run(
        server,
        monkeypatch,
        capsys,
        "search",
        "son",
        "--concurrency",
        "3",
        "--limit",
        "5",
        "-o",
        "jsonl",
    )
    assert code == 0
    assert len(rows) == 5
    assert all("son" in f"{row['name']} {row['username']}".lower() for row in rows)


def test_concurrency_refuses_an_order(
    server: FakeGitLabServer, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    code, rows, err = run(
        server, monkeypatch, capsys, "list", "--concurrency", "4", "--order-by", "name"
    )
    assert code == 2
    assert rows == []
    assert "no particular order" in err
