"""The ASGI application: GitLab's request pipeline plus the ``/-/fake`` control API.

Order of a request under ``/api/v4`` (and ``GET /api/v3/user``, the v3 alias GitLab keeps
for OAuth clients; every other ``/api/v3`` path is 410), chosen so faults look like real
infrastructure:

1. count it (stats) and let the fault engine decide (request number, latency, 5xx, drop);
2. injected latency;
3. read the body as it streams in (:mod:`._body`: 413 above the instance's limit, JSON
   limits checked, memory bounded);
4. a scheduled 429 window (``Retry later`` like Rack::Attack, ``Retry-After`` = remaining);
5. the instance throttle (Rack::Attack: per credential, else per IP);
6. an injected 5xx (handler not run) or a ``before`` drop (handler not run);
7. route match (unknown → 404), authentication/sudo, Grape validation, the handler, all under
   the state lock;
8. an ``after`` drop (handler ran, then the connection is cut mid-body) or the response.

A dropped connection raises :class:`ConnectionDropped` after the response started: uvicorn then
closes the socket (the client sees a protocol error) and, in-process, ``httpx.ASGITransport``
re-raises it; it subclasses ``httpx.RemoteProtocolError`` so client code sees the same
transport error class in both set-ups.
"""

from __future__ import annotations

import json
import logging
import math
from typing import Any, NoReturn

import anyio
import httpx
from starlette.applications import Starlette
from starlette.requests import Request
from starlette.responses import JSONResponse, Response
from starlette.routing import Route as StarletteRoute
from starlette.types import Receive, Scope, Send

from ._auth import authenticate, credential
from ._body import Body, BodyTooLarge, read_body
from ._config import RateLimit
from ._faults import Faults
from ._http import (
    ApiError,
    check_json_limits,
    check_path_integers,
    decode_pairs,
    parse_query,
    route_not_found,
)
from ._routes import build_route_table
from ._routing import Ctx, Out, RouteTable
from ._store import FakeState
from ._util import http_date

API_PREFIX = "/api/v4"
# lib/api/users.rb declares `GET /user` for both versions (`version %w[v3 v4]`) so OAuth
# clients written for v3 keep working; API::API's v3 catch-all answers everything else.
V3_USER = "/api/v3/user"
_JSON = b"application/json"
_NGINX_413 = (
    b"<html>\r\n<head><title>413 Request Entity Too Large</title></head>\r\n<body>\r\n"
    b"<center><h1>413 Request Entity Too Large</h1></center>\r\n<hr><center>nginx</center>\r\n"
    b"</body>\r\n</html>\r\n"
)


class ConnectionDropped(httpx.RemoteProtocolError):
    """Raised by the app to abort a response mid-body (an injected dropped connection)."""

    def __init__(self, message: str = "fake GitLab dropped the connection") -> None:
        super().__init__(message)


class _DropFilter(logging.Filter):
    def filter(self, record: logging.LogRecord) -> bool:
        exc = record.exc_info[1] if record.exc_info else None
        return not isinstance(exc, ConnectionDropped)


def quiet_dropped_connection_logs() -> None:
    """Keep uvicorn from logging a traceback for every injected dropped connection."""
    logger = logging.getLogger("uvicorn.error")
    if not any(isinstance(f, _DropFilter) for f in logger.filters):
        logger.addFilter(_DropFilter())


def _error_body(status: int) -> tuple[bytes, bytes]:
    if status == 500:
        return b'{"message":"500 Internal Server Error"}', _JSON
    if status in (520, 521, 522, 523, 524):
        return f"error code: {status}".encode(), b"text/plain; charset=UTF-8"
    titles = {502: "Bad Gateway", 503: "Service Unavailable", 504: "Gateway Time-out"}
    title = f"{status} {titles.get(status, 'Server Error')}"
    html = (
        f"<html>\r\n<head><title>{title}</title></head>\r\n<body>\r\n"
        f"<center><h1>{title}</h1></center>\r\n<hr><center>nginx</center>\r\n</body>\r\n</html>\r\n"
    )
    return html.encode(), b"text/html"


