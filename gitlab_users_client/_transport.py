"""Which HTTP engine carries the requests.

Measured on this project's benchmarks: httpcore (httpx's default) is fine for
sequential pages but its pool bookkeeping grows with the square of the connections
in use, so a 32-wide fan-out of small GETs runs several times slower than aiohttp.
Under asyncio the default is therefore aiohttp (through the SDK's own adapter,
``_http_aiohttp``, keeping the httpx API and httpcore's error semantics); under trio,
where aiohttp cannot run, it is httpcore. The choice is made at the first request,
when the running async library is known, and aiohttp is imported only then.
"""

from __future__ import annotations

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
    for name, value in raw:
        if len(name) + len(value) + 2 > MAX_LINE_SIZE:
            return await _refuse(response, f"a header line longer than {MAX_LINE_SIZE} bytes")
        lowered = name.lower()
        if lowered == b"content-length":
            framing |= 1
        elif lowered == b"transfer-encoding":
            framing |= 2
    if framing == 3:
        # RFC 9112, 6.3: both framings at once is how responses get smuggled.
        return await _refuse(response, "both Content-Length and Transfer-Encoding")
    if response.status_code in _REDIRECTS and "location" in response.headers:
        from ._urls import redirect_target

        try:
            redirect_target(request.url, response.headers["location"])
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
        return _NoCookies()

    @cookies.setter
    def cookies(self, cookies: object) -> None:
        if cookies:
            raise ValueError("this client does not keep cookies; send a Cookie header if you must")


class _LazyTransport(httpx.AsyncBaseTransport):
    def __init__(self, kind: TransportKind, limits: httpx.Limits) -> None:
        self._kind = kind
        self._limits = limits
        self._inner: httpx.AsyncBaseTransport | None = None

    def _create(self) -> httpx.AsyncBaseTransport:
        kind = self._kind
        library = sniffio.current_async_library()
        if kind == "auto":
            kind = "aiohttp" if library == "asyncio" else "httpcore"
        if kind == "aiohttp":
            if library != "asyncio":
                raise ConfigurationError(f"the aiohttp transport needs asyncio, not {library}")
            from ._http_aiohttp import AiohttpTransport

            return AiohttpTransport(limits=self._limits)
        return httpx.AsyncHTTPTransport(limits=self._limits)

    async def handle_async_request(self, request: httpx.Request) -> httpx.Response:
        if self._inner is None:
            self._inner = self._create()
        return await check_head(request, await self._inner.handle_async_request(request))

    async def aclose(self) -> None:
        if self._inner is not None:
            await self._inner.aclose()


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
