"""An ``httpx`` transport over aiohttp: ``transport="aiohttp"``, opt-in (the ``aiohttp`` extra).

aiohttp's connection pool handles a wide fan-out of small requests several times faster
than httpcore's on a fast network; this adapter keeps the observable behaviour of the
default (httpcore):

* every aiohttp or OS failure becomes the httpx exception httpcore would raise
  (``ConnectError``/``ConnectTimeout`` before the request left, ``ReadTimeout``,
  ``WriteError``, ``RemoteProtocolError`` after), raised with no cause chain: aiohttp's
  exceptions carry the request headers, credentials included;
* no hidden re-send: aiohttp repeats an idempotent request once when a kept-alive
  connection drops; that decision belongs to the SDK's retry loop;
* timeouts: ``connect`` (and ``pool``) until a connection is ready, then ``read`` (plus
  ``write`` with a body) for the whole response head — interim ``1xx`` answers do not
  restart it — then ``read`` between body bytes;
* the URL is sent as httpx encoded it (``%2e%2e`` is not turned into ``..``);
* response heads are bounded (8190-byte lines, 100 header fields) and bodies are
  streamed raw, so the caller decides how much to read and how to decode it;
* only a body read to its end gives its connection back to the pool, and a pooled
  connection that received bytes while idle is closed, never reused.
"""

from __future__ import annotations

import asyncio
import contextvars
import errno
import ssl
import weakref
from collections.abc import AsyncIterator, Callable
from typing import Any

import aiohttp
import httpx
from aiohttp.client_proto import ResponseHandler
from yarl import URL

from .checks import MAX_HEADERS, MAX_LINE_SIZE, certificate_error, report_sent, seconds

__all__ = ["AiohttpTransport"]

_CHUNK = 65536
_SKIP_AUTO_HEADERS = frozenset({"Accept", "Accept-Encoding", "User-Agent", "Content-Type"})


class _HeadDeadline:
    """Bounds the wait for the final response head once the connection is ready.

    aiohttp's read timer restarts with every byte and stops after an interim ``1xx``
    answer; this deadline does neither (as with httpcore, which reads the head with its
    read timeout and no restart).
    """

    __slots__ = ("protocol", "request", "seconds", "timeout")

    def __init__(
        self, seconds: float | None, timeout: asyncio.Timeout, request: httpx.Request
    ) -> None:
        self.seconds = seconds
        self.timeout = timeout
        self.request = request
        #: The connection's protocol, once connected (see ``_ResponseStream.aclose``).
        self.protocol: ResponseHandler | None = None

    def start(self) -> None:
        if self.seconds is not None:
            self.timeout.reschedule(asyncio.get_running_loop().time() + self.seconds)
        # aiohttp writes the request on the connection now ready, without a wait.
        report_sent(self.request)


_HEAD: contextvars.ContextVar[_HeadDeadline | None] = contextvars.ContextVar(
    "gitlab_users_client_aiohttp_head", default=None
)


class _Connector(aiohttp.TCPConnector):
    """Hands out only clean connections, and starts the head deadline once one is ready.

    A pooled connection that received bytes while idle (a forged extra response, say)
    is closed rather than reused: aiohttp parses such bytes as they come and would
    answer the next request with them. The connector also remembers which request each
    connection last went to, so that a response closed unread can drop its connection
    even after aiohttp pooled it (see ``_ResponseStream.aclose``), and never one that
    another request has taken since.
    """

    def __init__(self, **options: Any) -> None:
        super().__init__(**options)
        self.holders: weakref.WeakKeyDictionary[ResponseHandler, _HeadDeadline] = (
            weakref.WeakKeyDictionary()
        )

    async def connect(
        self, req: aiohttp.ClientRequest, traces: list[Any], timeout: aiohttp.ClientTimeout
    ) -> aiohttp.connector.Connection:
        connection = await super().connect(req, traces, timeout)
        # A connection is pooled only when nothing is left on it (aiohttp's own rule),
        # so anything on a reused one came while it was idle. A new one is never
        # refused here (a server that speaks first would have us reconnect forever).
        while self._tainted(connection.protocol):
            connection.close()
            connection = await super().connect(req, traces, timeout)
        head = _HEAD.get()
        if head is not None:
            protocol = connection.protocol
            if protocol is not None:
                head.protocol = protocol
                self.holders[protocol] = head
            head.start()
        return connection

    def _tainted(self, protocol: ResponseHandler | None) -> bool:
        return protocol is not None and protocol in self.holders and protocol.should_close


