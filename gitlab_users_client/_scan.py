"""``gl.users.scan()``: every matching user exactly once, several keyset walks at a time.

GitLab lets an administrator filter ``GET /users`` by ``created_after``/``created_before``
(both inclusive) and walk the result with keyset pagination. The scan cuts the
``created_at`` range into windows, walks each window by ``id`` with its own cursor, and
hands a worker that ran out of work half of the biggest remaining window (work stealing).

Why nothing is lost or doubled, whatever the data:

* **Ownership is decided on the client**, from the ``created_at`` an item *shows*
  (milliseconds, an integer ``d``). Windows are half-open ``[lo, hi)`` in ``d`` and tile
  the whole axis (the first has no ``lo``, the last no ``hi``), so every item is owned by
  exactly one window, however the server stores or rounds times.
* **The server is asked for a superset.** The database holds microseconds; Rails
  writes JSON times with ``%3N``, which *truncates* to milliseconds, so the true time
  ``t`` of an item showing ``d`` is in ``[d, d + 1 ms)``, and ``d`` in ``[lo, hi)``
  means ``t`` in ``[lo, hi)``. A window asks for ``created_after = lo - 0.5 ms`` and
  ``created_before = hi`` (both inclusive), which contains that. The extra half
  millisecond also covers a serializer that *rounds* (``t`` in ``[lo - 0.5 ms,
  hi - 0.5 ms)``); asking for more than needed costs a few dropped items, never a
  lost one. If the server ignored the filters, each window would see everything and
  still keep only its own items: correct, only slower.
* **Splitting keeps positions.** A window is split between rounds (no request of it in
  flight): its walker keeps ``[lo, m)`` and the new window ``[m, hi)`` starts from the
  walker's cursor, so items behind the cursor (already filtered by the walker while it
  still owned ``[lo, hi)``) are not visited again, and items ahead are visited by both
  walks but kept by exactly one.
* Within a window ids must strictly increase (``order_by=id``, ``sort=asc``): that is
  checked with one integer per window, so a server that ignores the cursor is an error,
  not a silent duplicate.

Requests run in rounds: each ``__anext__`` that finds no item buffered runs one request
per window in a task group that ends before it returns. So nothing is ever running
between two items: ``break``, an exception or a cancellation leaves no request behind,
and no ``aclose()`` is needed. At most one page per window is held in memory.

**Resuming** (:meth:`UserScan.checkpoint`, ``scan(resume=...)``). Between two items a
scan's position is, per window: its bounds, the cursor of the page its buffered items
came from, and the highest id it handed out. Items of one window are handed out in
increasing id order (the ids of a window's walk increase; each page is buffered in
order), so what a window handed out is exactly what its walk met up to that id. A
resumed window fetches that page again and drops the items up to that id; a window with
nothing buffered continues from its next cursor; a finished one is left out. So every
user is handed out once across the two runs. The checkpoint also holds the scan's query
(filters and range): resuming with other filters is refused.
"""

from __future__ import annotations

import json
import logging
from collections import deque
from collections.abc import Callable
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from typing import TYPE_CHECKING, Any, Generic, Protocol, TypeVar
from urllib.parse import parse_qsl, urlsplit

import anyio

from ._exceptions import InvalidRequestError, ResponseValidationError
from ._paging.pagination import Page

if TYPE_CHECKING:
    import httpx

    from ._client import AsyncGitLab
    from ._contract.request import ApiRequest
    from ._contract.response import ResponseTypes

__all__ = ["UserScan"]

logger = logging.getLogger("gitlab_users_client")

_MS = timedelta(milliseconds=1)
_HALF_MS = timedelta(microseconds=500)
_EPOCH = datetime(1970, 1, 1, tzinfo=UTC)
PER_PAGE = 100


class _Item(Protocol):
    id: int


T = TypeVar("T", bound=_Item)

#: ``build(created_after, created_before, cursor, per_page, descending)``: the request for
#: one page of ``GET /users`` with the caller's other filters, ``order_by=id``, keyset.
BuildRequest = Callable[[datetime | None, datetime | None, str | None, int, bool], "ApiRequest"]


def to_ms(value: datetime) -> int:
    """Milliseconds since the epoch, floored exactly (no float rounding)."""
    if value.tzinfo is None:
        value = value.replace(tzinfo=UTC)
    return (value - _EPOCH) // _MS


