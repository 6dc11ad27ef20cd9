"""Which HTTP engine carries the requests.

Measured on this project's benchmarks: httpcore (httpx's default) is fine for
sequential pages but its pool bookkeeping grows with the square of the connections
in use, so a 32-wide fan-out of small GETs runs several times slower than aiohttp
(through the SDK's own adapter, ``_http_aiohttp``, keeping the httpx API and
httpcore's error semantics). Importing aiohttp, though, costs a one-request process
more than everything else it does.

``transport="auto"`` therefore decides per request, at the first use, once the running
async library is known (``_LazyTransport``):

* under asyncio, httpcore while requests come one at a time; the first time a request
  starts while another is in flight, aiohttp is imported and carries that request and
  every later one (the switch happens once and is never undone);
* under trio, where aiohttp cannot run, httpcore.

``"aiohttp"`` and ``"httpcore"`` force one engine. Every engine gets the same
response-head rules (``check_head``).
"""

from __future__ import annotations

import asyncio
import ssl
from collections.abc import AsyncIterator, Callable
from typing import Literal

import httpx
import sniffio

from ._exceptions import ConfigurationError

TransportKind = Literal["auto", "aiohttp", "httpcore"]

#: Limits on a response head, the same on every engine: the longest header line
#: (aiohttp's and most servers' limit) and the number of header fields.
MAX_LINE_SIZE = 8190
MAX_HEADERS = 100


async def _refuse(response: httpx.Response, reason: str) -> httpx.Response:
    await response.aclose()
    raise httpx.RemoteProtocolError(f"malformed response: {reason}")


_REDIRECTS = frozenset({301, 302, 303, 307, 308})


async def check_head(request: httpx.Request, response: httpx.Response) -> httpx.Response:
    """Hold every engine's response head to the same rules (httpcore accepts more).

    A redirect's ``Location`` is checked here too: httpx resolves it while receiving
    the response (even when not following it) and fails with its own exception types
    on a hostile one.
    """
    raw = response.headers.raw
    if len(raw) > MAX_HEADERS:
        return await _refuse(response, f"more than {MAX_HEADERS} header fields")
    if not 100 <= response.status_code <= 999:
        return await _refuse(response, "invalid status code")
    framing = 0
    location: bytes | None = None
    for name, value in raw:
        if len(name) + len(value) + 2 > MAX_LINE_SIZE:
            return await _refuse(response, f"a header line longer than {MAX_LINE_SIZE} bytes")
        lowered = name.lower()
        if lowered == b"content-length":
            framing |= 1
        elif lowered == b"transfer-encoding":
            framing |= 2
        elif lowered == b"location" and location is None:
            location = value
    if framing == 3:
        # RFC 9112, 6.3: both framings at once is how responses get smuggled.
        return await _refuse(response, "both Content-Length and Transfer-Encoding")
    if location is not None and response.status_code in _REDIRECTS:
        from ._urls import redirect_target

        try:
            redirect_target(request.url, location.decode("latin-1"))
        except BaseException:
            await response.aclose()
            raise
    return response


class _NoCookies(httpx.Cookies):
    def extract_cookies(self, response: httpx.Response) -> None:
        return None


class CookielessAsyncClient(httpx.AsyncClient):
    """The ``httpx.AsyncClient`` the SDK creates: it never stores or sends cookies.

    GitLab's API authenticates by token. A cookie jar would send back whatever a server
    or proxy set (a session, a load-balancer pin) on later requests, and filling it
    costs a urllib/email round trip per response: about 15% of a small GET here.
    """

    @property
    def cookies(self) -> httpx.Cookies:
        # One per client (httpx reads it twice per request), never shared between clients.
        jar = self.__dict__.get("_no_cookies")
        if jar is None:
            jar = self.__dict__["_no_cookies"] = _NoCookies()
        return jar

    @cookies.setter
    def cookies(self, cookies: object) -> None:
        if cookies:
            raise ValueError("this client does not keep cookies; send a Cookie header if you must")


def _httpcore(
    limits: httpx.Limits, scheme: str, tls: Callable[[], ssl.SSLContext]
) -> httpx.AsyncBaseTransport:
    if scheme == "https":
        return httpx.AsyncHTTPTransport(limits=limits, verify=tls())
    # Plain http: no certificate store to load (most of a cold start's TLS cost). The
    # empty context verifies, so it would fail closed if it were ever used for TLS.
    return httpx.AsyncHTTPTransport(limits=limits, verify=ssl.SSLContext(ssl.PROTOCOL_TLS_CLIENT))


