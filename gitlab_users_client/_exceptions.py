"""Every exception the SDK raises, and how lower layers' failures become them.

The hierarchy follows openai-python's shape::

    GitLabError
    ├── ConfigurationError, InvalidRequestError   (before any request; also ValueError)
    ├── ClientStateError                           (closed, or used from another event loop)
    ├── CrossOriginError                           (a server URL pointing elsewhere)
    ├── PaginationLoopError                        (a next page already fetched)
    ├── BulkError                                  (some items of a bulk call failed)
    └── APIError                                   (a request was made and failed)
        ├── APIStatusError                         (4xx/5xx, or an undocumented status)
        │   ├── BadRequestError 400, AuthenticationError 401, PermissionDeniedError 403,
        │   │   NotFoundError 404, MethodNotAllowedError 405, ConflictError 409,
        │   │   PreconditionFailedError 412, UnprocessableEntityError 422
        │   ├── RateLimitError 429                 (``retry_after``)
        │   └── ServerError 5xx                    (``outcome_unknown``)
        ├── APIConnectionError                     (no usable response; ``outcome_unknown``)
        │   └── APITimeoutError
        ├── ResponseTooLargeError                  (body over ``max_response_size``)
        └── ResponseValidationError                (a 2xx whose body breaks the schema)

A transport failure reaches the caller in two stages, each in one place:

1. **Engine → httpx's exception types** (``gitlab_users_client/_http/``, and httpx's
   own ``map_httpcore_exceptions`` on the default client). Every engine raises what
   httpcore would: ``ConnectError``/``ConnectTimeout`` when nothing was sent,
   ``ReadTimeout``, ``WriteTimeout``, ``PoolTimeout``, ``ReadError``,
   ``RemoteProtocolError`` (a head or body that breaks HTTP or the head limits,
   ``_http.checks.check_head``). Reading the body adds ``DecodingError`` (bad
   compression) and :class:`ResponseTooLargeError` (``_body.read_body``).
2. **httpx → the SDK's** (``_retry.Executor.send``, after the retry rules): a
   ``TimeoutException`` becomes :class:`APITimeoutError`, any other ``TransportError``
   or ``DecodingError`` :class:`APIConnectionError`, chained to a clean copy of the httpx
   error (same type and message, no credentials, no chain behind it);
   ``outcome_unknown`` is set when the request may have been sent and is not safe to
   repeat. A call out of its retry budget is an :class:`APITimeoutError` too.

Responses are mapped in ``AsyncGitLab._call``: an error status by :func:`status_error`,
a body that breaks the schema by :func:`validation_error`. A redirect or pagination URL
that leaves the origin or the API root is a :class:`CrossOriginError` where it is read
(``_urls``, ``_session``). Errors before any request (:class:`ConfigurationError`,
:class:`InvalidRequestError`) come from checking arguments.

All carry what is needed to act on them: the status, GitLab's message parsed from any
of its error body shapes, the raw body, the request id and the URL with credentials
removed. None of them ever holds a token, and all survive a pickle round trip (the
``httpx.Response`` is left behind; everything else travels).
"""

from __future__ import annotations

import contextlib
import json
from typing import TYPE_CHECKING, Any

import httpx

from ._redact import SENSITIVE_HEADERS, redact_url

if TYPE_CHECKING:
    from ._bulk import Outcome

__all__ = [
    "APIConnectionError",
    "APIError",
    "APIStatusError",
    "APITimeoutError",
    "AuthenticationError",
    "BadRequestError",
    "BulkError",
    "ClientStateError",
    "ConfigurationError",
    "ConflictError",
    "CrossOriginError",
    "GitLabError",
    "InvalidRequestError",
    "MethodNotAllowedError",
    "NotFoundError",
    "PaginationLoopError",
    "PermissionDeniedError",
    "PreconditionFailedError",
    "RateLimitError",
    "ResponseTooLargeError",
    "ResponseValidationError",
    "ServerError",
    "UnprocessableEntityError",
    "error_message",
    "status_error",
]

#: How much of GitLab's message ``str(exc)`` shows; the full body stays on ``exc.body``.
MAX_MESSAGE = 300


def _restore(cls: type[GitLabError], args: tuple[Any, ...], state: dict[str, Any]) -> GitLabError:
    error = cls.__new__(cls)
    Exception.__init__(error, *args)
    error.__dict__.update(state)
    return error


