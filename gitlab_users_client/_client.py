"""``AsyncGitLab``: the object users hold. One ``httpx.AsyncClient`` per client."""

from __future__ import annotations

import json as jsonlib
import logging
import os
import time
import warnings
from collections.abc import Mapping
from functools import cached_property
from typing import TYPE_CHECKING, Any
from urllib.parse import urlencode, urlsplit

import anyio
import httpx

from ._auth import (
    Credentials,
    TokenHeader,
    TokenSource,
    check_header,
    check_sudo_value,
    resolve_credentials,
)
from ._exceptions import (
    APIStatusError,
    ConfigurationError,
    ResponseValidationError,
    decode_body,
    forget_credentials,
    status_error,
)
from ._generated.client import ApiRequest
from ._generated.errors import UnexpectedStatusError
from ._limits import DEFAULT_MAX_RESPONSE_SIZE, check_max_response_size
from ._redact import SENSITIVE_HEADERS, redact_url
from ._retry import (
    IDEMPOTENT_METHODS,
    Attempts,
    Executor,
    RateGate,
    RetryPolicy,
    retry_after_seconds,
)
from ._transport import CookielessAsyncClient, TransportKind, make_transport
from ._types import NOT_GIVEN, NotGiven, SudoArg, TimeoutArg, TimeoutTypes
from ._urls import link_target, redirect_target
from ._version import __version__

if TYPE_CHECKING:
    from ._resources import CurrentUser, Users

__all__ = ["DEFAULT_TIMEOUT", "AsyncGitLab"]

logger = logging.getLogger("gitlab_users_client")

#: 10 s to connect, 60 s for the rest: large admin pages can be slow to render.
DEFAULT_TIMEOUT = httpx.Timeout(60.0, connect=10.0)
_REDIRECT_STATUSES = frozenset({301, 302, 303, 307, 308})
_MAX_REDIRECTS = 5
_DEFAULT_PORTS = {"http": 80, "https": 443}


def _api_root(url: str) -> httpx.URL:
    """Accept ``https://host``, ``https://host/gitlab``, with or without ``/api/v4``."""
    try:
        parsed = httpx.URL(url.strip())
    except (httpx.InvalidURL, TypeError) as exc:
        raise ConfigurationError(f"invalid GitLab URL: {exc}") from None
    if parsed.scheme not in ("http", "https") or not parsed.host:
        raise ConfigurationError(
            "the GitLab URL must be an absolute http(s) URL, e.g. https://gitlab.example.com"
        )
    try:
        port = parsed.port
    except (httpx.InvalidURL, ValueError):
        port = -1
    if port is not None and not 0 < port < 65536:
        raise ConfigurationError("the GitLab URL has an invalid port")
    if parsed.userinfo:
        raise ConfigurationError("put credentials in token=..., not in the URL")
    if parsed.query or parsed.fragment:
        raise ConfigurationError("the GitLab URL must not have a query or a fragment")
    path = parsed.path.rstrip("/")
    if not path.endswith("/api/v4"):
        path = f"{path}/api/v4"
    return parsed.copy_with(path=path)


def _origin(url: httpx.URL | str) -> tuple[str, str, int | None]:
    parts = urlsplit(str(url))
    scheme = parts.scheme.lower()
    return scheme, (parts.hostname or "").lower(), parts.port or _DEFAULT_PORTS.get(scheme)


def _check_sudo(sudo: str | int | None) -> str | None:
    if sudo is None:
        return None
    if isinstance(sudo, bool) or not isinstance(sudo, str | int):
        raise ConfigurationError(f"sudo must be a user ID or username, not {type(sudo).__name__}")
    text = str(sudo).strip()
    if not text or any(char in text for char in "\r\n"):
        raise ConfigurationError("sudo must be a non-empty user ID or username")
    return check_sudo_value(text)


def _check_timeout(timeout: TimeoutTypes) -> httpx.Timeout | None:
    if timeout is None:
        return None
    if isinstance(timeout, httpx.Timeout):
        return timeout
    if isinstance(timeout, bool) or not isinstance(timeout, int | float) or timeout <= 0:
        raise ConfigurationError(
            "timeout must be a positive number of seconds, an httpx.Timeout or None"
        )
    return httpx.Timeout(float(timeout))


class _Shared:
    """What a client and all its ``with_options`` copies share."""

    def __init__(self, http: httpx.AsyncClient, owns_http: bool, executor: Executor) -> None:
        self.http = http
        self.owns_http = owns_http
        self.executor = executor
        self.closed = False

    def __del__(self) -> None:
        if self.owns_http and not self.closed:
            warnings.warn(
                "AsyncGitLab was garbage-collected without being closed; use 'async with' or 'await gl.aclose()'",
                ResourceWarning,
                stacklevel=1,
            )


