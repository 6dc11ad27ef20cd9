"""How many pages a scan keeps in flight: as many as the server serves at once, and a
few more waiting, so that its workers never wait for the client.

GitLab renders a page of users in a Puma thread, and an instance has a fixed number of
them. While requests in flight are fewer than its free workers, each takes the server's
service time; past that, the extra ones queue, and the time each takes grows with their
number. So the scan watches the time its pages take, from asking for one to having it
parsed (time spent waiting for a rate-limit window counts too: more requests in flight
would not bring those pages any sooner either):

* the shortest a full page ever took is the service time ``base`` (a scan starts with
  several requests at once: the first ones are served without waiting);
* with ``n`` in flight taking ``t`` each, about ``n * base / t`` of them were being
  served and the rest, ``n * (1 - base / t)``, waiting at the server (TCP Vegas' estimate
  of a queue from round-trip times).

A few requests waiting at the server cost nothing: a worker that finishes takes the next
at once. A worker with nothing to take costs the scan its share of the bound: between
two pages of a window the client parses, hands out users and sends the next request, and
on a machine busy with other work that takes a while. So the target is the workers
found busy plus a **headroom** of half as many again (at least :data:`HEADROOM` more):
8 workers get 12 requests, a single one 4. While fewer wait than that, more are added:
a quarter more while none waits (the server has idle workers), one at a time while a
few do. Once more wait than the headroom, the target comes down to the busy workers
plus the headroom. The estimate is taken once per round trip's worth of pages, from
their means (Little's law holds for means: with ``n`` out on ``w`` busy workers a page
takes ``n / w`` service times on average, while the median of a round where some
waited and some did not jumps between the two). ``base`` never grows: a server that
gets slower looks saturated, and is given fewer requests, never more.
"""

from __future__ import annotations

import math
from typing import Final

__all__ = ["AdaptiveConcurrency"]

#: Below this many requests estimated waiting at the server, it has idle workers.
IDLE_BELOW: Final = 1.0
#: Requests kept waiting at the server beyond its busy workers, at least.
HEADROOM: Final = 3


def headroom(busy: float) -> int:
    """Requests to keep waiting when ``busy`` workers serve the scan at once."""
    return max(HEADROOM, math.ceil(busy / 2))


class AdaptiveConcurrency:
    """A target number of requests in flight, between 1 and ``most``."""

    def __init__(self, start: int, most: int) -> None:
        self.most = max(1, most)
        self.target = max(1, min(start, self.most))
        #: The shortest a full page took: the server's service time.
        self.base: float | None = None
        self._took: list[float] = []
        self._out: list[int] = []

    def __repr__(self) -> str:
        base = "?" if self.base is None else f"{self.base * 1000:.0f} ms"
        return f"<AdaptiveConcurrency target={self.target}/{self.most} base={base}>"

    def observe(self, seconds: float, in_flight: int, *, full: bool = True) -> None:
        """A page took ``seconds`` while ``in_flight`` requests of the scan were out
        (``full``: a whole page, comparable with the others)."""
        if seconds <= 0 or not full:
            return
        if self.base is None or seconds < self.base:
            self.base = seconds
        self._took.append(seconds)
        self._out.append(in_flight)
        if len(self._took) < max(4, self.target):
            return
        # Means (not `statistics`, which imports fractions and decimal before a scan
        # can send anything).
        took = math.fsum(self._took) / len(self._took)
        out = sum(self._out) / len(self._out)
        self._took.clear()
        self._out.clear()
        busy = out * self.base / took
        waiting = out - busy
        wanted = headroom(busy)
        if waiting < wanted - 1:
            if out >= self.target - 1:  # it had that many out: room for more
                step = max(1, self.target // 4) if waiting < IDLE_BELOW else 1
                self.target = min(self.most, self.target + step)
        elif waiting > wanted:
            self.target = max(1, min(self.target, math.ceil(busy) + wanted))
