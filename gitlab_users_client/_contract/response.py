"""What an operation answers: the types the client parses into, and a raw response.

Import-light on purpose (no pydantic): the client and the resources import it before
any model is needed.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any, Final, Generic, TypeVar

import httpx

__all__ = ["UNPARSED", "Response", "ResponseTypes"]

T = TypeVar("T")


class ResponseTypes(dict[int, Any], Generic[T]):
    """An operation's documented successful answers: status → body type, ``None`` for a
    status without a body (``{201: UserBasic, 304: None}``).

    Data, not code: each generated endpoint module exports one as ``RESPONSES`` and the
    client parses the body itself (``AsyncGitLab._call``). A successful status missing
    here is an undocumented answer and an :class:`~gitlab_users_client.APIStatusError`.
    ``T`` is what the call returns.
    """

    __slots__ = ()

    def __repr__(self) -> str:
        return f"ResponseTypes({dict.__repr__(self)})"


#: Any successful status, answered with the ``httpx.Response`` itself (``gl.request()``).
UNPARSED: Final[ResponseTypes[httpx.Response]] = ResponseTypes()


@dataclass(frozen=True, init=False, repr=False, eq=False)
class Response(Generic[T]):
    """A parsed response together with what the server sent: status, headers and raw body.

    A frozen dataclass whose methods are written out: generating them would cost every
    import of the SDK a code-generation pass (they behave as ``@dataclass(frozen=True)``
    would generate them).
    """

    status_code: int
    headers: httpx.Headers
    content: bytes
    parsed: T
    http_response: httpx.Response

    def __init__(
        self,
        status_code: int,
        headers: httpx.Headers,
        content: bytes,
        parsed: T,
        http_response: httpx.Response,
    ) -> None:
        set_field = object.__setattr__
        set_field(self, "status_code", status_code)
        set_field(self, "headers", headers)
        set_field(self, "content", content)
        set_field(self, "parsed", parsed)
        set_field(self, "http_response", http_response)

    def _values(self) -> tuple[int, httpx.Headers, bytes, T, httpx.Response]:
        return (self.status_code, self.headers, self.content, self.parsed, self.http_response)

    def __repr__(self) -> str:
        return (
            f"{type(self).__qualname__}(status_code={self.status_code!r}, "
            f"headers={self.headers!r}, content={self.content!r}, parsed={self.parsed!r}, "
            f"http_response={self.http_response!r})"
        )

    def __eq__(self, other: object) -> bool:
        if other.__class__ is not self.__class__:
            return NotImplemented
        assert isinstance(other, Response)
        return self._values() == other._values()

    def __hash__(self) -> int:
        return hash(self._values())
