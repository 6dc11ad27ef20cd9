"""httpcore's connection pool, with the hand-out of connections fixed for bursts.

The default client keeps httpx's own ``AsyncClient``, ``AsyncHTTPTransport`` and httpcore's
connections (respx, OpenTelemetry, Sentry, proxies and certificates see what they always
saw); only the pool's bookkeeping, ``_assign_requests_to_connections``, is replaced, by
switching the class of the pools httpx built (:func:`use_fair_pools`). httpcore 1.0 gets a
burst wrong in two ways:

* it hands one idle HTTP/1.1 connection to every queued request that looks before the
  first one has made it busy (awaits lie between the two), so all but one of them fail
  with ``ConnectionNotAvailable`` and try again: ~4.5 attempts per request at 32 in
  flight, and the pool never grows to its limit. Here a connection that a request of the
  pool holds is never handed to another (HTTP/1.1 carries one request at a time);
* it asks every idle socket whether the server has closed it, several times per request:
  most of a small GET's CPU time in a burst. Here only the connection about to be handed
  out is asked, and every idle one at most once per ``SWEEP_INTERVAL`` seconds (closing
  the expired and the server-closed ones, as httpcore does).

The rest is httpcore's: closed connections dropped, surplus idle ones closed, a new
connection while under ``max_connections``, else an idle one for another origin closed
to make room. A connection created for a request that was cancelled before sending on it
goes to the next request for its origin, or is dropped: it never keeps a place.

Pools of another class or another private layout (another httpcore, HTTP/2) are left as
httpx built them.
"""

from __future__ import annotations

import functools
import time
from collections.abc import Iterable
from typing import Any

import httpcore
import httpx

__all__ = ["SWEEP_INTERVAL", "FairConnectionPool", "use_fair_pools"]

#: Seconds between two looks at every idle connection (keep-alive expiry, server closes).
SWEEP_INTERVAL = 0.5

Connection = httpcore.AsyncConnectionInterface


class FairConnectionPool(httpcore.AsyncConnectionPool):
    """``httpcore.AsyncConnectionPool`` that hands each HTTP/1.1 connection to one request."""

    #: When every idle connection is next checked (set on the instance after the first).
    _next_sweep = 0.0

    def _assign_requests_to_connections(self) -> list[Connection]:
        closing: list[Connection] = []
        now = time.monotonic()
        if now >= self._next_sweep:
            self._next_sweep = now + SWEEP_INTERVAL
            self._sweep(closing)
        queued = [request for request in self._requests if request.connection is None]
        if not queued:
            return closing
        held = {id(r.connection) for r in self._requests if r.connection is not None}
        for request in queued:
            connection = self._connection_for(request.request.url.origin, held, closing)
            if connection is not None:
                held.add(id(connection))
                request.assign_to_connection(connection)
        return closing

    def _sweep(self, closing: list[Connection]) -> None:
        """Drop the closed connections; close the expired, the surplus idle and the
        unused ones (created for a request that was cancelled before it sent on them)."""
        held = {id(r.connection) for r in self._requests if r.connection is not None}
        kept: list[Connection] = []
        idle = 0
        for connection in self._connections:
            if connection.is_closed():
                continue
            if connection.is_idle():
                if idle >= self._max_keepalive_connections or connection.has_expired():
                    closing.append(connection)
                    continue
                idle += 1
            elif id(connection) not in held and _never_connected(connection):
                closing.append(connection)
                continue
            kept.append(connection)
        self._connections = kept

    def _connection_for(
        self, origin: httpcore.Origin, held: set[int], closing: list[Connection]
    ) -> Connection | None:
        """A connection for a queued request to ``origin``; None: the request waits."""
        connections = self._connections
        unused = None
        for connection in list(connections):
            if id(connection) in held or not connection.can_handle_request(origin):
                continue
            if not connection.is_available():
                if unused is None and _never_connected(connection):
                    unused = connection
                continue
            if not connection.has_expired() and not _has_leftover(connection):
                return connection
            # Past its keep-alive, closed by the server, or holding bytes that came after
            # its last response (they would answer the next request).
            connections.remove(connection)
            closing.append(connection)
        if unused is not None:  # its request was cancelled before it sent on it
            return unused
        if len(connections) >= self._max_connections:
            connections[:] = [c for c in connections if not c.is_closed()]
        if len(connections) >= self._max_connections:
            spare = next((c for c in connections if id(c) not in held and _spare(c)), None)
            if spare is None:
                return None
            connections.remove(spare)  # for another origin: make room
            closing.append(spare)
        connection = self.create_connection(origin)
        connections.append(connection)
        return connection