class GitLabError(Exception):
    """Base class of every exception this SDK raises."""

    def __reduce__(self) -> tuple[Any, ...]:
        # Subclasses take keyword-only arguments, which plain exception pickling cannot
        # replay; rebuild from the attributes instead. The live response stays behind.
        state = {key: value for key, value in self.__dict__.items() if key != "response"}
        return (_restore, (type(self), self.args, state))


class ConfigurationError(GitLabError, ValueError):
    """The client was set up in a way that cannot work (ambiguous tokens, bad URL...)."""


class InvalidRequestError(GitLabError, ValueError):
    """The arguments cannot make a valid request; raised before anything is sent."""


class ClientStateError(GitLabError, RuntimeError):
    """The client cannot send now: it is closed, or bound to another event loop."""


class CrossOriginError(GitLabError):
    """A server-provided URL (pagination ``Link``, redirect) points at another origin.

    The SDK never sends credentials to another origin; it refuses to follow instead.
    """

    #: The URL that was refused, with credentials removed.
    url: str

    def __init__(self, message: str, *, url: str) -> None:
        super().__init__(message)
        self.url = redact_url(url)


def _shorten(message: str) -> str:
    return message if len(message) <= MAX_MESSAGE else message[:MAX_MESSAGE].rstrip() + "…"


class APIError(GitLabError):
    """A request was made and failed.

    ``str(exc)`` names the call: GitLab's (or the transport's) message, the method, the
    URL (credentials removed) and, when the call was retried, how many attempts it made.
    """

    #: The message, without the call it concerns.
    message: str
    #: The HTTP method of the failed call.
    method: str
    #: The URL of the failed call, with credentials removed.
    url: str
    #: How many times the call was retried (0: one attempt). Rate-limit pauses the call
    #: waited through count as retries.
    retries: int

    def __init__(self, message: str, *, method: str, url: str, retries: int = 0) -> None:
        message = _shorten(message)
        super().__init__(message)
        self.message = message
        self.method = method
        self.url = redact_url(url)
        self.retries = retries

    @property
    def attempts(self) -> int:
        """How many times the request was sent (or waited for): ``retries + 1``."""
        return self.retries + 1

    def _notes(self) -> list[str]:
        return [] if self.retries == 0 else [f"{self.attempts} attempts"]

    def __str__(self) -> str:
        notes = self._notes()
        suffix = f" ({', '.join(notes)})" if notes else ""
        return f"{self.message}: {self.method} {self.url}{suffix}"


class APIConnectionError(APIError):
    """No usable response arrived (DNS, refused or dropped connection, TLS, a response
    that breaks HTTP...).

    ``outcome_unknown`` is true when the request may have reached GitLab and it is not
    safe to repeat (a POST): check the server's state before trying again.
    """

    #: The request may have been applied (sent, then lost): check before repeating it.
    outcome_unknown: bool

    def __init__(
        self,
        message: str,
        *,
        method: str,
        url: str,
        outcome_unknown: bool = False,
        retries: int = 0,
    ) -> None:
        if outcome_unknown:
            message = f"{message} (the request may have been applied: its outcome is unknown)"
        super().__init__(message, method=method, url=url, retries=retries)
        self.outcome_unknown = outcome_unknown

    def _notes(self) -> list[str]:
        # Always said, even for one attempt: whether the call was retried is the first
        # question about a connection failure.
        return [f"{self.attempts} attempt" + ("s" if self.attempts > 1 else "")]


class APITimeoutError(APIConnectionError):
    """The request timed out (connect, write, read or waiting for a pooled connection)."""


class _ResponseError(APIError):
    """What every error built from a response carries."""

    #: The HTTP status GitLab answered with.
    status_code: int
    #: The response (not kept when the error is pickled).
    response: httpx.Response
    #: The error body: parsed JSON when it was JSON, else text, or ``None`` when empty.
    body: Any
    #: The response headers.
    headers: httpx.Headers
    #: GitLab's ``X-Request-Id`` (to find the request in GitLab's logs), when sent.
    request_id: str | None

    def __init__(self, message: str, *, response: httpx.Response, body: Any, retries: int) -> None:
        request = response.request
        # GitLab often starts its message with the status ("404 User Not Found").
        prefix = f"{response.status_code} "
        message = _shorten(message[len(prefix) :] if message.startswith(prefix) else message)
        super().__init__(
            f"{response.status_code} {message}",
            method=request.method,
            url=str(request.url),
            retries=retries,
        )
        self.message = message
        self.status_code = response.status_code
        self.response = response
        self.body = body
        self.headers = response.headers
        request_id = response.headers.get("x-request-id")
        self.request_id = request_id if isinstance(request_id, str) else None

    def _notes(self) -> list[str]:
        notes = super()._notes()
        if self.request_id:
            notes.append(f"request id {self.request_id}")
        return notes

    def __str__(self) -> str:
        return f"{self.status_code} {super().__str__()}"


