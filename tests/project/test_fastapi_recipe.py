"""docs/examples/fastapi_app.py as it runs in production: a uvicorn process of its own.

The fake GitLab runs in this process on 127.0.0.1 (a free port); the application runs
under ``python -m uvicorn`` on another free port (``--port 0``, read back from uvicorn's
start-up line) and is driven over real sockets. Every wait is bounded, and the process
is stopped (killed if it must be) whatever the test does.
"""

from __future__ import annotations

import asyncio
import importlib.util
import os
import re
import signal
import socket
import subprocess
import sys
import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import httpx
import pytest

from gitlab_users_client.testing import FakeGitLabServer

ROOT = Path(__file__).resolve().parents[2]
APP = "docs.examples.fastapi_app:app"
STARTED = re.compile(r"Uvicorn running on (http://127\.0\.0\.1:\d+)")
#: Generous: the machine running the suite may be busy; nothing waits this long normally.
START_TIMEOUT = 60.0
STOP_TIMEOUT = 30.0


class Uvicorn:
    """A ``python -m uvicorn`` process and everything it printed so far."""

    def __init__(self, process: subprocess.Popen[str]) -> None:
        self.process = process
        self.lines: list[str] = []
        self._reader = threading.Thread(target=self._read, daemon=True)
        self._reader.start()

    def _read(self) -> None:
        assert self.process.stdout is not None
        for line in self.process.stdout:
            self.lines.append(line)

    @property
    def output(self) -> str:
        return "".join(self.lines)

    def wait_started(self) -> str | None:
        """The application's URL once uvicorn serves it; None if the process ended first."""
        deadline = time.monotonic() + START_TIMEOUT
        while time.monotonic() < deadline:
            found = STARTED.search(self.output)
            if found:
                return found[1]
            if self.process.poll() is not None:
                self._reader.join(timeout=STOP_TIMEOUT)
                return None
            time.sleep(0.05)
        raise AssertionError(f"uvicorn did not start in {START_TIMEOUT} s:\n{self.output}")

    def stop(self) -> int | None:
        """Ctrl-C, as an operator would; the exit status."""
        if self.process.poll() is None:
            self.process.send_signal(signal.SIGINT)
            try:
                self.process.wait(timeout=STOP_TIMEOUT)
            except subprocess.TimeoutExpired:
                self.process.kill()
                self.process.wait(timeout=STOP_TIMEOUT)
        self._reader.join(timeout=STOP_TIMEOUT)
        return self.process.returncode


@contextmanager
def uvicorn_app(gitlab_url: str, token: str) -> Iterator[Uvicorn]:
    env = {
        name: value
        for name, value in os.environ.items()
        if name not in {"GITLAB_URL", "GITLAB_TOKEN", "CI_JOB_TOKEN"}
    }
    env.update(GITLAB_URL=gitlab_url, GITLAB_TOKEN=token, PYTHONUNBUFFERED="1")
    process = subprocess.Popen(
        [sys.executable, "-m", "uvicorn", APP, "--host", "127.0.0.1", "--port", "0"],
        cwd=ROOT,
        env=env,
        stdin=subprocess.DEVNULL,
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        text=True,
    )
    app = Uvicorn(process)
    try:
        yield app
    finally:
        app.stop()


@pytest.fixture(scope="module")
def gitlab() -> Iterator[FakeGitLabServer]:
    with FakeGitLabServer(users=30, seed=23) as server:
        yield server


def test_caller_input_errors_are_422_and_gitlab_answers_pass_through(
    gitlab: FakeGitLabServer,
) -> None:
    seeded = gitlab.state.seeded
    assert seeded is not None
    with uvicorn_app(gitlab.url, gitlab.admin_token) as app:
        url = app.wait_started()
        assert url is not None, app.output
        with httpx.Client(base_url=url, timeout=30.0) as client:
            one = client.get(f"/users/{seeded.admin_id}")
            assert one.status_code == 200, one.text
            assert one.json()["id"] == seeded.admin_id

            # Out of the range the SDK accepts: the caller's input, so 422 (was a 500).
            for user_id in ("99999999999999999999", "0", "-1", "abc"):
                refused = client.get(f"/users/{user_id}")
                assert refused.status_code == 422, (user_id, refused.text)
                assert refused.json()["detail"][0]["loc"] == ["path", "user_id"]

            missing = client.get("/users/987654")
            assert missing.status_code == 404
            assert missing.json() == {"detail": "User Not Found"}

            me = client.get("/me", headers={"X-Remote-User": seeded.user_username})
            assert me.status_code == 200, me.text
            assert me.json()["username"] == seeded.user_username
            # Not a username GitLab could have (the SDK refuses it as sudo): 422, not 500.
            odd = client.get("/me", headers={"X-Remote-User": "two words"})
            assert odd.status_code == 422, odd.text
            assert client.get("/me").status_code == 401

        app.stop()
    assert "Application startup complete" in app.output
    # The lifespan ran to its end (it closed the client). The exit status after Ctrl-C
    # depends on uvicorn's version (0.30 re-raises the signal), so it is not checked.
    assert "Application shutdown complete" in app.output
    assert "Traceback" not in app.output, app.output
    assert "500 Internal Server Error" not in app.output
    assert gitlab.admin_token not in app.output


def test_a_refused_token_stops_the_application_at_startup(gitlab: FakeGitLabServer) -> None:
    token = "glpat-not-a-token-gitlab-knows"
    with uvicorn_app(gitlab.url, token) as app:
        assert app.wait_started() is None, "the application started with a refused token"
        assert app.process.returncode != 0
    assert f"GitLab at {gitlab.api_url} refused GITLAB_TOKEN (401" in app.output, app.output
    assert "Application startup failed" in app.output
    assert token not in app.output


def test_an_unreachable_gitlab_at_startup_does_not_stop_the_application() -> None:
    # A port nothing listens on: bound, never listening, so connections are refused.
    with socket.socket() as closed:
        closed.bind(("127.0.0.1", 0))
        gitlab_url = f"http://127.0.0.1:{closed.getsockname()[1]}"
        with uvicorn_app(gitlab_url, "glpat-unchecked") as app:
            url = app.wait_started()
            assert url is not None, app.output
            with httpx.Client(base_url=url, timeout=60.0) as client:
                down = client.get("/users/1")
            assert down.status_code == 502
            assert down.json() == {"detail": "GitLab did not answer"}
    assert "token not checked" in app.output
    assert "Application shutdown complete" in app.output
    assert "glpat-unchecked" not in app.output


def test_an_input_error_past_the_edge_checks_is_a_422_too() -> None:
    # Every route of the example declares its bounds, so no request reaches this handler;
    # it is the backstop for a route that forgets to. Called the way FastAPI calls it.
    spec = importlib.util.spec_from_file_location(
        "fastapi_recipe_app", ROOT / "docs" / "examples" / "fastapi_app.py"
    )
    assert spec is not None and spec.loader is not None
    example = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(example)
    refused = example.InvalidRequestError("id is outside the 64-bit range GitLab accepts")
    handler = example.app.exception_handlers[example.InvalidRequestError]
    answer = asyncio.run(handler(None, refused))
    assert answer.status_code == 422
    assert answer.body == b'{"detail":"id is outside the 64-bit range GitLab accepts"}'
