"""What a generated operation hands to the client.

Import-light on purpose (no pydantic): the client and the resources import it
before any model is needed.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import IO

from .._redact import Secret

__all__ = ["ApiRequest", "FileContent", "Keyset"]

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


@dataclass(frozen=True, slots=True)
class Keyset:
    """An operation that GitLab can also page by keyset, from ``x-pagination: keyset``.

    ``by``/``default``/``serves`` (from ``x-keyset-orders``) say which orders keyset
    serves when it cannot serve them all: ``order_by`` defaults to ``created_at``
    but only ``id`` is served. Without them, every order is. Declared here, with the
    request, so that a resource module needs no paging code until a list is walked.
    """

    by: str | None = None
    default: str | None = None
    serves: tuple[str, ...] = ()

    def serves_request(self, request: ApiRequest) -> bool:
        if self.by is None:
            return True
        order = next((value for name, value in request.params if name == self.by), self.default)
        return order in self.serves
