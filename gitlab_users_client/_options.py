"""Checking what a client is configured with: the URL, sudo, timeouts, headers, limits,
and the arguments of ``gl.request()``, the escape hatch for routes the SDK does not model.

Every check raises :class:`ConfigurationError` before any request, never a
``ValueError`` from deeper down.
"""

from __future__ import annotations

import json as jsonlib
import math
import re
from collections.abc import Mapping
from typing import Any

import httpx

from ._auth import Credentials
from ._contract.request import ApiRequest
from ._contract.types import TimeoutTypes
from ._exceptions import ConfigurationError, InvalidRequestError
from ._redact import Secret
from ._retry import RetryPolicy

__all__ = [
    "Settings",
    "api_root",
    "check_headers",
    "check_client_options",
    "check_http_client",
    "check_limits",
    "check_request",
    "check_sudo",
    "check_timeout",
    "refuse_connection_options",
]

# Patterns, compiled (and cached by ``re``) at their first use rather than at import: a
# client given no sudo and no headers never runs them.
#: A ``Sudo`` value: a user ID or username, visible ASCII only.
_SUDO = r"[\x21-\x7e]+"
#: An HTTP field name (RFC 9110 token).
_FIELD_NAME = r"[!#$%&'*+\-.^_`|~0-9A-Za-z]+"
#: An HTTP field value the SDK will send: printable ASCII, spaces and tabs inside.
_FIELD_VALUE = r"[\x21-\x7e]([\x20-\x7e\t]*[\x21-\x7e])?|"
#: Headers that frame the message or the connection: the HTTP engine writes them, and a
#: second value would make the request ambiguous (request smuggling) or break keep-alive.
FRAMING_HEADERS = frozenset(
    {
        "connection",
        "content-length",
        "expect",
        "host",
        "keep-alive",
        "proxy-connection",
        "te",
        "trailer",
        "transfer-encoding",
        "upgrade",
    }
)
#: Headers that carry credentials or switch identity, and the option that sends each:
#: through it the value is redacted everywhere, never mixed with another kind of token,
#: and dropped on redirects to another origin.
_CREDENTIAL_OPTIONS = {
    "authorization": "token= or oauth_token=",
    "private-token": 'token= (with token_header="private-token")',
    "job-token": "job_token=",
    "sudo": "sudo= (on the client, with_options() or the call)",
    "cookie": "token= (the API takes tokens, not session cookies)",
    "proxy-authorization": "the proxy URL",
}


#: ``Settings``' constructor arguments, in order (its ``__slots__`` are sorted).
_SETTINGS_FIELDS = (
    "base_url",
    "credentials",
    "sudo",
    "timeout",
    "policy",
    "headers",
    "follow_redirects",
    "keep_base_url",
)


class Settings:
    """What one client (or one ``with_options`` copy) sends with every request.

    Not changed once built (``replace()`` makes a changed copy). A plain class rather
    than a dataclass: every client builds one, and a dataclass costs a code-generation
    pass at import.
    """

    __slots__ = (
        "base_url",
        "credentials",
        "follow_redirects",
        "headers",
        "keep_base_url",
        "policy",
        "root",
        "sudo",
        "timeout",
    )

    def __init__(
        self,
        *,
        base_url: httpx.URL,
        credentials: Credentials,
        sudo: str | None,
        timeout: httpx.Timeout | None,
        policy: RetryPolicy,
        headers: Mapping[str, str | Secret],
        follow_redirects: bool,
        keep_base_url: bool,
    ) -> None:
        self.base_url = base_url
        self.credentials = credentials
        self.sudo = sudo
        self.timeout = timeout
        self.policy = policy
        self.headers = headers
        self.follow_redirects = follow_redirects
        self.keep_base_url = keep_base_url
        #: ``base_url`` as text without a trailing slash: request paths are appended to it.
        self.root = str(base_url).rstrip("/")

    def replace(self, **changes: Any) -> Settings:
        """A copy with ``changes`` (keyword arguments of the constructor) applied."""
        values = {name: getattr(self, name) for name in _SETTINGS_FIELDS}
        return Settings(**{**values, **changes})

    def __repr__(self) -> str:
        # Credentials and Secret headers show redacted (their own reprs).
        shown = ", ".join(f"{name}={getattr(self, name)!r}" for name in _SETTINGS_FIELDS)
        return f"Settings({shown})"


#: First path segments that are GitLab pages or its API, never part of an instance's
#: relative URL root (a subset of the reserved names GitLab keeps namespaces from).
# source: lib/gitlab/path_regex.rb, TOP_LEVEL_ROUTES
_GITLAB_ROUTES = frozenset(
    {
        "-", ".well-known", "abuse_reports", "admin", "api", "assets", "dashboard", "explore",
        "files", "groups", "help", "import", "invites", "jwt", "oauth", "profile", "projects",
        "public", "s", "search", "snippets", "u", "uploads", "users",
    }
)  # fmt: skip


