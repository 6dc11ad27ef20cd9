"""What the generated resource classes build on (kept tiny and import-light)."""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING, TypeVar

import httpx

from ._pagination import AsyncPaginator
from ._types import NOT_GIVEN, NotGiven, PaginationMode, SudoArg, TimeoutArg

if TYPE_CHECKING:
    from ._client import AsyncGitLab
    from ._generated.client import ApiClient, ApiRequest

__all__ = [
    "NOT_GIVEN",
    "AsyncPaginator",
    "BaseResource",
    "NotGiven",
    "PaginationMode",
    "SudoArg",
    "TimeoutArg",
]

T = TypeVar("T")


class BaseResource:
    """A group of operations bound to one client (``gl.users``, ``gl.user.keys``...)."""

    def __init__(self, client: AsyncGitLab) -> None:
        self._client = client

    def __repr__(self) -> str:
        return f"<{type(self).__name__} of {self._client!r}>"

    def _api(self, sudo: SudoArg, timeout: TimeoutArg) -> ApiClient:
        if isinstance(sudo, NotGiven) and isinstance(timeout, NotGiven):
            return self._client
        return self._client.with_options(sudo=sudo, timeout=timeout)

    def _paginate(
        self,
        request: ApiRequest,
        parse: Callable[[httpx.Response], list[T]],
        *,
        keyset: bool,
        pagination: PaginationMode,
        max_items: int | None,
        max_pages: int | None,
        sudo: SudoArg,
        timeout: TimeoutArg,
    ) -> AsyncPaginator[T]:
        client = self._client
        if not (isinstance(sudo, NotGiven) and isinstance(timeout, NotGiven)):
            client = client.with_options(sudo=sudo, timeout=timeout)
        return AsyncPaginator(
            client,
            request,
            parse,
            keyset_capable=keyset,
            mode=pagination,
            max_items=max_items,
            max_pages=max_pages,
        )