class GitLabAPI:
    """Raw ASGI endpoint for everything that is not the control API."""

    def __init__(self, state: FakeState, routes: RouteTable | None = None) -> None:
        self.st = state
        self.routes = routes if routes is not None else build_route_table()

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            return
        st = self.st
        method: str = scope["method"]
        path: str = scope["path"]
        v3_user = method in ("GET", "HEAD") and path in (V3_USER, V3_USER + "/")
        if not (path == API_PREFIX or path.startswith(API_PREFIX + "/") or v3_user):
            await _discard_body(receive)
            if path.startswith("/api/v3/") or path == "/api/v3":
                err = ApiError(410, {"error": "API V3 is no longer supported. Use API V4 instead."})
            else:
                err = route_not_found()
            await _send(send, method, err.status, err.encode(), _JSON, {})
            return
        st.stats.record_request(method, path)
        decision = st.engine.decide(method, path)
        request_id = f"fake-{decision.number:08d}"
        if decision.latency > 0:
            st.stats.record_fault("latency")
            await anyio.sleep(decision.latency)
        headers = {k.decode("latin-1").lower(): v.decode("latin-1") for k, v in scope["headers"]}
        body: Body | ApiError
        try:
            body = await read_body(receive, headers, st.config.max_request_body_bytes)
        except BodyTooLarge:
            await self._respond(
                send, method, 413, _NGINX_413, b"text/html", {"Connection": "close"}
            )
            return
        except ApiError as err:  # answered after the throttles, where GitLab's middleware sits
            body = err
        query_pairs = parse_query(scope.get("query_string", b""))
        client = scope.get("client")
        client_ip = client[0] if client else "127.0.0.1"
        now = st.clock.time()
        extra: dict[str, str] = {"X-Request-Id": request_id}

        window = st.engine.check_window(decision.number, now)
        if window is not None:
            remaining, counted, fmt = window
            if counted:
                st.stats.record_window_request()
            st.stats.record_fault("window_429")
            retry = (
                str(max(1, math.ceil(remaining)))
                if fmt == "seconds"
                else http_date(now + remaining)
            )
            st.stats.log_request(decision.number, method, path, 429, False)
            await self._respond(
                send, method, 429, b"Retry later\n", b"text/plain", {**extra, "Retry-After": retry}
            )
            return

        rl = st.config.rate_limit
        if rl is not None:
            cred_ctx = Ctx(
                st, method, path, "", query_pairs, decode_pairs(query_pairs), {}, headers, client_ip
            )
            cred = credential(cred_ctx)
            key = f"token:{cred}" if cred else f"ip:{client_ip}"
            result = st.engine.throttle(rl, key, now)
            if result.limited:
                st.stats.record_fault("rate_limited")
                st.stats.log_request(decision.number, method, path, 429, False)
                await self._respond(
                    send,
                    method,
                    429,
                    rl.body.encode(),
                    b"text/plain",
                    {**extra, **_throttle_headers(rl, result.headers, now)},
                )
                return
            if rl.headers_on_success:
                extra.update(result.headers)

        if decision.error_status is not None:
            st.stats.record_fault(f"error_{decision.error_status}")
            st.stats.log_request(decision.number, method, path, decision.error_status, False)
            payload, error_ctype = _error_body(decision.error_status)
            await self._respond(send, method, decision.error_status, payload, error_ctype, extra)
            return
        if decision.drop == "before":
            st.stats.record_fault("drop_before")
            st.stats.log_request(decision.number, method, path, None, False)
            await _drop(send, 200, b'[{"id":1,"username":"r', _JSON)

        out = self._handle(method, path, headers, query_pairs, body, client_ip, scope)
        out.headers.update(extra)
        ctype = out.content_type.encode() if out.content_type else None
        applied = method not in ("GET", "HEAD") and out.status < 400
        if applied and isinstance(body, Body):
            st.stats.record_applied_digest(method, path, body.digest)
        st.stats.log_request(decision.number, method, path, out.status, applied)
        if decision.drop == "after":
            st.stats.record_fault("drop_after")
            await _drop(send, out.status, out.body or b"{}", ctype or _JSON, out.headers)
        await self._respond(send, method, out.status, out.body, ctype, out.headers)

    async def _respond(
        self,
        send: Send,
        method: str,
        status: int,
        body: bytes,
        ctype: bytes | None,
        headers: dict[str, str],
    ) -> None:
        self.st.stats.record_status(status)
        await _send(send, method, status, body, ctype, headers)

    def _handle(
        self,
        method: str,
        path: str,
        headers: dict[str, str],
        query_pairs: list[tuple[str, str]],
        body: Body | ApiError,
        client_ip: str,
        scope: Scope,
    ) -> Out:
        st = self.st
        sub = "/user" if path.startswith(V3_USER) else path[len(API_PREFIX) :] or "/"
        scheme = scope.get("scheme", "http")
        host = headers.get("host")
        if not host:
            server = scope.get("server") or ("localhost", None)
            host = server[0] if server[1] in (None, 80, 443) else f"{server[0]}:{server[1]}"
        try:
            if isinstance(body, ApiError):
                raise body
            params = decode_pairs(query_pairs)
            if method not in ("GET", "HEAD"):
                params.update(body.params)
            match = self.routes.match(method, sub)
            if match is None:
                raise route_not_found()
            route, path_params = match
            ctx = Ctx(
                st=st,
                method=method,
                path=path,
                base_url=f"{scheme}://{host}",
                query_pairs=query_pairs,
                params=params,
                path_params=path_params,
                headers=headers,
                client_ip=client_ip,
            )
            with st.lock:
                authenticate(ctx, route)
                check_path_integers(route.int_params, path_params)
                out = route.handler(ctx)
            return out
        except ApiError as err:
            ctype = err.content_type
            return Out(err.status, err.encode(), ctype, dict(err.headers))


