"""Async, fully typed SDK for GitLab's Users REST API.

    async with AsyncGitLab("https://gitlab.example.com", token="glpat-...") as gl:
        async for user in gl.users.list(active=True):
            print(user.username)

Everything public is importable from here; the generated models also live in
:mod:`gitlab_users_client.models`.
"""

from typing import TYPE_CHECKING, Any

from ._client import DEFAULT_TIMEOUT, AsyncGitLab
from ._contract.response import Response
from ._contract.types import NOT_GIVEN, UNSET, NotGiven, PaginationMode, Unset
from ._exceptions import (
    APIConnectionError,
    APIError,
    APIStatusError,
    APITimeoutError,
    AuthenticationError,
    BadRequestError,
    BulkError,
    ClientStateError,
    ConfigurationError,
    ConflictError,
    CrossOriginError,
    GitLabError,
    InvalidRequestError,
    MethodNotAllowedError,
    NotFoundError,
    PaginationLoopError,
    PermissionDeniedError,
    PreconditionFailedError,
    RateLimitError,
    ResponseTooLargeError,
    ResponseValidationError,
    ServerError,
    UnprocessableEntityError,
)
from ._logs import setup_from_environment
from ._redact import Secret
from ._retry import RetryPolicy
from ._version import __version__

if TYPE_CHECKING:
    from ._bulk import BulkResult, Outcome, map_concurrently
    from ._contract.encoding import File
    from ._paging.pagination import AsyncPaginator, Page
    from ._scan import UserScan

# GITLAB_USERS_LOG=debug|info: the SDK's logger on stderr (see _logs).
setup_from_environment()

#: Imported at first use: a script that sends one request needs none of them (File
#: imports pydantic; paging, fan-out and scans are modules of their own, which a list,
#: ``map_concurrently`` or a scan loads).
_LAZY = {
    "AsyncPaginator": "_paging.pagination",
    "Page": "_paging.pagination",
    "BulkResult": "_bulk",
    "Outcome": "_bulk",
    "map_concurrently": "_bulk",
    "File": "_contract.encoding",
    "UserScan": "_scan",
}


def __getattr__(name: str) -> Any:
    module = _LAZY.get(name)
    if module is None:
        raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
    import importlib

    value = getattr(importlib.import_module(f"{__name__}.{module}"), name)
    globals()[name] = value
    return value


def __dir__() -> list[str]:
    return sorted({*globals(), *_LAZY})


__all__ = [
    "__version__",
    "DEFAULT_TIMEOUT",
    "NOT_GIVEN",
    "UNSET",
    "APIConnectionError",
    "APIError",
    "APIStatusError",
    "APITimeoutError",
    "AsyncGitLab",
    "AsyncPaginator",
    "AuthenticationError",
    "BadRequestError",
    "BulkError",
    "BulkResult",
    "ClientStateError",
    "ConfigurationError",
    "ConflictError",
    "CrossOriginError",
    "File",
    "GitLabError",
    "InvalidRequestError",
    "MethodNotAllowedError",
    "NotFoundError",
    "NotGiven",
    "Outcome",
    "Page",
    "PaginationLoopError",
    "PaginationMode",
    "PermissionDeniedError",
    "PreconditionFailedError",
    "RateLimitError",
    "Response",
    "ResponseTooLargeError",
    "ResponseValidationError",
    "RetryPolicy",
    "Secret",
    "ServerError",
    "UnprocessableEntityError",
    "Unset",
    "UserScan",
    "map_concurrently",
]
