"""Checking what a client is configured with: the URL, sudo, timeouts, headers, limits,
and the arguments of ``gl.request()``, the escape hatch for routes the SDK does not model.

Every check raises :class:`ConfigurationError` before any request, never a
``ValueError`` from deeper down.
"""

from __future__ import annotations

import json as jsonlib
import re
from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any

import httpx

from ._auth import Credentials
from ._exceptions import ConfigurationError, InvalidRequestError
from ._request import ApiRequest
from ._retry import RetryPolicy
from ._types import TimeoutTypes

__all__ = [
    "Settings",
    "api_root",
    "check_headers",
    "check_limits",
    "check_request",
    "check_sudo",
    "check_timeout",
    "refuse_connection_options",
]

#: A ``Sudo`` value: a user ID or username, visible ASCII only.
_SUDO = re.compile(r"[\x21-\x7e]+")
#: An HTTP field name (RFC 9110 token).
_FIELD_NAME = re.compile(r"[!#$%&'*+\-.^_`|~0-9A-Za-z]+")
#: An HTTP field value the SDK will send: printable ASCII, spaces and tabs inside.
_FIELD_VALUE = re.compile(r"[\x21-\x7e]([\x20-\x7e\t]*[\x21-\x7e])?|")


@dataclass(frozen=True, slots=True)
class Settings:
    """What one client (or one ``with_options`` copy) sends with every request."""

    base_url: httpx.URL
    credentials: Credentials
    sudo: str | None
    timeout: httpx.Timeout | None
    policy: RetryPolicy
    headers: Mapping[str, str]
    follow_redirects: bool
    keep_base_url: bool
    #: ``base_url`` as text without a trailing slash: request paths are appended to it.
    root: str = field(init=False)

    def __post_init__(self) -> None:
        object.__setattr__(self, "root", str(self.base_url).rstrip("/"))


def api_root(url: str) -> httpx.URL:
    """Accept ``https://host``, ``https://host/gitlab``, with or without ``/api/v4``."""
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
    path = parsed.path.rstrip("/")
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
    if not _SUDO.fullmatch(text):
        raise ConfigurationError(
            "sudo must be a non-empty user ID or username of visible ASCII characters"
        )
    return text


def check_timeout(timeout: TimeoutTypes) -> httpx.Timeout | None:
    if timeout is None:
        return None
    if isinstance(timeout, httpx.Timeout):
        return timeout
    if isinstance(timeout, bool) or not isinstance(timeout, int | float) or not timeout > 0:
        raise ConfigurationError(
            "timeout must be a positive number of seconds, an httpx.Timeout or None"
        )
    return httpx.Timeout(float(timeout))


#: Headers that frame or route the message: the HTTP engine sets them, a caller's value
#: would contradict it (a second Content-Length, a Transfer-Encoding the body does not
#: have, a Host other than the URL's) on any engine.
_ENGINE_HEADERS = frozenset(
    {"content-length", "transfer-encoding", "connection", "upgrade", "te", "trailer", "host"}
)


def check_headers(headers: Mapping[str, str]) -> dict[str, str]:
    """The extra headers, or a :class:`ConfigurationError` that never quotes a value."""
    checked = {}
    for name, value in headers.items():
        if not isinstance(name, str) or not _FIELD_NAME.fullmatch(name):
            raise ConfigurationError(f"invalid header name {str(name)[:100]!r}")
        if name.lower() in _ENGINE_HEADERS:
            raise ConfigurationError(
                f"the {name} header is set by the HTTP engine from the request itself; "
                "it cannot be given in headers="
            )
        if not isinstance(value, str) or not _FIELD_VALUE.fullmatch(value):
            raise ConfigurationError(
                f"invalid value for header {name!r}: use printable ASCII without line breaks "
                "or control characters"
            )
        checked[name] = value
    return checked


def check_limits(
    *,
    max_retries: int | None = None,
    retry_budget: float | None = None,
    max_concurrency: int | None = None,
    requests_per_second: float | None = None,
) -> None:
    if (max_retries is not None and max_retries < 0) or (
        retry_budget is not None and retry_budget < 0
    ):
        raise ConfigurationError("max_retries and retry_budget must be >= 0")
    if max_concurrency is not None and max_concurrency < 1:
        raise ConfigurationError("max_concurrency must be >= 1")
    if requests_per_second is not None and requests_per_second <= 0:
        raise ConfigurationError("requests_per_second must be > 0")


def check_request(
    method: str,
    path: str,
    *,
    params: Mapping[str, str] | list[tuple[str, str]] | None,
    json: Any,
    headers: Mapping[str, str] | None,
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