def from_ms(ms: int) -> datetime:
    return _EPOCH + ms * _MS


@dataclass(slots=True)
class _Window:
    """Owns items whose shown ``created_at`` (ms) is in ``[lo, hi)``; ``None`` is unbounded."""

    lo: int | None
    hi: int | None
    cursor: str | None = None
    started: bool = False
    done: bool = False
    #: Lowest shown ``created_at`` kept from the last page: where the walk is. When ids
    #: follow creation time it is just behind the walker; when they do not, a page spans
    #: the whole window and this is near ``lo``. Either way ``[recent, hi)`` is what is left.
    recent: int | None = None
    last_id: int | None = None
    #: The cursor, ``started`` and ``last_id`` the buffered page was fetched with: where a
    #: resumed scan fetches it again.
    page_cursor: str | None = None
    page_started: bool = False
    page_last_id: int | None = None
    #: Items of this window buffered and not yet handed out.
    pending: int = 0
    #: The highest id handed out (ids of a window are handed out in increasing order).
    handed_out: int | None = None
    #: Set on resume: items up to this id of the first page were handed out before.
    skip_through: int | None = None

    def owns(self, ms: int) -> bool:
        return (self.lo is None or ms >= self.lo) and (self.hi is None or ms < self.hi)


class UserScan(Generic[T]):
    """The async iterator ``gl.users.scan()`` returns; order is not guaranteed."""

    def __init__(
        self,
        client: AsyncGitLab,
        build: BuildRequest,
        expected: ResponseTypes[list[T]],
        *,
        created_after: datetime | None,
        created_before: datetime | None,
        concurrency: int,
        resume: str | None = None,
    ) -> None:
        self._client = client
        self._build = build
        self._expected = expected
        self._after = created_after
        self._before = created_before
        self._concurrency = concurrency
        self._windows: list[_Window] | None = None
        self._windowed = False
        self._first = 0
        self._last = 0
        self._ready: deque[tuple[_Window, T]] = deque()
        self._finished = False
        #: What the checkpoint is valid for: the first request, filters and range included.
        self._query = build(created_after, created_before, None, PER_PAGE, False).params
        if resume is not None:
            self._restore(resume)

    def __repr__(self) -> str:
        mode = "parallel" if self._windowed else "sequential"
        state = "not started" if self._windows is None else mode
        return f"<UserScan concurrency={self._concurrency} ({state})>"

    def __aiter__(self) -> UserScan[T]:
        return self

    async def __anext__(self) -> T:
        while not self._ready:
            if self._finished:
                raise StopAsyncIteration
            await self._round()
        window, item = self._ready.popleft()
        window.pending -= 1
        window.handed_out = item.id
        return item

    async def aclose(self) -> None:
        """Drop what is buffered; no request is ever running between items."""
        self._ready.clear()
        self._finished = True

    # -- checkpoints ---------------------------------------------------------------------

    def checkpoint(self) -> str:
        """Where the scan is, as a short JSON string to save: ``gl.users.scan(...,
        resume=checkpoint)`` with the same filters hands out every user not handed out
        before the checkpoint, exactly once. Take it between items (after handling the
        last one); it holds cursors and the filters, no credentials."""
        windows: list[_Window] = []
        if self._windows is not None:
            windows = [w for w in self._windows if not w.done or w.pending]
            seen = {id(w) for w in windows}
            for window, _ in self._ready:  # finished walks whose last page is still buffered
                if id(window) not in seen:
                    seen.add(id(window))
                    windows.append(window)
        state = {
            "checkpoint": _CHECKPOINT,
            "query": self._query,
            "planned": self._windows is not None,
            "windowed": self._windowed,
            "first": self._first,
            "last": self._last,
            "windows": [_saved(window) for window in windows],
        }
        return json.dumps(state, separators=(",", ":"))

    def _restore(self, text: str) -> None:
        try:
            state = json.loads(text) if isinstance(text, str) else None
            if not isinstance(state, dict) or state.get("checkpoint") != _CHECKPOINT:
                raise ValueError("not a checkpoint")
            query = [tuple(pair) for pair in state["query"]]
            planned, windowed = _bool(state["planned"]), _bool(state["windowed"])
            first, last = _int(state["first"]), _int(state["last"])
            windows = [_restored(item) for item in state["windows"]] if planned else None
        except (ValueError, TypeError, KeyError, RecursionError):
            raise InvalidRequestError(
                "resume must be a string from UserScan.checkpoint() of this SDK"
            ) from None
        if query != self._query:
            raise InvalidRequestError(
                "this checkpoint is from a scan with other filters or another created_* "
                "range: resume with the same arguments"
            )
        self._windowed, self._first, self._last = windowed, first or 0, last or 0
        self._windows = windows
        self._finished = windows == []

    # -- rounds --------------------------------------------------------------------------

    async def _round(self) -> None:
        if self._windows is None:
            self._windows = await self._plan()
        self._rebalance(self._windows)
        active = [w for w in self._windows if not w.done]
        if not active:
            self._finished = True
            return
        pages = await self._fetch_all([self._page_request(w) for w in active])
        for window, (items, cursor, response) in zip(active, pages, strict=True):
            self._take(window, items, cursor, response)
        # A finished window whose last items are buffered stays reachable from them.
        self._windows = [w for w in self._windows if not w.done]
        if not self._windows:
            self._finished = True

    async def _fetch_all(
        self, requests: list[ApiRequest]
    ) -> list[tuple[list[T], str | None, httpx.Response]]:
        results: list[tuple[list[T], str | None, httpx.Response] | None] = [None] * len(requests)
        failure: list[BaseException] = []

        async def fetch(index: int, scope: anyio.CancelScope) -> None:
            try:
                results[index] = await self._fetch(requests[index])
            except Exception as exc:
                # Raised as itself below, not wrapped in an ExceptionGroup.
                if not failure:
                    failure.append(exc)
                scope.cancel()

        async with anyio.create_task_group() as group:
            for index in range(len(requests)):
                group.start_soon(fetch, index, group.cancel_scope)
        if failure:
            raise failure[0]
        return [result for result in results if result is not None]

    async def _fetch(self, request: ApiRequest) -> tuple[list[T], str | None, httpx.Response]:
        # The client's one request path: status errors and parse failures are mapped there.
        answer = await self._client._call(request, self._expected)
        items, response = answer.parsed, answer.http_response
        next_url = Page.from_response(items, response).next_url
        cursor = None
        if next_url is not None:
            cursor = dict(parse_qsl(urlsplit(next_url).query)).get("cursor")
            if not cursor:
                raise _invalid(response, "the next-page link carries no keyset cursor")
        return items, cursor, response

    # -- planning ------------------------------------------------------------------------

    async def _plan(self) -> list[_Window]:
        """Probe the range and whether the server applies ``created_*`` for this caller."""
        # An inverted window (after > before) is empty wherever the filters are applied.
        impossible = self._build(from_ms(1), from_ms(0), None, 1, False)
        first, last, probe = await self._fetch_all(
            [
                self._build(self._after, self._before, None, 1, False),
                self._build(self._after, self._before, None, 1, True),
                impossible,
            ]
        )
        if not first[0]:
            return []
        reason = None
        if probe[0]:
            reason = "GitLab does not apply created_after/created_before for this caller"
        else:
            shown = [getattr(page[0][0], "created_at", None) for page in (first, last)]
            if all(isinstance(value, datetime) for value in shown):
                self._first, self._last = sorted(to_ms(v) for v in shown if v is not None)
            else:
                reason = "the users listed carry no created_at"
        if reason is not None:
            logger.info(
                "users scan: %s (an administrator token is needed); walking sequentially", reason
            )
            return [_Window(None, None)]
        self._windowed = True
        lo, hi = self._first, self._last + 1
        count = min(self._concurrency, hi - lo)
        bounds = sorted({lo + (hi - lo) * i // count for i in range(1, count)})
        edges: list[int | None] = [None, *bounds, None]
        return [_Window(edges[i], edges[i + 1]) for i in range(len(edges) - 1)]

    def _rebalance(self, windows: list[_Window]) -> None:
        """Give each idle worker half of the biggest remaining window."""
        if not self._windowed:
            return
        while sum(not w.done for w in windows) < self._concurrency:
            best, best_span = None, 1
            for window in windows:
                if window.done:
                    continue
                span = self._end(window) - self._position(window)
                if span > best_span:
                    best, best_span = window, span
            if best is None:
                return
            middle = self._position(best) + best_span // 2
            windows.append(
                _Window(
                    middle,
                    best.hi,
                    cursor=best.cursor,
                    started=best.started,
                    last_id=best.last_id,
                    # Resumed and not fetched yet: both halves skip what was handed out.
                    skip_through=best.skip_through,
                )
            )
            best.hi = middle

    def _position(self, window: _Window) -> int:
        if window.recent is not None:
            return window.recent
        return self._first if window.lo is None else window.lo

    def _end(self, window: _Window) -> int:
        return max(self._last + 1, self._position(window)) if window.hi is None else window.hi

    # -- one window ----------------------------------------------------------------------

    def _page_request(self, window: _Window) -> ApiRequest:
        after, before = self._after, self._before
        if self._windowed:
            if window.lo is not None:
                edge = _edge(window.lo, -_HALF_MS)
                after = edge if after is None or _aware(after) < edge else after
            if window.hi is not None:
                edge = _edge(window.hi, timedelta(0))
                before = edge if before is None or _aware(before) > edge else before
        return self._build(after, before, window.cursor, PER_PAGE, False)

    def _take(
        self, window: _Window, items: list[T], cursor: str | None, response: httpx.Response
    ) -> None:
        window.page_cursor, window.page_started = window.cursor, window.started
        window.page_last_id = window.last_id
        skip, window.skip_through = window.skip_through, None
        recent = None
        for item in items:
            if window.last_id is not None and item.id <= window.last_id:
                raise _invalid(response, "keyset page out of order (ids must increase)")
            window.last_id = item.id
            if self._windowed:
                created = getattr(item, "created_at", None)
                if not isinstance(created, datetime):
                    raise _invalid(response, "a listed user carries no created_at")
                shown = to_ms(created)
                # The probes found the range by id; the data may reach beyond it.
                self._first, self._last = min(self._first, shown), max(self._last, shown)
                if not window.owns(shown):
                    continue
                recent = shown if recent is None else min(recent, shown)
            if skip is not None and item.id <= skip:
                continue  # handed out before the checkpoint this scan resumed from
            window.pending += 1
            self._ready.append((window, item))
        if recent is not None:
            window.recent = recent
        window.started = True
        window.cursor = cursor
        window.done = cursor is None


_CHECKPOINT = "gitlab-users-client/users.scan/1"


def _saved(window: _Window) -> dict[str, Any]:
    buffered = window.pending > 0
    return {
        "lo": window.lo,
        "hi": window.hi,
        "cursor": window.page_cursor if buffered else window.cursor,
        "started": window.page_started if buffered else window.started,
        "last_id": window.page_last_id if buffered else window.last_id,
        "skip_through": window.handed_out if buffered else None,
        "recent": window.recent,
    }


def _int(value: object) -> int | None:
    if value is None or (isinstance(value, int) and not isinstance(value, bool)):
        return value
    raise TypeError("an int or null")


def _bool(value: object) -> bool:
    if isinstance(value, bool):
        return value
    raise TypeError("a bool")


def _restored(item: Any) -> _Window:
    cursor = item["cursor"]
    if cursor is not None and not isinstance(cursor, str):
        raise TypeError("a str or null")
    return _Window(
        _int(item["lo"]),
        _int(item["hi"]),
        cursor=cursor,
        started=_bool(item["started"]),
        recent=_int(item["recent"]),
        last_id=_int(item["last_id"]),
        skip_through=_int(item["skip_through"]),
    )


def _edge(ms: int, shift: timedelta) -> datetime:
    """A window edge as a datetime; past the calendar's ends (a hostile ``created_at``
    such as year 1 or 9999), the end itself, which still asks for a superset."""
    try:
        return from_ms(ms) + shift
    except OverflowError:
        return datetime.min.replace(tzinfo=UTC) if ms < 0 else datetime.max.replace(tzinfo=UTC)


def _aware(value: datetime) -> datetime:
    return value if value.tzinfo is not None else value.replace(tzinfo=UTC)


def _invalid(response: httpx.Response, message: str) -> ResponseValidationError:
    return ResponseValidationError(
        f"cannot scan users: {message}",
        response=response,
        body=None,
        problems=[message],
        error=ValueError(message),
    )
