"""What an operation answers: the types the client parses into, and a raw response.

Import-light on purpose (no pydantic): the client and the resources import it before
any model is needed.
"""

from __future__ import annotations

import contextlib
import sys
import threading
from collections.abc import Awaitable, Callable
from dataclasses import dataclass
from typing import Any, Final, Generic, TypeAlias, TypeVar

import httpx

__all__ = ["UNPARSED", "LazyResponses", "Response", "ResponseTypes"]

T = TypeVar("T")

#: httpcore's ``trace`` request extension, as an async transport calls it.
Trace: TypeAlias = Callable[[str, dict[str, Any]], Awaitable[None]]


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


class LazyResponses(ResponseTypes[T]):
    """An operation's ``RESPONSES`` as its resource method hands them to the client: read
    from the endpoint module (which imports the models, and pydantic, to build them) at
    the first lookup, not before.

    So a call can send its request first and load the models while the server answers:
    :meth:`prefetch` starts that load in a thread of its own, once per operation and only
    while its models are not imported yet (a fresh process's first call); the client
    has it called once the request is written (:meth:`trace`). The answer's lookup
    (:meth:`get`) then waits on the lock for what is left of the import, never importing
    twice. Only lookups load: until then the mapping is empty (false).
    """

    __slots__ = ("_lock", "_module", "_started")

    def __init__(self, module: str) -> None:
        super().__init__()
        self._module = module
        self._lock = threading.Lock()
        self._started = False

    def _source(self) -> ResponseTypes[T]:
        responses: ResponseTypes[T] = sys.modules[self._module].RESPONSES
        return responses

    def needs_import(self) -> bool:
        """Whether loading still has models to import (the work worth a thread)."""
        return not self and "RESPONSES" not in vars(sys.modules[self._module])

    def load(self) -> None:
        """Read the module's ``RESPONSES`` (once; a second caller waits for the first)."""
        with self._lock:
            if not self:
                self.update(self._source())

    def prefetch(self) -> None:
        """Start loading in a thread, if there are models to import and no thread has
        started yet. A failure there is left to the lookup, which loads again and raises
        it to the caller."""
        if self._started or not self.needs_import():
            return
        self._started = True
        # Not a daemon: an import cut short at interpreter exit can crash it.
        threading.Thread(target=self._load_quietly, name=f"load {self._module}").start()

    def trace(self, previous: Trace | None) -> Trace:
        """An httpcore ``trace`` extension that calls :meth:`prefetch` once the request
        is written (``…send_request_body.complete``), then ``previous``'s.

        From then on the event loop only waits for the server, so the import thread
        slows no part of sending (two threads share one interpreter lock). The SDK's
        engines call :meth:`prefetch` themselves (``_http.checks.ON_SENT``); a transport
        that reports nothing (respx, ``httpx.MockTransport``) leaves the load to the
        answer's lookup.
        """

        async def on_event(name: str, info: dict[str, Any]) -> None:
            if name.endswith(".send_request_body.complete"):
                self.prefetch()
            if previous is not None:
                await previous(name, info)

        return on_event

    def _load_quietly(self) -> None:
        with contextlib.suppress(Exception):  # raised again by the caller's lookup
            self.load()

    def get(self, status: int, default: Any = None) -> Any:
        if not self:
            self.load()
        return super().get(status, default)

    def __getitem__(self, status: int) -> Any:
        if not self:
            self.load()
        return super().__getitem__(status)

    def __contains__(self, status: object) -> bool:
        if not self:
            self.load()
        return super().__contains__(status)

    def __repr__(self) -> str:
        state = dict.__repr__(self) if self else "not loaded"
        return f"LazyResponses({self._module}: {state})"


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
