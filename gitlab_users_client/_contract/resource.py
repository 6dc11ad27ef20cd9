"""What the generated resource classes build on (kept tiny and import-light).

Every operation method builds its request with the generated ``build_request`` and
hands it, with the operation's ``RESPONSES`` (data: status → body type), to
:meth:`BaseResource._request` (or :meth:`BaseResource._paginate` for list operations):
the one way into the client.
``with_raw_response`` views wrap those same methods (:func:`raw_response`,
:func:`raw_page`) instead of repeating them.
"""

from __future__ import annotations

from collections.abc import Awaitable, Callable, Coroutine
from typing import TYPE_CHECKING, Any, Concatenate, Generic, ParamSpec, TypeVar, cast

from .request import Keyset
from .response import Response, ResponseTypes
from .types import (
    NOT_GIVEN,
    ExtraBody,
    ExtraHeaders,
    ExtraQuery,
    NotGiven,
    PaginationMode,
    SudoArg,
    TimeoutArg,
)

if TYPE_CHECKING:
    from .._client import AsyncGitLab
    from .._paging.pagination import AsyncPaginator
    from .request import ApiRequest

__all__ = [
    "NOT_GIVEN",
    "AsyncPaginator",
    "BaseResource",
    "ExtraBody",
    "ExtraHeaders",
    "ExtraQuery",
    "Keyset",
    "NotGiven",
    "PaginationMode",
    "RawResponseView",
    "ResponseTypes",
    "SudoArg",
    "TimeoutArg",
    "raw_page",
    "raw_response",
]


def __getattr__(name: str) -> Any:
    # The generated resources name ``AsyncPaginator`` in annotations only; at run time
    # it is loaded when asked for, so that touching a resource imports no paging code.
    if name == "AsyncPaginator":
        from .._paging.pagination import AsyncPaginator

        return AsyncPaginator
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")


T = TypeVar("T")
R = TypeVar("R")
P = ParamSpec("P")
ResourceT = TypeVar("ResourceT", bound="BaseResource")


class BaseResource:
    """A group of operations bound to one client (``gl.users``, ``gl.user.keys``...)."""

    #: Set on the private copy a raw view calls through: return the whole ``Response``.
    _raw = False

    def __init__(self, client: AsyncGitLab) -> None:
        self._client = client

    def __repr__(self) -> str:
        return f"<{type(self).__name__} of {self._client!r}>"

    def _with(self, sudo: SudoArg, timeout: TimeoutArg) -> AsyncGitLab:
        if isinstance(sudo, NotGiven) and isinstance(timeout, NotGiven):
            return self._client
        return self._client.with_options(sudo=sudo, timeout=timeout)

    async def _request(
        self,
        request: ApiRequest,
        expected: ResponseTypes[T],
        sudo: SudoArg,
        timeout: TimeoutArg,
    ) -> T:
        response = await self._with(sudo, timeout)._call(request, expected)
        # A raw view's copy hands the Response back through the same typed method;
        # raw_response() declares what it really returns.
        return cast(T, response) if self._raw else response.parsed

    def _paginate(
        self,
        request: ApiRequest,
        expected: ResponseTypes[list[T]],
        *,
        keyset: Keyset | None = None,
        pagination: PaginationMode = "offset",
        max_items: int | None,
        max_pages: int | None,
        sudo: SudoArg,
        timeout: TimeoutArg,
    ) -> AsyncPaginator[T]:
        # Imported at the first list call: a script that only gets never loads paging.
        from .._paging.pagination import AsyncPaginator

        return AsyncPaginator(
            self._with(sudo, timeout),
            request,
            expected,
            keyset=keyset,
            mode=pagination,
            max_items=max_items,
            max_pages=max_pages,
        )


class RawResponseView(Generic[ResourceT]):
    """``resource.with_raw_response``: the resource's operations returning :class:`Response`."""

    def __init__(self, resource: ResourceT) -> None:
        self._resource = resource
        raw = type(resource)(resource._client)
        raw._raw = True
        self._raw_resource = raw

    def __repr__(self) -> str:
        return f"<{type(self).__name__} of {self._resource._client!r}>"


class raw_response(Generic[P, R]):
    """Declare a raw view's method from the resource's: same arguments, a ``Response[R]``."""

    def __init__(self, method: Callable[Concatenate[Any, P], Coroutine[Any, Any, R]]) -> None:
        self._method = method

    def __get__(
        self, view: RawResponseView[Any], owner: type | None = None
    ) -> Callable[P, Awaitable[Response[R]]]:
        method, resource = self._method, view._raw_resource

        def call(*args: P.args, **kwargs: P.kwargs) -> Awaitable[Response[R]]:
            return cast(Awaitable[Response[R]], method(resource, *args, **kwargs))

        return call


class raw_page(Generic[P, T]):
    """The same for a list operation: its first page as ``Response[list[T]]``."""

    def __init__(self, method: Callable[Concatenate[Any, P], AsyncPaginator[T]]) -> None:
        self._method = method

    def __get__(
        self, view: RawResponseView[Any], owner: type | None = None
    ) -> Callable[P, Awaitable[Response[list[T]]]]:
        method, resource = self._method, view._resource

        def call(*args: P.args, **kwargs: P.kwargs) -> Awaitable[Response[list[T]]]:
            return method(resource, *args, **kwargs).first_response()

        return call