def api_root(url: object) -> httpx.URL:
    """Accept ``https://host``, ``https://host/gitlab``, with or without ``/api/v4``.

    A URL that goes further (another API version, an API route, a web page such as
    ``/users/sign_in``) is refused with the URL to use instead.
    """
    if isinstance(url, httpx.URL):
        url = str(url)
    if not isinstance(url, str):
        raise ConfigurationError(
            f"the GitLab URL must be a str such as 'https://gitlab.example.com', "
            f"not {type(url).__name__}"
        )
    try:
        parsed = httpx.URL(url.strip())
    except (httpx.InvalidURL, TypeError, ValueError) as exc:
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
    segments = [segment for segment in parsed.path.split("/") if segment]
    for index, segment in enumerate(segments):
        if segment.lower() not in _GITLAB_ROUTES:
            continue
        if segment == "api" and segments[index + 1 :] == ["v4"]:
            break
        root = parsed.copy_with(path="/" + "/".join(segments[:index]) if index else "")
        shown = str(parsed.copy_with(path="/" + "/".join(segments)))
        if segment == "api":
            what = (
                "an API version this SDK does not speak (GitLab removed v3 in 9.0)"
                if segments[index + 1 : index + 2] and segments[index + 1] != "v4"
                else "a path inside the API"
            )
        else:
            what = "a GitLab web page"
        raise ConfigurationError(
            f"the GitLab URL {shown} points at {what}: use {str(root).rstrip('/')} "
            "(the SDK adds /api/v4)"
        )
    path = "/".join(["", *segments])
    if not path.endswith("/api/v4"):
        path = f"{path}/api/v4"
    return parsed.copy_with(path=path)


def check_sudo(sudo: str | int | None) -> str | None:
    if sudo is None:
        return None
    if isinstance(sudo, bool) or not isinstance(sudo, str | int):
        raise ConfigurationError(f"sudo must be a user ID or username, not {type(sudo).__name__}")
    if isinstance(sudo, int) and not 0 < sudo < 2**63:
        raise ConfigurationError("sudo must be a positive 64-bit user ID or a username")
    text = str(sudo).strip()
    if not re.fullmatch(_SUDO, text):
        raise ConfigurationError(
            "sudo must be a non-empty user ID or username of visible ASCII characters"
        )
    return text


def check_timeout(timeout: TimeoutTypes) -> httpx.Timeout | None:
    if timeout is None:
        return None
    if isinstance(timeout, httpx.Timeout):
        return timeout
    if (
        isinstance(timeout, bool)
        or not isinstance(timeout, int | float)
        or not math.isfinite(timeout)
        or not timeout > 0
    ):
        raise ConfigurationError(
            "timeout must be a positive, finite number of seconds, an httpx.Timeout or None "
            "(no timeout)"
        )
    return httpx.Timeout(float(timeout))


def check_headers(
    headers: Mapping[str, str | Secret], *, taken: str | None = None
) -> dict[str, str | Secret]:
    """The extra headers, or a :class:`ConfigurationError` that never quotes a value.

    Framing headers are the HTTP engine's. Credentials have options of their own (see
    ``_CREDENTIAL_OPTIONS``); a credential header the caller means to send as it is
    (``Authorization: Basic`` for a proxy in front of GitLab, a cookie of an SSO gate)
    is passed as :class:`Secret` and kept as one (redacted, dropped on redirects to
    another origin), unless it is ``Sudo`` or the header ``taken`` by the client's own
    credentials.
    """
    if not isinstance(headers, Mapping):
        raise ConfigurationError(
            f"headers must be a mapping of header names to values, not {type(headers).__name__}"
        )
    checked: dict[str, str | Secret] = {}
    for name, value in headers.items():
        if not isinstance(name, str) or not re.fullmatch(_FIELD_NAME, name):
            raise ConfigurationError(f"invalid header name {str(name)[:100]!r}")
        lowered = name.lower()
        if lowered in FRAMING_HEADERS:
            raise ConfigurationError(
                f"header {name!r} cannot be set: the HTTP client frames each request itself"
            )
        secret = isinstance(value, Secret)
        if lowered in _CREDENTIAL_OPTIONS and (lowered == "sudo" or not secret):
            explicit = "" if lowered == "sudo" else ", or pass Secret(value) to send it as it is"
            raise ConfigurationError(
                f"header {name!r} carries credentials or an identity: "
                f"use {_CREDENTIAL_OPTIONS[lowered]} instead{explicit}"
            )
        if secret and lowered not in _CREDENTIAL_OPTIONS:
            raise ConfigurationError(
                f"Secret(...) is for credential headers ({', '.join(sorted(_CREDENTIAL_OPTIONS))}), "
                f"which are redacted and dropped on redirects to another origin; not for {name!r}"
            )
        if taken is not None and lowered == taken.lower():
            raise ConfigurationError(
                f"header {name!r} is where the client sends its own credentials: "
                "pass one or the other"
            )
        text = value.get() if isinstance(value, Secret) else value
        if not isinstance(text, str) or not re.fullmatch(_FIELD_VALUE, text):
            raise ConfigurationError(
                f"invalid value for header {name!r}: use printable ASCII without line breaks "
                "or control characters"
            )
        checked[name] = value
    return checked


