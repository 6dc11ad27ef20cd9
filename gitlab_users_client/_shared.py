"""What a client and all its ``with_options`` copies share, and how a request is built.

The connection pool, the retry executor (limiter and rate gate), whether it is
closed, and the event loop it is bound to.
"""

from __future__ import annotations

import asyncio
import warnings
from typing import Any
from urllib.parse import urlencode

import anyio
import httpx

from ._exceptions import ClientStateError, CrossOriginError
from ._http import CookielessAsyncClient, LazyTransport, TransportKind, make_transport
from ._options import Settings
from ._redirects import check_location
from ._request import ApiRequest
from ._retry import Executor, RateGate
from ._version import __version__

__all__ = ["Shared", "build_request"]

_USER_AGENT = f"gitlab-users-client/{__version__}"
_NO_TIMEOUT = httpx.Timeout(None)


def _current_loop() -> object:
    """The running event loop (asyncio) or run (trio): what a connection pool is bound to."""
    try:
        return asyncio.get_running_loop()  # per request: the cheap check first
    except RuntimeError:  # no asyncio loop: trio
        import trio

        return trio.lowlevel.current_trio_token()


class Shared:
    """What a client and all its ``with_options`` copies share."""

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
        #: The SDK's own transport, when requests skip ``httpx.AsyncClient``'s per-request
        #: layers: in a client the SDK made, those (cookies, auth, event hooks, redirects,
        #: and proxy mounts, which httpx does not make for a given transport) have nothing
        #: to do, and cost a quarter of a small GET's CPU time. ``None``: every request
        #: goes through ``http``, as with a caller's own client or transport.
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
        transport: TransportKind | httpx.AsyncBaseTransport,
        http_client: httpx.AsyncClient | None,
    ) -> Shared:
        executor = Executor(
            max_concurrency=max_concurrency,
            gate=RateGate(requests_per_second, pace_from_headers),
            max_response_size=max_response_size,
        )
        if http_client is not None:
            return cls(http_client, False, executor)
        limits = httpx.Limits(
            max_connections=max_concurrency, max_keepalive_connections=max_concurrency
        )
        engine = make_transport(transport, limits=limits)
        http = CookielessAsyncClient(transport=engine, follow_redirects=False, trust_env=True)
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
        response = await direct.handle_async_request(request)
        response.request = request
        await check_location(response)
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


async def build_request(shared: Shared, settings: Settings, request: ApiRequest) -> httpx.Request:
    """The ``httpx.Request`` for a generated request, with the client's headers and credentials."""
    headers = {
        "Accept": "application/json",
        "User-Agent": _USER_AGENT,
        **shared.default_headers,
        **settings.headers,
        **request.headers,
    }
    headers.update(await settings.credentials.headers())
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
    if shared.direct is None:
        return shared.http.build_request(
            request.method,
            url,
            headers=headers,
            content=request.json,
            data=data,
            files=request.files,
            timeout=settings.timeout,
        )
    return httpx.Request(
        request.method,
        url,
        # One value per name, whatever the spelling: the last one given wins, as
        # when httpx merges a client's headers.
        headers=list({name.lower(): (name, value) for name, value in headers.items()}.values()),
        content=request.json,
        data=data,
        files=request.files,
        extensions={"timeout": (settings.timeout or _NO_TIMEOUT).as_dict()},
    )
