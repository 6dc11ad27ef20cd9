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
  still keep only its own items: correct, only slower. The very first page is asked
  for with the caller's filters alone (it also tells where the users begin): a superset
  of the first window's first page, from which that window goes on.
* **The newest page is kept.** The first round also asks for the newest page
  (``sort=desc``): its users are handed out from it, and every ascending walk ends at
  its lowest id (what lies beyond is that page's, or was created since the scan began:
  a scan hands out the users that existed when it started). Resumed partly handed out,
  it is walked downwards again, skipping the users created since and those handed out.
* **Splitting keeps positions.** A window ``[lo, hi)`` can be split at ``m`` at any
  time, even with a request of it in flight: it keeps ``[lo, m)`` (an answer still on
  its way is filtered by the new bounds when it arrives) and the new window ``[m, hi)``
  starts where the old one's items stop being handed out: from the cursor of its oldest
  page with users still buffered (those of them in ``[m, hi)`` leave the buffer, the new
  window fetches them again and skips what was already handed out), or from its cursor
  if nothing is buffered. Items behind that point were handed out by the old window;
  items ahead are visited by both walks but kept by exactly one.
* Within a window ids must strictly increase (``order_by=id``, ``sort=asc``): that is
  checked with one integer per window, so a server that ignores the cursor is an error,
  not a silent duplicate.

**Parsing comes after sending.** The first round goes out before the models (pydantic)
are imported: a worker thread imports them and builds the page validators while the
server renders those pages (see :class:`_Answers`). The windows are planned from the
first round's JSON as it is (each user's ``id`` and ``created_at``). Fetching ahead
(``async with``), their requests leave as soon as it is back, whether or not the models
are loaded yet; the first and newest pages are parsed with the models afterwards, their
windows waiting till then. A plain ``async for`` hands those two pages out first.

**Keeping the server busy.** Each window has at most one request in flight; the scan
keeps as many in flight as :class:`AdaptiveConcurrency` finds the server serves at once,
plus a few waiting (more while pages come back as fast as with fewer, fewer once they
slow down). Whenever a page comes back, its worker sends the next request of an idle
window, or splits the biggest window to make one, so requests are in flight while
others are parsed.

**Nothing runs between two items** of a plain ``async for``: an ``__anext__`` that
finds no user buffered runs a *round*, which sends requests until about
:data:`ROUND_USERS` users are buffered, lets those in flight finish and returns. So
``break``, an exception or a cancellation leaves no request behind, and no ``aclose()``
is needed. Held in ``async with`` instead, the scan fetches in a task of its own while
users are handed out (bounded to :data:`AHEAD_USERS` buffered), so the server never
waits for the consumer; leaving the block stops it.