class AsyncGitLab:
    """Async client for GitLab's Users API.

    Use it as ``async with AsyncGitLab("https://gitlab.example.com", token=...) as gl:``,
    or create it once (e.g. in a FastAPI lifespan) and ``await gl.aclose()`` at the end.

    Args:
        url: GitLab URL, with or without ``/api/v4``; defaults to ``$GITLAB_URL``.
        token: Personal, project, group or impersonation access token (or a sync/async
            callable returning the current one); defaults to ``$GITLAB_TOKEN``.
        oauth_token: OAuth 2 access token (sent as ``Authorization: Bearer``).
        job_token: CI job token (``JOB-TOKEN``); defaults to ``$CI_JOB_TOKEN`` when no
            ``$GITLAB_TOKEN`` is set.
        token_header: ``"bearer"`` (default: dropped by clients on cross-origin redirects)
            or ``"private-token"`` to send ``token`` as ``PRIVATE-TOKEN``.
        sudo: Act as this user (ID or username) on every call; sent as the ``Sudo`` header.
        timeout: Seconds or an ``httpx.Timeout``; ``None`` disables it (not recommended).
        max_retries: Retries per call (see the retry rules in the docs).
        retry_budget: Seconds a call may spend in total, waits included.
        retry_policy: A full :class:`RetryPolicy` (also backoff base and cap); overrides
            ``max_retries`` and ``retry_budget``.
        max_concurrency: Requests in flight at once, shared by every task using this client.
        requests_per_second: Optional client-side pacing.
        pace_from_headers: Pause every request on the client when a response says the
            quota is used up (``RateLimit-Remaining: 0``) until ``RateLimit-Reset``,
            instead of running into a 429. On by default.
        follow_redirects: Off by default. When on, credentials are stripped whenever the
            scheme, host or port changes, and https→http is refused.
        max_response_size: Largest response body (bytes, once decompressed) the client
            reads; a larger one raises ``ResponseTooLargeError``. 64 MiB by default.
        keep_base_url: Rewrite pagination links that point at another origin onto ``url``
            (for instances whose ``external_url`` differs from the URL you use) instead
            of refusing them.
        headers: Extra headers for every request.
        transport: ``"auto"`` (aiohttp under asyncio, httpcore under trio), ``"aiohttp"``,
            ``"httpcore"``, or an ``httpx.AsyncBaseTransport`` (e.g. ``httpx.ASGITransport``).
        http_client: Bring your own ``httpx.AsyncClient`` (its lifecycle stays yours). The
            SDK still applies its timeout, auth, retries and limits per request.
    """

    def __init__(
        self,
        url: str | None = None,
        *,
        token: TokenSource | None = None,
        oauth_token: TokenSource | None = None,
        job_token: TokenSource | None = None,
        token_header: TokenHeader = "bearer",  # noqa: S107 - a header style, not a secret
        sudo: str | int | None = None,
        timeout: TimeoutTypes = DEFAULT_TIMEOUT,
        max_retries: int = 4,
        retry_budget: float = 120.0,
        retry_policy: RetryPolicy | None = None,
        max_concurrency: int = 32,
        requests_per_second: float | None = None,
        pace_from_headers: bool = True,
        follow_redirects: bool = False,
        keep_base_url: bool = False,
        max_response_size: int = DEFAULT_MAX_RESPONSE_SIZE,
        headers: Mapping[str, str] | None = None,
        transport: TransportKind | httpx.AsyncBaseTransport = "auto",
        http_client: httpx.AsyncClient | None = None,
    ) -> None:
        url = url if url is not None else os.environ.get("GITLAB_URL")
        if not url:
            raise ConfigurationError("pass the GitLab URL or set GITLAB_URL")
        self._base_url = _api_root(url)
        self._base_path = self._base_url.path
        self._api_root = (
            f"{self._base_url.scheme}://{self._base_url.netloc.decode('ascii')}{self._base_path}"
        )
        self._api_prefix = self._api_root + "/"
        self._credentials: Credentials = resolve_credentials(
            token=token, oauth_token=oauth_token, job_token=job_token, token_header=token_header
        )
        if max_retries < 0 or retry_budget < 0:
            raise ConfigurationError("max_retries and retry_budget must be >= 0")
        if max_concurrency < 1:
            raise ConfigurationError("max_concurrency must be >= 1")
        if requests_per_second is not None and requests_per_second <= 0:
            raise ConfigurationError("requests_per_second must be > 0")
        self._sudo = _check_sudo(sudo)
        self._timeout = _check_timeout(timeout)
        self._policy = retry_policy or RetryPolicy(max_retries=max_retries, budget=retry_budget)
        self._headers = self._check_headers(headers or {})
        self._follow_redirects = follow_redirects
        self._keep_base_url = keep_base_url
        executor = Executor(
            max_concurrency=max_concurrency,
            gate=RateGate(requests_per_second, pace_from_headers),
            max_response_size=check_max_response_size(max_response_size),
        )
        if http_client is not None:
            http, owns = http_client, False
        else:
            limits = httpx.Limits(
                max_connections=max_concurrency, max_keepalive_connections=max_concurrency
            )
            http = CookielessAsyncClient(
                transport=make_transport(transport, limits=limits),
                follow_redirects=False,
                trust_env=True,
            )
            owns = True
        self._shared = _Shared(http, owns, executor)

    @staticmethod
    def _check_headers(headers: Mapping[str, str]) -> dict[str, str]:
        checked = {}
        for name, value in headers.items():
            if (
                not isinstance(name, str)
                or not isinstance(value, str)
                or "\n" in value
                or "\r" in value
            ):
                raise ConfigurationError(f"invalid header {name!r}")
            check_header(name, value)
            checked[name] = value
        return checked

    # -- lifecycle ---------------------------------------------------------

    async def __aenter__(self) -> AsyncGitLab:
        return self

    async def __aexit__(self, *exc_info: object) -> None:
        await self.aclose()

    async def aclose(self) -> None:
        """Close the connection pool (shared with every ``with_options`` copy)."""
        shared = self._shared
        if shared.closed:
            return
        shared.closed = True
        if shared.owns_http:
            with anyio.CancelScope(shield=True):
                await shared.http.aclose()

    @property
    def is_closed(self) -> bool:
        return self._shared.closed

    def __repr__(self) -> str:
        sudo = f", sudo={self._sudo!r}" if self._sudo else ""
        return f"AsyncGitLab(url={str(self._base_url)!r}, auth={self._credentials.kind!r}{sudo})"

    # -- options -------------------------------------------------------------

    @property
    def base_url(self) -> str:
        """The API root, e.g. ``https://gitlab.example.com/api/v4``."""
        return str(self._base_url)

    @property
    def sudo(self) -> str | None:
        return self._sudo

    @property
    def timeout(self) -> httpx.Timeout | None:
        return self._timeout

    @property
    def retry_policy(self) -> RetryPolicy:
        return self._policy

    def with_options(
        self,
        *,
        sudo: SudoArg = NOT_GIVEN,
        timeout: TimeoutArg = NOT_GIVEN,
        max_retries: int | None = None,
        retry_budget: float | None = None,
        headers: Mapping[str, str] | None = None,
    ) -> AsyncGitLab:
        """A cheap copy with other per-call settings; it shares the connection pool and limits."""
        copy = object.__new__(AsyncGitLab)
        copy.__dict__.update(
            {key: value for key, value in self.__dict__.items() if key not in ("users", "user")}
        )
        if not isinstance(sudo, NotGiven):
            copy._sudo = _check_sudo(sudo)
        if not isinstance(timeout, NotGiven):
            copy._timeout = _check_timeout(timeout)
        if max_retries is not None or retry_budget is not None:
            if (max_retries is not None and max_retries < 0) or (
                retry_budget is not None and retry_budget < 0
            ):
                raise ConfigurationError("max_retries and retry_budget must be >= 0")
            copy._policy = self._policy.with_changes(max_retries=max_retries, budget=retry_budget)
        if headers:
            copy._headers = {**self._headers, **self._check_headers(headers)}
        return copy

    # -- resources -----------------------------------------------------------

    @cached_property
    def users(self) -> Users:
        """``/users``: list, search, get, create, update, delete, moderate users, and their
        keys, GPG keys, emails, tokens, custom attributes, follows, memberships, projects."""
        from ._resources import Users

        return Users(self)

    @cached_property
    def user(self) -> CurrentUser:
        """``/user``: the authenticated user (keys, GPG keys, emails, status, preferences,
        avatar, tokens, support PIN, runners, activities, counts)."""
        from ._resources import CurrentUser

        return CurrentUser(self)

    # -- sending -----------------------------------------------------------

    def _url(self, path: str) -> str:
        return self._api_root + path

    async def _headers_for(self, extra: Mapping[str, str]) -> dict[str, str]:
        headers = {
            "Accept": "application/json",
            "User-Agent": f"gitlab-users-client/{__version__}",
            **self._headers,
            **extra,
        }
        headers.update(await self._credentials.headers())
        if self._sudo is not None:
            headers["Sudo"] = self._sudo
        return headers

    async def send(self, request: ApiRequest, /) -> httpx.Response:
        """Send a generated request; return the response if it succeeded, raise otherwise."""
        headers = await self._headers_for(request.headers)
        content = request.json
        if content is not None:
            headers["Content-Type"] = "application/json"
        data: dict[str, Any] | None = None
        if request.data is not None or request.files is not None:
            data = {}
            for key, value in request.data or []:
                if key.endswith("[]"):
                    data.setdefault(key, []).append(value)
                else:
                    data[key] = value
        url = self._url(request.path)
        if request.query:
            url = f"{url}?{request.query}"
        return await self._send(
            request.method,
            url,
            params=request.params,
            headers=headers,
            content=content,
            data=data,
            files=request.files,
        )

    async def request(
        self,
        method: str,
        path: str,
        *,
        params: Mapping[str, str] | list[tuple[str, str]] | None = None,
        json: Any = None,
        headers: Mapping[str, str] | None = None,
    ) -> httpx.Response:
        """Call any API path (relative to ``/api/v4``) with the client's auth, sudo, retries
        and error handling; for routes the SDK does not model."""
        if not path.startswith("/"):
            raise ValueError(
                "path must start with '/' and be relative to the API root, e.g. '/users'"
            )
        all_headers = await self._headers_for(headers or {})
        content = None
        if json is not None:
            content = jsonlib.dumps(json).encode()
            all_headers["Content-Type"] = "application/json"
        pairs = list(params.items()) if isinstance(params, Mapping) else list(params or [])
        return await self._send(
            method.upper(), self._url(path), params=pairs, headers=all_headers, content=content
        )

    async def _send(
        self,
        method: str,
        url: str,
        *,
        params: list[tuple[str, str]],
        headers: dict[str, str],
        content: bytes | None = None,
        data: dict[str, Any] | None = None,
        files: Any = None,
    ) -> httpx.Response:
        shared = self._shared
        if shared.closed:
            raise RuntimeError("this AsyncGitLab client is closed")
        attempts = Attempts()
        if params:
            # Encoded once here: passing params= would make httpx parse the URL a second time.
            url = f"{url}{'&' if '?' in url else '?'}{urlencode(params)}"
        http_request = shared.http.build_request(
            method,
            url,
            headers=headers,
            content=content,
            data=data,
            files=files,
            timeout=self._timeout,
        )
        started = time.monotonic() if logger.isEnabledFor(logging.DEBUG) else 0.0
        for _ in range(_MAX_REDIRECTS + 1):
            response = await shared.executor.send(shared.http, http_request, self._policy, attempts)
            if not (self._follow_redirects and response.status_code in _REDIRECT_STATUSES):
                break
            location = response.headers.get("location")
            if not location:
                break
            http_request = self._redirect(http_request, response, location)
        else:
            raise APIStatusError(
                "too many redirects", response=response, body=None, retries=attempts.retries
            )
        if started:
            elapsed_ms = (time.monotonic() - started) * 1000
            logger.debug(
                "%s %s -> %d in %.0f ms (retries %d, request id %s)",
                method,
                redact_url(str(http_request.url)),
                response.status_code,
                elapsed_ms,
                attempts.retries,
                response.headers.get("x-request-id", "-"),
            )
        if response.status_code >= 400:
            retry_after = (
                retry_after_seconds(response.headers) if response.status_code == 429 else None
            )
            raise status_error(
                response,
                retries=attempts.retries,
                retry_after=retry_after,
                outcome_unknown=response.status_code >= 500 and method not in IDEMPOTENT_METHODS,
            )
        return response

    def _redirect(
        self, request: httpx.Request, response: httpx.Response, location: str
    ) -> httpx.Request:
        target = redirect_target(request.url, location)
        headers = httpx.Headers(request.headers)
        headers.pop("host", None)
        if _origin(target) != _origin(request.url):
            for name in SENSITIVE_HEADERS:
                headers.pop(name, None)
        method, content = request.method, request.content
        if response.status_code == 303 or (response.status_code in (301, 302) and method == "POST"):
            method, content = "GET", b""
            headers.pop("content-type", None)
            headers.pop("content-length", None)
        return self._shared.http.build_request(
            method, target, headers=headers, content=content or None, timeout=self._timeout
        )

    def request_for_link(self, url: str, current: ApiRequest) -> ApiRequest:
        """The request for a pagination ``Link`` URL, refusing other origins."""
        path, query = link_target(
            url,
            current=self._url(current.path),
            base=self._base_url,
            keep_base_url=self._keep_base_url,
        )
        return ApiRequest(
            method="GET",
            path=path,
            operation_id=current.operation_id,
            query=query or None,  # keyset cursors are long: no decode/re-encode
            headers=dict(current.headers),
        )

    def response_error(self, response: httpx.Response, error: Exception, /) -> Exception:
        """The typed error for a response that cannot be parsed (see ``ApiClient``)."""
        forget_credentials(response)
        body = decode_body(response)
        if isinstance(error, UnexpectedStatusError):
            return APIStatusError(
                f"undocumented status {response.status_code} for this operation",
                response=response,
                body=body,
            )
        summary = str(error).splitlines()[0] if str(error) else type(error).__name__
        return ResponseValidationError(
            f"the response does not match the documented schema ({summary})",
            response=response,
            body=body,
            error=error,
        )