class APIStatusError(_ResponseError):
    """GitLab answered with an error status (4xx/5xx, or any code it does not document)."""

    def __init__(
        self, message: str, *, response: httpx.Response, body: Any, retries: int = 0
    ) -> None:
        super().__init__(message, response=response, body=body, retries=retries)

    @property
    def errors(self) -> dict[str, list[str]]:
        """Field errors of a validation failure (``{"message": {"email": ["is invalid"]}}``)."""
        if isinstance(self.body, dict) and isinstance(self.body.get("message"), dict):
            return {
                str(key): [str(item) for item in (value if isinstance(value, list) else [value])]
                for key, value in self.body["message"].items()
            }
        return {}


class BadRequestError(APIStatusError):
    """400: invalid parameters (Grape) or a failed model validation."""


class AuthenticationError(APIStatusError):
    """401: no, unknown, expired or revoked credentials."""


class PermissionDeniedError(APIStatusError):
    """403: authenticated but not allowed (not an admin, insufficient scope, sudo refused...)."""


class NotFoundError(APIStatusError):
    """404: no such resource, or one the caller may not see."""


class MethodNotAllowedError(APIStatusError):
    """405: e.g. offset pagination past GitLab's 50,000-row ceiling."""


class ConflictError(APIStatusError):
    """409: e.g. the email or username is already taken."""


class PreconditionFailedError(APIStatusError):
    """412: the resource changed since ``If-Unmodified-Since``."""


class UnprocessableEntityError(APIStatusError):
    """422: the request was understood but the service refused it."""


class RateLimitError(APIStatusError):
    """429: rate limited, and waiting was not possible within the retry budget.

    ``retry_after`` is the wait (seconds) the server asked for, when it said.
    """

    def __init__(
        self,
        message: str,
        *,
        response: httpx.Response,
        body: Any,
        retries: int = 0,
        retry_after: float | None = None,
    ) -> None:
        super().__init__(message, response=response, body=body, retries=retries)
        self.retry_after = retry_after


class ServerError(APIStatusError):
    """5xx (including Cloudflare's 52x).

    ``outcome_unknown`` is true for a non-idempotent request (a POST): GitLab or a proxy
    failed after receiving it, so it may have been applied. It is never retried.
    """

    def __init__(
        self,
        message: str,
        *,
        response: httpx.Response,
        body: Any,
        retries: int = 0,
        outcome_unknown: bool = False,
    ) -> None:
        super().__init__(message, response=response, body=body, retries=retries)
        self.outcome_unknown = outcome_unknown

    def __str__(self) -> str:
        text = super().__str__()
        if self.outcome_unknown:
            text += " (the request may have been applied: its outcome is unknown)"
        return text


class ResponseTooLargeError(APIError):
    """The response body, once decoded, is larger than ``max_response_size``.

    The rest of the body was not read and the request is not retried. ``limit`` is the
    cap in bytes.
    """

    def __init__(self, message: str, *, method: str, url: str, limit: int) -> None:
        super().__init__(message, method=method, url=url)
        self.limit = limit


class PaginationLoopError(GitLabError):
    """The server's next page is one the paginator has already fetched.

    Following it would repeat the same requests forever (a proxy or a broken server
    answering ``X-Next-Page: 1`` on every page); ``url`` is the repeated page.
    """

    #: The repeated page, with credentials removed.
    url: str

    def __init__(self, message: str, *, url: str) -> None:
        super().__init__(message)
        self.url = redact_url(url)


class BulkError(GitLabError):
    """Some items of a bulk call failed; ``failures`` lists them (each an :class:`Outcome`
    with its item and exception)."""

    def __init__(self, failures: list[Outcome[Any, Any]], total: int) -> None:
        first = failures[0]
        super().__init__(
            f"{len(failures)} of {total} items failed; first: item {first.item!r}: {first.error}"
        )
        self.failures = failures


