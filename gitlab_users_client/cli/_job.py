"""One bulk run: acting on each item, recording every outcome, wrapping up.

Every item ends exactly once as ``ok``, ``failed``, ``unknown`` (a write was sent and may
have been applied: a 5xx, a lost connection, or still in flight when the job stopped),
``skipped`` (a dry run, a repeat of an earlier item, the token's own user for a lock-out
action) or ``not_attempted`` (the job stopped before starting it). The row goes to the
journal (``--results``) as the item finishes; a write is preceded by an ``unknown`` row
for its item (see :mod:`._journal`).

``--resume``: items the journal records ``ok`` or ``skipped`` are taken over as they are
(``carried``); items recorded ``unknown`` are checked first (``check_first``: the
action's check reads the user's state) and acted on only if the action had not taken
effect; every other item is acted on as new.
"""

from __future__ import annotations

import time
from collections import Counter
from collections.abc import AsyncGenerator, Iterable
from contextlib import aclosing
from dataclasses import dataclass

import anyio
import httpx
from anyio.abc import ObjectSendStream
from anyio.streams.memory import MemoryObjectReceiveStream

from gitlab_users_client import (
    APIConnectionError,
    GitLabError,
    NotFoundError,
    Outcome,
    map_concurrently,
)

from ._actions import find_user, user_id
from ._bulk_actions import BulkAction, ItemInvalid, Plan
from ._context import Context
from ._errors import describe, redact
from ._failfast import Breaker
from ._items import Item
from ._journal import Journal, Previous, Row
from ._plan import Halt, Step, Tools
from ._report import Mode, Progress, forbidden_hint, summary
from ._signals import Stopper

__all__ = ["Done", "Found", "Job", "classify"]

#: Users found by the scan and not yet acted on, at most: the scan may run this far
#: ahead (a few MB), so for most jobs the total, and with it the ETA, is known early.
_BUFFER = 10_000
#: At most this many items per ``map_concurrently`` call while the scan feeds the job.
_BATCH = 200
#: Outcomes ``--resume`` does not act on again.
_SETTLED = ("ok", "skipped")


@dataclass(frozen=True, slots=True)
class Done:
    """What a successful item reports."""

    user_id: int
    username: str | None
    message: str
    #: A line for the admin, printed when the item finishes (see ``Applied.note``).
    note: str | None = None


@dataclass(frozen=True, slots=True)
class Found:
    """A user the ``--matching`` scan listed."""

    id: int
    username: str
    state: str


class DuplicateUser(Exception):
    """The item names a user an earlier item already names: it is not acted on again."""


class LeftOut(Exception):
    """The token's own user, for an action that would lock the job out of GitLab."""


class NotAttempted(Exception):
    """The job was stopping: the item was not started (nothing was sent for it)."""


def _may_have_landed(error: BaseException) -> bool:
    """Whether a write that failed this way may still have been applied."""
    if getattr(error, "outcome_unknown", False):
        return True
    status = getattr(error, "status_code", None)
    if isinstance(status, int):
        # A 5xx may come from a proxy after GitLab applied the write; a 2xx whose body
        # could not be read was applied.
        return status >= 500 or status < 300
    if isinstance(error, APIConnectionError):
        return not isinstance(error.__cause__, httpx.ConnectError)  # refused: never sent
    return False


def classify(error: BaseException | None, *, sent: bool, dry_run: bool) -> str:
    """The outcome of an item that finished with ``error`` (``sent``: its write was sent)."""
    if error is None:
        return "skipped" if dry_run else "ok"
    if isinstance(error, DuplicateUser | LeftOut):
        return "skipped"
    if isinstance(error, NotAttempted):
        return "not_attempted"
    return "unknown" if sent and _may_have_landed(error) else "failed"


def _duplicate_message(first: Item) -> str:
    return f"duplicate of {first.where}: acted on once"


