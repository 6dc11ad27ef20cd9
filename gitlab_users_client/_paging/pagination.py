"""Lazy offset and keyset pagination over any list operation.

Pages are fetched one at a time and each response is read completely, so at most
one page is held in memory and no connection stays checked out between pages: a
``break`` or a cancellation leaves nothing open. Next pages are followed through
``Link: rel="next"`` (the only thing keyset pages carry) or ``X-Next-Page``; a
``Link`` to another origin is refused so that credentials never follow it. Each page
goes through the client's one request path (``AsyncGitLab._call``), like every call.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Generic, TypeVar
from urllib.parse import parse_qsl, urlsplit

import httpx

from .._contract.request import ApiRequest, Keyset
from .._contract.response import Response, ResponseTypes
from .._contract.types import PaginationMode
from .._exceptions import InvalidRequestError, MethodNotAllowedError
from .._urls import link_target
from .links import PageLoopGuard, next_link

if TYPE_CHECKING:
    from .._client import AsyncGitLab

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


def _cursor_in(url: str | None) -> str | None:
    if not url:
        return None
    try:
        query = urlsplit(url).query
    except ValueError:
        return None
    return next((value for name, value in parse_qsl(query) if name == "cursor" and value), None)


@dataclass(frozen=True, slots=True)
class Page(Generic[T]):
    """One page: its items and what GitLab said about the collection.

    ``total`` and ``total_pages`` are ``None`` when GitLab omits them (above 10,000
    rows, and always with keyset pagination) — never 0 by mistake.

    To resume a listing later, keep ``next_cursor`` (keyset) or ``next_page`` (offset)
    once the page's items are handled, and pass it back as ``list(..., cursor=...)`` or
    ``list(..., page=...)`` with the same filters and order.
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
    #: How this page continues (set on pages a paginator fetched).
    _continuation: _Continuation[T] | None = field(default=None, repr=False, compare=False)

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
        """Whether GitLab says there is a next page."""
        return self.next_url is not None or self.next_page is not None

    @property
    def cursor(self) -> str | None:
        """The keyset cursor this page was fetched with (``None`` for a first page or an
        offset page)."""
        return _cursor_in(str(self.response.request.url))

    @property
    def next_cursor(self) -> str | None:
        """The keyset cursor of the next page: ``list(..., cursor=page.next_cursor)``
        continues right after this page. ``None`` on the last page and with offset
        pagination (use ``next_page``)."""
        return _cursor_in(self.next_url)

    async def get_next_page(self) -> Page[T] | None:
        """Fetch the page after this one (same request path, limits and loop guard as
        iterating), or ``None`` after the last page or past the paginator's ``max_pages``."""
        if self._continuation is None:
            return None
        return await self._continuation.next_page(self)

    def __len__(self) -> int:
        return len(self.items)

    def __repr__(self) -> str:
        return (
            f"Page(items={len(self.items)}, page={self.page}, next_page={self.next_page}, "
            f"total={self.total}, total_pages={self.total_pages})"
        )


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
        expected: ResponseTypes[list[T]],
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
        self._expected = expected
        self._max_items = max_items
        self._max_pages = max_pages
        explicit_page = any(name == "page" for name, _ in request.params)
        if mode == "keyset" and explicit_page:
            raise InvalidRequestError("page cannot be combined with keyset pagination")
        #: A caller's keyset cursor (resuming a listing): keyset from the first page on.
        self._cursor = next((value for name, value in request.params if name == "cursor"), None)
        if self._cursor is not None and (mode == "offset" or explicit_page or keyset is None):
            raise InvalidRequestError(
                "cursor resumes a keyset listing: it cannot be combined with page or "
                'pagination="offset"'
            )
        self._keyset = keyset is not None and (
            mode == "keyset"
            or self._cursor is not None
            or (mode == "auto" and not explicit_page and keyset.serves_request(request))
        )
        # Falling back to offset would start over from the first item: not after a cursor.
        self._auto = mode == "auto" and self._cursor is None

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
            if self._cursor is not None:
                params.append(("cursor", self._cursor))
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
            self._first_request(self._keyset and not self._auto), self._expected
        )

    async def _fetch(self, request: ApiRequest, guard: PageLoopGuard, number: int) -> Page[T]:
        """Page ``number`` (1-based), with what fetching the one after it needs."""
        response = await self._client._call(request, self._expected)
        page = Page.from_response(response.parsed, response.http_response)
        # A frozen dataclass: the continuation is set once, here.
        object.__setattr__(page, "_continuation", _Continuation(self, request, guard, number))
        return page

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


class _Continuation(Generic[T]):
    """What a fetched page needs to fetch the one after it: the request it was fetched
    with and the loop guard of its walk. Shared by iteration and ``get_next_page``."""

    __slots__ = ("_guard", "_known", "_next", "_number", "_paginator", "_request")

    def __init__(
        self,
        paginator: AsyncPaginator[T],
        request: ApiRequest,
        guard: PageLoopGuard,
        number: int,
    ) -> None:
        self._paginator = paginator
        self._request = request
        self._guard = guard
        self._number = number
        self._known = False
        self._next: ApiRequest | None = None

    def next_request(self, page: Page[T]) -> ApiRequest | None:
        if not self._known:
            self._next = self._paginator._next_request(page, self._request)
            self._known = True
            if self._next is not None:
                # Once per page: asking the same page for its next one again is no loop.
                self._guard.check(self._next)
        return self._next

    async def next_page(self, page: Page[T]) -> Page[T] | None:
        limit = self._paginator._max_pages
        request = self.next_request(page)
        if request is None or (limit is not None and self._number >= limit):
            return None
        return await self._paginator._fetch(request, self._guard, self._number + 1)


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
            page = await paginator._fetch(self._request, self._guard, self._pages + 1)
        except MethodNotAllowedError as exc:
            # "auto" asked for keyset and GitLab cannot serve this order that way.
            if not (
                self._pages == 0 and self._keyset and paginator._auto and "eyset" in exc.message
            ):
                raise
            self._keyset = False
            paginator._keyset = False
            self._request = paginator._first_request(False)
            page = await paginator._fetch(self._request, self._guard, 1)
        self._pages += 1
        continuation = page._continuation
        assert continuation is not None
        self._request = continuation.next_request(page)
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