**Resuming** (:meth:`UserScan.checkpoint`, ``scan(resume=...)``). Between two items a
scan's position is, per window: its bounds, the cursor of the oldest page it has users
buffered from, and the highest id it handed out. Items of one window are handed out in
increasing id order (the ids of a window's walk increase; its pages are buffered in
order), so what a window handed out is exactly what its walk met up to that id. A
resumed window fetches that page again and drops the items up to that id; a window with
nothing buffered continues from its next cursor; a finished one is left out. So every
user is handed out once across the two runs. The checkpoint also holds the scan's query
(filters and range): resuming with other filters is refused.
"""

from __future__ import annotations

import contextlib
import json
import logging
from collections import deque
from collections.abc import Awaitable, Callable, Coroutine
from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta
from types import TracebackType
from typing import TYPE_CHECKING, Any, Final, Generic, Protocol, TypeVar
from urllib.parse import parse_qsl, urlsplit

import anyio
import anyio.lowlevel
import anyio.to_thread

from ._adaptive import AdaptiveConcurrency
from ._contract.dates import to_datetime
from ._contract.response import LazyResponses
from ._exceptions import InvalidRequestError, ResponseValidationError
from ._paging.pagination import Page

if TYPE_CHECKING:
    import httpx

    from ._client import AsyncGitLab
    from ._contract.request import ApiRequest

__all__ = ["UserScan"]

logger = logging.getLogger("gitlab_users_client")

_MS = timedelta(milliseconds=1)
_HALF_MS = timedelta(microseconds=500)
_EPOCH = datetime(1970, 1, 1, tzinfo=UTC)
PER_PAGE = 100
#: Windows (pages in flight) a scan starts with, all at once: a GitLab's Puma workers
#: (8 on many instances) and a few more waiting, so none of them waits for the client.
START: Final = 12
#: A round of a plain ``async for`` ends once about this many users are buffered: long
#: rounds keep the server busy (each round ends with its last requests finishing while no
#: new one goes out), short ones keep memory low.
ROUND_USERS: Final = 5_000
#: Window edges fall at whole pages, each page counted this share (1/SHORT) short.
SHORT: Final = 100
#: A window is split when more than a page and 1/STEAL_PAST of one is left past its
#: next page.
STEAL_PAST: Final = 4
#: Users a scan held in ``async with`` fetches ahead of the consumer at most.
AHEAD_USERS: Final = 5_000


class _Item(Protocol):
    id: int


T = TypeVar("T", bound=_Item)

#: ``build(created_after, created_before, cursor, per_page, descending)``: the request for
#: one page of ``GET /users`` with the caller's other filters, ``order_by=id``, keyset.
BuildRequest = Callable[[datetime | None, datetime | None, str | None, int, bool], "ApiRequest"]


class _Answers(LazyResponses[list[T]]):
    """The scan's page answers: its operation's ``RESPONSES``, loaded by the scan itself
    while its first requests are out, not before.

    :meth:`load` runs in a worker thread (``warm=True``: it also builds the page
    validators) while the event loop sends the first round and waits for it. Should an
    answer come back first, the client's lookup waits for that thread on the lock, then
    finds everything loaded: the models are imported and built once, in one thread at a
    time. Once ``needs_import()`` says no import is left (an earlier call loaded the
    models), no thread is used: a thread's wall time is invisible to a virtual clock
    (trio's ``MockClock``), which a test would see jump ahead.
    """

    __slots__ = ()

    def load(self, warm: bool = False) -> None:
        with self._lock:
            if self:
                return
            answers = self._source()
            if warm:
                # Imported with the first model (pydantic), not with the scan.
                from ._contract.models import parse_body

                for body_type in answers.values():
                    if body_type is not None:
                        parse_body(body_type, b"[]")  # builds its validators
            self.update(answers)

    def prefetch(self) -> None:
        """Nothing: the scan starts its own load, with the validators (``_load_answers``)."""


def to_ms(value: datetime) -> int:
    """Milliseconds since the epoch, floored exactly (no float rounding)."""
    if value.tzinfo is None:
        value = value.replace(tzinfo=UTC)
    return (value - _EPOCH) // _MS


def from_ms(ms: int) -> datetime:
    return _EPOCH + ms * _MS


@dataclass(slots=True, eq=False)
class _Page:
    """A fetched page of a window with users not all handed out: the cursor, ``started``
    and ``last_id`` it was fetched with (where a resumed scan fetches it again)."""

    cursor: str | None
    started: bool
    last_id: int | None
    pending: int = 0


@dataclass(slots=True, eq=False)
class _Window:
    """Owns items whose shown ``created_at`` (ms) is in ``[lo, hi)``; ``None`` is unbounded."""

    lo: int | None
    hi: int | None
    cursor: str | None = None
    started: bool = False
    done: bool = False
    #: A request of this window is in flight.
    fetching: bool = False
    #: Lowest shown ``created_at`` kept from the last page: where the walk is. When ids
    #: follow creation time it is just behind the walker; when they do not, a page spans
    #: the whole window and this is near ``lo``. Either way ``[recent, hi)`` is what is left.
    recent: int | None = None
    #: How far (ms of ``created_at``) one page goes, from its last full page.
    page_ms: int | None = None
    last_id: int | None = None
    #: Pages with users buffered, oldest first.
    pages: deque[_Page] = field(default_factory=deque)
    #: Items of this window buffered and not yet handed out.
    pending: int = 0
    #: The highest id handed out (ids of a window are handed out in increasing order).
    handed_out: int | None = None
    #: Items up to this id of the next page were handed out before (a resumed or split
    #: window that starts again from a page partly handed out).
    skip_through: int | None = None
    #: The newest users' walk (``sort=desc``, ids decreasing; never split): it keeps ids
    #: from ``floor`` to ``ceiling`` and ends below ``floor``. Its ``handed_out`` and
    #: ``skip_through`` are the lowest id handed out (its items go out in its order).
    descending: bool = False
    floor: int | None = None
    ceiling: int | None = None

    def owns(self, ms: int) -> bool:
        return (self.lo is None or ms >= self.lo) and (self.hi is None or ms < self.hi)


#: A buffered user: its window, the user, its shown ``created_at`` (ms; ``None`` in a
#: sequential walk) and the page it came from.
_Entry = tuple[_Window, T, int | None, _Page]
#: A successful answer whose body is not parsed yet, and the retries it took.
_Answer = tuple["httpx.Response", int]
#: A page the plan was made from, waiting for the models: its window, its answer, the
#: next cursor and each user's (id, shown created_at).
_Held = tuple[_Window, _Answer, str | None, list[tuple[int, int | None]]]


class UserScan(Generic[T]):
    """The async iterator ``gl.users.scan()`` returns; order is not guaranteed.

    ``async for user in gl.users.scan(): ...`` fetches in rounds between the users it
    hands out and leaves nothing running in between. ``async with gl.users.scan() as
    users: async for user in users: ...`` also fetches while users are handed out (the
    fastest way to go through every user); leaving the block stops it.
    """

    def __init__(
        self,
        client: AsyncGitLab,
        build: BuildRequest,
        endpoint: str,
        *,
        created_after: datetime | None,
        created_before: datetime | None,
        concurrency: int | None,
        resume: str | None = None,
    ) -> None:
        self._client = client
        self._build = build
        #: What pages parse into (the ``RESPONSES`` of the module named ``endpoint``),
        #: loaded while the first requests are out.
        self._expected: _Answers[T] = _Answers(endpoint)
        self._after = created_after
        self._before = created_before
        most = concurrency if concurrency is not None else client._session.executor.slots.total
        self._concurrency = AdaptiveConcurrency(start=START, most=most)
        self._windows: list[_Window] | None = None
        self._windowed = False
        self._first = 0
        self._last = 0
        #: The lowest id of the newest page, whose users it hands out: the ascending walks
        #: end there.
        self._top: int | None = None
        #: Pages the plan was made from, parsed once the models are loaded.
        self._held: list[_Held] = []
        self._ready: deque[_Entry[T]] = deque()
        self._finished = False
        self._in_flight = 0
        #: Fetching in a task of its own (``async with``): its task group, what it failed
        #: with, and the events it and the consumer wake each other with.
        self._group: anyio.abc.TaskGroup | None = None
        self._feeding = anyio.CancelScope()
        self._failure: BaseException | None = None
        self._news = anyio.Event()
        self._room = anyio.Event()
        #: What the checkpoint is valid for: the first request, filters and range included.
        self._query = build(created_after, created_before, None, PER_PAGE, False).params
        if resume is not None:
            self._restore(resume)

    def __repr__(self) -> str:
        mode = "parallel" if self._windowed else "sequential"
        state = "not started" if self._windows is None else mode
        pace = self._concurrency
        return f"<UserScan concurrency={pace.target}/{pace.most} ({state})>"

    def __aiter__(self) -> UserScan[T]:
        return self

    async def __anext__(self) -> T:
        while not self._ready:
            if self._failure is not None:
                raise self._failure
            if self._finished:
                raise StopAsyncIteration
            if self._group is not None:
                if self._news.is_set():
                    self._news = anyio.Event()
                await self._news.wait()
            else:
                await self._round()
        window, item, _, page = self._ready.popleft()
        page.pending -= 1
        window.pending -= 1
        window.handed_out = item.id
        while window.pages and not window.pages[0].pending:
            window.pages.popleft()
        if self._group is not None and len(self._ready) < AHEAD_USERS // 2:
            room = self._room
            if not room.is_set():
                room.set()
        return item

    async def aclose(self) -> None:
        """Drop what is buffered (and stop fetching, in ``async with``)."""
        self._ready.clear()
        self._finished = True
        self._feeding.cancel()

    async def __aenter__(self) -> UserScan[T]:
        """Fetch in a task of its own while users are handed out, until the block ends."""
        if self._group is not None:
            raise InvalidRequestError("this scan is already running in an 'async with' block")
        group = anyio.create_task_group()
        await group.__aenter__()
        self._group = group
        self._feeding = anyio.CancelScope()
        group.start_soon(self._feed)
        return self

    async def __aexit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        traceback: TracebackType | None,
    ) -> bool | None:
        group = self._group
        assert group is not None
        self._feeding.cancel()  # the block is over: stop fetching, not the block's code
        try:
            # Only the fetching task is waited for (it keeps its errors for __anext__): the
            # block's own exception goes on as itself, not wrapped in an ExceptionGroup.
            await group.__aexit__(None, None, None)
        finally:
            self._group = None
        return None

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
            for window, _, _, _ in self._ready:  # finished walks whose last page is buffered
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
            "top": self._top,
            "windows": [_saved(window) for window in windows],
        }
        return json.dumps(state, separators=(",", ":"))

    def _restore(self, text: str) -> None:
        try:
            state = json.loads(text) if isinstance(text, str) else None
            if not isinstance(state, dict) or state.get("checkpoint") not in _CHECKPOINTS:
                raise ValueError("not a checkpoint")
            query = [tuple(pair) for pair in state["query"]]
            planned, windowed = _bool(state["planned"]), _bool(state["windowed"])
            first, last = _int(state["first"]), _int(state["last"])
            top = _int(state.get("top"))
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
        self._top = top
        self._windows = windows
        self._finished = windows == []

    # -- fetching ------------------------------------------------------------------------

    async def _round(self) -> None:
        """Fetch until about :data:`ROUND_USERS` users are buffered (or the end)."""
        if self._windows is None or self._held:
            # The first round only plans: the first and newest pages' users are handed
            # out (a caller acts on them) before the windows' requests.
            await self._pump(lambda: bool(self._ready or self._held))
            self._settle()
            if self._ready or self._finished:
                return
        await self._pump(lambda: len(self._ready) >= ROUND_USERS)
        self._settle()

    async def _feed(self) -> None:
        """``async with``: fetch ahead of the consumer, at most :data:`AHEAD_USERS`."""
        with self._feeding:
            try:
                while not self._finished:
                    await self._pump(lambda: len(self._ready) >= AHEAD_USERS)
                    self._settle()
                    self._news.set()
                    if not self._finished and len(self._ready) >= AHEAD_USERS // 2:
                        self._room = anyio.Event()
                        await self._room.wait()
            except Exception as exc:
                self._failure = exc
                self._news.set()

    def _settle(self) -> None:
        """Forget finished windows (their buffered items keep them reachable)."""
        if self._windows is None:
            return  # not planned yet (the round was cut short)
        self._windows = [w for w in self._windows if not w.done]
        if not self._windows:
            self._finished = True

    async def _pump(self, enough: Callable[[], bool]) -> None:
        """Plan first if not yet; keep the target number of pages in flight, one per
        window, until ``enough()`` (checked before each request); return once those in
        flight are in."""
        failure: list[BaseException] = []
        workers = 0
        pace = self._concurrency
        loaded = anyio.Event()

        def guarded(
            job: Callable[[], Awaitable[None]], scope: anyio.CancelScope
        ) -> Callable[[], Coroutine[Any, Any, None]]:
            async def run() -> None:
                try:
                    await job()
                except Exception as exc:
                    # Raised as itself below, not wrapped in an ExceptionGroup.
                    if not failure:
                        failure.append(exc)
                    scope.cancel()

            return run

        async def worker() -> None:
            nonlocal workers
            try:
                while not failure and workers <= pace.target and not enough():
                    window = self._next_window()
                    if window is None:
                        return
                    await self._fetch_page(window)
                    while workers < pace.target and not enough():
                        start()  # the target grew: one more request in flight
            finally:
                workers -= 1

        async def prepare() -> None:
            await self._load_answers()
            loaded.set()

        async def take_held() -> None:
            await loaded.wait()
            self._take_held()
            while workers < pace.target and not enough():
                start()  # the windows just released, should the others have run out

        async with anyio.create_task_group() as group:
            scope = group.cancel_scope

            def start() -> None:
                nonlocal workers
                workers += 1
                group.start_soon(guarded(worker, scope))

            # The models load while the first requests are out (it waits for them to leave).
            group.start_soon(guarded(prepare, scope))
            if self._windows is None:
                await guarded(self._plan, scope)()
                if self._group is not None:
                    self._news.set()
            if not failure and self._windows is not None:
                if self._held:
                    group.start_soon(guarded(take_held, scope))
                for _ in range(pace.target):
                    start()
        if failure:
            if self._held:
                # What came back before the failure is handed out before it is raised:
                # the models are in by now (their thread is waited for), unless loading
                # them is what failed.
                with contextlib.suppress(Exception):
                    self._take_held()
            raise failure[0]

    async def _load_answers(self) -> None:
        """Import the models and build the page validators in a worker thread, once the
        requests just started are on their way (their tasks ran up to their first wait):
        the process pays for them while the server renders those pages. With the models
        imported already, what is left is done in the event loop."""
        if self._expected:
            return
        await anyio.lowlevel.checkpoint()  # the fetching tasks first
        if self._expected.needs_import():
            await anyio.to_thread.run_sync(self._expected.load, True)
        else:
            self._expected.load(True)  # imported already: only the validators, if new

    def _next_window(self) -> _Window | None:
        """The idle window with the most left to walk (the one that would finish last),
        or half of the biggest busy one; ``None`` when there is nothing left to fetch, or
        no idle window while the first pages wait for the models."""
        assert self._windows is not None
        idle, most = None, -1
        for window in self._windows:
            if not window.done and not window.fetching:
                left = self._end(window) - self._position(window)
                if left > most:
                    idle, most = window, left
        if idle is not None or not self._windowed or self._held:
            # While the first pages wait for the models, their windows are not split:
            # they take workers again once handed their pages.
            return idle
        return self._steal()

    def _steal(self) -> _Window | None:
        """Split the window with the most left to walk, past the page it has in flight
        (whose users are already on their way to it)."""
        assert self._windows is not None
        best, best_start, best_span, best_reach = None, 0, 1, None
        for window in self._windows:
            if window.done or window.descending:
                continue
            start = self._position(window)
            reach = window.page_ms
            if reach is not None:
                # Its last page covered about `reach`, and the one in flight will as
                # well. Split at a whole page, what is left past it takes as many
                # requests split as not; less than a page more is not worth one more.
                start += reach * (2 if window.fetching else 1)
                if self._end(window) - start < reach + reach // STEAL_PAST:
                    continue
            span = self._end(window) - start
            if span > best_span:
                best, best_start, best_span, best_reach = window, start, span, reach
        if best is None:
            return None
        edges = _cuts(best_start, best_start + best_span, 2, best_reach)
        if not edges:
            return None
        middle = edges[0]
        new = _Window(middle, best.hi, page_ms=best.page_ms)
        oldest = next((page for page in best.pages if page.pending), None)
        if oldest is None:
            new.cursor, new.started, new.last_id = best.cursor, best.started, best.last_id
            new.skip_through = best.skip_through  # resumed and not fetched yet: both skip
        else:
            # Start where the old window's items stop being handed out; its buffered
            # items of [middle, hi) are fetched again by the new window.
            new.cursor, new.started, new.last_id = oldest.cursor, oldest.started, oldest.last_id
            new.skip_through = best.handed_out
            kept: deque[_Entry[T]] = deque()
            for entry in self._ready:
                window, _, shown, page = entry
                if window is best and shown is not None and shown >= middle:
                    page.pending -= 1
                    best.pending -= 1
                else:
                    kept.append(entry)
            self._ready = kept
            while best.pages and not best.pages[0].pending:
                best.pages.popleft()
        best.hi = middle
        self._windows.append(new)
        return new

    async def _fetch_page(self, window: _Window) -> None:
        window.fetching = True
        request = self._page_request(window)
        self._in_flight += 1
        out = self._in_flight
        sent = anyio.current_time()
        try:
            items, cursor, response = await self._fetch(request)
        finally:
            self._in_flight -= 1
            window.fetching = False
        took = anyio.current_time() - sent
        self._concurrency.observe(took, out, full=len(items) == PER_PAGE)
        self._take(window, items, cursor, response)
        if self._group is not None:
            self._news.set()

    async def _fetch_all(self, requests: list[ApiRequest]) -> list[_Answer]:
        """Send ``requests`` at once; their successful answers, bodies not parsed yet."""
        results: list[_Answer | None] = [None] * len(requests)
        failure: list[BaseException] = []

        async def fetch(index: int, scope: anyio.CancelScope) -> None:
            try:
                results[index] = await self._client._answer(requests[index])
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
        return answer.parsed, _next_cursor(answer.http_response), answer.http_response

    def _parse(self, answer: _Answer) -> list[T]:
        """An answer of :meth:`_fetch_all` parsed as :meth:`_fetch` would have."""
        return self._client._parse(answer[0], self._expected, answer[1]).parsed

    # -- planning ------------------------------------------------------------------------

    async def _plan(self) -> None:
        """Fetch the first page and the newest page (of everything the caller asked
        for; both kept) and probe whether the server applies ``created_*`` for this
        caller; then cut the range up to the newest page into windows, all started at
        once by the next requests.

        The plan needs only each user's ``id`` and ``created_at``: read from the JSON
        as it is, the windows' requests can go out as soon as the first round is back
        (unless a round ends once the two pages are in: :meth:`_round`), while the
        models may still be importing. Those two pages are parsed with the models once
        they are loaded (:meth:`_take_held`); their windows wait till then.
        A body that is not plain enough to read so is parsed with the models first,
        which say what is wrong with it.
        """
        # An inverted window (after > before) is empty wherever the filters are applied.
        impossible = self._build(from_ms(1), from_ms(0), None, 1, False)
        answers = await self._fetch_all(
            [
                self._build(self._after, self._before, None, PER_PAGE, False),
                self._build(self._after, self._before, None, PER_PAGE, True),
                impossible,
            ]
        )
        first, newest, _ = answers
        cursor = _next_cursor(first[0])
        facts = [_facts(answer[0].content) for answer in answers]
        parsed: list[list[T]] | None = None
        if any(fact is None for fact in facts):
            parsed = [self._parse(answer) for answer in answers]
            facts = [[(item.id, _shown_ms(item)) for item in items] for items in parsed]
        first_facts, newest_facts, probe_facts = (fact or [] for fact in facts)
        if not first_facts:
            self._windows = []
            self._finished = True
            return
        # More than a page: the newest page is kept (its users are handed out from it, and
        # the walks end where its ids begin). Otherwise the first page holds everyone.
        top_facts = newest_facts if cursor is not None else []
        top = None
        if top_facts:
            ids = [uid for uid, _ in top_facts]
            self._top = min(ids)
            top = _Window(None, None, descending=True, floor=min(ids), ceiling=max(ids))
        reason = None
        if probe_facts:
            reason = "GitLab does not apply created_after/created_before for this caller"
        else:
            shown = [ms for _, ms in (*first_facts, *top_facts)]
            if all(ms is not None for ms in shown):
                ms_all = [ms for ms in shown if ms is not None]
                # The walks end where the newest page begins (where ids follow creation).
                end = min(ms_all[len(first_facts) :], default=max(ms_all) + 1)
                self._first = min(ms_all)
                self._last = max(max(ms_all[: len(first_facts)]), end - 1)
            else:
                reason = "the users listed carry no created_at"
        if reason is not None:
            logger.info(
                "users scan: %s (an administrator token is needed); walking sequentially",
                reason,
            )
        if reason is not None or cursor is None:
            # Sequentially, or every user is on this first page: nothing to walk in parallel.
            self._windows = [_Window(None, None)]
        else:
            self._windowed = True
            first_ms = [ms for _, ms in first_facts if ms is not None]
            reach = _reach(first_ms) if len(first_ms) == PER_PAGE else None
            bounds = _cuts(self._first, self._last + 1, self._concurrency.target, reach)
            edges: list[int | None] = [None, *bounds, None]
            self._windows = [_Window(edges[i], edges[i + 1]) for i in range(len(edges) - 1)]
        # The first page is the first window's (or the only walk's) first page, as a
        # superset: it keeps what it owns and goes on from there. The newest page is
        # done once taken: the walks go on below it.
        held = [(self._windows[0], first, cursor, first_facts)]
        if top is not None:
            self._windows.append(top)
            held.append((top, newest, None, top_facts))
        if parsed is not None:
            for (window, answer, next_cursor, _), items in zip(held, parsed, strict=False):
                self._take(window, items, next_cursor, answer[0])
            self._settle()
            return
        for window, *_ in held:
            window.fetching = True  # its page is in: taken once the models are loaded
        self._held = held

    def _take_held(self) -> None:
        """Parse the pages the plan was made from and hand them to their windows."""
        held, self._held = self._held, []
        for window, *_ in held:
            window.fetching = False  # should a page fail, its window fetches it again
        for window, answer, cursor, facts in held:
            items = self._parse(answer)
            if [item.id for item in items] != [uid for uid, _ in facts]:
                # The plan and the walks' ends were made from these ids.
                raise _invalid(answer[0], "the page's ids read differently as JSON and as users")
            self._take(window, items, cursor, answer[0])
        if self._group is not None:
            self._news.set()

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
        return self._build(after, before, window.cursor, PER_PAGE, window.descending)

    def _take(
        self, window: _Window, items: list[T], cursor: str | None, response: httpx.Response
    ) -> None:
        page = _Page(window.cursor, window.started, window.last_id)
        skip = window.skip_through
        taken: list[_Entry[T]] = []  # all of the page or nothing: an error leaves no trace
        last_id = window.last_id
        shown_all: list[int] = []
        owned: list[int] = []
        lo, hi = window.lo, window.hi
        descending, ended = window.descending, False
        # Ids from `top` on are the newest users', handed out from the newest page: an
        # ascending walk ends there (a user created since the scan began is not handed out).
        top, floor, ceiling = self._top, window.floor, window.ceiling
        for item in items:
            if last_id is not None and (item.id >= last_id if descending else item.id <= last_id):
                order = "decrease" if descending else "increase"
                raise _invalid(response, f"keyset page out of order (ids must {order})")
            last_id = item.id
            if descending:
                if ceiling is not None and item.id > ceiling:
                    continue  # created after the scan began
                if floor is not None and item.id < floor:
                    ended = True  # the ascending walks' from here
                    break
            elif top is not None and item.id >= top:
                ended = True  # the newest page's from here
                break
            shown = None
            if self._windowed:
                created = getattr(item, "created_at", None)
                if not isinstance(created, datetime):
                    raise _invalid(response, "a listed user carries no created_at")
                shown = to_ms(created)
                shown_all.append(shown)
                if (lo is not None and shown < lo) or (hi is not None and shown >= hi):
                    continue  # another window's
                owned.append(shown)
            if skip is not None and (item.id >= skip if descending else item.id <= skip):
                continue  # handed out before (by a previous run, or a window split off)
            taken.append((window, item, shown, page))
        window.last_id = last_id
        if not descending:  # users created since come first there: it holds till passed
            window.skip_through = None
        page.pending = len(taken)
        self._ready.extend(taken)
        if page.pending:
            window.pages.append(page)
            window.pending += page.pending
        if shown_all and not descending:
            lowest, highest = min(shown_all), max(shown_all)
            # The first round found the range by id; the data may reach beyond it.
            self._first, self._last = min(self._first, lowest), max(self._last, highest)
            if len(items) == PER_PAGE and not ended:
                window.page_ms = _reach(shown_all)
        if owned:
            window.recent = min(owned)
        window.started = True
        window.cursor = None if ended else cursor
        window.done = window.cursor is None


_CHECKPOINT = "gitlab-users-client/users.scan/2"
#: Version 1 (no newest page kept) resumes the same way.
_CHECKPOINTS = (_CHECKPOINT, "gitlab-users-client/users.scan/1")


def _saved(window: _Window) -> dict[str, Any]:
    page = next((page for page in window.pages if page.pending), None)
    if page is not None:
        cursor, started, last_id = page.cursor, page.started, page.last_id
        skip_through = window.handed_out
    else:
        cursor, started, last_id = window.cursor, window.started, window.last_id
        skip_through = window.skip_through
    return {
        "lo": window.lo,
        "hi": window.hi,
        "cursor": cursor,
        "started": started,
        "last_id": last_id,
        "skip_through": skip_through,
        "recent": window.recent,
        "descending": window.descending,
        "floor": window.floor,
        "ceiling": window.ceiling,
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
        descending=_bool(item.get("descending", False)),
        floor=_int(item.get("floor")),
        ceiling=_int(item.get("ceiling")),
    )


def _reach(shown: list[int]) -> int:
    """How far (ms) a page goes, from a full one's shown ``created_at``: their span and
    one gap more (its first user to the next page's first)."""
    return max(1, (max(shown) - min(shown)) * len(shown) // max(1, len(shown) - 1))


def _shown_ms(item: Any) -> int | None:
    created = getattr(item, "created_at", None)
    return to_ms(created) if isinstance(created, datetime) else None


def _facts(content: bytes) -> list[tuple[int, int | None]] | None:
    """Each listed user's ``id`` and shown ``created_at`` (ms; ``None`` without one),
    read from a page's JSON as it is (no models needed); ``None`` if the body is not
    a plain list of such users (the models then read it, and say what is wrong)."""
    try:
        value = json.loads(content)
    except (ValueError, RecursionError):
        return None
    if not isinstance(value, list):
        return None
    facts: list[tuple[int, int | None]] = []
    for item in value:
        if not isinstance(item, dict):
            return None
        uid, created = item.get("id"), item.get("created_at")
        if type(uid) is not int:
            return None
        if created is None:
            facts.append((uid, None))
            continue
        if not isinstance(created, str):
            return None
        try:
            # The SDK's own ISO 8601 reading (bounded length, ASCII), as for arguments.
            facts.append((uid, to_ms(to_datetime("created_at", created))))
        except (ValueError, OverflowError):
            return None
    return facts


def _next_cursor(response: httpx.Response) -> str | None:
    """The keyset cursor of the page after ``response``'s (``None``: it is the last)."""
    next_url = Page.from_response([], response).next_url
    if next_url is None:
        return None
    cursor = dict(parse_qsl(urlsplit(next_url).query)).get("cursor")
    if not cursor:
        raise _invalid(response, "the next-page link carries no keyset cursor")
    return cursor


def _cuts(lo: int, hi: int, count: int, reach: int | None) -> list[int]:
    """Edges cutting ``[lo, hi)`` into at most ``count`` windows of about equal size.

    Where a page goes about ``reach`` ms and ``lo`` is where the walk's next page
    starts, the edges fall at whole pages from ``lo``, a little early (``reach`` is
    measured on one page; a window a user too long ends with a page of one user, which
    costs a request like a full one; a window a few users short ends with a page of
    nearly 100). Where users are spread evenly, every window but the last then ends with
    about a full page.
    """
    count = max(1, min(count, hi - lo))
    pages = (hi - lo) / reach if reach is not None else 0.0
    if reach is None or pages <= count - 1:
        # Fewer pages than windows (or ids that do not follow creation time: a page
        # spans the whole range): equal spans.
        return sorted({lo + (hi - lo) * i // count for i in range(1, count)})
    step = reach - reach // SHORT
    steps = (hi - lo) / step  # so that the last window is about as long as the others
    edges = {lo + max(1, round(steps * i / count)) * step for i in range(1, count)}
    return sorted(edge for edge in edges if lo < edge < hi)


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
