"""Lazy offset and keyset pagination over any list operation.

Pages are fetched one at a time and each response is read completely, so at most
one page is held in memory and no connection stays checked out between pages: a
``break`` or a cancellation leaves nothing open. Next pages are followed through
``Link: rel="next"`` (the only thing keyset pages carry) or ``X-Next-Page``; a
``Link`` to another origin is refused so that credentials never follow it. Each page
goes through the client's one request path (``AsyncGitLab._call``), like every call.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import TYPE_CHECKING, Generic, TypeVar
from urllib.parse import parse_qsl

import httpx

from ._exceptions import InvalidRequestError, MethodNotAllowedError
from ._links import PageLoopGuard, next_link
from ._request import ApiRequest, Response
from ._types import PaginationMode
from ._urls import link_target

if TYPE_CHECKING:
    from ._client import AsyncGitLab

T = TypeVar("T")

__all__ = ["AsyncPaginator", "Keyset", "Page"]

#: Longer than any count GitLab can send (64-bit); longer values are garbage, not numbers.
_MAX_DIGITS = 19


_PAGE_HEADERS = frozenset(
    {
        b"x-page",
        b"x-per-page",
        b"x-next-page",
        b"x-prev-page",
        b"x-total",
        b"x-total-pages",
        b"link",
    }
)


def _page_headers(response: httpx.Response) -> dict[bytes, bytes]:
    """The pagination headers, in one pass over the raw headers (this runs per page)."""
    return {
        key.lower(): value for key, value in response.headers.raw if key.lower() in _PAGE_HEADERS
    }


def _int_header(headers: dict[bytes, bytes], name: bytes) -> int | None:
    value = headers.get(name, b"").strip()
    return int(value) if value.isdigit() and len(value) <= _MAX_DIGITS else None


@dataclass(frozen=True, slots=True)
class Page(Generic[T]):
    """One page: its items and what GitLab said about the collection.

    ``total`` and ``total_pages`` are ``None`` when GitLab omits them (above 10,000
    rows, and always with keyset pagination) — never 0 by mistake.
    """

    items: list[T]
    response: httpx.Response
    page: int | None
    per_page: int | None
    next_page: int | None
    prev_page: int | None
    total: int | None
    total_pages: int | None
    next_url: str | None

    @classmethod
    def from_response(cls, items: list[T], response: httpx.Response) -> Page[T]:
        headers = _page_headers(response)
        link = headers.get(b"link")
        next_url = next_link(link.decode("latin-1")) if link else None
        return cls(
            items=items,
            response=response,
            page=_int_header(headers, b"x-page"),
            per_page=_int_header(headers, b"x-per-page"),
            next_page=_int_header(headers, b"x-next-page"),
            prev_page=_int_header(headers, b"x-prev-page"),
            total=_int_header(headers, b"x-total"),
            total_pages=_int_header(headers, b"x-total-pages"),
            next_url=next_url or None,
        )

    @property
    def has_next(self) -> bool:
        return self.next_url is not None or self.next_page is not None

    def __len__(self) -> int:
        return len(self.items)

    def __repr__(self) -> str:
        return (
            f"Page(items={len(self.items)}, page={self.page}, next_page={self.next_page}, "
            f"total={self.total}, total_pages={self.total_pages})"
        )


@dataclass(frozen=True, slots=True)
class Keyset:
    """An operation that GitLab can also page by keyset, from ``x-pagination: keyset``.

    ``by``/``default``/``serves`` (from ``x-keyset-orders``) say which orders keyset
    serves when it cannot serve them all: ``order_by`` defaults to ``created_at``
    but only ``id`` is served. Without them, every order is.
    """

    by: str | None = None
    default: str | None = None
    serves: tuple[str, ...] = ()

    def serves_request(self, request: ApiRequest) -> bool:
        if self.by is None:
            return True
        order = next((value for name, value in request.params if name == self.by), self.default)
        return order in self.serves


class AsyncPaginator(Generic[T]):
    """Returned by every list operation; nothing is requested until you iterate.

    * ``async for item in paginator`` — items, page after page;
    * ``async for page in paginator.pages()`` — :class:`Page` objects with totals;
    * ``await paginator.first_page()`` — one request;
    * ``await paginator.to_list()`` — everything (mind the size).
    """

    def __init__(
        self,
        client: AsyncGitLab,
        request: ApiRequest,
        parse: Callable[[httpx.Response], list[T]],
        *,
        keyset: Keyset | None,
        mode: PaginationMode,
        max_items: int | None,
        max_pages: int | None,
    ) -> None:
        if mode not in ("auto", "offset", "keyset"):
            raise InvalidRequestError(
                f"pagination must be 'auto', 'offset' or 'keyset', not {mode!r}"
            )
        if mode == "keyset" and keyset is None:
            raise InvalidRequestError(f"{request.operation_id} does not support keyset pagination")
        for name, limit in (("max_items", max_items), ("max_pages", max_pages)):
            if limit is not None and limit < 0:
                raise InvalidRequestError(f"{name} must be >= 0")
        self._client = client
        self._request = request
        self._parse = parse
        self._max_items = max_items
        self._max_pages = max_pages
        explicit_page = any(name == "page" for name, _ in request.params)
        if mode == "keyset" and explicit_page:
            raise InvalidRequestError("page cannot be combined with keyset pagination")
        self._keyset = keyset is not None and (
            mode == "keyset"
            or (mode == "auto" and not explicit_page and keyset.serves_request(request))
        )
        self._auto = mode == "auto"

    def __repr__(self) -> str:
        mode = "keyset" if self._keyset else "offset"
        return f"<AsyncPaginator {self._request.operation_id} ({mode})>"

    def _first_request(self, keyset: bool) -> ApiRequest:
        params = [
            (name, value)
            for name, value in self._request.params
            if name not in ("pagination", "cursor")
        ]
        if keyset:
            params = [(name, value) for name, value in params if name != "page"]
            params.append(("pagination", "keyset"))
        return _replace_params(self._request, params)

    def pages(self) -> _PageIterator[T]:
        """Iterate over pages (each with its items, totals and raw response)."""
        return _PageIterator(self)

    def __aiter__(self) -> _ItemIterator[T]:
        return _ItemIterator(self)

    async def first_page(self) -> Page[T]:
        """Fetch only the first page."""
        async for page in self.pages():
            return page
        raise AssertionError("the page iterator ended without a page")  # pragma: no cover

    async def to_list(self) -> list[T]:
        """Fetch every item (up to ``max_items``) into a list."""
        return [item async for item in self]

    async def first_response(self) -> Response[list[T]]:
        """The first page as a raw :class:`Response` (``with_raw_response``): the request as
        given, by keyset only when ``pagination="keyset"`` was asked for explicitly."""
        return await self._client._call(
            self._first_request(self._keyset and not self._auto), self._parse
        )

    async def _fetch(self, request: ApiRequest) -> Page[T]:
        response = await self._client._call(request, self._parse)
        return Page.from_response(response.parsed, response.http_response)

    def _next_request(self, page: Page[T], current: ApiRequest) -> ApiRequest | None:
        if page.next_url:
            return request_for_link(self._client, page.next_url, current)
        if page.next_page is not None and not self._keyset:
            known = current.params or parse_qsl(current.query or "", keep_blank_values=True)
            params = [(name, value) for name, value in known if name != "page"]
            params.append(("page", str(page.next_page)))
            return _replace_params(current, params)
        return None


def _replace_params(request: ApiRequest, params: list[tuple[str, str]]) -> ApiRequest:
    return ApiRequest(
        method=request.method,
        path=request.path,
        operation_id=request.operation_id,
        params=params,
        headers=dict(request.headers),
    )


def request_for_link(client: AsyncGitLab, url: str, current: ApiRequest) -> ApiRequest:
    """The request for a pagination ``Link`` URL, refusing other origins and any way out
    of the API root (see ``_urls.link_target``)."""
    settings = client._settings
    path, query = link_target(
        url,
        current=settings.root + current.path,
        base=settings.base_url,
        keep_base_url=settings.keep_base_url,
    )
    return ApiRequest(
        method="GET",
        path=path,
        operation_id=current.operation_id,
        query=query or None,  # keyset cursors are long: no decode/re-encode
        headers=dict(current.headers),
    )


class _PageIterator(Generic[T]):
    # A plain iterator object, not an async generator: abandoning it mid-way holds
    # nothing (each page's response is already fully read) and needs no aclose().
    def __init__(self, paginator: AsyncPaginator[T]) -> None:
        self._paginator = paginator
        self._keyset = paginator._keyset
        self._request: ApiRequest | None = paginator._first_request(self._keyset)
        self._pages = 0
        self._guard = PageLoopGuard()
        self._guard.check(self._request)

    def __aiter__(self) -> _PageIterator[T]:
        return self

    async def __anext__(self) -> Page[T]:
        paginator = self._paginator
        if self._request is None or (
            paginator._max_pages is not None and self._pages >= paginator._max_pages
        ):
            raise StopAsyncIteration
        try:
            page = await paginator._fetch(self._request)
        except MethodNotAllowedError as exc:
            # "auto" asked for keyset and GitLab cannot serve this order that way.
            if not (
                self._pages == 0 and self._keyset and paginator._auto and "eyset" in exc.message
            ):
                raise
            self._keyset = False
            paginator._keyset = False
            self._request = paginator._first_request(False)
            page = await paginator._fetch(self._request)
        self._pages += 1
        self._request = paginator._next_request(page, self._request)
        if self._request is not None:
            self._guard.check(self._request)
        return page


class _ItemIterator(Generic[T]):
    def __init__(self, paginator: AsyncPaginator[T]) -> None:
        self._pages = _PageIterator(paginator)
        self._items: list[T] = []
        self._index = 0
        self._remaining = paginator._max_items

    def __aiter__(self) -> _ItemIterator[T]:
        return self

    async def __anext__(self) -> T:
        if self._remaining is not None and self._remaining <= 0:
            raise StopAsyncIteration
        while self._index >= len(self._items):
            self._items = []  # drop the previous page before fetching the next
            page = await self._pages.__anext__()
            self._items = page.items
            self._index = 0
        item = self._items[self._index]
        self._index += 1
        if self._remaining is not None:
            self._remaining -= 1
        return item
