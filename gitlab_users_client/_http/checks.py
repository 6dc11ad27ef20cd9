"""The rules every engine holds a response head to, and the one source of its limits.

The SDK's own engine enforces the limits while it reads (``h1``), aiohttp is configured
with them, and ``check_head`` applies them again to whatever an engine (httpcore
included) hands back, so that every engine refuses the same heads. Also what every
engine reads from a request's extensions: its timeouts, and whom to tell it is sent.
"""

from __future__ import annotations

import ssl
from typing import Any, Final

import httpx

__all__ = [
    "MAX_HEADERS",
    "MAX_HEAD_SIZE",
    "MAX_LINE_SIZE",
    "certificate_error",
    "ON_SENT",
    "certificate_reason",
    "check_head",
    "report_sent",
    "seconds",
]

#: The longest header line (aiohttp's and most servers' limit) and the most header fields
#: a response head may have, on every engine.
MAX_LINE_SIZE: Final = 8190
MAX_HEADERS: Final = 100
#: The largest response head (or trailer section): httpcore's limit (h11's
#: ``max_incomplete_event_size`` as httpcore sets it), so every engine refuses the same.
MAX_HEAD_SIZE: Final = 100 * 1024


#: A request extension: called (no argument) by the SDK's engines once the request is
#: on its way, as httpcore reports it through its ``trace`` events; the client loads a
#: fresh process's models from then on.
ON_SENT: Final = "gitlab_users_client.on_sent"


def report_sent(request: httpx.Request) -> None:
    """Call the request's ``ON_SENT`` extension, if it has one."""
    on_sent = request.extensions.get(ON_SENT)
    if on_sent is not None:
        on_sent()


def seconds(timeouts: dict[str, Any], name: str) -> float | None:
    """One of a request's ``timeout`` extension values (``None``: no limit)."""
    value = timeouts.get(name)
    return None if value is None else float(value)


def certificate_error(exc: BaseException | None) -> httpx.ConnectError:
    """A refused server certificate, saying why as OpenSSL does ("self-signed
    certificate", "Hostname mismatch..."), as httpcore's error does."""
    reason = getattr(exc, "verify_message", None)
    if isinstance(exc, ssl.SSLCertVerificationError) and reason:
        return httpx.ConnectError(f"TLS certificate verification failed: {reason}")
    return httpx.ConnectError("TLS certificate verification failed")


def certificate_reason(exc: BaseException) -> str | None:
    """OpenSSL's reason for a refused certificate anywhere in ``exc``'s chain.

    httpcore under trio raises its ``ConnectError`` with no message; the reason is on
    the ``ssl.SSLCertVerificationError`` it was raised from.
    """
    seen: set[int] = set()
    current: BaseException | None = exc
    while current is not None and id(current) not in seen:
        seen.add(id(current))
        if isinstance(current, ssl.SSLCertVerificationError) and current.verify_message:
            return f"TLS certificate verification failed: {current.verify_message}"
        current = current.__cause__ or current.__context__
    return None


async def _refuse(response: httpx.Response, reason: str) -> httpx.Response:
    await response.aclose()
    raise httpx.RemoteProtocolError(f"malformed response: {reason}")


async def check_head(response: httpx.Response) -> httpx.Response:
    """Hold a response head to the same rules on every engine (httpcore accepts more)."""
    raw = response.headers.raw
    if len(raw) > MAX_HEADERS:
        return await _refuse(response, f"more than {MAX_HEADERS} header fields")
    if not 100 <= response.status_code <= 999:
        return await _refuse(response, "invalid status code")
    framing = 0
    size = 0
    for name, value in raw:
        line = len(name) + len(value) + 2
        if line > MAX_LINE_SIZE:
            return await _refuse(response, f"a header line longer than {MAX_LINE_SIZE} bytes")
        size += line + 2
        if size > MAX_HEAD_SIZE:
            return await _refuse(response, f"a head larger than {MAX_HEAD_SIZE} bytes")
        lowered = name.lower()
        if lowered == b"content-length":
            framing |= 1
        elif lowered == b"transfer-encoding":
            framing |= 2
    if framing == 3:
        # RFC 9112, 6.3: both framings at once is how responses get smuggled.
        return await _refuse(response, "both Content-Length and Transfer-Encoding")
    return response
