"""Running ``gitlab-users bulk`` as a real process against the bundled fake GitLab.

Shared by the tests of ``tests/cli/``: the fake runs in a thread of the test process
(``FakeGitLabServer``), so a test can read and change its state directly; its request
log (one JSON line per API request) goes to a ``StringIO``.
"""

from __future__ import annotations

import contextlib
import csv
import io
import json
import re
import signal
import socket
import subprocess
import sys
import threading
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from gitlab_users_client.testing import FakeGitLabServer, User
from tests.cli_env import clean_env

CLI = [sys.executable, "-m", "gitlab_users_client.cli"]
SUMMARY = re.compile(
    r"processed (?P<processed>\d+): ok (?P<ok>\d+), failed (?P<failed>\d+), "
    r"unknown (?P<unknown>\d+)(?:, skipped (?P<skipped>\d+))?"
    r"(?:, not attempted (?P<not_attempted>\d+))? in [\d.]+ s$"
)


def default_signals() -> None:
    """In the child: the default SIGINT and SIGHUP dispositions, as an interactive shell
    gives them (a shell's background job ignores SIGINT; a run under ``nohup`` SIGHUP)."""
    signal.signal(signal.SIGINT, signal.SIG_DFL)
    signal.signal(signal.SIGHUP, signal.SIG_DFL)


@dataclass
class Bulk:
    """The CLI, as an administrator (or ``token``) of ``server``."""

    server: FakeGitLabServer
    home: Path
    token: str = ""
    url: str = ""
    log: io.StringIO = field(default_factory=io.StringIO)

    def __post_init__(self) -> None:
        self.token = self.token or self.server.admin_token
        self.url = self.url or self.server.url
        self.server.state.stats.request_log = self.log

    def env(self, **extra: str) -> dict[str, str]:
        return clean_env(self.home, GITLAB_URL=self.url, GITLAB_TOKEN=self.token, **extra)

    def run(
        self, *args: str, stdin: str | bytes = "", timeout: float = 120, **env: str
    ) -> subprocess.CompletedProcess[str]:
        data = stdin.encode() if isinstance(stdin, str) else stdin
        proc = subprocess.run(
            [*CLI, *args], input=data, capture_output=True, env=self.env(**env), timeout=timeout
        )
        result = subprocess.CompletedProcess(
            proc.args, proc.returncode, proc.stdout.decode(), proc.stderr.decode()
        )
        self.check_output(result.stdout + result.stderr)
        return result

    def start(self, *args: str, preexec: Callable[[], None] = default_signals) -> Popen:
        """``gitlab-users ARGS`` in the background (stdin closed); see :class:`Popen`."""
        proc = subprocess.Popen(
            [*CLI, *args],
            stdin=subprocess.DEVNULL,
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            text=True,
            env=self.env(),
            preexec_fn=preexec,
        )
        return Popen(proc, self)

    def check_output(self, text: str) -> None:
        assert self.server.admin_token not in text and self.server.user_token not in text
        assert "Traceback" not in text and "error: unexpected" not in text

    def requests(self) -> list[dict[str, Any]]:
        """The fake's request log so far, in the order requests were answered."""
        return [json.loads(line) for line in self.log.getvalue().splitlines()]

    def writes(self) -> list[dict[str, Any]]:
        return [r for r in self.requests() if r["method"] not in ("GET", "HEAD")]


@dataclass
class Popen:
    """A ``gitlab-users`` process started by :meth:`Bulk.start`."""

    proc: subprocess.Popen[str]
    bulk: Bulk

    def signal(self, signum: int) -> None:
        self.proc.send_signal(signum)

    def finish(self, timeout: float = 60) -> tuple[int, str]:
        """Wait for the exit: ``(exit code, stderr)`` (the process is killed after ``timeout``)."""
        try:
            _, err = self.proc.communicate(timeout=timeout)
        except subprocess.TimeoutExpired:
            self.proc.kill()
            self.proc.communicate()
            raise
        self.bulk.check_output(err)
        return self.proc.returncode, err


