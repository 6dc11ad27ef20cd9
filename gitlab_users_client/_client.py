"""``AsyncGitLab``: the object users hold, and the one path every request takes.

``_call`` is that path: it sends through the retry loop (following redirects when
asked), turns an error status into its typed exception, parses the body into the type
the operation declares for that status (its generated ``RESPONSES``, data) and turns a
parse failure into :class:`ResponseValidationError` — each in exactly one place.
Resources, the paginator, ``with_raw_response`` and :meth:`AsyncGitLab.request` all
come here.
"""

from __future__ import annotations

import logging
import os
import time
from collections.abc import Mapping
from functools import cached_property
from typing import TYPE_CHECKING, Any, TypeVar, cast

import httpx

from ._auth import Credentials, TokenHeader, TokenSource, resolve_credentials
from ._body import DEFAULT_MAX_RESPONSE_SIZE, check_max_response_size
from ._contract.request import ApiRequest
from ._contract.response import UNPARSED, LazyResponses, Response, ResponseTypes
from ._contract.types import NOT_GIVEN, NotGiven, SudoArg, TimeoutArg, TimeoutTypes
from ._exceptions import ClientStateError, ConfigurationError, status_error, validation_error
from ._http import ON_SENT, CertTypes, Network, ProxyTypes, TransportKind, VerifyTypes
from ._logs import log_call, logger
from ._options import (
    Settings,
    api_root,
    check_client_options,
    check_headers,
    check_http_client,
    check_limits,
    check_request,
    check_sudo,
    check_timeout,
    refuse_connection_options,
)
from ._redact import Secret
from ._redirects import MAX_REDIRECTS, next_request
from ._retry import IDEMPOTENT_METHODS, Attempts, RetryPolicy
from ._session import EventHooks, Session, build_request
from ._throttle import retry_after_seconds

if TYPE_CHECKING:
    from ._generated.api.personal_access_tokens import PersonalAccessTokensResource
    from ._resources import CurrentUser, Users

__all__ = ["DEFAULT_TIMEOUT", "AsyncGitLab"]

T = TypeVar("T")

#: 10 s to connect, 60 s for the rest: large admin pages can be slow to render.
DEFAULT_TIMEOUT = httpx.Timeout(60.0, connect=10.0)


