"""Serving the fake over loopback: a background-thread server and the ``serve`` command.

Why a thread with its own event loop: the SDK under test may run on asyncio or trio, in sync
or async tests; a server on its own loop in its own thread is independent of all of them and
talks to the client over a real socket, so transport behaviour (keep-alive, dropped
connections, timeouts) is real. The socket is bound before the thread starts (port 0 picks a
free port), so ``url`` is known immediately and no connection is refused during start-up.
"""

from __future__ import annotations

import socket
import threading
import time
from types import TracebackType

import anyio.to_thread
import uvicorn

from ._app import create_app, quiet_dropped_connection_logs
from ._config import FakeConfig
from ._faults import Faults
from ._store import FakeState


def bind_socket(host: str = "127.0.0.1", port: int = 0) -> socket.socket:
    family = socket.AF_INET6 if ":" in host else socket.AF_INET
    sock = socket.socket(family, socket.SOCK_STREAM)
    sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
    sock.bind((host, port))
    sock.listen(128)
    sock.setblocking(False)
    return sock


def uvicorn_config(state: FakeState) -> uvicorn.Config:
    quiet_dropped_connection_logs()
    return uvicorn.Config(
        create_app(state),
        loop="asyncio",
        http="h11",
        lifespan="off",
        log_config=None,
        log_level="warning",
        access_log=False,
        timeout_graceful_shutdown=2,
        timeout_keep_alive=30,
    )


class FakeGitLabServer:
    """Run the fake on ``127.0.0.1:<free port>`` in a background thread.

    >>> with FakeGitLabServer(users=100) as server:
    ...     httpx.get(f"{server.url}/api/v4/user", headers={"PRIVATE-TOKEN": server.admin_token})

    Also usable as ``async with``. If ``state`` is given it is served as is (it must have been
    seeded with ``seed_users`` for the token attributes to be set); otherwise a new state is
    created from ``config``/``faults`` and seeded with ``users`` users and ``seed``.
    """

    def __init__(
        self,
        state: FakeState | None = None,
        *,
        users: int = 20,
        seed: int = 0,
        config: FakeConfig | None = None,
        faults: Faults | None = None,
        host: str = "127.0.0.1",
        port: int = 0,
        start_timeout: float = 10.0,
    ) -> None:
        if state is None:
            state = FakeState(config, faults)
            state.seed_users(users, seed=seed)
        self.state = state
        self.host = host
        self.port = port
        self.start_timeout = start_timeout
        self._server: uvicorn.Server | None = None
        self._thread: threading.Thread | None = None
        self._sock: socket.socket | None = None

    @property
    def admin_token(self) -> str:
        if self.state.seeded is None:
            raise RuntimeError("the state was not seeded with seed_users()")
        return self.state.seeded.admin_token

    @property
    def user_token(self) -> str:
        if self.state.seeded is None:
            raise RuntimeError("the state was not seeded with seed_users()")
        return self.state.seeded.user_token

    @property
    def url(self) -> str:
        if self._sock is None:
            raise RuntimeError("server is not running")
        host, port = self._sock.getsockname()[:2]
        return f"http://[{host}]:{port}" if ":" in host else f"http://{host}:{port}"

    @property
    def api_url(self) -> str:
        return f"{self.url}/api/v4"

    def start(self) -> FakeGitLabServer:
        if self._thread is not None:
            raise RuntimeError("already started")
        self._sock = bind_socket(self.host, self.port)
        server = uvicorn.Server(uvicorn_config(self.state))
        self._server = server
        sock = self._sock
        self._thread = threading.Thread(
            target=server.run, kwargs={"sockets": [sock]}, name="fake-gitlab", daemon=True
        )
        self._thread.start()
        deadline = time.monotonic() + self.start_timeout
        while not server.started:
            if not self._thread.is_alive():
                self._cleanup()
                raise RuntimeError("fake GitLab server thread exited during start-up")
            if time.monotonic() > deadline:
                self.stop()
                raise TimeoutError(f"fake GitLab server did not start in {self.start_timeout}s")
            time.sleep(0.005)
        return self

    def stop(self, timeout: float = 10.0) -> None:
        if self._server is not None:
            self._server.should_exit = True
        if self._thread is not None:
            self._thread.join(timeout)
            if self._thread.is_alive() and self._server is not None:
                self._server.force_exit = True
                self._thread.join(timeout)
        self._cleanup()

    def _cleanup(self) -> None:
        if self._sock is not None:
            self._sock.close()
        self._sock = None
        self._thread = None
        self._server = None

    def __enter__(self) -> FakeGitLabServer:
        return self.start()

    def __exit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        self.stop()

    async def __aenter__(self) -> FakeGitLabServer:
        return await anyio.to_thread.run_sync(self.start)

    async def __aexit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        await anyio.to_thread.run_sync(self.stop)
