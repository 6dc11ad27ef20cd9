"""Bounded fan-out for admin jobs: every item ends as a result or an error, exactly once."""

from __future__ import annotations

from collections.abc import Awaitable, Callable, Iterable, Iterator
from dataclasses import dataclass
from typing import Generic, Literal, TypeVar

import anyio

from ._exceptions import BulkError

T = TypeVar("T")
R = TypeVar("R")

__all__ = ["BulkError", "BulkResult", "Outcome", "map_concurrently"]


@dataclass(frozen=True, slots=True)
class Outcome(Generic[T, R]):
    """What happened to one input item."""

    index: int
    item: T
    value: R | None = None
    error: Exception | None = None

    @property
    def ok(self) -> bool:
        return self.error is None


class BulkResult(Generic[T, R]):
    """Outcomes in input order."""

    def __init__(self, outcomes: list[Outcome[T, R]]) -> None:
        self.outcomes = outcomes

    def __len__(self) -> int:
        return len(self.outcomes)

    def __iter__(self) -> Iterator[Outcome[T, R]]:
        return iter(self.outcomes)

    def __repr__(self) -> str:
        return f"BulkResult(total={len(self.outcomes)}, failed={len(self.failed)})"

    @property
    def succeeded(self) -> list[Outcome[T, R]]:
        return [outcome for outcome in self.outcomes if outcome.ok]

    @property
    def failed(self) -> list[Outcome[T, R]]:
        return [outcome for outcome in self.outcomes if not outcome.ok]

    def values(self) -> list[R]:
        """The results in input order; raises :class:`BulkError` if any item failed."""
        self.raise_for_errors()
        return [outcome.value for outcome in self.outcomes]  # type: ignore[misc]

    def raise_for_errors(self) -> None:
        failed = self.failed
        if failed:
            raise BulkError(failed, len(self.outcomes))


async def map_concurrently(
    fn: Callable[[T], Awaitable[R]],
    items: Iterable[T],
    *,
    concurrency: int = 16,
    errors: Literal["collect", "raise"] = "collect",
    on_outcome: Callable[[Outcome[T, R]], object] | None = None,
) -> BulkResult[T, R]:
    """Run ``fn`` over ``items`` with at most ``concurrency`` calls in flight.

    A fixed set of ``concurrency`` workers takes the items in order (no task per item);
    the items and their outcomes are kept to return them in input order, so for a very
    large stream use ``on_outcome`` and feed it in chunks. With ``errors="collect"`` (default) each failure is recorded in its
    :class:`Outcome` and the others go on; with ``"raise"`` the first failure cancels the
    rest and is raised. Cancelling the caller cancels every call in flight promptly.
    ``on_outcome`` is called once per finished item (e.g. to advance a progress bar).
    """
    if concurrency < 1:
        raise ValueError("concurrency must be >= 1")
    if errors not in ("collect", "raise"):
        raise ValueError("errors must be 'collect' or 'raise'")
    pending = list(items)
    outcomes: list[Outcome[T, R] | None] = [None] * len(pending)
    cursor = 0
    first_error: Exception | None = None

    async def worker(scope: anyio.CancelScope) -> None:
        nonlocal cursor, first_error
        while cursor < len(pending):
            index = cursor
            cursor += 1
            item = pending[index]
            try:
                value = await fn(item)
            except Exception as exc:
                outcome: Outcome[T, R] = Outcome(index, item, error=exc)
                if errors == "raise" and first_error is None:
                    first_error = exc
                    scope.cancel()
            else:
                outcome = Outcome(index, item, value=value)
            outcomes[index] = outcome
            if on_outcome is not None:
                on_outcome(outcome)

    async with anyio.create_task_group() as group:
        for _ in range(min(concurrency, len(pending))):
            group.start_soon(worker, group.cancel_scope)
    if first_error is not None:
        raise first_error
    done = [outcome for outcome in outcomes if outcome is not None]
    if len(done) != len(pending):  # pragma: no cover - only reachable through a bug
        raise RuntimeError(f"bulk job lost {len(pending) - len(done)} items")
    return BulkResult(done)
