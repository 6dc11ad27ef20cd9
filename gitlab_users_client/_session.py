"""The session: what a client and all its ``with_options`` copies share, and how a
request is built and sent.

The connection pool, the retry executor (limiter and rate gate), whether it is
closed, and the event loop it is bound to.

By default requests go through an ``httpx.AsyncClient`` that httpx builds itself (no
transport of the SDK's), and are sent with ``send()``, so that environment proxies and
CA settings, event hooks, respx, OpenTelemetry and Sentry all see them. What the SDK
adds stays on that path: no cookie jar, its own redirects, the pool limits of
``max_concurrency``, and :func:`check_response` as the first response event hook (httpx
runs those when the head has arrived, before the body is read). Size caps and
deadlines are the retry executor's.
"""

from __future__ import annotations

import asyncio
import logging
import warnings
from collections.abc import Awaitable, Callable, Mapping, Sequence
from typing import Any
from urllib.parse import urlencode

import anyio
import httpx

from ._contract.request import ApiRequest
from ._exceptions import ClientStateError, ConfigurationError, CrossOriginError, InvalidRequestError
from ._http import CookielessAsyncClient, LazyTransport, Network, TransportKind, make_transport
from ._http.checks import check_head
from ._options import Settings
from ._redact import Secret
from ._redirects import check_location
from ._retry import Executor, RateGate
from ._version import __version__

__all__ = ["EventHooks", "Session", "build_request", "check_response"]

logger = logging.getLogger("gitlab_users_client")

#: ``{"request": [...], "response": [...]}``: httpx's event hooks (async callables).
EventHooks = Mapping[str, Sequence[Callable[[Any], Awaitable[Any]]]]

_USER_AGENT = f"gitlab-users-client/{__version__}"
_NO_TIMEOUT = httpx.Timeout(None)


def _current_loop() -> object:
    """The running event loop (asyncio) or run (trio): what a connection pool is bound to."""
    try:
        return asyncio.get_running_loop()  # per request: the cheap check first
    except RuntimeError:  # no asyncio loop: trio
        import trio

        return trio.lowlevel.current_trio_token()


class Session:
    """What a client and all its ``with_options`` copies share: the pool and the executor."""

    def __init__(
        self,
        http: httpx.AsyncClient,
        owns_http: bool,
        executor: Executor,
        direct: LazyTransport | None = None,
    ) -> None:
        self.http = http
        self.owns_http = owns_http
        self.executor = executor
        #: An opt-in engine, which requests reach without ``httpx.AsyncClient``'s
        #: per-request layers: cookies, auth, redirects and proxy mounts have nothing to do
        #: there (the engine routes proxied origins itself) and cost a quarter of a small
        #: GET's CPU time; :meth:`send` runs the event hooks. ``None``: every request goes
        #: through ``http.send()``, as on the default client or a caller's own.
        self.direct = direct
        #: The owned client's default headers that the direct path must send too.
        self.default_headers: dict[str, str] = (
            {
                "Accept-Encoding": http.headers["Accept-Encoding"],
                "Connection": http.headers["Connection"],
            }
            if direct is not None
            else {}
        )
        self.closed = False
        self.loop: object | None = None

    @classmethod
    def create(
        cls,
        *,
        max_concurrency: int,
        requests_per_second: float | None,
        pace_from_headers: bool,
        max_response_size: int,
        reserve: float = 0.0,
        transport: TransportKind | httpx.AsyncBaseTransport,
        http_client: httpx.AsyncClient | None,
        network: Network,
        event_hooks: EventHooks | None,
    ) -> Session:
        """The pool and executor of a new client (``network``: its checked TLS/proxy options)."""
        executor = Executor(
            max_concurrency=max_concurrency,
            gate=RateGate(requests_per_second, pace_from_headers, reserve),
            max_response_size=max_response_size,
        )
        hooks = _check_event_hooks(event_hooks)
        if http_client is not None:
            if hooks["request"] or hooks["response"]:
                raise ConfigurationError(
                    "event_hooks= is for the client the SDK creates; add them to your "
                    "http_client instead"
                )
            return cls(http_client, False, executor)
        limits = httpx.Limits(
            max_connections=max_concurrency, max_keepalive_connections=max_concurrency
        )
        engine = make_transport(transport, limits=limits, network=network)
        error: ConfigurationError | None = None
        try:
            if engine is None:  # httpx's own transport, proxies and certificates
                http = CookielessAsyncClient(
                    follow_redirects=False,
                    limits=limits,
                    verify=network.httpx_verify,
                    proxy=network.explicit_proxy,
                    trust_env=network.trust_env,
                    event_hooks={
                        "request": hooks["request"],
                        "response": [check_response, *hooks["response"]],
                    },
                )
            else:
                http = CookielessAsyncClient(
                    transport=engine, follow_redirects=False, event_hooks=hooks
                )
        except ImportError:  # a socks5:// proxy (given or from ALL_PROXY) without socksio
            error = ConfigurationError(
                "a SOCKS proxy needs the socksio package: pip install 'httpx[socks]'"
            )
        except OSError as exc:  # certificates httpx loads itself and cannot read
            error = ConfigurationError(
                "cannot load the CA certificates named by SSL_CERT_FILE / SSL_CERT_DIR: "
                f"{exc.strerror or type(exc).__name__} (fix them or pass trust_env=False)"
            )
        if error is not None:
            raise error
        if engine is None:
            from ._http.pool import use_fair_pools  # httpx has imported httpcore by now

            if not use_fair_pools(http):
                logger.debug("httpcore's pool kept as it is (not the layout expected)")
        logger.debug(
            "new client on %s",
            "httpx's own transport"
            if engine is None
            else f"the {transport} engine"
            if isinstance(engine, LazyTransport)
            else f"a given {type(engine).__name__}",
        )
        return cls(http, True, executor, engine if isinstance(engine, LazyTransport) else None)

    async def send(self, request: httpx.Request) -> httpx.Response:
        """Send one request; the response's body is still to be read."""
        direct = self.direct
        if direct is None:
            # Redirects are the SDK's job (it strips credentials across origins): never
            # let an injected AsyncClient(follow_redirects=True) follow on its own.
            try:
                return await self.http.send(request, stream=True, follow_redirects=False)
            except httpx.InvalidURL:
                # httpx resolves a redirect's Location even when not following it.
                raise CrossOriginError(
                    "the server redirected to a URL that cannot be followed", url=str(request.url)
                ) from None
        hooks = self.http.event_hooks
        for hook in hooks["request"]:
            await hook(request)
        response = await direct.handle_async_request(request)
        response.request = request
        try:
            await check_location(response)
            for hook in hooks["response"]:
                await hook(response)
        except BaseException:
            await response.aclose()
            raise
        return response

    async def aclose(self) -> None:
        if self.closed:
            return
        self.closed = True
        if not self.owns_http:
            return
        if self.direct is not None and self.direct.closes_at_once():
            # Nothing to wait for, so nothing a cancellation could interrupt: no shield,
            # whose first use imports anyio's event-loop backend (~12 ms of a one-shot
            # script that never needed it otherwise).
            await self.http.aclose()
            return
        with anyio.CancelScope(shield=True):
            await self.http.aclose()

    def check_loop(self) -> None:
        loop = _current_loop()
        if self.loop is None:
            self.loop = loop
        elif loop is not self.loop and self.owns_http:
            raise ClientStateError(
                "this AsyncGitLab client was first used in another event loop (e.g. an earlier "
                "asyncio.run()); a client is bound to the event loop it first sent on: create "
                "one per loop"
            )

    def __del__(self) -> None:
        if self.owns_http and not self.closed:
            warnings.warn(
                "AsyncGitLab was garbage-collected without being closed; use 'async with' or 'await gl.aclose()'",
                ResourceWarning,
                stacklevel=1,
            )


