"""https on every engine: a trusted certificate works and its connection is kept alive; a
certificate that does not verify is a connection error before anything is sent.

The server is a TLS socket in a thread with a certificate from a test CA (trustme); the
client trusts that CA through ``SSL_CERT_FILE``, as httpx's default context does.
"""

from __future__ import annotations

import contextlib
import socket
import ssl
import threading
from pathlib import Path
from typing import Any

import anyio
import pytest
import trustme

from gitlab_users_client import APIConnectionError, AsyncGitLab, RetryPolicy

from .harness import ENGINES, run_on

BODY = b'{"id": 1, "username": "a", "name": "A", "state": "active", "web_url": "http://x/a"}'
ANSWER = b"HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nContent-Length: %d\r\n\r\n%s" % (
    len(BODY),
    BODY,
)
POLICY = RetryPolicy(max_retries=1, budget=10.0, backoff_base=0.01, backoff_max=0.02)


class TLSServer:
    """Answers every request on every connection until stopped; counts both."""

    def __init__(self, context: ssl.SSLContext) -> None:
        self.context = context
        self.listener = socket.create_server(("127.0.0.1", 0))
        self.listener.settimeout(0.05)
        self.port = self.listener.getsockname()[1]
        self.connections = 0
        self.requests = 0
        self.stop = threading.Event()
        self.threads: list[threading.Thread] = []

    def __enter__(self) -> TLSServer:
        self._spawn(self._accept)
        return self

    def __exit__(self, *exc: object) -> None:
        self.stop.set()
        for thread in self.threads:
            thread.join(timeout=2)
        self.listener.close()

    def _spawn(self, target: Any, *args: Any) -> None:
        thread = threading.Thread(target=target, args=args, daemon=True)
        self.threads.append(thread)
        thread.start()

    def _accept(self) -> None:
        deadline = threading.Timer(20, self.stop.set)  # stops itself whatever the test does
        deadline.daemon = True
        deadline.start()
        while not self.stop.is_set():
            try:
                raw, _ = self.listener.accept()
            except TimeoutError:
                continue
            self.connections += 1
            self._spawn(self._serve, raw)
        deadline.cancel()

    def _serve(self, raw: socket.socket) -> None:
        raw.settimeout(5)
        try:
            conn = self.context.wrap_socket(raw, server_side=True)
        except (ssl.SSLError, OSError):  # the client refused the certificate
            raw.close()
            return
        with contextlib.closing(conn):
            buffer = b""
            while not self.stop.is_set():
                try:
                    chunk = conn.recv(65536)
                except (TimeoutError, ssl.SSLError, OSError):
                    return
                if not chunk:
                    return
                buffer += chunk
                while b"\r\n\r\n" in buffer:
                    _, buffer = buffer.split(b"\r\n\r\n", 1)
                    self.requests += 1
                    conn.sendall(ANSWER)


@pytest.fixture(scope="module")
def ca() -> trustme.CA:
    return trustme.CA()


@pytest.fixture
def trusted(ca: trustme.CA, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    bundle = tmp_path / "ca.pem"
    ca.cert_pem.write_to_path(str(bundle))
    monkeypatch.setenv("SSL_CERT_FILE", str(bundle))
    monkeypatch.delenv("SSL_CERT_DIR", raising=False)


def server_context(ca: trustme.CA, *names: str) -> ssl.SSLContext:
    context = ssl.create_default_context(ssl.Purpose.CLIENT_AUTH)
    ca.issue_cert(*names).configure_cert(context)
    return context


def run(engine: tuple[str, str], url: str, calls: int) -> tuple[list[str], BaseException | None]:
    transport, backend = engine

    async def main() -> tuple[list[str], BaseException | None]:
        names: list[str] = []
        try:
            with anyio.fail_after(15):  # a hang guard, not a speed check
                async with AsyncGitLab(
                    url,
                    token="glpat-x",
                    transport=transport,  # type: ignore[arg-type]
                    retry_policy=POLICY,
                ) as gl:
                    for _ in range(calls):
                        names.append((await gl.users.get(1)).username)
        except APIConnectionError as exc:
            return names, exc
        return names, None

    result: tuple[list[str], BaseException | None] = run_on(backend, main)
    return result


@pytest.mark.parametrize("engine", list(ENGINES.values()), ids=list(ENGINES))
def test_a_trusted_certificate_carries_requests_on_one_connection(
    engine: tuple[str, str], ca: trustme.CA, trusted: None
) -> None:
    with TLSServer(server_context(ca, "localhost", "127.0.0.1")) as server:
        names, error = run(engine, f"https://localhost:{server.port}", 3)
    assert error is None
    assert names == ["a", "a", "a"]
    assert (server.connections, server.requests) == (1, 3)


@pytest.mark.parametrize("engine", list(ENGINES.values()), ids=list(ENGINES))
@pytest.mark.parametrize("problem", ["wrong-name", "untrusted-ca"])
def test_a_certificate_that_does_not_verify_is_a_connection_error(
    engine: tuple[str, str], problem: str, ca: trustme.CA, trusted: None
) -> None:
    issuer = ca if problem == "wrong-name" else trustme.CA()
    with TLSServer(server_context(issuer, "gitlab.example.com")) as server:
        names, error = run(engine, f"https://localhost:{server.port}", 1)
    assert names == []
    assert isinstance(error, APIConnectionError)
    assert not error.outcome_unknown  # nothing was sent
    assert "ConnectError" in str(error)
    assert server.requests == 0
    assert server.connections == 2  # retried once: a refused handshake sent nothing
