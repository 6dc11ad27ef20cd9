"""The fair pool's hand-out (``_http/pool.py``), step by step, on connections that only
say what state they are in and count how often they were asked whether they expired
(on a real connection: a poll of its socket).

Which connection a queued request gets, which ones are polled and when, which ones are
closed: the rules httpcore's pool keeps, without handing one HTTP/1.1 connection to two
requests and without polling every idle socket on every call.
"""

from __future__ import annotations

from typing import Any

import httpcore
import pytest
from httpcore._async.connection_pool import AsyncPoolRequest

from gitlab_users_client._http import pool as fair

A, B, C = "http://a.example", "http://b.example", "http://c.example"


class Connection(httpcore.AsyncConnectionInterface):
    """A connection in one state: "idle", "active", "new" (no socket yet) or "closed"."""

    def __init__(self, url: str, state: str, *, expired: bool = False) -> None:
        self.origin = httpcore.URL(url).origin
        self.state = state
        self.expired = expired
        self.polls = 0
        # httpcore's HTTPConnection keeps its HTTP/1.1 connection here: None until it connects.
        self._connection: object | None = None if state == "new" else object()
        self._connect_failed = False

    def can_handle_request(self, origin: httpcore.Origin) -> bool:
        return origin == self.origin

    def is_available(self) -> bool:
        return self.state == "idle"

    def has_expired(self) -> bool:
        self.polls += 1
        return self.expired

    def is_idle(self) -> bool:
        return self.state == "idle"

    def is_closed(self) -> bool:
        return self.state == "closed"

    def info(self) -> str:
        return self.state

    async def handle_async_request(self, request: httpcore.Request) -> httpcore.Response:
        raise AssertionError("not sent in these tests")

    async def aclose(self) -> None:
        self.state = "closed"


def make_pool(
    *connections: Connection, max_connections: int = 4, keepalive: int | None = None
) -> Any:
    pool: Any = fair.FairConnectionPool(
        max_connections=max_connections, max_keepalive_connections=keepalive
    )
    pool._connections = list(connections)
    pool._next_sweep = float("inf")  # sweeps only where a test asks for one
    pool.create_connection = lambda origin: Connection(
        f"{origin.scheme.decode()}://{origin.host.decode()}", "new"
    )
    return pool


def queue(pool: Any, url: str, connection: Connection | None = None) -> AsyncPoolRequest:
    request = AsyncPoolRequest(httpcore.Request("GET", f"{url}/api/v4/users/1"))
    if connection is not None:
        request.assign_to_connection(connection)
    pool._requests.append(request)
    return request


async def test_a_connection_handed_to_one_request_is_not_handed_to_another() -> None:
    taken = Connection(A, "idle")  # handed out, its request has not sent yet
    pool = make_pool(taken)
    queue(pool, A, taken)
    waiting = queue(pool, A)
    assert pool._assign_requests_to_connections() == []
    assert waiting.connection is not None and waiting.connection is not taken
    assert len(pool._connections) == 2


async def test_queued_requests_get_one_idle_connection_each() -> None:
    idle = [Connection(A, "idle") for _ in range(2)]
    pool = make_pool(*idle)
    requests = [queue(pool, A) for _ in range(3)]
    pool._assign_requests_to_connections()
    handed = [request.connection for request in requests]
    assert handed[:2] == idle
    assert handed[2] is not None and handed[2] not in idle


async def test_between_sweeps_only_the_connection_handed_out_is_polled() -> None:
    idle = [Connection(A, "idle") for _ in range(4)]
    pool = make_pool(*idle)
    request = queue(pool, A)
    pool._assign_requests_to_connections()
    assert request.connection is idle[0]
    assert [c.polls for c in idle] == [1, 0, 0, 0]
    pool._requests.clear()
    pool._assign_requests_to_connections()  # a response closed, nobody waits
    assert [c.polls for c in idle] == [1, 0, 0, 0]


async def test_an_expired_connection_is_closed_instead_of_handed_out() -> None:
    stale, fresh = Connection(A, "idle", expired=True), Connection(A, "idle")
    pool = make_pool(stale, fresh)
    request = queue(pool, A)
    assert pool._assign_requests_to_connections() == [stale]
    assert request.connection is fresh
    assert pool._connections == [fresh]