def _count(name: str, value: object, least: int) -> None:
    if isinstance(value, bool) or not isinstance(value, int) or value < least:
        raise ConfigurationError(f"{name} must be an int >= {least}, not {value!r:.40}")


def _seconds(name: str, value: object, *, zero: bool) -> None:
    if (
        isinstance(value, bool)
        or not isinstance(value, int | float)
        or not math.isfinite(value)
        or value < 0
        or (value == 0 and not zero)
    ):
        limit = ">= 0" if zero else "> 0"
        raise ConfigurationError(f"{name} must be a finite number {limit}, not {value!r:.40}")


def check_limits(
    *,
    max_retries: int | None = None,
    retry_budget: float | None = None,
    max_concurrency: int | None = None,
    requests_per_second: float | None = None,
    reserve: float | None = None,
) -> None:
    """Numbers of the client and of ``with_options`` (``None``: not given)."""
    if max_retries is not None:
        _count("max_retries", max_retries, 0)
    if retry_budget is not None:
        _seconds("retry_budget", retry_budget, zero=True)
    if max_concurrency is not None:
        _count("max_concurrency", max_concurrency, 1)
    if requests_per_second is not None:
        _seconds("requests_per_second", requests_per_second, zero=False)
    if reserve is not None and (
        isinstance(reserve, bool) or not isinstance(reserve, int | float) or not 0 <= reserve < 1
    ):
        raise ConfigurationError(
            f"reserve must be a share of each rate-limit window from 0 to below 1 "
            f"(e.g. 0.2), not {reserve!r:.40}"
        )


def check_client_options(
    max_retries: object,
    retry_budget: object,
    retry_policy: object,
    max_concurrency: object,
    flags: Mapping[str, object],
) -> None:
    """What ``AsyncGitLab(...)`` takes besides the URL, credentials, sudo, timeout,
    headers, limits and transport (checked where they are used): every wrong type is a
    :class:`ConfigurationError` naming the argument."""
    for name, value in (("max_retries", max_retries), ("max_concurrency", max_concurrency)):
        if value is None:
            raise ConfigurationError(f"{name} must be an int, not None")
    if retry_budget is None:
        raise ConfigurationError("retry_budget must be a number of seconds, not None")
    if retry_policy is not None and not isinstance(retry_policy, RetryPolicy):
        raise ConfigurationError(
            f"retry_policy must be a RetryPolicy or None, not {type(retry_policy).__name__}"
        )
    for name, value in flags.items():
        if not isinstance(value, bool):
            raise ConfigurationError(f"{name} must be True or False, not {value!r:.40}")


def check_http_client(http_client: object) -> None:
    if http_client is not None and not isinstance(http_client, httpx.AsyncClient):
        raise ConfigurationError(
            f"http_client must be an httpx.AsyncClient, not {type(http_client).__name__}"
        )


def check_request(
    method: str,
    path: str,
    *,
    params: Mapping[str, str] | list[tuple[str, str]] | None,
    json: Any,
    headers: Mapping[str, str | Secret] | None,
) -> ApiRequest:
    """The request for ``gl.request(...)``; :class:`InvalidRequestError` for what cannot be sent."""
    if not isinstance(method, str) or not method.isascii() or not method.isalpha():
        raise InvalidRequestError("method must be an HTTP method name, e.g. 'GET'")
    if not isinstance(path, str) or not path.startswith("/"):
        raise InvalidRequestError(
            "path must start with '/' and be relative to the API root, e.g. '/users'"
        )
    try:
        body = None if json is None else jsonlib.dumps(json, allow_nan=False).encode()
    except (TypeError, ValueError, RecursionError) as exc:
        raise InvalidRequestError(f"json cannot be sent as JSON ({type(exc).__name__})") from None
    try:
        headers = check_headers(headers or {})
    except ConfigurationError as exc:
        raise InvalidRequestError(str(exc)) from None
    pairs = list(params.items()) if isinstance(params, Mapping) else list(params or [])
    return ApiRequest(
        method=method.upper(),
        path=path,
        operation_id="request",
        params=pairs,
        json=body,
        headers=dict(headers),
    )


def refuse_connection_options(options: Mapping[str, Any]) -> None:
    """``with_options(verify=...)`` and the like: copies share the connection pool."""
    if options:
        names = ", ".join(f"{name}=" for name in sorted(options))
        raise ConfigurationError(
            f"with_options() cannot change {names}: copies share the client's connection "
            "pool; create another AsyncGitLab for other connection settings"
        )