def _check_no_clash(headers: Mapping[str, object], credentials: Mapping[str, str]) -> None:
    taken = {name.lower() for name in credentials}
    for name in headers:
        if name.lower() in taken:
            raise InvalidRequestError(
                f"extra_headers cannot set {name!r}: the client sends its own credentials "
                "there; pass one or the other"
            )


async def check_response(response: httpx.Response) -> None:
    """The SDK's response event hook on httpx's own client: the head rules every engine
    keeps, then the redirect ``Location`` check (before httpx resolves it)."""
    await check_head(response)
    await check_location(response)


def _check_event_hooks(hooks: EventHooks | None) -> dict[str, list[Callable[[Any], Any]]]:
    checked: dict[str, list[Callable[[Any], Any]]] = {"request": [], "response": []}
    for name, functions in (hooks or {}).items():
        if name not in checked or not isinstance(functions, list | tuple):
            raise ConfigurationError(
                "event_hooks must map 'request' and/or 'response' to lists of async functions"
            )
        for function in functions:
            if not callable(function):
                raise ConfigurationError(
                    f"event_hooks[{name!r}] holds {function!r}, not a function"
                )
            checked[name].append(function)
    return checked


async def build_request(session: Session, settings: Settings, request: ApiRequest) -> httpx.Request:
    """The ``httpx.Request`` for a generated request, with the client's headers and credentials."""
    headers = {
        "Accept": "application/json",
        "User-Agent": _USER_AGENT,
        **session.default_headers,
        **settings.headers,
        **request.headers,
    }
    credentials = await settings.credentials.headers()
    if credentials and request.headers:
        _check_no_clash(request.headers, credentials)
    headers.update(credentials)
    if settings.sudo is not None:
        headers["Sudo"] = settings.sudo
    data: dict[str, Any] | None = None
    if request.data is not None or request.files is not None:
        data = {}
        for key, value in request.data or []:
            if key.endswith("[]"):
                data.setdefault(key, []).append(value)
            else:
                data[key] = value
    if request.json is not None:
        headers["Content-Type"] = "application/json"
    url = settings.root + request.path
    query = request.query or (urlencode(request.params) if request.params else None)
    if query:
        # Encoded once here: passing params= would make httpx parse the URL a second time.
        url = f"{url}?{query}"
    # One value per name, whatever the spelling: the last one given wins (a call's
    # extra_headers over the client's headers), as when httpx merges a client's headers.
    unique = list(
        {
            name.lower(): (name, value.get() if isinstance(value, Secret) else value)
            for name, value in headers.items()
        }.values()
    )
    if session.direct is None:
        return session.http.build_request(
            request.method,
            url,
            headers=unique,
            content=request.json,
            data=data,
            files=request.files,
            timeout=settings.timeout,
        )
    return httpx.Request(
        request.method,
        url,
        headers=unique,
        content=request.json,
        data=data,
        files=request.files,
        extensions={"timeout": (settings.timeout or _NO_TIMEOUT).as_dict()},
    )
