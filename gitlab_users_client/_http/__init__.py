"""The HTTP engines behind ``httpx.AsyncBaseTransport``, and which one carries a request.

The default (``transport="auto"``) is no engine of the SDK's: requests go through an
``httpx.AsyncClient`` that httpx builds itself, so whatever users run around httpx sees
and shapes them (environment proxies, ``SSL_CERT_FILE``, event hooks, respx,
OpenTelemetry, Sentry), under asyncio, uvloop and trio alike. ``"httpcore"`` is the same
(its name from earlier releases).

Two engines are opt-in, for bulk jobs close to a large self-managed GitLab, where they
cost less CPU per request and fan out faster on a fast network (numbers in
``benchmarks/README.md``); both need asyncio (uvloop included):

* ``"asyncio"``: the SDK's own, asyncio protocols and the strict framing of ``h1``;
* ``"aiohttp"``: aiohttp's pool and parser, behind the same httpx interface.

``LazyTransport`` creates them at first use. An origin that goes through a proxy
(``proxy=`` or the environment, see ``network``) is handed to httpx's own proxy
transport instead: an engine never goes direct where a proxy was asked for. Every
engine gets the same response-head rules (``checks``) and the same conformance suite.

This package imports httpx, the standard library and ``_exceptions`` only.
"""

from __future__ import annotations

from typing import Literal

import httpx
import sniffio

from .._exceptions import ConfigurationError
from .checks import ON_SENT, check_head
from .network import CertTypes, Network, ProxyTypes, VerifyTypes

__all__ = [
    "CertTypes",
    "CookielessAsyncClient",
    "LazyTransport",
    "Network",
    "ON_SENT",
    "ProxyTypes",
    "TransportKind",
    "VerifyTypes",
    "make_transport",
]

TransportKind = Literal["auto", "httpcore", "asyncio", "aiohttp"]
#: The kinds that mean httpx's own client.
HTTPX_KINDS = ("auto", "httpcore")


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


def _aiohttp(limits: httpx.Limits, network: Network) -> httpx.AsyncBaseTransport:
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
    return AiohttpTransport(limits=limits, tls=network.ssl_context)


def _proxied(
    proxy: httpx.Proxy, limits: httpx.Limits, network: Network
) -> httpx.AsyncBaseTransport:
    error: ConfigurationError | None = None
    try:
        return httpx.AsyncHTTPTransport(
            proxy=proxy, limits=limits, verify=network.ssl_context(), trust_env=False
        )
    except ImportError:  # socks5:// without httpx's "socks" extra
        error = ConfigurationError(
            "a SOCKS proxy needs the socksio package: pip install 'httpx[socks]'"
        )
    raise error


class LazyTransport(httpx.AsyncBaseTransport):
    """Creates the opt-in engine at first use, once the running async library is known.

    TLS is set up only for an https URL, with one certificate store shared by every
    engine the client creates. Proxied origins go through httpx's proxy transport.
    """

    def __init__(self, kind: TransportKind, limits: httpx.Limits, network: Network) -> None:
        self._kind = kind
        self._limits = limits
        self._network = network
        self._engines: dict[str, httpx.AsyncBaseTransport] = {}

    def _engine_for(self, url: httpx.URL) -> httpx.AsyncBaseTransport:
        kind: str = self._kind
        library = sniffio.current_async_library()
        if library != "asyncio":
            raise ConfigurationError(f"the {kind} transport needs asyncio, not {library}")
        proxy = self._network.proxy_for(url)
        key = kind if proxy is None else f"proxy {proxy.url}"
        engine = self._engines.get(key)
        if engine is None:
            if proxy is not None:
                engine = _proxied(proxy, self._limits, self._network)
            elif kind == "asyncio":
                from .asyncio import AsyncioTransport

                engine = AsyncioTransport(limits=self._limits, tls=self._network.ssl_context)
            else:
                engine = _aiohttp(self._limits, self._network)
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
    transport: TransportKind | httpx.AsyncBaseTransport, *, limits: httpx.Limits, network: Network
) -> httpx.AsyncBaseTransport | None:
    """The transport for ``transport=``; ``None`` for httpx's own (the default)."""
    if isinstance(transport, httpx.AsyncBaseTransport):
        return transport
    if transport in HTTPX_KINDS:
        return None
    if transport not in ("asyncio", "aiohttp"):
        raise ConfigurationError(
            "transport must be 'auto', 'asyncio', 'aiohttp' or an httpx.AsyncBaseTransport, "
            f"not {transport!r}"
        )
    return LazyTransport(transport, limits, network)
