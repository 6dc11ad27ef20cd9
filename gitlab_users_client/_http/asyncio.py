"""The SDK's own HTTP/1.1 engine: ``transport="asyncio"``, opt-in; asyncio protocols
(uvloop's too) and the framing of ``h1``.

Why it exists (numbers in ``benchmarks/README.md``): on a 144 KB page of 100 admin
users, httpcore spends about 0.4 ms more per request than a plain asyncio protocol
(its anyio streams read 64 KiB at a time: several event-loop turns and thousands of
Python calls per page; on a small GET, h11's per-event bookkeeping costs more than
everything else the engine does), and aiohttp, fast once loaded, costs a fresh process
about 70 ms to import. This
engine is sockets through ``loop.create_connection``, the strict HTTP/1.1 framing of
``h1``, a pool of kept-alive connections, and timeouts as timer callbacks instead of
cancel scopes.

Observable behaviour is the other engines' (the conformance suite in
``tests/http`` runs every case on each):

* failures are httpx's exception types, raised with no cause chain and with fixed
  messages (never the server's bytes, which may echo a request header);
  ``ConnectError``/``ConnectTimeout``/``PoolTimeout`` only when nothing was sent;
* timeouts: ``pool`` for a free connection, ``connect`` (TLS included), then ``read``
  (plus ``write`` with a body) for the whole response head — interim ``1xx`` answers
  do not restart it — then ``read`` between body bytes;
* no hidden re-send: a kept-alive connection that closes is an error for the caller's
  retry policy to judge; a pooled connection that became readable while idle (closed,
  or sending unasked-for bytes) is never reused;
* the URL is sent as httpx encoded it; bodies are streamed raw, with reading paused
  while more than ``_HIGH_WATER`` bytes wait to be consumed.
"""

from __future__ import annotations

import asyncio
import contextlib
import select
import ssl
from collections import deque
from collections.abc import AsyncIterator, Callable
from typing import Any, TypeVar, cast

import httpx

from .checks import certificate_error, report_sent, seconds
from .h1 import Head, ProtocolError, ResponseReader, encode_request

__all__ = ["AsyncioTransport"]

Origin = tuple[str, str, int]
T = TypeVar("T")

#: Unread response bytes after which the socket is no longer read.
_HIGH_WATER = 1 << 20
_DEFAULT_PORTS = {"http": 80, "https": 443}


