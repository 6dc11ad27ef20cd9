"""The scan plans its windows from the first round's JSON, before the models are loaded.

The plan needs each user's ``id`` and ``created_at`` only: read from the JSON as it is,
the windows' requests leave as soon as the first round is back (fetching ahead, in
``async with``), while the models may still be importing in a worker thread. The first and newest pages are parsed with the
models once they are loaded, and only then handed to their windows. A body that is not
plain JSON of users is read by the models first; a body the models reject is still an
error; a checkpoint taken while those pages wait resumes without losing them.
"""

from __future__ import annotations

import json
import threading
from collections.abc import Callable
from typing import Any

import anyio
import httpx
import pytest
from test_scan_schedule import Puma, virtual

from gitlab_users_client import APIStatusError, AsyncGitLab, ResponseValidationError
from gitlab_users_client._scan import UserScan, _Answers, _facts, _Window
from gitlab_users_client.testing import FakeGitLab

#: Requests of the first round: the first page, the newest page and the filter probe.
FIRST_ROUND = 3


class Counting(httpx.AsyncBaseTransport):
    """The fake; the first round is answered once ``loading`` is set (the models' load
    under way); the first request past it calls ``on_second_round`` (if given) and sets
    ``seen``."""

    def __init__(self, fake: FakeGitLab, loading: threading.Event, seen: threading.Event) -> None:
        self.inner = fake.transport()
        self.loading = loading
        self.requests = 0
        self.seen = seen
        self.on_second_round: Callable[[], None] | None = None

    async def handle_async_request(self, request: httpx.Request) -> httpx.Response:
        self.requests += 1
        if self.requests <= FIRST_ROUND:
            await anyio.to_thread.run_sync(self.loading.wait, 10)
        elif self.requests == FIRST_ROUND + 1:
            if self.on_second_round is not None:
                self.on_second_round()
            self.seen.set()
        return await self.inner.handle_async_request(request)


def slow_models(
    monkeypatch: pytest.MonkeyPatch, loading: threading.Event, until: threading.Event
) -> list[bool]:
    """Load the scan's models in a worker thread that, holding the load's lock as a slow
    import does, sets ``loading`` and waits for ``until`` (10 s at most); returns whether
    it came in time, one entry per load."""
    on_time: list[bool] = []
    load = _Answers.load

    def waiting_load(self: _Answers[Any], warm: bool = False) -> None:
        if warm:
            with self._lock:  # a lookup meanwhile waits, as during a slow import
                loading.set()
                on_time.append(until.wait(10))
        load(self, warm)

    monkeypatch.setattr(_Answers, "load", waiting_load)
    monkeypatch.setattr(_Answers, "needs_import", lambda self: not self)  # always a thread
    return on_time


@pytest.mark.parametrize("backend", ["asyncio", "trio"])
def test_the_windows_requests_leave_while_the_models_load(
    monkeypatch: pytest.MonkeyPatch, backend: str
) -> None:
    fake = FakeGitLab.create(users=2_000, seed=70)
    loading, seen = threading.Event(), threading.Event()
    on_time = slow_models(monkeypatch, loading, seen)
    server = Counting(fake, loading, seen)

    async def main() -> list[int]:
        gl = AsyncGitLab(fake.url, token=fake.admin_token, transport=server)
        async with gl, gl.users.scan() as users:  # fetching ahead (a plain `async for`
            return [user.id async for user in users]  # hands those pages out first)

    ids = anyio.run(main, backend=backend)
    # The models waited for a window's request: it left without them.
    assert on_time == [True]
    assert len(ids) == len(set(ids))
    assert set(ids) == {user.id for user in fake.state.iter_users()}


def test_a_body_that_is_not_plain_json_of_users_is_read_by_the_models() -> None:
    # Ids as strings: the JSON does not say what they are, the models do (lax ints).
    fake = FakeGitLab.create(users=900, seed=71)

    class StringIds(Puma):
        async def handle_async_request(self, request: httpx.Request) -> httpx.Response:
            response = await super().handle_async_request(request)
            users = json.loads(response.content)
            for user in users:
                user["id"] = str(user["id"])
            return httpx.Response(200, headers=response.headers, json=users)

    async def main() -> None:
        async with AsyncGitLab(
            fake.url, token=fake.admin_token, transport=StringIds(fake, 4)
        ) as gl:
            scan = gl.users.scan()
            ids = [user.id async for user in scan]
            assert "parallel" in repr(scan)  # planned from the models' reading
        assert sorted(ids) == sorted(user.id for user in fake.state.iter_users())

    assert _facts(b'[{"id": "5", "created_at": null}]') is None
    virtual(main)


@pytest.mark.parametrize("page", ["first", "newest"])
def test_a_page_the_models_reject_after_the_plan_is_an_error(page: str) -> None:
    fake = FakeGitLab.create(users=900, seed=72)
    sort = "asc" if page == "first" else "desc"
    bad: list[str] = []

    class Rejected(Puma):
        """The first round's page (``sort``, no cursor, a full page) with a user whose
        ``username`` is a number: plain JSON, which the models reject."""

        async def handle_async_request(self, request: httpx.Request) -> httpx.Response:
            response = await super().handle_async_request(request)
            params = request.url.params
            if params.get("sort") != sort or "cursor" in params or "created_after" in params:
                return response
            users = json.loads(response.content)
            if len(users) > 1:
                users[1]["username"] = 12345
                bad.append(str(request.url))
            return httpx.Response(200, headers=response.headers, json=users)

    async def main() -> None:
        async with AsyncGitLab(fake.url, token=fake.admin_token, transport=Rejected(fake, 4)) as gl:
            with pytest.raises(ResponseValidationError, match="username"):
                _ = [user.id async for user in gl.users.scan()]

    virtual(main)
    assert len(bad) == 1


