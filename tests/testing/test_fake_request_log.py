"""The fake's request log: one line per API request, in answer order, saying what applied."""

from __future__ import annotations

import io
import json
import subprocess
import sys
from pathlib import Path

import httpx

from gitlab_users_client.testing import FakeGitLabProcess, FakeGitLabServer, Faults


def test_every_api_request_is_logged_with_whether_it_applied() -> None:
    log = io.StringIO()
    with FakeGitLabServer(users=10, seed=1) as server:
        server.state.stats.request_log = log
        a, b = [u.id for u in server.state.iter_users() if u.user_type == "human" and u.id > 2][:2]
        headers = {"PRIVATE-TOKEN": server.admin_token}
        with httpx.Client(base_url=server.api_url, headers=headers) as client:
            assert client.get(f"/users/{a}").status_code == 200
            assert client.post(f"/users/{a}/block").status_code == 201
            assert client.post("/users/999/block").status_code == 404
            server.state.engine.set_faults(Faults(error_on=[4], error_statuses=[502]))
            assert client.post(f"/users/{b}/block").status_code == 502
            assert httpx.get(f"{server.url}/-/fake/health").status_code == 200  # not logged
    entries = [json.loads(line) for line in log.getvalue().splitlines()]
    assert [(e["method"], e["path"], e["status"], e["applied"]) for e in entries] == [
        ("GET", f"/api/v4/users/{a}", 200, False),
        ("POST", f"/api/v4/users/{a}/block", 201, True),
        ("POST", "/api/v4/users/999/block", 404, False),
        ("POST", f"/api/v4/users/{b}/block", 502, False),
    ]
    assert [e["n"] for e in entries] == [1, 2, 3, 4]


def test_the_process_writes_its_log_to_a_file(tmp_path: Path) -> None:
    path = tmp_path / "requests.jsonl"
    with FakeGitLabProcess(users=5, request_log=path) as fake:
        headers = {"PRIVATE-TOKEN": fake.admin_token}
        assert httpx.post(f"{fake.api_url}/users/3/ban", headers=headers).status_code in (201, 403)
        (entry,) = [json.loads(line) for line in path.read_text().splitlines()]
    assert (entry["method"], entry["path"]) == ("POST", "/api/v4/users/3/ban")
    help_text = subprocess.run(
        [sys.executable, "-m", "gitlab_users_client.testing", "serve", "--help"],
        capture_output=True, text=True, timeout=60,
    ).stdout  # fmt: skip
    assert "--request-log PATH" in help_text
