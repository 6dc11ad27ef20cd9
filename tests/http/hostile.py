"""A raw-socket HTTP server that misbehaves on purpose, one per test.

It runs in threads with blocking sockets, so it serves asyncio and trio clients
alike. Every connection thread polls a stop flag, and the whole server stops itself
after ``lifetime`` seconds even if a test forgets to.
"""

from __future__ import annotations

import contextlib
import socket
import threading
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from types import TracebackType

_POLL = 0.05


@dataclass
class Exchange:
    """One request as the server saw it, and the means to answer it."""

    conn: socket.socket = field(repr=False)
    index: int
    method: str
    target: str
    #: Not in repr: it holds the request's credentials.
    head: bytes = field(repr=False)
    body: bytes = field(repr=False)
    stop: threading.Event = field(repr=False)
    #: Set by the handler to read another request on the same connection.
    keep_alive: bool = False

    def send(self, data: bytes) -> bool:
        """Write to the client; False once the client has gone."""
        try:
            self.conn.sendall(data)
        except OSError:
            return False
        return True

    def sleep(self, seconds: float) -> bool:
        """Wait, unless the server is stopping; False if it is."""
        return not self.stop.wait(seconds)


#: Answers one connection; what it returns is ignored (a handler may end on a ``sleep``).
Handler = Callable[[Exchange], object]


@dataclass
class HostileServer:
    handler: Handler
    lifetime: float = 20.0
    #: Bytes written as soon as a connection opens, before reading anything; the
    #: connection is then closed (for clients that expect the server to speak first).
    greeting: bytes | None = None
    exchanges: list[Exchange] = field(default_factory=list)

    def __post_init__(self) -> None:
        self._stop = threading.Event()
        self._lock = threading.Lock()
        self._threads: list[threading.Thread] = []
        self._listener = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
        self._listener.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        self._listener.bind(("127.0.0.1", 0))
        self._listener.listen(64)
        self._listener.settimeout(_POLL)
        self.port = self._listener.getsockname()[1]
        self._deadline = time.monotonic() + self.lifetime
        self._connections = 0

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.port}"

    @property
    def attempts(self) -> int:
        """Requests received (complete heads), counted at the server."""
        with self._lock:
            return len(self.exchanges)

    @property
    def connections(self) -> int:
        """Connections accepted so far."""
        with self._lock:
            return self._connections

    @property
    def targets(self) -> list[str]:
        with self._lock:
            return [exchange.target for exchange in self.exchanges]

    def __enter__(self) -> HostileServer:
        self._spawn(self._accept_loop)
        return self

    def __exit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        self._stop.set()
        for thread in list(self._threads):
            thread.join(timeout=2)
        self._listener.close()

    def _spawn(self, target: Callable[..., None], *args: object) -> None:
        thread = threading.Thread(target=target, args=args, daemon=True)
        self._threads.append(thread)
        thread.start()

    def _stopping(self) -> bool:
        if time.monotonic() > self._deadline:
            self._stop.set()
        return self._stop.is_set()

    def _accept_loop(self) -> None:
        while not self._stopping():
            try:
                conn, _ = self._listener.accept()
            except TimeoutError:
                continue
            except OSError:
                return
            conn.settimeout(_POLL)
            with self._lock:
                self._connections += 1
            self._spawn(self._serve, conn)

    def _receive(self, conn: socket.socket, buffer: bytearray) -> bool:
        """Append what arrives next; False when the client or the server is gone."""
        while not self._stopping():
            try:
                chunk = conn.recv(65536)
            except TimeoutError:
                continue
            except OSError:
                return False
            buffer += chunk
            return bool(chunk)
        return False

    def _read_until(self, conn: socket.socket, buffer: bytearray, marker: bytes) -> int:
        while (index := buffer.find(marker)) < 0:
            if not self._receive(conn, buffer):
                return -1
        return index

    def _serve(self, conn: socket.socket) -> None:
        buffer = bytearray()
        try:
            if self.greeting is not None:
                with contextlib.suppress(OSError):
                    conn.sendall(self.greeting)
                return
            while True:
                end = self._read_until(conn, buffer, b"\r\n\r\n")
                if end < 0:
                    return
                head = bytes(buffer[:end])
                del buffer[: end + 4]
                length = 0
                for line in head.split(b"\r\n")[1:]:
                    name, _, value = line.partition(b":")
                    if name.strip().lower() == b"content-length":
                        length = int(value.strip())
                while len(buffer) < length:
                    if not self._receive(conn, buffer):
                        return
                body = bytes(buffer[:length])
                del buffer[:length]
                method, target = head.split(b" ")[:2]
                with self._lock:
                    exchange = Exchange(
                        conn=conn,
                        index=len(self.exchanges),
                        method=method.decode(),
                        target=target.decode("latin-1"),
                        head=head,
                        body=body,
                        stop=self._stop,
                    )
                    self.exchanges.append(exchange)
                self.handler(exchange)
                if not exchange.keep_alive:
                    return
        finally:
            with contextlib.suppress(OSError):
                conn.shutdown(socket.SHUT_RDWR)
            conn.close()


def closed_port() -> int:
    """A loopback port nothing listens on (connections are refused)."""
    probe = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
    probe.bind(("127.0.0.1", 0))
    port: int = probe.getsockname()[1]
    probe.close()
    return port