def _throttle_headers(rl: RateLimit, headers: dict[str, str], now: float) -> dict[str, str]:
    reset_at = float(headers["RateLimit-Reset"])
    wait = max(1, math.ceil(reset_at - now))
    out = dict(headers)
    out["RateLimit-ResetTime"] = http_date(reset_at)
    out["Retry-After"] = str(wait) if rl.retry_after == "seconds" else http_date(now + wait)
    return out


async def _discard_body(receive: Receive) -> None:
    """Read and drop the body of a request answered without it (not an API path)."""
    while True:
        message = await receive()
        if message["type"] == "http.disconnect" or not message.get("more_body", False):
            return


async def _send(
    send: Send,
    method: str,
    status: int,
    body: bytes,
    ctype: bytes | None,
    headers: dict[str, str],
) -> None:
    raw: list[tuple[bytes, bytes]] = []
    if status not in (204, 304):
        if ctype is not None:
            raw.append((b"content-type", ctype))
        raw.append((b"content-length", str(len(body)).encode()))
    else:
        body = b""
    raw.extend((k.lower().encode("latin-1"), v.encode("latin-1")) for k, v in headers.items())
    await send({"type": "http.response.start", "status": status, "headers": raw})
    await send({"type": "http.response.body", "body": b"" if method == "HEAD" else body})


