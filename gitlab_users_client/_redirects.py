"""Following redirects (off by default) without leaking credentials.

Credentials are dropped whenever the scheme, host or port changes; https→http and
non-http schemes are refused; 303 (and 301/302 after a POST) become a GET.
"""

from __future__ import annotations

import httpx

from ._redact import SENSITIVE_HEADERS
from ._urls import redirect_target, same_origin

__all__ = ["MAX_REDIRECTS", "REDIRECT_STATUSES", "check_location", "next_request"]

REDIRECT_STATUSES = frozenset({301, 302, 303, 307, 308})
MAX_REDIRECTS = 5


def next_request(
    http: httpx.AsyncClient,
    request: httpx.Request,
    response: httpx.Response,
    timeout: httpx.Timeout | None,
) -> httpx.Request | None:
    """The request a redirect response asks for, or ``None`` when it is not a redirect."""
    location = response.headers.get("location")
    if response.status_code not in REDIRECT_STATUSES or not location:
        return None
    # Scheme, port, user info, dot segments and https→http are checked there.
    target = redirect_target(request.url, location)
    headers = httpx.Headers(request.headers)
    headers.pop("host", None)
    if not same_origin(target, request.url):
        for name in SENSITIVE_HEADERS:
            headers.pop(name, None)
    method, content = request.method, request.content
    if response.status_code == 303 or (response.status_code in (301, 302) and method == "POST"):
        method, content = "GET", b""
        headers.pop("content-type", None)
        headers.pop("content-length", None)
    return http.build_request(
        method, target, headers=headers, content=content or None, timeout=timeout
    )


async def check_location(response: httpx.Response) -> None:
    """Refuse a redirect whose ``Location`` cannot be followed, followed or not.

    Checked as soon as the head arrives: httpx resolves a redirect's ``Location`` while
    receiving the response (even when not following it) and would fail on a hostile one
    with its own exception types.
    """
    if response.status_code not in REDIRECT_STATUSES:
        return
    location = response.headers.get("location")
    if location is None:
        return
    try:
        redirect_target(response.request.url, location)
    except BaseException:
        await response.aclose()
        raise
