"""What a generated operation hands to the client, and what a raw response gives back.

Import-light on purpose (no pydantic): the client and the resources import it
before any model is needed.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import IO, Generic, TypeVar

import httpx

from .._redact import Secret

__all__ = ["ApiRequest", "FileContent", "Response", "UnexpectedStatus"]

T = TypeVar("T")

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
    #: Header parameters and a call's ``extra_headers`` (a :class:`Secret` for a
    #: credential header sent as it is).
    headers: dict[str, str | Secret] = field(default_factory=dict)


@dataclass(slots=True, frozen=True)
class Response(Generic[T]):
    """A parsed response together with what the server sent: status, headers and raw body."""

    status_code: int
    headers: httpx.Headers
    content: bytes
    parsed: T
    http_response: httpx.Response


class UnexpectedStatus(Exception):
    """Raised by a generated ``parse_response`` for a status its operation does not document.

    The client turns it into an :class:`~gitlab_users_client.APIStatusError`.
    """

    def __init__(self, status_code: int) -> None:
        super().__init__(f"undocumented status {status_code}")
        self.status_code = status_code
