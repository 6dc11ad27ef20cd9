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


@dataclass(slots=True, frozen=True)
class Response(Generic[T]):
    """A parsed response together with what the server sent: status, headers and raw body."""

    status_code: int
    headers: httpx.Headers
    content: bytes
    parsed: T
    http_response: httpx.Response
