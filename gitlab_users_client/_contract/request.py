"""What a generated operation hands to the client.

Import-light on purpose (no pydantic): the client and the resources import it
before any model is needed.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import IO, ClassVar

from .._redact import Secret

__all__ = ["ApiRequest", "FileContent", "Keyset"]

FileContent = bytes | IO[bytes]


#: ``ApiRequest``'s fields in the constructor's order (its ``__slots__`` are sorted).
_REQUEST_FIELDS = (
    "method",
    "path",
    "operation_id",
    "params",
    "query",
    "json",
    "data",
    "files",
    "headers",
)


class ApiRequest:
    """One API call, with its path relative to the ``/api/v4`` root.

    A plain class rather than a dataclass (like the other classes every call uses): a
    dataclass costs a code-generation pass at import.
    """

    __slots__ = (
        "data",
        "files",
        "headers",
        "json",
        "method",
        "operation_id",
        "params",
        "path",
        "query",
    )

    def __init__(
        self,
        method: str,
        path: str,
        operation_id: str,
        params: list[tuple[str, str]] | None = None,
        query: str | None = None,
        json: bytes | None = None,
        data: list[tuple[str, str]] | None = None,
        files: list[tuple[str, tuple[str, FileContent, str]]] | None = None,
        headers: dict[str, str | Secret] | None = None,
    ) -> None:
        self.method: str = method
        self.path: str = path
        self.operation_id: str = operation_id
        self.params: list[tuple[str, str]] = [] if params is None else params
        #: An already encoded query string (a server-given pagination link), sent as is.
        self.query: str | None = query
        self.json: bytes | None = json
        self.data: list[tuple[str, str]] | None = data
        self.files: list[tuple[str, tuple[str, FileContent, str]]] | None = files
        #: Header parameters and a call's ``extra_headers`` (a :class:`Secret` for a
        #: credential header sent as it is).
        self.headers: dict[str, str | Secret] = {} if headers is None else headers

    def _values(self) -> tuple[object, ...]:
        return tuple(getattr(self, name) for name in _REQUEST_FIELDS)

    def __repr__(self) -> str:
        # ``Secret`` header values show as ``Secret('****')``: no credential in a repr.
        shown = ", ".join(f"{name}={getattr(self, name)!r}" for name in _REQUEST_FIELDS)
        return f"ApiRequest({shown})"

    def __eq__(self, other: object) -> bool:
        if not isinstance(other, ApiRequest):
            return NotImplemented
        return self._values() == other._values()

    __hash__: ClassVar[None] = None  # type: ignore[assignment]  # mutable


@dataclass(frozen=True, init=False, repr=False, eq=False)
class Keyset:
    """An operation that GitLab can also page by keyset, from ``x-pagination: keyset``.

    ``by``/``default``/``serves`` (from ``x-keyset-orders``) say which orders keyset
    serves when it cannot serve them all: ``order_by`` defaults to ``created_at``
    but only ``id`` is served. Without them, every order is. Declared here, with the
    request, so that a resource module needs no paging code until a list is walked.

    A frozen dataclass whose methods are written out (as ``@dataclass(frozen=True)``
    would generate them): generating them costs every import a code-generation pass.
    """

    by: str | None = None
    default: str | None = None
    serves: tuple[str, ...] = ()

    def __init__(
        self, by: str | None = None, default: str | None = None, serves: tuple[str, ...] = ()
    ) -> None:
        set_field = object.__setattr__
        set_field(self, "by", by)
        set_field(self, "default", default)
        set_field(self, "serves", serves)

    def __repr__(self) -> str:
        return (
            f"{type(self).__qualname__}(by={self.by!r}, default={self.default!r}, "
            f"serves={self.serves!r})"
        )

    def __eq__(self, other: object) -> bool:
        if other.__class__ is not self.__class__:
            return NotImplemented
        assert isinstance(other, Keyset)
        return (self.by, self.default, self.serves) == (other.by, other.default, other.serves)

    def __hash__(self) -> int:
        return hash((self.by, self.default, self.serves))

    def serves_request(self, request: ApiRequest) -> bool:
        if self.by is None:
            return True
        order = next((value for name, value in request.params if name == self.by), self.default)
        return order in self.serves
