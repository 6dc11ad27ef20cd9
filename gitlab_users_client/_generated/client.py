"""What the generated endpoint functions need from a client (generated; do not edit).

The endpoint functions only build an :class:`ApiRequest` and parse the response;
sending it (base URL, auth, sudo, retries, error mapping) is the client's job.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import IO, Protocol

import httpx

# Not imported from .types: that module builds pydantic models, and the client must
# stay importable without paying for pydantic until a response is parsed.
FileContent = bytes | IO[bytes]


@dataclass(slots=True)
class ApiRequest:
    """One API call, with its path relative to the ``/api/v4`` root."""

    method: str
    path: str
    operation_id: str
    params: list[tuple[str, str]] = field(default_factory=list)
    #: An already encoded query string (a server-given pagination link), sent as is.
    query: str | None = None
    json: bytes | None = None
    data: list[tuple[str, str]] | None = None
    files: list[tuple[str, tuple[str, FileContent, str]]] | None = None
    headers: dict[str, str] = field(default_factory=dict)


class ApiClient(Protocol):
    """Sends requests; any object with these two methods can drive the endpoint functions."""

    async def send(self, request: ApiRequest, /) -> httpx.Response:
        """Send the request and return a successful (2xx/3xx) response, raising otherwise."""
        ...

    def response_error(self, response: httpx.Response, error: Exception, /) -> Exception:
        """Build the exception for a response that could not be parsed or was not documented."""
        ...