class _Connection(asyncio.Protocol):
    """One HTTP/1.1 connection: the socket's callbacks feed the current response's reader."""

    def __init__(self, origin: Origin, loop: asyncio.AbstractEventLoop) -> None:
        self.origin = origin
        self.loop = loop
        self.transport: asyncio.Transport | None = None
        self.reader: ResponseReader | None = None
        self.idle_since = 0.0
        self.closed = False
        self.eof = False
        #: Bytes arrived while no request was waiting for them: never reuse.
        self.dirty = False
        self.lost_error: OSError | None = None
        self._waiter: asyncio.Future[bool] | None = None
        self._drain: asyncio.Future[bool] | None = None
        self._reading_paused = False

    # -- asyncio.Protocol ----------------------------------------------------------

    def connection_made(self, transport: asyncio.BaseTransport) -> None:
        # A stream transport, though not always an asyncio.Transport subclass (uvloop's
        # are its own classes with the same methods).
        self.transport = cast(asyncio.Transport, transport)

    def data_received(self, data: bytes) -> None:
        reader = self.reader
        if reader is None:
            self.dirty = True
            return
        reader.feed(data)
        if reader.buffered > _HIGH_WATER and not self._reading_paused and self.transport:
            self._reading_paused = True
            self.transport.pause_reading()
        self._wake()

    def eof_received(self) -> bool:
        self._end_of_input()
        return False  # close the transport

    def connection_lost(self, exc: Exception | None) -> None:
        self.closed = True
        if isinstance(exc, OSError):
            self.lost_error = exc
        self._end_of_input()
        drain, self._drain = self._drain, None
        if drain is not None and not drain.done():
            drain.set_result(True)

    def pause_writing(self) -> None:
        if self._drain is None:
            self._drain = self.loop.create_future()

    def resume_writing(self) -> None:
        drain, self._drain = self._drain, None
        if drain is not None and not drain.done():
            drain.set_result(True)

    # -- used by the transport -----------------------------------------------------

    def _end_of_input(self) -> None:
        if not self.eof:
            self.eof = True
            if self.reader is not None:
                self.reader.feed_eof()
        self._wake()

    def _wake(self) -> None:
        waiter = self._waiter
        if waiter is not None and not waiter.done():
            waiter.set_result(True)

    def abort(self) -> None:
        self.closed = True
        if self.transport is not None:
            self.transport.abort()

    def reusable(self, now: float, expiry: float | None) -> bool:
        """Whether this idle connection can carry another request."""
        transport = self.transport
        if self.closed or self.eof or self.dirty or transport is None or transport.is_closing():
            return False
        if expiry is not None and now - self.idle_since > expiry:
            return False
        # Readable while idle: the server closed it (or sent bytes nobody asked for) and
        # the event loop has not told us yet. Sending there could lose the request.
        sock = transport.get_extra_info("socket")
        return sock is None or not _readable(sock.fileno())

    def finished(self) -> bool:
        """After a complete body: whether the connection may carry the next request."""
        reader, self.reader = self.reader, None
        return (
            reader is not None
            and reader.reusable
            and not (self.closed or self.eof or self.dirty or self._reading_paused)
        )

    async def send(self, data: bytes, timeout: float | None) -> None:
        assert self.transport is not None
        if self.closed:
            # Closed before a byte was written: provably not sent, so retryable for any method.
            raise httpx.ConnectError("the kept-alive connection closed before the request was sent")
        self.transport.write(data)
        drain = self._drain
        if drain is not None:
            if not await _wait(drain, timeout):
                raise httpx.WriteTimeout("timed out while sending")
            if self.closed:
                raise httpx.WriteError("connection lost while sending")

    async def read_head(self, deadline: float | None) -> Head:
        """The final response head; ``deadline`` (loop time) bounds the whole wait."""
        reader = self.reader
        assert reader is not None
        while (head := self._step(reader.head)) is None:
            if not await self._more(deadline):
                raise httpx.ReadTimeout("timed out waiting for the response")
        return head

    async def read_body(self, read: float | None) -> bytes | None:
        """The next piece of body, ``None`` at its end; ``read`` bounds each wait."""
        reader = self.reader
        assert reader is not None
        while (piece := self._step(reader.body)) == b"":
            deadline = None if read is None else self.loop.time() + read
            if not await self._more(deadline):
                raise httpx.ReadTimeout("timed out reading the response")
        return piece

    def _step(self, read: Callable[[], T]) -> T:
        """One step of the reader, its failures as httpx's exception types."""
        error: httpx.TransportError | None = None
        try:
            return read()
        except ProtocolError as exc:
            error = httpx.RemoteProtocolError(f"malformed response: {exc}")
        except EOFError:
            error = self._lost_error()
        raise error  # outside the except blocks: no cause chain

    async def _more(self, deadline: float | None) -> bool:
        """Wait for more bytes (or the end of input); ``False`` if the deadline passed."""
        if self._reading_paused and self.transport is not None:
            self._reading_paused = False
            self.transport.resume_reading()
        waiter = self._waiter = self.loop.create_future()
        try:
            return await _wait(waiter, deadline, absolute=True)
        finally:
            self._waiter = None

    def _lost_error(self) -> httpx.TransportError:
        if self.lost_error is not None:
            reason = self.lost_error.strerror or type(self.lost_error).__name__
            return httpx.ReadError(f"connection lost: {reason}")
        return httpx.RemoteProtocolError("server disconnected without sending a complete response")


def _readable(fd: int) -> bool:
    """Whether ``fd`` has bytes (or an end of input) waiting; ``True`` if unknown."""
    try:
        if hasattr(select, "poll"):  # no limit on the descriptor's number, unlike select()
            poller = select.poll()
            poller.register(fd, select.POLLIN)
            return bool(poller.poll(0))
        readable, _, _ = select.select([fd], [], [], 0)
    except (OSError, ValueError):
        return True
    return bool(readable)


async def _wait(
    future: asyncio.Future[bool], timeout: float | None, *, absolute: bool = False
) -> bool:
    """Wait for ``future``; ``False`` when ``timeout`` (seconds, or loop time if
    ``absolute``) passed first. The caller's own cancellation propagates."""
    if timeout is None:
        return await future
    loop = future.get_loop()
    handle = loop.call_at(timeout if absolute else loop.time() + timeout, _expire, future)
    try:
        return await future
    finally:
        handle.cancel()


