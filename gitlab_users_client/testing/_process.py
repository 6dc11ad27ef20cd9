"""The fake GitLab in a process of its own (``python -m gitlab_users_client.testing serve``).

For benchmarks and for testing command-line tools: the server then does not share the
caller's interpreter (or its GIL), and it stops with the ``with`` block.
"""

from __future__ import annotations

import json
import os
import selectors
import subprocess
import sys
from typing import Any

from ._faults import Faults


class FakeGitLabProcess:
    """Start ``serve`` on 127.0.0.1 with a free port; ``.url`` and the tokens come from the
    first line it prints."""

    def __init__(
        self,
        *,
        users: int = 20,
        seed: int = 0,
        faults: Faults | None = None,
        start_timeout: float = 60.0,
        request_log: str | os.PathLike[str] | None = None,
    ) -> None:
        self.users = users
        self.seed = seed
        self.faults = faults
        #: Where the process appends one JSON line per API request (see ``Stats``).
        self.request_log = request_log
        self.start_timeout = start_timeout
        self._proc: subprocess.Popen[str] | None = None
        self.info: dict[str, Any] = {}

    @property
    def url(self) -> str:
        return str(self.info["url"])

    @property
    def api_url(self) -> str:
        return f"{self.url}/api/v4"

    @property
    def pid(self) -> int:
        """The server's process ID (to watch its memory, for example)."""
        if self._proc is None:
            raise RuntimeError("the fake GitLab process is not running")
        return self._proc.pid

    @property
    def admin_token(self) -> str:
        return str(self.info["admin_token"])

    @property
    def user_token(self) -> str:
        return str(self.info["user_token"])

    def start(self) -> FakeGitLabProcess:
        command = [sys.executable, "-m", "gitlab_users_client.testing", "serve", "--port", "0"]
        command += ["--users", str(self.users), "--seed", str(self.seed)]
        if self.faults is not None:
            command += ["--faults", json.dumps(self.faults.to_dict())]
        if self.request_log is not None:
            command += ["--request-log", os.fspath(self.request_log)]
        self._proc = subprocess.Popen(command, stdout=subprocess.PIPE, text=True)  # noqa: S603
        assert self._proc.stdout is not None
        with selectors.DefaultSelector() as selector:
            selector.register(self._proc.stdout, selectors.EVENT_READ)
            ready = selector.select(self.start_timeout)
        line = self._proc.stdout.readline() if ready else ""
        if not line:
            self.stop()
            raise RuntimeError(f"the fake GitLab did not start within {self.start_timeout} s")
        self.info = json.loads(line)
        return self

    def stop(self, timeout: float = 10.0) -> None:
        if self._proc is None:
            return
        self._proc.terminate()
        try:
            self._proc.wait(timeout=timeout)
        except subprocess.TimeoutExpired:
            self._proc.kill()
            self._proc.wait()
        if self._proc.stdout is not None:
            self._proc.stdout.close()
        self._proc = None

    def __enter__(self) -> FakeGitLabProcess:
        return self.start()

    def __exit__(self, *exc_info: object) -> None:
        self.stop()
