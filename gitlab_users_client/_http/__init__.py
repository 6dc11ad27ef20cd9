"""Which HTTP engine carries the requests.

``transport="auto"`` picks the engine at the first request, once the running async
library is known:

* under asyncio, the SDK's own engine (``_http_asyncio``: asyncio protocols and the
  strict HTTP/1.1 framing of ``_h1``). Measured on this project's benchmarks it is the
  fastest of the three for both shapes of work: sequential pages of 100 users
  (httpcore spends ~0.4 ms more per page) and a 32-wide fan-out of small GETs
  (httpcore's pool bookkeeping grows with the square of the connections in use; the
  SDK on aiohttp takes ~1.3x as long); and it imports nothing that httpx has not
  already imported, where aiohttp costs a fresh process ~70 ms;
* under trio, httpcore.

``"asyncio"``, ``"aiohttp"`` (through ``_http_aiohttp``, keeping the httpx API and
httpcore's error semantics) and ``"httpcore"`` force one engine. Every engine gets the
same response-head rules (``check_head``) and the same conformance suite.
"""

from __future__ import annotations

import ssl
from collections.abc import Callable
from typing import Literal

import httpx
import sniffio

from .._exceptions import ConfigurationError
from .checks import check_head

TransportKind = Literal["auto", "asyncio", "aiohttp", "httpcore"]


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


def _aiohttp(limits: httpx.Limits, tls: Callable[[], ssl.SSLContext]) -> httpx.AsyncBaseTransport:
    try:
        from .aiohttp import AiohttpTransport
    except ImportError:
        missing = True
    else:
        missing = False
    if missing:  # raised out here: no chain to the import machinery
        raise ConfigurationError(
            "transport='aiohttp' needs aiohttp: pip install 'gitlab-users-client[aiohttp]'"
        )
    return AiohttpTransport(limits=limits, tls=tls)


class LazyTransport(httpx.AsyncBaseTransport):
    """Creates the engine at first use, once the running async library is known.

    TLS is set up only for an https URL, with one certificate store shared by every
    engine the client creates.
    """

    def __init__(self, kind: TransportKind, limits: httpx.Limits) -> None:
        self._kind = kind
        self._limits = limits
        self._engines: dict[str, httpx.AsyncBaseTransport] = {}
        self._tls: ssl.SSLContext | None = None

    def _tls_context(self) -> ssl.SSLContext:
        if self._tls is None:
            self._tls = httpx.create_ssl_context()
        return self._tls

    def _engine_for(self, url: httpx.URL) -> httpx.AsyncBaseTransport:
        kind: str = self._kind
        if kind in ("auto", "asyncio", "aiohttp"):
            library = sniffio.current_async_library()
            if library != "asyncio":
                if kind != "auto":
                    raise ConfigurationError(f"the {kind} transport needs asyncio, not {library}")
                kind = "httpcore"
            elif kind == "auto":
                kind = "asyncio"
        key = f"httpcore-{url.scheme}" if kind == "httpcore" else kind
        engine = self._engines.get(key)
        if engine is None:
            if kind == "asyncio":
                from .asyncio import AsyncioTransport

                engine = AsyncioTransport(limits=self._limits, tls=self._tls_context)
            elif kind == "aiohttp":
                engine = _aiohttp(self._limits, self._tls_context)
            else:
                engine = _httpcore(self._limits, url.scheme, self._tls_context)
            self._engines[key] = engine
        return engine

    async def handle_async_request(self, request: httpx.Request) -> httpx.Response:
        engine = self._engine_for(request.url)
        return await check_head(await engine.handle_async_request(request))

    def closes_at_once(self) -> bool:
        """Whether ``aclose`` finishes without waiting (only the asyncio engine, or none)."""
        return all(key == "asyncio" for key in self._engines)

    async def aclose(self) -> None:
        engines, self._engines = list(self._engines.values()), {}
        for engine in engines:
            await engine.aclose()


def make_transport(
    transport: TransportKind | httpx.AsyncBaseTransport, *, limits: httpx.Limits
) -> httpx.AsyncBaseTransport:
    if isinstance(transport, httpx.AsyncBaseTransport):
        return transport
    if transport not in ("auto", "asyncio", "aiohttp", "httpcore"):
        raise ConfigurationError(
            "transport must be 'auto', 'asyncio', 'aiohttp', 'httpcore' or a transport, "
            f"not {transport!r}"
        )
    return LazyTransport(transport, limits)