async def test_a_sweep_closes_every_expired_idle_connection_once_per_interval(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    now = [1000.0]
    monkeypatch.setattr("gitlab_users_client._http.pool.time.monotonic", lambda: now[0])
    idle = [Connection(A, "idle", expired=i != 1) for i in range(3)]
    busy = Connection(B, "active")
    pool = make_pool(*idle, busy)
    queue(pool, B, busy)
    pool._next_sweep = 0.0
    assert pool._assign_requests_to_connections() == [idle[0], idle[2]]
    assert pool._connections == [idle[1], busy]
    assert [c.polls for c in idle] == [1, 1, 1]
    assert busy.polls == 0  # a connection in use is not polled
    now[0] += fair.SWEEP_INTERVAL / 2
    pool._assign_requests_to_connections()
    assert idle[1].polls == 1  # not yet
    now[0] += fair.SWEEP_INTERVAL
    pool._assign_requests_to_connections()
    assert idle[1].polls == 2


async def test_a_sweep_closes_idle_connections_beyond_the_keep_alive_limit() -> None:
    idle = [Connection(A, "idle") for _ in range(3)]
    pool = make_pool(*idle, keepalive=1)
    pool._next_sweep = 0.0
    assert pool._assign_requests_to_connections() == idle[1:]
    assert pool._connections == idle[:1]


async def test_a_full_pool_closes_an_idle_connection_of_another_origin() -> None:
    busy, idle = Connection(A, "active"), Connection(B, "idle")
    pool = make_pool(busy, idle, max_connections=2)
    queue(pool, A, busy)
    request = queue(pool, C)
    assert pool._assign_requests_to_connections() == [idle]
    assert request.connection is not None and request.connection.can_handle_request(
        httpcore.URL(C).origin
    )
    assert pool._connections == [busy, request.connection]


async def test_a_full_pool_keeps_a_request_waiting_rather_than_take_a_held_connection() -> None:
    busy, taken = Connection(A, "active"), Connection(B, "idle")
    pool = make_pool(busy, taken, max_connections=2)
    queue(pool, A, busy)
    queue(pool, B, taken)
    request = queue(pool, C)
    assert pool._assign_requests_to_connections() == []
    assert request.connection is None
    assert pool._connections == [busy, taken]


async def test_closed_connections_leave_room_in_a_full_pool() -> None:
    busy, gone = Connection(A, "active"), Connection(A, "closed")
    pool = make_pool(busy, gone, max_connections=2)
    queue(pool, A, busy)
    request = queue(pool, A)
    pool._assign_requests_to_connections()
    assert request.connection is not None and request.connection not in (busy, gone)
    assert pool._connections == [busy, request.connection]


async def test_a_connection_its_request_left_unused_goes_to_the_next_request_for_its_origin() -> (
    None
):
    unused = Connection(A, "new")  # created for a request that was then cancelled
    pool = make_pool(unused)
    other = queue(pool, B)
    same = queue(pool, A)
    pool._assign_requests_to_connections()
    assert same.connection is unused
    assert other.connection is not None and other.connection is not unused
    assert len(pool._connections) == 2


async def test_a_connection_left_unused_makes_room_or_is_dropped_at_a_sweep() -> None:
    busy, unused = Connection(A, "active"), Connection(B, "new")
    pool = make_pool(busy, unused, max_connections=2)
    queue(pool, A, busy)
    request = queue(pool, C)
    assert pool._assign_requests_to_connections() == [unused]
    assert request.connection in pool._connections
    leftover = Connection(B, "new")
    pool = make_pool(leftover)
    pool._next_sweep = 0.0
    assert pool._assign_requests_to_connections() == [leftover]
    assert pool._connections == []


async def test_a_connection_being_opened_for_its_request_is_left_alone() -> None:
    opening = Connection(A, "new")
    pool = make_pool(opening)
    queue(pool, A, opening)
    pool._next_sweep = 0.0
    waiting = queue(pool, A)
    assert pool._assign_requests_to_connections() == []
    assert pool._connections[0] is opening
    assert waiting.connection is not opening