def _map_error(exc: BaseException) -> httpx.TransportError:
    """The httpx exception for an aiohttp/OS failure; never derived from ``repr(exc)``."""
    if isinstance(exc, aiohttp.ConnectionTimeoutError):
        return httpx.ConnectTimeout("timed out while connecting")
    if isinstance(exc, aiohttp.ClientConnectorCertificateError):
        return certificate_error(getattr(exc, "certificate_error", None))
    if isinstance(exc, aiohttp.ClientConnectorError):
        os_error = getattr(exc, "os_error", None)
        reason = getattr(os_error, "strerror", None) or type(os_error or exc).__name__
        return httpx.ConnectError(f"cannot connect: {reason}")
    if isinstance(exc, aiohttp.ServerTimeoutError):
        return httpx.ReadTimeout("timed out while reading the response")
    if isinstance(exc, aiohttp.ServerDisconnectedError):
        return httpx.RemoteProtocolError("server disconnected without sending a complete response")
    if isinstance(exc, aiohttp.ClientResponseError):
        # Parser errors (status line, header line, framing): exc.message is aiohttp's text
        # about the server's bytes; request_info (with our headers) is left behind.
        return httpx.RemoteProtocolError(f"malformed response: {exc.message}")
    if isinstance(exc, aiohttp.ClientPayloadError):
        return httpx.RemoteProtocolError("the response body was cut short or malformed")
    if isinstance(exc, aiohttp.InvalidURL):
        return httpx.UnsupportedProtocol("the request URL cannot be sent")
    if isinstance(exc, OSError):
        # Connecting failed as a ClientConnectorError above: this one came after.
        reason = exc.strerror or type(exc).__name__
        if exc.errno in (errno.EPIPE, errno.ESHUTDOWN):
            return httpx.WriteError(f"connection lost while sending: {reason}")
        return httpx.ReadError(f"connection lost: {reason}")
    if isinstance(exc, ValueError):
        return httpx.LocalProtocolError("the request cannot be encoded")
    return httpx.ReadError(f"connection failed ({type(exc).__name__})")


class _ResponseStream(httpx.AsyncByteStream):
    """The raw (still encoded) body, as it arrives; aiohttp's read timer bounds each wait."""

    def __init__(
        self, response: aiohttp.ClientResponse, head: _HeadDeadline, connector: _Connector
    ) -> None:
        self._response = response
        self._head = head
        self._connector = connector
        self._done = False

    async def __aiter__(self) -> AsyncIterator[bytes]:
        content = self._response.content
        while True:
            error: httpx.TransportError | None = None
            try:
                chunk = await content.readany()
            except (aiohttp.ClientError, OSError, ValueError) as exc:
                error = _map_error(exc)
            if error is not None:
                self._response.close()
                raise error  # outside the except block: no __context__ back to aiohttp
            if not chunk:
                self._done = True
                return
            yield chunk

    async def aclose(self) -> None:
        if self._done:
            self._response.release()  # back to the pool
            return
        # Closed unread (refused by the SDK's checks, say): the connection is not to be
        # trusted again, as on httpx's and the SDK's engines. aiohttp hands a connection
        # back by itself once a body has all arrived, so it may be in the pool already;
        # it is closed there unless another request has taken it since.
        self._response.close()
        protocol = self._head.protocol
        if protocol is not None and self._connector.holders.get(protocol) is self._head:
            protocol.close()