class ResponseValidationError(_ResponseError):
    """A successful status, but a body that does not match the documented schema.

    Not an :class:`APIStatusError`: GitLab did what was asked, the SDK could not read
    the answer. ``problems`` lists what did not match (field and rule); ``error`` is the
    validation error (a ``pydantic.ValidationError`` when the schema did not match) with
    every input value hidden, since the body may hold a new token; ``body`` keeps what
    arrived.
    """

    def __init__(
        self,
        message: str,
        *,
        response: httpx.Response,
        body: Any,
        problems: list[str],
        error: Exception,
    ) -> None:
        super().__init__(message, response=response, body=body, retries=0)
        self.problems = problems
        self.error = error


_BY_STATUS: dict[int, type[APIStatusError]] = {
    400: BadRequestError,
    401: AuthenticationError,
    403: PermissionDeniedError,
    404: NotFoundError,
    405: MethodNotAllowedError,
    409: ConflictError,
    412: PreconditionFailedError,
    422: UnprocessableEntityError,
}


def decode_body(response: httpx.Response) -> Any:
    """The error body as JSON when it is JSON, else as text (HTML pages, ``Retry later``)."""
    content = response.content
    if not content:
        return None
    try:
        return json.loads(content)
    except (ValueError, RecursionError):  # not JSON, or nested deeper than Python recurses
        return response.text


def error_message(body: Any, status_code: int) -> str:
    """GitLab's message from any of its error body shapes.

    ``{"message": "..."}``, ``{"message": {"field": ["..."]}}``,
    ``{"message": {"error": "..."}}``, ``{"error": "...", "error_description": "..."}``,
    plain text, or nothing.
    """
    if isinstance(body, dict):
        message = body.get("message")
        if isinstance(message, str) and message:
            return message
        if isinstance(message, dict):
            if isinstance(message.get("error"), str) and len(message) == 1:
                return str(message["error"])
            parts = []
            for key, value in message.items():
                items = value if isinstance(value, list) else [value]
                parts.append(f"{key} {', '.join(str(item) for item in items)}")
            if parts:
                return "; ".join(parts)
        if isinstance(message, list) and message:
            return "; ".join(str(item) for item in message)
        error = body.get("error")
        if isinstance(error, str) and error:
            description = body.get("error_description")
            return (
                f"{error}: {description}" if isinstance(description, str) and description else error
            )
    if isinstance(body, str) and body.strip():
        text = " ".join(body[: MAX_MESSAGE * 4].split())
        if "<html" in text.lower() or "<!doctype" in text.lower():
            return f"HTTP {status_code} (an HTML page, probably from a proxy)"
        return text
    return httpx.codes.get_reason_phrase(status_code) or f"HTTP {status_code}"


def _redacted(request: httpx.Request) -> httpx.Request:
    headers = httpx.Headers(
        [
            (name, "[REDACTED]" if name.lower() in SENSITIVE_HEADERS else value)
            for name, value in request.headers.multi_items()
        ]
    )
    return httpx.Request(
        request.method, request.url, headers=headers, extensions=request.extensions
    )


def forget_credentials(response: httpx.Response) -> None:
    """Errors keep the response; make sure its request no longer carries credentials."""
    response.request = _redacted(response.request)


def forget_request_credentials(error: httpx.RequestError) -> None:
    """The same for an httpx error chained as ``__cause__`` of an :class:`APIConnectionError`."""
    with contextlib.suppress(RuntimeError):  # an httpx error raised without a request
        error.request = _redacted(error.request)


def status_error(
    response: httpx.Response,
    *,
    retries: int = 0,
    retry_after: float | None = None,
    outcome_unknown: bool = False,
    message: str | None = None,
) -> APIStatusError:
    """The typed exception for an error response (any status code, known or not)."""
    forget_credentials(response)
    body = decode_body(response)
    status = response.status_code
    message = message or error_message(body, status)
    if status == 429:
        return RateLimitError(
            message, response=response, body=body, retries=retries, retry_after=retry_after
        )
    if status >= 500:
        return ServerError(
            message, response=response, body=body, retries=retries, outcome_unknown=outcome_unknown
        )
    error_type = _BY_STATUS.get(status, APIStatusError)
    return error_type(message, response=response, body=body, retries=retries)


def validation_error(
    response: httpx.Response, problems: list[str], error: Exception
) -> ResponseValidationError:
    """The exception for a successful response whose body breaks the schema."""
    forget_credentials(response)
    summary = problems[0] if problems else "unreadable body"
    return ResponseValidationError(
        f"the response does not match the documented schema ({summary})",
        response=response,
        body=decode_body(response),
        problems=problems,
        error=error,
    )
