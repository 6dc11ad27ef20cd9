"""Stopping a bulk job: on a signal, or when the circuit breaker trips.

``timeout``, CI cancellation, systemd and Kubernetes send SIGTERM; a closed terminal or
SSH session sends SIGHUP; Ctrl-C sends SIGINT. All three do the same:

* before the first change (lookups before the job): stop at once;
* while items are acted on: start no new item, give the requests in flight ``grace``
  seconds to finish, then cancel them (their items are recorded ``unknown``); the job
  prints its summary and the command exits with 128 + the signal's number;
* a second signal cancels what is in flight at once (every item is still recorded).

A signal that was ignored when the command started (``nohup`` ignores SIGHUP, a shell's
background job SIGINT) stays ignored.
"""

from __future__ import annotations

import asyncio
import signal
import sys
from collections.abc import Callable, Iterator
from contextlib import contextmanager

import anyio
from anyio.abc import TaskGroup, TaskStatus

from ._errors import signal_name

__all__ = ["DEFAULT_GRACE", "Stopper", "watch_signals"]

#: The platform, as a plain string (a test plays Windows with it).
_PLATFORM: str = sys.platform
#: Seconds the requests in flight get to finish after the first signal (``--grace``).
DEFAULT_GRACE = 10.0


def _handled() -> list[signal.Signals]:
    names = ("SIGINT", "SIGTERM", "SIGHUP")
    found = [signal.Signals[name] for name in names if hasattr(signal, name)]
    return [signum for signum in found if signal.getsignal(signum) is not signal.SIG_IGN]


async def watch_signals(
    on_signal: Callable[[int], None],
    *,
    task_status: TaskStatus[None] = anyio.TASK_STATUS_IGNORED,
) -> None:
    """Call ``on_signal(signum)`` for every SIGINT, SIGTERM or SIGHUP until cancelled
    (where the event loop can receive signals; elsewhere Ctrl-C ends the job as usual)."""
    if not _loop_receives_signals():
        task_status.started()
        return
    with anyio.open_signal_receiver(*_handled()) as received:
        task_status.started()
        async for signum in received:
            on_signal(signum)


def _loop_receives_signals() -> bool:
    """asyncio's event loops on Windows have no signal handlers; trio's receiver works
    everywhere, and every loop elsewhere has them."""
    if _PLATFORM != "win32":
        return True
    try:
        asyncio.get_running_loop()
    except RuntimeError:  # not asyncio: trio
        return True
    return False


class Stopper:
    """Decides what a signal or the breaker stops, and when.

    ``outer`` is what a signal cancels before the job acts; :meth:`acting` marks the
    part that acts on items (cancelled after the grace, or at a second signal).
    """

    def __init__(self, grace: float) -> None:
        self.grace = grace
        #: The first signal received, if any.
        self.signum: int | None = None
        #: Why no new item starts, once the job is stopping.
        self.reason: str | None = None
        #: A second signal asked to exit at once (no time for anything but the journal).
        self.at_once = False
        self._outer: anyio.CancelScope | None = None
        self._acting: anyio.CancelScope | None = None
        self._group: TaskGroup | None = None
        self._stopped: anyio.Event | None = None

    def attach(self, group: TaskGroup) -> None:
        """Use ``group`` for the grace timer; a signal before :meth:`acting` cancels it."""
        self._group = group
        self._outer = group.cancel_scope
        self._stopped = anyio.Event()

    async def wait(self) -> None:
        """Return once the job is stopping."""
        if self._stopped is not None:
            await self._stopped.wait()

    @property
    def stopping(self) -> bool:
        """No new item may start."""
        return self.reason is not None

    @contextmanager
    def acting(self) -> Iterator[anyio.CancelScope]:
        """The scope in which items are acted on (a stop lets it finish what is in flight)."""
        with anyio.CancelScope() as scope:
            self._acting = scope
            try:
                yield scope
            finally:
                self._acting = None

    def on_signal(self, signum: int) -> None:
        first = self.signum is None
        if first:
            self.signum = signum
        if self._acting is None:
            if self._outer is not None:
                self._outer.cancel()  # nothing was changed yet: stop at once
        elif first:
            self.stop(f"the job was interrupted ({signal_name(signum)})")
        else:
            self.at_once = True
            self._acting.cancel()

    def stop(self, reason: str) -> None:
        """Start no new item; cancel what is in flight after the grace period."""
        if self.reason is not None:
            return
        self.reason = reason
        if self._stopped is not None:
            self._stopped.set()
        if self._group is not None and self._acting is not None:
            self._group.start_soon(self._cancel_after_grace, self._acting)

    async def _cancel_after_grace(self, scope: anyio.CancelScope) -> None:
        await anyio.sleep(self.grace)
        scope.cancel()