class FairHTTPProxy(FairConnectionPool, httpcore.AsyncHTTPProxy):
    """``httpcore.AsyncHTTPProxy`` with :class:`FairConnectionPool`'s hand-out."""


class FairSOCKSProxy(FairConnectionPool, httpcore.AsyncSOCKSProxy):
    """``httpcore.AsyncSOCKSProxy`` with :class:`FairConnectionPool`'s hand-out."""


_FAIR: dict[type[Any], type[FairConnectionPool]] = {
    httpcore.AsyncConnectionPool: FairConnectionPool,
    httpcore.AsyncHTTPProxy: FairHTTPProxy,
    httpcore.AsyncSOCKSProxy: FairSOCKSProxy,
}


def _spare(connection: Connection) -> bool:
    """Whether a connection no request holds can be closed to make room."""
    return connection.is_idle() or _never_connected(connection)


def _layers(connection: object) -> Iterable[object]:
    """A connection and the ones inside it: httpcore's connections, and the proxy
    connections wrapping them, keep their inner connection in ``_connection`` (three
    layers at most: proxy, connection, HTTP/1.1)."""
    current: object = connection
    for _ in range(3):
        yield current
        current = getattr(current, "_connection", None)
        if current is None:
            return


def _never_connected(connection: object) -> bool:
    """Whether a connection has no socket yet (its innermost ``_connection`` is unset)."""
    for layer in _layers(connection):
        inner = getattr(layer, "_connection", False)
        if inner is None:
            return not getattr(layer, "_connect_failed", False)
        if inner is False:
            return False
    return False


def _has_leftover(connection: object) -> bool:
    """Whether an idle connection holds bytes received after its last response.

    h11 keeps what arrived in the same read as a response (a forged extra response from
    a broken proxy, say) and hands it to the next request on the connection as its
    answer; httpcore's check of an idle socket cannot see bytes already read. The h11
    state is on httpcore's HTTP/1.1 connection, the innermost layer.
    """
    for layer in _layers(connection):
        state = getattr(layer, "_h11_state", None)
        if state is not None:
            trailing = getattr(state, "trailing_data", None)
            return isinstance(trailing, tuple) and bool(trailing[0])
    return False


def _fits(pool: object) -> bool:
    """Whether a pool has the private layout :class:`FairConnectionPool` relies on."""
    state = getattr(pool, "__dict__", {})
    return (
        isinstance(state.get("_connections"), list)
        and isinstance(state.get("_requests"), list)
        and isinstance(state.get("_max_connections"), int)
        and isinstance(state.get("_max_keepalive_connections"), int)
        and state.get("_http2") is False
        and callable(getattr(pool, "create_connection", None))
        and callable(getattr(pool, "_assign_requests_to_connections", None))
        and _pool_requests_fit()
    )


@functools.cache
def _pool_requests_fit() -> bool:
    """Whether httpcore's queued requests look as :class:`FairConnectionPool` reads them."""
    try:
        from httpcore._async.connection_pool import AsyncPoolRequest

        request = AsyncPoolRequest(httpcore.Request("GET", "http://localhost/"))
    except (ImportError, TypeError, ValueError):
        return False
    return (
        getattr(request, "connection", False) is None
        and isinstance(getattr(request, "request", None), httpcore.Request)
        and callable(getattr(request, "assign_to_connection", None))
    )


def _pools(client: httpx.AsyncClient) -> Iterable[object]:
    mounts = getattr(client, "_mounts", None)
    transports = [getattr(client, "_transport", None)]
    if isinstance(mounts, dict):
        transports += mounts.values()
    for transport in transports:
        if isinstance(transport, httpx.AsyncHTTPTransport):
            yield getattr(transport, "_pool", None)


def use_fair_pools(client: httpx.AsyncClient) -> int:
    """Give the pools httpx built for ``client`` (direct and proxied) the fair hand-out;
    return how many it switched (0: httpcore's own, e.g. another private layout)."""
    switched = 0
    for pool in _pools(client):
        fair = _FAIR.get(type(pool))
        if fair is not None and _fits(pool):
            pool.__class__ = fair
            switched += 1
    return switched