async def _drop(
    send: Send, status: int, body: bytes, ctype: bytes, headers: dict[str, str] | None = None
) -> NoReturn:
    full = max(len(body), 2) * 2 + 64
    raw = [(b"content-type", ctype), (b"content-length", str(full).encode())]
    raw.extend(
        (k.lower().encode("latin-1"), v.encode("latin-1")) for k, v in (headers or {}).items()
    )
    await send({"type": "http.response.start", "status": status, "headers": raw})
    await send(
        {"type": "http.response.body", "body": body[: max(1, len(body) // 2)], "more_body": True}
    )
    raise ConnectionDropped()


# -- control API ------------------------------------------------------------------------------
def _control_routes(st: FakeState) -> list[StarletteRoute]:
    async def body_json(request: Request) -> Any:
        raw = await request.body()
        if not raw:
            return {}
        try:
            check_json_limits(raw)
            return json.loads(raw)
        except ApiError as exc:
            raise ValueError(f"invalid JSON body: {exc.body['error']}") from None
        except (UnicodeDecodeError, RecursionError) as exc:
            raise ValueError("invalid JSON body") from exc

    def bad(message: str) -> Response:
        return JSONResponse({"error": message}, status_code=400)

    async def health(request: Request) -> Response:
        return JSONResponse({"ok": True, "users": len(st.users)})

    async def get_faults(request: Request) -> Response:
        return JSONResponse(st.faults.to_dict())

    async def put_faults(request: Request) -> Response:
        try:
            data = await body_json(request)
            faults = Faults.from_dict(data if isinstance(data, dict) else {})
        except (ValueError, TypeError) as exc:
            return bad(str(exc))
        st.set_faults(faults)
        st.engine.reset_counter()
        return JSONResponse(faults.to_dict())

    async def get_stats(request: Request) -> Response:
        snap = st.stats.snapshot()
        snap["request_counter"] = st.engine.request_count
        snap["windows"] = st.engine.windows_snapshot(st.clock.time())
        return JSONResponse(snap)

    async def reset_stats(request: Request) -> Response:
        st.reset_stats()
        return Response(status_code=204)

    async def window(request: Request) -> Response:
        if request.method == "DELETE":
            st.engine.clear_windows()
            return Response(status_code=204)
        try:
            data = await body_json(request)
            seconds = _finite_number(data["seconds"], "seconds")
            start = data.get("start_at_request")
            if start is not None and (isinstance(start, bool) or not isinstance(start, int)):
                raise ValueError("start_at_request must be an integer")
            st.open_rate_limit_window(seconds, start, str(data.get("retry_after", "seconds")))
        except (ValueError, TypeError, KeyError) as exc:
            return bad(f"invalid window: {exc}")
        return JSONResponse(
            {"windows": st.engine.windows_snapshot(st.clock.time())}, status_code=201
        )

    async def rate_limit(request: Request) -> Response:
        if request.method == "PUT":
            try:
                data = await body_json(request)
                if data is not None and not isinstance(data, dict):
                    raise ValueError("the rate limit must be a JSON object or null")
                st.config.rate_limit = None if not data else RateLimit.from_dict(data)
            except (ValueError, TypeError) as exc:
                return bad(str(exc))
        rl = st.config.rate_limit
        return JSONResponse(rl.to_dict() if rl is not None else None)

    return [
        StarletteRoute("/-/fake/health", health, methods=["GET"]),
        StarletteRoute("/-/fake/faults", get_faults, methods=["GET"]),
        StarletteRoute("/-/fake/faults", put_faults, methods=["PUT"]),
        StarletteRoute("/-/fake/stats", get_stats, methods=["GET"]),
        StarletteRoute("/-/fake/reset-stats", reset_stats, methods=["POST"]),
        StarletteRoute("/-/fake/rate-limit-window", window, methods=["POST", "DELETE"]),
        StarletteRoute("/-/fake/rate-limit", rate_limit, methods=["GET", "PUT"]),
    ]


def _finite_number(value: Any, name: str) -> float:
    """A JSON number that is finite (``NaN``/``Infinity`` parse in Python's json, not here)."""
    if isinstance(value, bool) or not isinstance(value, (int, float)):
        raise ValueError(f"{name} must be a number")
    number = float(value)
    if not math.isfinite(number):
        raise ValueError(f"{name} must be a finite number")
    return number


def create_app(state: FakeState | None = None) -> Starlette:
    """Build the ASGI app for ``state`` (a fresh, seeded-with-defaults state if omitted)."""
    if state is None:
        state = FakeState()
        state.seed_users(20)
    app = Starlette(
        routes=[*_control_routes(state), StarletteRoute("/{path:path}", GitLabAPI(state))]
    )
    app.state.fake = state
    return app