def test_ids_read_differently_by_the_models_are_an_error(monkeypatch: pytest.MonkeyPatch) -> None:
    # The plan and the walks' ends come from the JSON's ids; should the models read
    # other ids, the pages are not handed out from a plan that does not fit them.
    def shifted(content: bytes) -> list[tuple[int, int | None]] | None:
        facts = _facts(content)
        return None if facts is None else [(uid + 1, ms) for uid, ms in facts]

    monkeypatch.setattr("gitlab_users_client._scan._facts", shifted)
    fake = FakeGitLab.create(users=900, seed=73)

    async def main() -> None:
        async with AsyncGitLab(fake.url, token=fake.admin_token, transport=Puma(fake, 4)) as gl:
            with pytest.raises(ResponseValidationError, match="read differently"):
                _ = [user.id async for user in gl.users.scan()]

    virtual(main)


def test_a_checkpoint_taken_while_the_pages_wait_for_the_models_loses_nothing(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    fake = FakeGitLab.create(users=1_500, seed=74)
    loading, seen = threading.Event(), threading.Event()
    on_time = slow_models(monkeypatch, loading, seen)
    server = Counting(fake, loading, seen)
    taken: list[tuple[str, int]] = []

    async def main() -> list[int]:
        async with AsyncGitLab(fake.url, token=fake.admin_token, transport=server) as gl:
            scan: UserScan[Any] = gl.users.scan()
            # Planned, the windows' requests leaving, the first two pages not parsed yet
            # (nothing handed out: the checkpoint is the whole scan).
            server.on_second_round = lambda: taken.append((scan.checkpoint(), len(scan._held)))
            async with scan:
                first = [user.id async for user in scan]
            server.on_second_round = None
            resumed = [user.id async for user in gl.users.scan(resume=taken[0][0])]
        assert sorted(first) == sorted(resumed)
        return resumed

    ids = anyio.run(main)
    assert on_time == [True, True]  # the scan, then the resumed one
    checkpoint, held = taken[0]
    assert held == 2
    assert any(window["descending"] for window in json.loads(checkpoint)["windows"])
    assert len(ids) == len(set(ids))
    assert set(ids) == {user.id for user in fake.state.iter_users()}


def test_pages_waiting_for_the_models_are_handed_out_before_a_later_failure(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    # The windows' first requests fail while the first two pages wait for the models:
    # their users still reach the caller, then the failure does.
    fake = FakeGitLab.create(users=1_500, seed=75)
    loading, seen = threading.Event(), threading.Event()
    on_time = slow_models(monkeypatch, loading, seen)

    class Failing(Counting):
        async def handle_async_request(self, request: httpx.Request) -> httpx.Response:
            response = await super().handle_async_request(request)
            if self.requests <= FIRST_ROUND:
                return response
            if self.requests == FIRST_ROUND + 1:
                # The models come in once the failure has stopped the scan.
                threading.Timer(0.5, seen.set).start()
            return httpx.Response(500, json={"message": "500 Internal Server Error"})

    server = Failing(fake, loading, threading.Event())

    ids: list[int] = []

    async def collect(users: UserScan[Any]) -> None:
        async for user in users:
            ids.append(user.id)

    async def main() -> None:
        gl = AsyncGitLab(fake.url, token=fake.admin_token, transport=server, max_retries=0)
        async with gl, gl.users.scan() as users:
            with pytest.raises(APIStatusError):
                await collect(users)

    anyio.run(main)
    assert on_time == [True]
    # The newest page (100 users) and the first window's share of the first page.
    assert len(ids) == len(set(ids)) > 100
    assert set(ids) < {user.id for user in fake.state.iter_users()}


def test_no_window_is_split_while_the_first_pages_wait_for_the_models() -> None:
    # A worker finding no idle window splits the biggest one; while the first two pages
    # wait, it waits too (their windows take workers again once handed their pages),
    # instead of making a window, and a part page, more.
    fake = FakeGitLab.create(users=10, seed=76)

    async def main() -> None:
        async with AsyncGitLab(fake.url, token=fake.admin_token, transport=Puma(fake, 4)) as gl:
            scan: UserScan[Any] = gl.users.scan()
            scan._windowed, scan._first, scan._last = True, 0, 1_000_000
            scan._windows = [_Window(None, 500_000), _Window(500_000, None)]
            for window in scan._windows:
                window.fetching = True
            answer = (httpx.Response(200, content=b"[]"), 0)
            scan._held = [(scan._windows[0], answer, None, [])]
            assert scan._next_window() is None
            assert len(scan._windows) == 2
            scan._held = []
            split = scan._next_window()
            assert split is not None
            assert len(scan._windows) == 3

    virtual(main)


@pytest.mark.parametrize(
    "body",
    [
        b"{}",
        b"[1]",
        b'[{"id": true}]',
        b'[{"id": 1.0}]',
        b'[{"id": 1, "created_at": 5}]',
        b'[{"id": 1, "created_at": "yesterday"}]',
        b'[{"id": 1, "created_at": "' + b"2024-01-02T03:04:05" * 3 + b'"}]',
        b'[{"id": 1, "created_at": "2024-01-02T03:04:05\xc3\xa9"}]',
        b"[" * 100_000,
        b"\xff",
    ],
)
def test_a_body_the_plan_cannot_read_plainly_is_left_to_the_models(body: bytes) -> None:
    assert _facts(body) is None


def test_the_plan_reads_times_as_the_sdk_does() -> None:
    body = b'[{"id": 7, "created_at": "2024-01-02T04:04:05.123+01:00"}, {"id": 8}]'
    assert _facts(body) == [(7, 1_704_164_645_123), (8, None)]