class _Counted(httpx.AsyncByteStream):
    """A response body that reports when it is closed (its request is then over)."""

    __slots__ = ("_done", "_stream")

    def __init__(self, stream: httpx.AsyncByteStream, done: Callable[[], None]) -> None:
        self._stream = stream
        self._done: Callable[[], None] | None = done

    async def __aiter__(self) -> AsyncIterator[bytes]:
        async for chunk in self._stream:
            yield chunk

    async def aclose(self) -> None:
        done, self._done = self._done, None
        try:
            await self._stream.aclose()
        finally:
            if done is not None:
                done()


class _LazyTransport(httpx.AsyncBaseTransport):
    """Creates the engine at first use, once the running async library is known.

    ``"auto"`` under asyncio starts on httpcore and moves to aiohttp the first time a
    request starts while another one is still in flight (headers or body), i.e. once
    the client is actually used concurrently; from then on every new request goes to
    aiohttp. A script that sends one request at a time never imports aiohttp; the
    httpcore connections already open stay idle in its pool until the client is
    closed. Each request is carried by exactly one engine from start to end, so every
    engine guarantee holds for it. Under trio ``"auto"`` is httpcore.

    TLS is set up only for an https URL, with one certificate store shared by both
    engines.
    """

    def __init__(self, kind: TransportKind, limits: httpx.Limits) -> None:
        self._kind = kind
        self._limits = limits
        self._library: str | None = None
        self._engines: dict[str, httpx.AsyncBaseTransport] = {}
        self._tls: ssl.SSLContext | None = None
        #: "auto" under asyncio: requests in flight on httpcore, and whether two ever
        #: overlapped (then aiohttp carries every new request).
        self._in_flight = 0
        self._concurrent = False

    def _tls_context(self) -> ssl.SSLContext:
        if self._tls is None:
            self._tls = httpx.create_ssl_context()
        return self._tls

    def _choose(self) -> str:
        """``"aiohttp"``, ``"httpcore"``, or ``"counted"`` (httpcore, counted in flight)."""
        kind = self._kind
        if kind != "auto":
            return kind
        if self._library is None:
            self._library = sniffio.current_async_library()
        if self._library != "asyncio":
            return "httpcore"
        if self._concurrent:
            return "aiohttp"
        if self._in_flight:
            self._concurrent = True
            return "aiohttp"
        return "counted"

    def _engine_for(self, kind: str, url: httpx.URL) -> httpx.AsyncBaseTransport:
        key = "aiohttp" if kind == "aiohttp" else f"httpcore-{url.scheme}"
        engine = self._engines.get(key)
        if engine is None:
            if kind == "aiohttp":
                if self._library is None:
                    self._library = sniffio.current_async_library()
                if self._library != "asyncio":
                    raise ConfigurationError(
                        f"the aiohttp transport needs asyncio, not {self._library}"
                    )
                from ._http_aiohttp import AiohttpTransport

                engine = AiohttpTransport(limits=self._limits, tls=self._tls_context)
            else:
                engine = _httpcore(self._limits, url.scheme, self._tls_context)
            self._engines[key] = engine
        return engine

    def _finished(self) -> None:
        self._in_flight -= 1

    async def handle_async_request(self, request: httpx.Request) -> httpx.Response:
        kind = self._choose()
        if kind == "counted":
            return await self._send_counted(request)
        engine = self._engine_for(kind, request.url)
        return await check_head(request, await engine.handle_async_request(request))

    async def _send_counted(self, request: httpx.Request) -> httpx.Response:
        """Send on httpcore, in flight until the body is closed (``"auto"``, asyncio)."""
        self._in_flight += 1
        counted = True
        try:
            if not self._engines:
                # The client's very first request: tasks started together with it (a
                # fan-out) reach the transport now and switch to aiohttp; then this one
                # follows them instead of creating httpcore for a single request.
                await asyncio.sleep(0)
            if self._concurrent:
                self._in_flight -= 1
                counted = False
                engine = self._engine_for("aiohttp", request.url)
            else:
                engine = self._engine_for("httpcore", request.url)
            response = await engine.handle_async_request(request)
        except BaseException:
            if counted:
                self._in_flight -= 1
            raise
        if counted:
            assert isinstance(response.stream, httpx.AsyncByteStream)
            response.stream = _Counted(response.stream, self._finished)
        return await check_head(request, response)

    async def aclose(self) -> None:
        engines, self._engines = list(self._engines.values()), {}
        for engine in engines:
            await engine.aclose()


def make_transport(
    transport: TransportKind | httpx.AsyncBaseTransport, *, limits: httpx.Limits
) -> httpx.AsyncBaseTransport:
    if isinstance(transport, httpx.AsyncBaseTransport):
        return transport
    if transport not in ("auto", "aiohttp", "httpcore"):
        raise ConfigurationError(
            f"transport must be 'auto', 'aiohttp', 'httpcore' or a transport, not {transport!r}"
        )
    return _LazyTransport(transport, limits)