class Job:
    """State of one bulk run: counts, what is in flight, where rows go.

    Only the items not yet finished are kept (``pending``), so a ``--matching`` job's
    memory stays bounded by the scan's buffer plus one ID per user seen.
    """

    def __init__(
        self,
        ctx: Context,
        action: BulkAction,
        journal: Journal | None,
        stopper: Stopper,
        breaker: Breaker,
        *,
        own: tuple[int, str] | None,
        total: int | None,
        previous: Previous | None = None,
        tools: Tools | None = None,
    ) -> None:
        self.ctx = ctx
        self.action = action
        self.journal = journal
        self.stopper = stopper
        self.breaker = breaker
        #: The token's own user (ID, username): lock-out actions leave it out.
        self.own = own if action.locks_out else None
        self.dry_run: bool = ctx.args.dry_run
        self.previous = previous
        self.tools = tools if tools is not None else Tools()
        #: index -> the token IDs an earlier run recorded for the item (token actions).
        self.earlier: dict[int, tuple[int, ...]] = {
            index: row.tokens
            for index, row in (previous.rows if previous else {}).items()
            if row.tokens
        }
        #: index -> the token IDs the item acts on, written with each of its rows.
        self.targets: dict[int, tuple[int, ...]] = dict(self.earlier)
        #: Why an item's failure stopped the job (the action's ``stops_job``), if one did.
        self.halted: Halt | None = None
        self.counts: Counter[str] = Counter()
        self.refused = 0
        self.pending: dict[int, Item] = {}
        #: Items whose write request was started (an ``unknown`` row was written first).
        self.sent: set[int] = set()
        #: index -> (user ID, username when known), as soon as known.
        self.known: dict[int, tuple[int, str | None]] = {}
        #: index -> why looking the item's user up failed (before the job acted).
        self.lookup_errors: dict[int, Exception] = {}
        #: Items ``--resume`` checks before acting (they were in flight when it stopped).
        self.check_first: set[int] = set()
        #: Of those, the ones whose check has not said yet whether the write took effect:
        #: until it has, they stay ``unknown`` whatever else happens to them.
        self.unsettled: set[int] = set()
        self.checked = 0
        self.already = 0
        #: user ID -> the first item that named that user.
        self.claimed: dict[int, Item] = {}
        #: Users the ``--matching`` scan (or the journal's in-flight rows) brought in.
        self.seen_ids: set[int] = set()
        self.duplicates: list[Item] = []
        self.left_out: list[Item] = []
        self.carried = 0
        self.found = 0
        self.scan_finished = total is not None
        #: Why the scan stopped early; raised once the users it found are done.
        self.scan_error: GitLabError | None = None
        self.started_at = time.monotonic()
        self.total = total
        #: Rows written together (the items a stopping job never started): one flush.
        self._batch = False
        self.progress = Progress(
            ctx.stderr,
            total,
            self._progress_mode(),
            float(ctx.args.heartbeat),
        )

    def _progress_mode(self) -> Mode:
        chosen: bool | None = self.ctx.args.progress
        if chosen is None:
            return "bar" if self.ctx.stderr.isatty() else "heartbeat"
        return "bar" if chosen else "off"

    # -- setting up ------------------------------------------------------------------------
    def take(self, items: Iterable[Item]) -> list[Item]:
        """Register the input's items; the ones to act on, in order.

        Repeats are recorded ``skipped`` now; with ``--resume``, settled items are carried
        over and items in flight when the job stopped are marked to be checked first.
        """
        rows = self.previous.rows if self.previous is not None else {}
        given = list(items)
        by_index = {item.index: item for item in given}
        todo: list[Item] = []
        for item in given:
            row = rows.get(item.index)
            if row is not None and row.outcome in _SETTLED:
                self._carry(item, row)
            elif item.duplicate_of is not None and not item.error:
                self.pending[item.index] = item
                self._record_duplicate(item, by_index.get(item.duplicate_of))
            else:
                self._resume_state(item, row)
                self.pending[item.index] = item
                todo.append(item)
        self.progress.carry(self.counts)
        return todo

    def _carry(self, item: Item, row: Row) -> None:
        self.counts[row.outcome] += 1
        self.carried += 1
        if row.user_id is not None:
            self.known[item.index] = (row.user_id, row.username)
            self.claimed.setdefault(row.user_id, item)

    def _resume_state(self, item: Item, row: Row | None) -> None:
        # Only a row written once the user was identified (and checked against the
        # input's username) says who the item is; any other item is identified again.
        if row is not None and row.outcome == "unknown" and row.user_id is not None:
            self.known[item.index] = (row.user_id, row.username)
            self.check_first.add(item.index)
            self.unsettled.add(item.index)

    def _record_duplicate(self, item: Item, first: Item | None) -> None:
        where = first.where if first is not None else f"item {item.duplicate_of}"
        self.duplicates.append(item)
        self._record(
            item, "skipped", f"duplicate of {where}: acted on once", None, None, quiet=True
        )

    def resume_note(self) -> str | None:
        """What ``--resume`` takes over from the journal, said before the job acts."""
        if self.previous is None:
            return None
        return (
            f"resuming from {self.previous.path}: {self.carried} item(s) recorded ok or "
            f"skipped are not sent again; {len(self.check_first)} in flight when the job "
            "stopped are checked first"
        )

    # -- running ---------------------------------------------------------------------------
    async def tick(self) -> None:
        """Heartbeat lines, a fresh rate on the bar, and the journal synced every few seconds."""
        while True:
            await anyio.sleep(0.5)
            self.progress.tick()
            if self.journal is not None and self.journal.sync_due():
                await self.journal.sync()

    async def act(self, items: list[Item]) -> None:
        """Act on ``items`` (an input's), ``concurrency`` at a time."""
        await map_concurrently(
            self.run, items, concurrency=self.ctx.args.concurrency, on_outcome=self.on_outcome
        )

    async def run(self, item: Item) -> Done:
        """One item: identify the user, check (on resume), then send the write."""
        if self.stopper.stopping:
            raise NotAttempted(self.stopper.reason)
        if item.error:
            raise ItemInvalid(item.error)
        failed_lookup = self.lookup_errors.get(item.index)
        if failed_lookup is not None:
            raise failed_lookup
        plan = self.action.plan(item, self.ctx.args)
        uid, username, state = await self._identify(item)
        self.known[item.index] = (uid, username)
        if self.own is not None and uid == self.own[0]:
            self.known[item.index] = self.own
            raise LeftOut(
                f"the token's own user is left out: bulk {self.ctx.args.action} would lock "
                "the job out of GitLab"
            )
        first = self.claimed.setdefault(uid, item)
        if first is not item:
            raise DuplicateUser(_duplicate_message(first))
        if self.dry_run:
            if plan.preview is not None:
                return Done(uid, username, await plan.preview(self.ctx.gl, uid, self._step(item)))
            return Done(uid, username, f"would {plan.description} (state {state})")
        if item.index in self.check_first:
            done = await self._check(item, plan, uid, username)
            if done is not None:
                return done
            username = self.known.get(item.index, (uid, username))[1]
        if self.stopper.stopping:
            raise NotAttempted(self.stopper.reason)
        return await self._apply(item, plan, uid, username)

    def _step(self, item: Item) -> Step:
        def record(ids: Iterable[int]) -> None:
            self.targets[item.index] = tuple(ids)
            self._write_row(item, "unknown", "in flight: acting on the tokens of this row", None)

        username = self.known.get(item.index, (None, None))[1]
        return Step(self.tools, username, self.earlier.get(item.index, ()), record)

    async def _identify(self, item: Item) -> tuple[int, str | None, str]:
        """``(user ID, username when known, state when read)`` of the item's user."""
        gl = self.ctx.gl
        known = self.known.get(item.index)
        expected = item.expect_username
        if item.found is not None:
            return int(item.ref), item.found[0], item.found[1]
        if self.dry_run or (expected and known is None):
            uid, name, state = await find_user(gl, str(known[0]) if known else item.ref)
            if expected and name.casefold() != expected.casefold():
                raise ItemInvalid(
                    f"id {uid} is user {name!r}, not {expected!r} as the input says: "
                    "nothing was changed"
                )
            return uid, name, state
        if known is not None:
            return known[0], known[1], "-"
        uid = await user_id(gl, item.ref)
        text = item.ref.strip().removeprefix("@")
        return uid, None if text.isdigit() else text, "-"

    async def _check(self, item: Item, plan: Plan, uid: int, username: str | None) -> Done | None:
        """``--resume``: whether the write in flight when the job stopped took effect.

        When the check itself fails, an idempotent request is simply sent again (that is
        harmless); a non-idempotent one is not, and the item stays ``unknown``.
        """
        try:
            state = await plan.check(self.ctx.gl, uid, self._step(item))
        except GitLabError:
            if not self.action.idempotent:
                raise
            self.unsettled.discard(item.index)
            return None
        self.unsettled.discard(item.index)
        self.checked += 1
        username = state.username or username
        self.known[item.index] = (uid, username)
        if not state.done:
            return None
        self.already += 1
        return Done(uid, username, f"{plan.description}: had taken effect (checked on resume)")

    async def _apply(self, item: Item, plan: Plan, uid: int, username: str | None) -> Done:
        self.sent.add(item.index)
        self._write_row(item, "unknown", "in flight: the request is being sent", None)
        try:
            applied = await plan.apply(self.ctx.gl, uid, self._step(item))
        except NotFoundError:
            if item.index in self.check_first and self.action.gone_is_done:
                # In flight when the job stopped, and now gone: that request removed it.
                return Done(uid, username, f"{plan.description}: had taken effect (404 on resume)")
            raise
        return Done(uid, applied.username or username, applied.message, applied.note)

    def on_outcome(self, outcome: Outcome[Item, Done]) -> None:
        item, done, error = outcome.item, outcome.value, outcome.error
        result = classify(error, sent=item.index in self.sent, dry_run=self.dry_run)
        status = getattr(error, "status_code", None)
        if isinstance(error, DuplicateUser):
            self.duplicates.append(item)
        if isinstance(error, LeftOut):
            self.left_out.append(item)
        if status == 403 and result == "failed":
            self.refused += 1
        message = done.message if done is not None else redact(" ".join(describe(error).split()))
        quiet = result == "not_attempted" or isinstance(error, DuplicateUser)
        self._record(item, result, message, done, status, quiet=quiet)
        if done is not None and done.note and not self.dry_run:
            with self.progress.above():
                self.ctx.warn(done.note)
        neutral = result in ("skipped", "not_attempted") or isinstance(error, ItemInvalid)
        if self.breaker.record(error, neutral=neutral):
            self.stopper.stop(self.breaker.reason())
        halt = self.action.stops_job(error) if error and self.action.stops_job else None
        if halt is not None and self.halted is None:
            self.halted = halt
            self.stopper.stop(f"the job stopped: {halt.reason}")

    # -- --matching -------------------------------------------------------------------------
    async def stream(self, users: AsyncGenerator[Found, None]) -> None:
        """Act on the users a scan finds (``users``), while it is still finding them."""
        rows = self.previous.by_user() if self.previous is not None else {}
        next_index = max((row.index for row in rows.values()), default=0) + 1
        prelude = self._take_previous(rows)
        send, receive = anyio.create_memory_object_stream[Item](_BUFFER)
        async with anyio.create_task_group() as tg:
            feed = anyio.CancelScope()
            tg.start_soon(self._feed, users, send, rows, next_index, feed)
            tg.start_soon(self._stop_feed, feed)
            if prelude:
                await self.act(prelude)
            await self._drain(receive)
            tg.cancel_scope.cancel()
        if self.scan_finished and not self.stopper.stopping:
            self._no_longer_matching(rows)

    def _take_previous(self, rows: dict[int, Row]) -> list[Item]:
        """``--resume --matching``: count the settled users; the in-flight ones, to check."""
        prelude: list[Item] = []
        for uid, row in rows.items():
            item = Item(row.index, None, str(uid))
            if row.outcome in _SETTLED:
                self._carry(item, row)
            elif row.outcome == "unknown":
                self.seen_ids.add(uid)
                # Checked even if the scan no longer finds the user: the write in flight
                # may be what took the user out of the selection.
                self._resume_state(item, row)
                self.pending[item.index] = item
                prelude.append(item)
        self.progress.carry(self.counts)
        self.progress.found(self.carried + len(prelude))
        return prelude

    def _no_longer_matching(self, rows: dict[int, Row]) -> None:
        """Earlier failures whose users the finished scan did not list again."""
        for uid, row in rows.items():
            if row.outcome in ("failed", "not_attempted") and uid not in self.seen_ids:
                item = Item(row.index, None, str(uid))
                self.known[item.index] = (uid, row.username)
                self.pending[item.index] = item
                self._record(
                    item,
                    "skipped",
                    "no longer matches the filters: not acted on",
                    None,
                    None,
                    quiet=True,
                )

    async def _feed(
        self,
        users: AsyncGenerator[Found, None],
        send: ObjectSendStream[Item],
        rows: dict[int, Row],
        next_index: int,
        scope: anyio.CancelScope,
    ) -> None:
        with scope:
            await self._feed_users(users, send, rows, next_index)

    async def _stop_feed(self, scope: anyio.CancelScope) -> None:
        """A stopping job lists no more users (the page being fetched is not waited for)."""
        await self.stopper.wait()
        scope.cancel()

    async def _feed_users(
        self,
        users: AsyncGenerator[Found, None],
        send: ObjectSendStream[Item],
        rows: dict[int, Row],
        next_index: int,
    ) -> None:
        async with send, aclosing(users):
            try:
                async for user in users:
                    if self.stopper.stopping:
                        return
                    row = rows.get(user.id)
                    if row is not None and (row.outcome in _SETTLED or user.id in self.seen_ids):
                        continue  # taken over, or checked in the prelude
                    self.seen_ids.add(user.id)
                    if row is None:
                        index, next_index = next_index, next_index + 1
                    else:
                        index = row.index
                    self.found += 1
                    item = Item(index, None, str(user.id), found=(user.username, user.state))
                    self.pending[item.index] = item
                    self.progress.found(self.carried + len(self.pending) + self._finished_new())
                    await send.send(item)
            except GitLabError as exc:
                # The users found so far still match: they are acted on, then this is raised.
                self.scan_error = exc
                return
        self.scan_finished = True
        self.progress.found_all()

    def _finished_new(self) -> int:
        return sum(self.counts.values()) - self.carried

    async def _drain(self, receive: MemoryObjectReceiveStream[Item]) -> None:
        async with receive:
            async for first in receive:
                batch = [first]
                while len(batch) < _BATCH:
                    try:
                        batch.append(receive.receive_nowait())
                    except (anyio.WouldBlock, anyio.EndOfStream):
                        break
                await self.act(batch)

    # -- recording -------------------------------------------------------------------------
    def _write_row(self, item: Item, result: str, message: str, status: int | None) -> None:
        if self.journal is None:
            return
        uid, username = self.known.get(item.index, (None, None))
        if uid is None and item.ref and not item.error and item.by_id:
            uid = int(item.key.removeprefix("id:"))  # the input gives it
        self.journal.write(
            {
                "index": item.index,
                "line": item.line,
                "input": item.ref,
                "user_id": uid,
                "username": username,
                "outcome": result,
                "status": status,
                "tokens": self.targets.get(item.index),
                "message": message,
            },
            flush=not self._batch,
        )

    def _record(
        self,
        item: Item,
        result: str,
        message: str,
        done: Done | None,
        status: int | None,
        *,
        quiet: bool = False,
    ) -> None:
        self.pending.pop(item.index, None)
        if item.index in self.unsettled and result in ("failed", "not_attempted"):
            # An earlier run's write may have landed, and nothing here said otherwise.
            result = "unknown"
            message = (
                f"still unknown: in flight when an earlier run stopped, not checked ({message})"
            )
        self.counts[result] += 1
        if done is not None:
            self.known[item.index] = (done.user_id, done.username)
        elif item.found is not None:  # the scan said who it is
            self.known.setdefault(item.index, (int(item.ref), item.found[0]))
        self._write_row(item, result, message, status)
        if not quiet:
            self._say(item, result, message, done)
        self.known.pop(item.index, None)  # kept only while the item is pending
        self.targets.pop(item.index, None)
        self.progress.update(self.counts, force=result not in ("ok", "not_attempted"))

    def _say(self, item: Item, result: str, message: str, done: Done | None) -> None:
        uid, username = self.known.get(item.index, (None, None))
        if uid is not None:
            who = f"user {uid}" + (f" ({username})" if username else "")
        else:
            who = repr(item.ref) if item.ref else "-"
        with self.progress.above():
            if result == "skipped" and done is not None:
                self.ctx.say(f"{who}: {message}")
            elif result == "skipped":
                self.ctx.warn(f"skipped: {item.where} {who}: {message}")
            elif result in ("failed", "unknown"):
                self.ctx.warn(f"{result}: {item.where} {who}: {message}")

    async def finish(self) -> None:
        """Record the items that never finished, close the journal, print the summary."""
        stopping = self.stopper.reason
        interrupted = self.stopper.signum is not None
        self._batch = True
        for item in list(self.pending.values()):
            if item.index in self.sent and not self.dry_run:
                self._record(
                    item,
                    "unknown",
                    "in flight when the job stopped: the request may have been applied "
                    "(--resume checks it)",
                    None,
                    None,
                )
            else:
                why = stopping or "the job was interrupted"
                self._record(item, "not_attempted", f"not started: {why}", None, None, quiet=True)
        self._batch = False
        if self.journal is not None:
            self.journal.flush()
        if interrupted:
            ended: str | None = "interrupted"
        elif stopping or not self.scan_finished:
            ended = "stopped"
        else:
            ended = None
        self.progress.finish(self.counts, stopped=ended)
        if self.journal is not None:
            await self.journal.close(compact=not self.stopper.at_once)
        self._report()

    def _report(self) -> None:
        warn = self.ctx.warn
        if self.duplicates:
            warn(_duplicates_message(self.duplicates))
        if self.left_out:
            warn(
                f"left out: the token's own user ({self.ctx.args.action} would lock the job "
                "out of GitLab); every other item was acted on as asked"
            )
        if not self.scan_finished:
            warn(
                f"the scan stopped after finding {self.found} matching user(s): users it had "
                "not reached yet were not acted on" + (" (error below)" if self.scan_error else "")
            )
        if self.refused:
            warn(forbidden_hint(self.refused, sum(self.counts.values())))
        if self.checked:
            warn(
                f"checked on resume: {self.checked} item(s) in flight when the job stopped; "
                f"{self.already} had taken effect and were not sent again"
            )
        if self.breaker.tripped:
            warn(self.breaker.hint())
        if self.halted is not None:
            warn(f"stopped: {self.halted.reason}. The items not yet attempted were left alone")
        if (self.stopper.stopping or self.counts["unknown"]) and (
            self.halted is None or self.halted.resumable
        ):
            warn(self._resume_hint())
        warn(summary(self.counts, time.monotonic() - self.started_at))

    def _resume_hint(self) -> str:
        when = " once the cause is fixed" if self.breaker.tripped or self.halted else ""
        if self.journal is None:
            return (
                f"to finish the job{when}, run it again with --results PATH: without a "
                "results file there is no journal to --resume from, so the items done are "
                "done again"
            )
        return (
            f"to finish the job{when}, run the same command with --resume (the journal is "
            f"{self.journal.path}): items recorded ok or skipped are not sent again, unknown "
            "ones are checked first"
        )


def _duplicates_message(duplicates: list[Item]) -> str:
    lines = sorted(item.line if item.line is not None else 0 for item in duplicates)
    if any(item.line is None for item in duplicates):
        where = "items " + ", ".join(str(item.index) for item in duplicates[:20])
        what = "named a user already named earlier"
    else:
        where = "lines " + ", ".join(map(str, lines[:20]))
        what = "name a user already named earlier in the input"
    more = ", ..." if len(duplicates) > 20 else ""
    return (
        f"duplicates: {len(duplicates)} item(s) {what} and were skipped, so each user is "
        f"acted on once ({where}{more})"
    )
