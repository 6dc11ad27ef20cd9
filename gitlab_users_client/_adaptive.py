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
* with ``n`` in flight taking ``t`` each, about ``n * (1 - base / t)`` of them were
  waiting at the server (TCP Vegas' estimate of a queue from round-trip times).

Fewer than one waiting, the server has room: one more is added (a quarter more while
nothing waits at all). More than three, its workers are saturated and requests only
queue: the target drops by the excess. In between, the server is kept busy through the
client's own gaps (parsing, handing out users) without piling work on it. The estimate is
taken once per round trip's worth of pages, from their medians. ``base`` never grows: a
server that gets slower looks saturated, and is given fewer requests, never more.
"""

from __future__ import annotations

import math
import statistics
from typing import Final

__all__ = ["AdaptiveConcurrency"]

#: Below this many requests estimated waiting at the server, it has idle workers.
IDLE_BELOW: Final = 1.0
#: Above this many, its workers are saturated: more in flight only adds waiting.
SATURATED_ABOVE: Final = 3.0


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
        took = statistics.median(self._took)
        out = statistics.median(self._out)
        self._took.clear()
        self._out.clear()
        waiting = out * (1 - self.base / took)
        if waiting < IDLE_BELOW:
            if out >= self.target - 1:  # it had that many out: room for more
                step = max(1, self.target // 4) if waiting < IDLE_BELOW / 2 else 1
                self.target = min(self.most, self.target + step)
        elif waiting > SATURATED_ABOVE:
            excess = math.ceil(waiting - (IDLE_BELOW + SATURATED_ABOVE) / 2)
            self.target = max(1, self.target - excess)