class AiohttpTransport(httpx.AsyncBaseTransport):
    """Sends httpx requests with an aiohttp session created at first use (asyncio only)."""

    def __init__(
        self,
        limits: httpx.Limits | None = None,
        tls: Callable[[], ssl.SSLContext] | None = None,
    ) -> None:
        self._limits = limits or httpx.Limits()
        self._tls = tls or httpx.create_ssl_context
        self._session: aiohttp.ClientSession | None = None
        self._ssl_context: ssl.SSLContext | None = None
        self._timeouts: dict[tuple[float | None, ...], aiohttp.ClientTimeout] = {}

    def _get_session(self) -> aiohttp.ClientSession:
        if self._session is None:
            limits = self._limits
            connector = _Connector(
                limit=limits.max_connections or 0,
                limit_per_host=0,
                keepalive_timeout=limits.keepalive_expiry or 5.0,
            )
            session = aiohttp.ClientSession(
                connector=connector,
                cookie_jar=aiohttp.DummyCookieJar(),
                auto_decompress=False,
                skip_auto_headers=_SKIP_AUTO_HEADERS,
                requote_redirect_url=False,
                max_line_size=MAX_LINE_SIZE,
                max_field_size=MAX_LINE_SIZE,
                max_headers=MAX_HEADERS,
                read_bufsize=_CHUNK,
            )
            # aiohttp re-sends an idempotent request once if a kept-alive connection drops
            # (its own test client turns this off the same way); retries are the SDK's job.
            session._retry_connection = False
            self._session = session
        return self._session

    def _ssl_for(self, url: httpx.URL) -> ssl.SSLContext | None:
        if url.scheme != "https":
            return None  # no TLS setup at all for plain-http instances
        if self._ssl_context is None:
            self._ssl_context = self._tls()
        return self._ssl_context

    def _timeout(self, timeouts: dict[str, float | None]) -> aiohttp.ClientTimeout:
        connect, read = seconds(timeouts, "connect"), seconds(timeouts, "read")
        pool = seconds(timeouts, "pool")
        key = (connect, read, pool)
        cached = self._timeouts.get(key)
        if cached is None:
            setup = None if connect is None else connect + (pool or 0.0)
            cached = self._timeouts[key] = aiohttp.ClientTimeout(
                total=None, connect=setup, sock_connect=connect, sock_read=read
            )
        return cached

    async def handle_async_request(self, request: httpx.Request) -> httpx.Response:
        if request.url.scheme not in ("http", "https"):
            raise httpx.UnsupportedProtocol("only http and https URLs can be sent")
        timeouts: dict[str, float | None] = request.extensions.get("timeout", {})
        timeout = self._timeout(timeouts)
        body = await request.aread()
        head_seconds = timeout.sock_read
        write = seconds(timeouts, "write")
        if head_seconds is not None and body and write is not None:
            head_seconds += write
        session = self._get_session()
        error: httpx.TransportError | None = None
        token = None
        head: _HeadDeadline | None = None
        try:
            async with asyncio.timeout(None) as deadline:
                head = _HeadDeadline(head_seconds, deadline, request)
                token = _HEAD.set(head)
                response = await session.request(
                    request.method,
                    URL(str(request.url), encoded=True),
                    headers=request.headers.multi_items(),
                    data=body or None,
                    allow_redirects=False,
                    ssl=self._ssl_for(request.url) or True,
                    timeout=timeout,
                )
        except aiohttp.ClientError as exc:
            # Connection errors (aiohttp's connect timeout included) are their own types;
            # anything else means the connection was up and the request (maybe) sent.
            error = _map_error(exc)
        except TimeoutError:
            # The head deadline, which only starts once connected.
            error = httpx.ReadTimeout("timed out waiting for the response")
        except (OSError, ValueError) as exc:
            error = _map_error(exc)
        finally:
            if token is not None:
                _HEAD.reset(token)
        if error is not None:
            # Raised outside the except blocks: no __context__ leading back to aiohttp.
            raise error
        assert head is not None
        connector = session.connector
        assert isinstance(connector, _Connector)
        return httpx.Response(
            response.status,
            headers=list(response.raw_headers),
            stream=_ResponseStream(response, head, connector),
            extensions={
                "http_version": b"HTTP/1.1" if response.version == (1, 1) else b"HTTP/1.0",
                "reason_phrase": (response.reason or "").encode("latin-1", "replace"),
            },
        )

    async def aclose(self) -> None:
        if self._session is not None:
            session, self._session = self._session, None
            await session.close()