class AsyncGitLab:
    """Async client for GitLab's Users API.

    Use it as ``async with AsyncGitLab("https://gitlab.example.com", token=...) as gl:``,
    or create it once (e.g. in a FastAPI lifespan) and ``await gl.aclose()`` at the end.

    Args:
        url: GitLab URL (``https://gitlab.example.com``, or with the instance's relative
            root), with or without ``/api/v4``; defaults to ``$GITLAB_URL``. An API or web
            path beyond that (``/api/v3``, ``/users/sign_in``) is refused.
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
        pace_from_headers: Pace every request of the client from GitLab's rate-limit
            headers (``RateLimit-Observed``/``-Remaining``/``-Reset`` on each response, or
            what a first 429 says where only 429s carry them): requests beyond what the
            current window has left wait for the next window instead of earning a 429.
            On by default.
        reserve: Share of each rate-limit window (0 to 1, e.g. ``0.2``) left to other
            clients of the same token: the client stops sending when only that much is
            left, counting the others' requests too. ``0`` by default.
        follow_redirects: Off by default. When on, credentials are stripped whenever the
            scheme, host or port changes, and https→http is refused.
        max_response_size: Largest response body (bytes, once decompressed) the client
            reads; a larger one raises ``ResponseTooLargeError``. 64 MiB by default.
        keep_base_url: Rewrite pagination links that point at another origin onto ``url``
            (for instances whose ``external_url`` differs from the URL you use) instead
            of refusing them.
        headers: Extra headers for every request: not framing headers, and a credential
            header (``Authorization``, ``PRIVATE-TOKEN``, ``Cookie``...) only as a
            :class:`Secret`, when GitLab's own credentials go elsewhere.
        verify: ``True`` (certifi or ``SSL_CERT_FILE``), a CA bundle path, an
            ``ssl.SSLContext`` (e.g. truststore's) or ``False``: see "Networks" in the docs.
        cert: A client certificate: a PEM file, ``(cert, key)`` or ``(cert, key, password)``.
        proxy: Send every request through this proxy; overrides the environment.
        trust_env: Read ``HTTPS_PROXY``/``NO_PROXY``... and ``SSL_CERT_FILE``... (default).
        event_hooks: httpx's ``{"request": [...], "response": [...]}``, on every request.
        transport: ``"auto"`` (httpx's own client, on asyncio, uvloop and trio), an opt-in
            engine for bulk jobs near a large GitLab (``"asyncio"``, ``"aiohttp"``: see the
            docs), or an ``httpx.AsyncBaseTransport``. ``"httpcore"`` means ``"auto"``.
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
        reserve: float = 0.0,
        follow_redirects: bool = False,
        keep_base_url: bool = False,
        max_response_size: int = DEFAULT_MAX_RESPONSE_SIZE,
        headers: Mapping[str, str | Secret] | None = None,
        verify: VerifyTypes = True,
        cert: CertTypes | None = None,
        proxy: ProxyTypes | None = None,
        trust_env: bool = True,
        event_hooks: EventHooks | None = None,
        transport: TransportKind | httpx.AsyncBaseTransport = "auto",
        http_client: httpx.AsyncClient | None = None,
    ) -> None:
        url = url if url is not None else os.environ.get("GITLAB_URL")
        if not url:
            raise ConfigurationError("pass the GitLab URL or set GITLAB_URL")
        flags = {"follow_redirects": follow_redirects, "keep_base_url": keep_base_url}
        flags["pace_from_headers"] = pace_from_headers
        check_client_options(max_retries, retry_budget, retry_policy, max_concurrency, flags)
        check_http_client(http_client)
        base_url = api_root(url)
        credentials = resolve_credentials(
            token=token, oauth_token=oauth_token, job_token=job_token, token_header=token_header
        )
        if reserve is None:
            raise ConfigurationError("reserve must be a share from 0 to below 1, not None")
        check_limits(
            max_retries=max_retries,
            retry_budget=retry_budget,
            max_concurrency=max_concurrency,
            requests_per_second=requests_per_second,
            reserve=reserve,
        )
        settings = Settings(
            base_url=base_url,
            credentials=credentials,
            sudo=check_sudo(sudo),
            timeout=check_timeout(timeout),
            policy=retry_policy or RetryPolicy(max_retries=max_retries, budget=retry_budget),
            headers=check_headers(headers or {}, taken=credentials.header_name),
            follow_redirects=follow_redirects,
            keep_base_url=keep_base_url,
        )
        session = Session.create(
            max_concurrency=max_concurrency,
            requests_per_second=requests_per_second,
            pace_from_headers=pace_from_headers,
            reserve=reserve,
            max_response_size=check_max_response_size(max_response_size),
            transport=transport,
            http_client=http_client,
            network=Network.for_client(http_client, verify, cert, proxy, trust_env),
            event_hooks=event_hooks,
        )
        self._bind(settings, session)

    def _bind(self, settings: Settings, session: Session) -> None:
        """The one place a client's state is set: by ``__init__`` and by ``with_options``."""
        self._settings = settings
        self._session = session

    # -- lifecycle ---------------------------------------------------------

    async def __aenter__(self) -> AsyncGitLab:
        return self

    async def __aexit__(self, *exc_info: object) -> None:
        await self.aclose()

    async def aclose(self) -> None:
        """Close the connection pool (shared with every ``with_options`` copy)."""
        await self._session.aclose()

    @property
    def is_closed(self) -> bool:
        """Whether :meth:`aclose` was called (on this client or any of its copies)."""
        return self._session.closed

    def __repr__(self) -> str:
        sudo = f", sudo={self.sudo!r}" if self.sudo else ""
        return f"AsyncGitLab(url={self.base_url!r}, auth={self._credentials.kind!r}{sudo})"

    # -- options -------------------------------------------------------------

    @property
    def base_url(self) -> str:
        """The API root, e.g. ``https://gitlab.example.com/api/v4``."""
        return str(self._settings.base_url)

    @property
    def sudo(self) -> str | None:
        """Who every call acts as (the ``Sudo`` header), or ``None``."""
        return self._settings.sudo

    @property
    def timeout(self) -> httpx.Timeout | None:
        """The timeout of every call, unless a call passes its own."""
        return self._settings.timeout

    @property
    def retry_policy(self) -> RetryPolicy:
        """How calls are retried."""
        return self._settings.policy

    @property
    def _credentials(self) -> Credentials:
        return self._settings.credentials

    def with_options(
        self,
        *,
        sudo: SudoArg = NOT_GIVEN,
        timeout: TimeoutArg = NOT_GIVEN,
        max_retries: int | None = None,
        retry_budget: float | None = None,
        headers: Mapping[str, str | Secret] | None = None,
        **connection: Any,
    ) -> AsyncGitLab:
        """A cheap copy with other per-call settings, sharing the pool (``verify=``... refused)."""
        refuse_connection_options(connection)
        settings = self._settings
        changes: dict[str, Any] = {}
        if not isinstance(sudo, NotGiven):
            changes["sudo"] = check_sudo(sudo)
        if not isinstance(timeout, NotGiven):
            changes["timeout"] = check_timeout(timeout)
        if max_retries is not None or retry_budget is not None:
            check_limits(max_retries=max_retries, retry_budget=retry_budget)
            changes["policy"] = settings.policy.with_changes(
                max_retries=max_retries, budget=retry_budget
            )
        if headers:
            checked = check_headers(headers, taken=settings.credentials.header_name)
            changes["headers"] = {**settings.headers, **checked}
        copy = object.__new__(AsyncGitLab)
        copy._bind(settings.replace(**changes) if changes else settings, self._session)
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

    @cached_property
    def personal_access_tokens(self) -> PersonalAccessTokensResource:
        """``/personal_access_tokens``: list, inspect, rotate and revoke personal access
        tokens (every user's for an administrator), and the token in use itself."""
        from ._generated.api.personal_access_tokens import PersonalAccessTokensResource

        return PersonalAccessTokensResource(self)

    # -- the request path ------------------------------------------------------

    async def request(
        self,
        method: str,
        path: str,
        *,
        params: Mapping[str, str] | list[tuple[str, str]] | None = None,
        json: Any = None,
        headers: Mapping[str, str | Secret] | None = None,
    ) -> httpx.Response:
        """Call any API path (relative to ``/api/v4``) with the client's auth, sudo, retries
        and error handling; for routes the SDK does not model."""
        request = check_request(method, path, params=params, json=json, headers=headers)
        return (await self._call(request, UNPARSED)).parsed

    async def send(self, request: ApiRequest, /) -> httpx.Response:
        """Send a prepared request; return the response if it succeeded, raise otherwise."""
        return (await self._call(request, UNPARSED)).parsed

    async def _call(self, request: ApiRequest, expected: ResponseTypes[T]) -> Response[T]:
        """Send, map an error status, parse, map a parse failure: the one request path.

        ``expected`` is the operation's documented successful answers (status → body
        type); ``UNPARSED`` takes any successful status and returns the response itself.
        """
        # A fresh process's first call imports its models (pydantic) in a thread while
        # the server answers, not before the request leaves.
        loading = (
            expected if isinstance(expected, LazyResponses) and expected.needs_import() else None
        )
        response, retries = await self._answer(request, loading)
        if expected is UNPARSED:
            return Response(
                response.status_code,
                response.headers,
                response.content,
                cast(T, response),
                response,
            )
        return self._parse(response, expected, retries)

    async def _answer(
        self, request: ApiRequest, loading: LazyResponses[Any] | None = None
    ) -> tuple[httpx.Response, int]:
        """Send; a successful answer and the retries it took, or the error status raised.

        :meth:`_call` parses right after; a caller that reads the body first by other
        means (the scan plans from raw JSON) hands the answer to :meth:`_parse` later.
        ``loading``: answers whose models start loading once the request is written.
        """
        response, retries, exhausted = await self._exchange(request, loading)
        status = response.status_code
        if status < 400 and not exhausted:
            return response, retries
        raise status_error(
            response,
            retries=retries,
            retry_after=retry_after_seconds(response.headers) if status == 429 else None,
            outcome_unknown=status >= 500 and request.method not in IDEMPOTENT_METHODS,
            message="too many redirects" if exhausted else None,
        )

    def _parse(
        self, response: httpx.Response, expected: ResponseTypes[T], retries: int
    ) -> Response[T]:
        """A successful answer's body as the operation documents it; an undocumented
        status or a body that does not fit is raised as its error."""
        status = response.status_code
        body_type = expected.get(status, _UNDOCUMENTED)
        if body_type is _UNDOCUMENTED:
            raise status_error(
                response,
                retries=retries,
                retry_after=None,
                outcome_unknown=False,
                message=f"undocumented status {status} for this operation",
            )
        # Imported with the first model (pydantic), not with the package.
        from ._contract.models import parse_body, parse_failure

        try:
            parsed = parse_body(body_type, response.content)
        except (ValueError, RecursionError) as exc:
            failure = parse_failure(exc)
        else:
            return Response(status, response.headers, response.content, parsed, response)
        raise validation_error(response, *failure)  # out here: no context to the values

    async def _exchange(
        self, request: ApiRequest, loading: LazyResponses[Any] | None = None
    ) -> tuple[httpx.Response, int, bool]:
        """Send (retrying, and following redirects when asked); any status comes back."""
        session = self._session
        if session.closed:
            raise ClientStateError("this AsyncGitLab client is closed")
        session.check_loop()
        settings = self._settings
        attempts = Attempts()
        http_request = await build_request(session, settings, request)
        if loading is not None:
            # Told by httpcore (httpx's own transport) or by the SDK's engines.
            extensions = http_request.extensions
            extensions["trace"] = loading.trace(extensions.get("trace"))
            extensions[ON_SENT] = loading.prefetch
        started = time.monotonic() if logger.isEnabledFor(logging.DEBUG) else 0.0
        exhausted = True
        for _ in range(MAX_REDIRECTS + 1):
            response = await session.executor.send(
                session.send, http_request, settings.policy, attempts
            )
            following = (
                next_request(session.http, http_request, response, settings.timeout)
                if settings.follow_redirects
                else None
            )
            if following is None:
                exhausted = False
                break
            http_request = following
        if started:
            log_call(
                http_request.method,
                str(http_request.url),
                response.status_code,
                (time.monotonic() - started) * 1000,
                attempts.retries + 1,
                response.headers.get("x-request-id", "-"),
            )
        return response, attempts.retries, exhausted


#: A status missing from an operation's ``ResponseTypes`` (``None`` there means "no body").
_UNDOCUMENTED: Any = object()