def _woken(future: asyncio.Future[bool]) -> bool:
    return future.done() and not future.cancelled() and future.result()


def _expire(future: asyncio.Future[bool]) -> None:
    if not future.done():
        future.set_result(False)


class _Body(httpx.AsyncByteStream):
    """The raw (still encoded) body as it arrives; ``read`` bounds each wait."""

    __slots__ = ("_conn", "_done", "_read", "_release")

    def __init__(
        self,
        conn: _Connection,
        read: float | None,
        release: Callable[[_Connection, bool], None],
    ) -> None:
        self._conn = conn
        self._read = read
        self._release: Callable[[_Connection, bool], None] | None = release
        self._done = False

    async def __aiter__(self) -> AsyncIterator[bytes]:
        conn = self._conn
        try:
            while not self._done:
                piece = await conn.read_body(self._read)
                if piece is None:
                    self._done = True
                else:
                    yield piece
        finally:
            if not self._done:  # failed, cancelled or abandoned half-way: not reusable
                self._finish()

    async def aclose(self) -> None:
        self._finish()

    def _finish(self) -> None:
        release, self._release = self._release, None
        if release is not None:
            keep = self._conn.finished() if self._done else False
            release(self._conn, keep)


class AsyncioTransport(httpx.AsyncBaseTransport):
    """Sends httpx requests over HTTP/1.1 with asyncio protocols (asyncio only)."""

    def __init__(
        self,
        limits: httpx.Limits | None = None,
        tls: Callable[[], ssl.SSLContext] | None = None,
    ) -> None:
        limits = limits or httpx.Limits()
        self._max = limits.max_connections
        self._max_idle = limits.max_keepalive_connections
        self._expiry = limits.keepalive_expiry
        self._tls = tls or httpx.create_ssl_context
        self._ssl_context: ssl.SSLContext | None = None
        self._idle: dict[Origin, list[_Connection]] = {}
        self._idle_count = 0
        self._total = 0
        self._slot_waiters: deque[asyncio.Future[bool]] = deque()
        #: Every open connection, idle or carrying a request.
        self._open: set[_Connection] = set()
        self._closed = False

    # -- the pool --------------------------------------------------------------------

    def _take_idle(self, origin: Origin, now: float) -> _Connection | None:
        idle = self._idle.get(origin)
        while idle:
            conn = idle.pop()
            self._idle_count -= 1
            if conn.reusable(now, self._expiry):
                return conn
            self._discard(conn)
        return None

    def _discard(self, conn: _Connection) -> None:
        conn.abort()
        if conn in self._open:
            self._open.remove(conn)
            self._total -= 1
        self._wake_one()

    def _wake_one(self) -> None:
        while self._slot_waiters:
            waiter = self._slot_waiters.popleft()
            if not waiter.done():
                waiter.set_result(True)
                return

    def _close_oldest_idle(self) -> bool:
        """Free a slot held by an idle connection to another origin."""
        for idle in self._idle.values():
            if idle:
                conn = idle.pop(0)
                self._idle_count -= 1
                self._discard(conn)
                return True
        return False

    def _release(self, conn: _Connection, keep: bool) -> None:
        if not keep or self._closed:
            self._discard(conn)
            return
        if self._max_idle is not None and self._idle_count >= self._max_idle:
            self._discard(conn)
            return
        conn.idle_since = conn.loop.time()
        self._idle.setdefault(conn.origin, []).append(conn)
        self._idle_count += 1
        self._wake_one()

    async def _acquire(
        self, origin: Origin, timeouts: dict[str, Any], loop: asyncio.AbstractEventLoop
    ) -> _Connection:
        pool_timeout = seconds(timeouts, "pool")
        deadline = None if pool_timeout is None else loop.time() + pool_timeout
        while True:
            if self._closed:
                raise httpx.PoolTimeout("the client is closed")
            conn = self._take_idle(origin, loop.time())
            if conn is not None:
                return conn
            if self._max is None or self._total < self._max or self._close_oldest_idle():
                self._total += 1
                try:
                    return await self._connect(origin, timeouts, loop)
                except BaseException:
                    self._total -= 1
                    self._wake_one()
                    raise
            waiter: asyncio.Future[bool] = loop.create_future()
            self._slot_waiters.append(waiter)
            try:
                in_time = await _wait(waiter, deadline, absolute=True)
            except BaseException:
                if _woken(waiter):
                    self._wake_one()  # woken just as we were cancelled: pass it on
                raise
            finally:
                if not _woken(waiter):
                    with contextlib.suppress(ValueError):
                        self._slot_waiters.remove(waiter)
            if not in_time:
                raise httpx.PoolTimeout("timed out waiting for a free connection")

    async def _connect(
        self, origin: Origin, timeouts: dict[str, Any], loop: asyncio.AbstractEventLoop
    ) -> _Connection:
        scheme, host, port = origin
        conn = _Connection(origin, loop)
        ssl_context = None
        if scheme == "https":
            if self._ssl_context is None:
                self._ssl_context = self._tls()
            ssl_context = self._ssl_context
        connect = seconds(timeouts, "connect")
        options: dict[str, Any] = {}
        if isinstance(loop, asyncio.BaseEventLoop):
            # RFC 8305, as httpcore (anyio) and aiohttp do: a dead IPv6 route does not
            # cost the whole connect timeout. uvloop's loop has no such option.
            options["happy_eyeballs_delay"] = 0.25
        error: httpx.TransportError | None = None
        try:
            async with asyncio.timeout(connect):
                await loop.create_connection(
                    lambda: conn,
                    host,
                    port,
                    ssl=ssl_context,
                    server_hostname=host if ssl_context is not None else None,
                    **options,
                )
        except TimeoutError:
            error = httpx.ConnectTimeout("timed out while connecting")
        except ssl.SSLCertVerificationError as exc:
            error = certificate_error(exc)
        except ssl.SSLError:
            error = httpx.ConnectError("TLS handshake failed")
        except OSError as exc:
            error = httpx.ConnectError(f"cannot connect: {exc.strerror or type(exc).__name__}")
        except ValueError:  # a host name the resolver cannot encode
            error = httpx.ConnectError("cannot connect: the host name cannot be resolved")
        if error is not None:
            conn.abort()
            raise error  # outside the except blocks: no cause chain
        self._open.add(conn)
        return conn

    # -- one exchange ----------------------------------------------------------------

    async def handle_async_request(self, request: httpx.Request) -> httpx.Response:
        url = request.url
        scheme = url.scheme
        if scheme not in _DEFAULT_PORTS:
            raise httpx.UnsupportedProtocol("only http and https URLs can be sent")
        timeouts: dict[str, Any] = request.extensions.get("timeout", {})
        body = await request.aread()
        loop = asyncio.get_running_loop()
        # The host as httpx encoded it (IDNA 2008 / UTS 46, as in the Host header), for the
        # pool, the connection and TLS alike: never re-encoded by the resolver (IDNA 2003
        # would turn "faß.de" into another domain, "fass.de").
        origin = (scheme, url.raw_host.decode("ascii"), url.port or _DEFAULT_PORTS[scheme])
        conn = await self._acquire(origin, timeouts, loop)
        try:
            return await self._exchange(conn, request, body, timeouts, loop)
        except BaseException:
            self._discard(conn)
            raise

    async def _exchange(
        self,
        conn: _Connection,
        request: httpx.Request,
        body: bytes,
        timeouts: dict[str, Any],
        loop: asyncio.AbstractEventLoop,
    ) -> httpx.Response:
        error: httpx.TransportError | None = None
        try:
            data = encode_request(request.method, request.url.raw_path, request.headers.raw, body)
        except ProtocolError:
            error = httpx.LocalProtocolError("the request cannot be encoded")
        if error is not None:
            raise error
        conn.reader = ResponseReader(request.method)
        write = seconds(timeouts, "write")
        await conn.send(data, write)
        report_sent(request)
        read = seconds(timeouts, "read")
        head_seconds = read
        if head_seconds is not None and body and write is not None:
            head_seconds += write
        head = await conn.read_head(None if head_seconds is None else loop.time() + head_seconds)
        return httpx.Response(
            head.status,
            headers=head.headers,
            stream=_Body(conn, read, self._release),
            extensions={"http_version": head.version, "reason_phrase": head.reason},
        )

    async def aclose(self) -> None:
        """Close every connection, idle or not; a response still being read then fails."""
        self._closed = True
        for conn in list(self._open):
            self._discard(conn)
        self._idle.clear()
        self._idle_count = 0
        while self._slot_waiters:
            waiter = self._slot_waiters.popleft()
            if not waiter.done():
                waiter.set_result(True)
