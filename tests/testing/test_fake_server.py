"""Loopback server, `serve` CLI, pytest plugin and large seeding."""

from __future__ import annotations

import json
import os
import select
import subprocess
import sys
import textwrap
import time
from pathlib import Path

import httpx
import pytest

from gitlab_users_client.testing import FakeGitLabServer, FakeState, Faults


def test_server_sync_roundtrip() -> None:
    with FakeGitLabServer(users=15) as server:
        assert server.url.startswith("http://127.0.0.1:")
        r = httpx.get(
            f"{server.api_url}/user", headers={"PRIVATE-TOKEN": server.admin_token}, timeout=10
        )
        assert r.json()["username"] == "root"
        r = httpx.get(
            f"{server.api_url}/users",
            params={"per_page": 5},
            headers={"PRIVATE-TOKEN": server.user_token},
            timeout=10,
        )
        assert r.headers["Link"].startswith(f"<{server.url}/api/v4/users?page=2")
        # state is shared with the test
        assert server.state.stats.requests_total == 2
    with pytest.raises(RuntimeError):
        _ = server.url


async def test_server_async_and_dropped_connections() -> None:
    faults = Faults(drop_on=[2, 3], drop_phase="after", methods=["PUT"], paths=["/user/status$"])
    async with (
        FakeGitLabServer(users=15, faults=faults) as server,
        httpx.AsyncClient(
            base_url=server.url, headers={"PRIVATE-TOKEN": server.user_token}, timeout=10
        ) as c,
    ):
        # Exact bytes: how httpx spells json= varies between its versions (0.28 drops spaces).
        body, json_type = b'{"message":"dropped"}', {"Content-Type": "application/json"}
        assert (await c.get("/api/v4/user")).status_code == 200  # 1
        with pytest.raises(httpx.TransportError):
            await c.put("/api/v4/user/status", content=body, headers=json_type)  # 2
        with pytest.raises(httpx.TransportError):
            await c.put("/api/v4/user/status", content=body, headers=json_type)  # 3
        # phase "after": the change was applied although the client saw an error
        assert (await c.get("/api/v4/user/status")).json()["message"] == "dropped"
        stats = server.state.stats
        assert stats.applied_count("PUT", "/api/v4/user/status", body) == 2
        assert stats.snapshot()["faults"] == {"drop_after": 2}


def test_control_api_over_loopback() -> None:
    with FakeGitLabServer(users=5) as server, httpx.Client(base_url=server.url, timeout=10) as c:
        assert c.get("/-/fake/health").json() == {"ok": True, "users": 5}
        c.put("/-/fake/faults", json={"error_on": [1], "error_statuses": [524]})
        r = c.get("/api/v4/users/1/status")
        assert (r.status_code, r.text) == (524, "error code: 524")
        assert c.get("/-/fake/stats").json()["faults"] == {"error_524": 1}


def test_serve_cli_subprocess(tmp_path: Path) -> None:
    env = {**os.environ, "PYTHONUNBUFFERED": "1"}
    proc = subprocess.Popen(
        [
            sys.executable,
            "-m",
            "gitlab_users_client.testing",
            "serve",
            "--port",
            "0",
            "--users",
            "50",
            "--seed",
            "5",
        ],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        env=env,
    )
    with proc:
        try:
            assert proc.stdout is not None
            ready, _, _ = select.select([proc.stdout], [], [], 30)
            assert ready, "serve printed nothing within 30 s"
            line = proc.stdout.readline()
            info = json.loads(line)
            assert set(info) == {"url", "admin_token", "user_token", "users"}
            assert info["users"] == 50 and info["url"].startswith("http://127.0.0.1:")
            deadline = time.monotonic() + 15
            while True:
                try:
                    r = httpx.get(
                        f"{info['url']}/api/v4/user",
                        headers={"PRIVATE-TOKEN": info["admin_token"]},
                        timeout=5,
                    )
                    break
                except httpx.TransportError:
                    if time.monotonic() > deadline:
                        raise
                    time.sleep(0.05)
            assert r.json()["username"] == "root"
        finally:
            proc.terminate()
            try:
                code = proc.wait(timeout=15)
            except subprocess.TimeoutExpired:
                proc.kill()
                raise
        stderr = proc.stderr.read() if proc.stderr else ""
    assert code == 0, stderr


def test_serve_cli_rejects_bad_faults() -> None:
    r = subprocess.run(
        [sys.executable, "-m", "gitlab_users_client.testing", "serve", "--faults", '{"nope": 1}'],
        capture_output=True,
        text=True,
        timeout=30,
        check=False,
    )
    assert r.returncode == 2 and "unknown fault keys" in r.stderr


def test_pytest_plugin_fixtures(tmp_path: Path) -> None:
    (tmp_path / "conftest.py").write_text(
        'pytest_plugins = ["gitlab_users_client.testing.pytest_plugin"]\n'
    )
    (tmp_path / "test_uses_plugin.py").write_text(
        textwrap.dedent(
            """
            import httpx
            import pytest

            @pytest.fixture
            def fake_gitlab_users():
                return 12

            async def test_in_process(fake_gitlab):
                async with fake_gitlab.client(fake_gitlab.user_token) as c:
                    r = await c.get("/api/v4/user")
                assert r.json()["username"] == "john_smith"
                assert len(fake_gitlab.state.users) == 12

            def test_loopback(fake_gitlab_server):
                r = httpx.get(fake_gitlab_server.api_url + "/user",
                              headers={"PRIVATE-TOKEN": fake_gitlab_server.admin_token}, timeout=10)
                assert r.json()["id"] == 1
            """
        )
    )
    r = subprocess.run(
        [
            sys.executable,
            "-m",
            "pytest",
            "-q",
            "-p",
            "no:cacheprovider",
            "-o",
            "asyncio_mode=auto",
            str(tmp_path),
        ],
        capture_output=True,
        text=True,
        timeout=60,
        cwd=tmp_path,
        check=False,
    )
    assert r.returncode == 0, r.stdout + r.stderr
    assert "2 passed" in r.stdout


def test_seed_100000_users() -> None:
    start = time.perf_counter()
    st = FakeState()
    seeded = st.seed_users(100_000, seed=1)
    elapsed = time.perf_counter() - start
    print(f"seeded 100,000 users in {elapsed:.2f}s")
    assert seeded.users == len(st.users) == 100_000
    assert st.user_ids == list(range(1, 100_001))
    assert len(st.username_index) == 100_000
    states = {u.state for u in st.users.values()}
    assert states == {
        "active",
        "blocked",
        "deactivated",
        "banned",
        "blocked_pending_approval",
        "ldap_blocked",
    }
    assert {u.user_type for u in st.users.values()} >= {
        "human",
        "project_bot",
        "service_account",
        "ghost",
    }
    years = {u.created_at.year for u in st.users.values()}
    assert min(years) <= 2014 and max(years) >= 2025
    assert any(u.custom_attributes for u in st.users.values())
    assert st.tokens[seeded.admin_token].scopes == ["api", "sudo"]


def test_seeding_is_deterministic() -> None:
    a, b = FakeState(), FakeState()
    a.seed_users(300, seed=9)
    b.seed_users(300, seed=9)
    assert [a.user_json(i) for i in (1, 2, 50, 299)] == [b.user_json(i) for i in (1, 2, 50, 299)]
    c = FakeState()
    c.seed_users(300, seed=10)
    assert [u.username for u in c.users.values()] != [u.username for u in a.users.values()]
    with pytest.raises(ValueError, match="empty"):
        a.seed_users(3)