def wait_for(predicate: Callable[[], bool], timeout: float = 30, what: str = "") -> None:
    """Poll ``predicate`` until it is true (fails the test after ``timeout`` seconds)."""
    deadline = time.monotonic() + timeout
    while not predicate():
        assert time.monotonic() < deadline, f"timed out waiting for {what or predicate}"
        time.sleep(0.02)


def summary(stderr: str) -> dict[str, int]:
    """The counts of the summary line (the last one on stderr that is a summary)."""
    for line in reversed(stderr.splitlines()):
        match = SUMMARY.search(line.split("\r")[-1])
        if match:
            return {k: int(v or 0) for k, v in match.groupdict().items()}
    raise AssertionError(f"no summary line in:\n{stderr}")


def _typed(row: dict[str, Any]) -> dict[str, Any]:
    out = dict(row)
    for key in ("index", "line", "user_id", "status"):
        value = out.get(key)
        out[key] = int(value) if isinstance(value, str) and value else (value or None)
    for key in ("username", "input", "message"):
        out[key] = out.get(key) or None
    return out


def journal(path: Path) -> list[dict[str, Any]]:
    """Every row of a results file, in file order (ints as ints, empty cells as None)."""
    text = path.read_text(encoding="utf-8")
    assert "glpat-" not in text and "[REDACTED]" not in text  # no token, not even masked
    if path.suffix == ".csv":
        return [_typed(r) for r in csv.DictReader(io.StringIO(text))]
    return [_typed(json.loads(line)) for line in text.splitlines() if line.endswith("}")]


def final(path: Path) -> dict[int, dict[str, Any]]:
    """index -> the last row of that item (the one that counts)."""
    return {row["index"]: row for row in journal(path)}


def pick(server: FakeGitLabServer, n: int, *, state: str = "active", skip: int = 0) -> list[User]:
    """``n`` human users in ``state`` (not the admin, user 1)."""
    found = [
        u
        for u in server.state.iter_users()
        if u.id > 2 and u.user_type == "human" and u.state == state and not u.is_admin
    ]
    assert len(found) >= skip + n, f"only {len(found)} {state} users"
    return found[skip : skip + n]


def write_ids(path: Path, users: list[User]) -> Path:
    path.write_text("".join(f"{u.id}\n" for u in users))
    return path


class CutProxy:
    """A TCP forwarder to ``target`` that can refuse connections for a while.

    ``cut()`` closes the listening socket and every connection: new connections are
    refused, as by a GitLab that went down. ``restore()`` listens on the same port again.
    """

    def __init__(self, target: tuple[str, int]) -> None:
        self.target = target
        self._listener = self._listen(0)
        self.port = self._listener.getsockname()[1]
        self._conns: list[socket.socket] = []
        self._lock = threading.Lock()
        self._accepting = threading.Thread(target=self._accept, args=(self._listener,), daemon=True)
        self._accepting.start()

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.port}"

    @staticmethod
    def _listen(port: int) -> socket.socket:
        sock = socket.socket()
        sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        sock.bind(("127.0.0.1", port))
        sock.listen(64)
        return sock

    def _accept(self, listener: socket.socket) -> None:
        while True:
            try:
                client, _ = listener.accept()
            except OSError:
                return
            upstream = socket.create_connection(self.target, timeout=10)
            with self._lock:
                self._conns += [client, upstream]
            for a, b in ((client, upstream), (upstream, client)):
                threading.Thread(target=self._pipe, args=(a, b), daemon=True).start()

    @staticmethod
    def _pipe(source: socket.socket, sink: socket.socket) -> None:
        try:
            while data := source.recv(65536):
                sink.sendall(data)
        except OSError:
            pass
        finally:
            for sock in (source, sink):
                with contextlib.suppress(OSError):
                    sock.shutdown(socket.SHUT_RDWR)

    def cut(self) -> None:
        self._listener.close()
        with self._lock:
            conns, self._conns = self._conns, []
        for conn in conns:
            with contextlib.suppress(OSError):
                conn.shutdown(socket.SHUT_RDWR)
            conn.close()

    def restore(self) -> None:
        self._listener = self._listen(self.port)
        self._accepting = threading.Thread(target=self._accept, args=(self._listener,), daemon=True)
        self._accepting.start()

    def close(self) -> None:
        self.cut()
