"""``gitlab-users bulk ACTION``: one action over many users with bounded concurrency.

Built on :func:`gitlab_users_client.map_concurrently`: every input item ends exactly
once as ``ok``, ``failed``, ``unknown`` (the request may have been applied: a POST that
got a 5xx or lost its connection) or ``skipped`` (dry run, a duplicate of an earlier
item, or never started because the job was interrupted), in the ``--results`` file and
in the summary line. A row giving both an ``id`` and a ``username`` is checked against
GitLab before anything is changed: when they disagree the item fails.

With ``--matching`` the items come from ``gl.users.scan()`` (see :mod:`._matching`)
while the job runs: they go through a bounded buffer to ``map_concurrently`` in batches,
so memory stays bounded however many users match.
"""

from __future__ import annotations

import time
from collections import Counter
from collections.abc import Awaitable, Callable
from dataclasses import dataclass
from typing import Any

import anyio
from anyio.abc import ObjectSendStream
from anyio.streams.memory import MemoryObjectReceiveStream

from gitlab_users_client import UNSET, AsyncGitLab, GitLabError, Outcome, map_concurrently
from gitlab_users_client.models import UpdateUserRequest

from ._actions import find_user, moderate, user_id
from ._context import Context
from ._errors import CLIError, describe, redact
from ._fields import convert
from ._items import Item, parse_items
from ._matching import check_caller, check_matching, criteria, found_item, scan_concurrency
from ._report import (
    Mode,
    Progress,
    ResultsFile,
    check_results_path,
    forbidden_hint,
    showing,
    summary,
)

__all__ = ["cmd_bulk"]

Apply = Callable[[AsyncGitLab, int], Awaitable[str]]

#: Users found by the scan and not yet acted on, at most: the scan may run this far
#: ahead (a few MB), so for most jobs the total, and with it the ETA, is known early.
_BUFFER = 10_000
#: At most this many items per ``map_concurrently`` call while the scan feeds the job.
_BATCH = 200


class ItemInvalid(Exception):
    """The item cannot be acted on (bad field, nothing to update...); nothing was sent."""


@dataclass(frozen=True, slots=True)
class Done:
    """What a successful item reports."""

    user_id: int
    username: str | None
    message: str
    #: Made up for an item that did not succeed, to report who it is.
    failed: bool = False


def _update_plan(item: Item) -> tuple[str, Apply]:
    try:
        fields = {name: convert(name, value) for name, value in item.fields.items()}
        if not fields:
            raise ValueError("nothing to update: the item has no fields")
        UpdateUserRequest.model_validate(fields)
    except ValueError as exc:
        raise ItemInvalid(" ".join(str(exc).split())) from None

    async def apply(gl: AsyncGitLab, uid: int) -> str:
        await gl.users.update(uid, **fields)
        return "updated " + ", ".join(sorted(fields))

    return "update " + ", ".join(sorted(fields)), apply


def _set_attr_plan(item: Item, key: str | None, value: str | None) -> tuple[str, Apply]:
    key = str(item.fields.get("key", key) or "")
    raw = item.fields.get("value", value)
    if not key or raw is None or isinstance(raw, dict | list | bool):
        raise ItemInvalid("set-attr needs a key and a string value (--key/--value or input fields)")
    text = str(raw)

    async def apply(gl: AsyncGitLab, uid: int) -> str:
        await gl.users.custom_attributes.set(uid, key, value=text)
        return f"set {key}"

    return f"set {key}={text!r}", apply


def plan(item: Item, args: Any) -> tuple[str, Apply]:
    """What to do with ``item`` (a description and the call), checked before any request."""
    if item.error:
        raise ItemInvalid(item.error)
    action: str = args.action
    if action == "update":
        return _update_plan(item)
    if action == "set-attr":
        return _set_attr_plan(item, args.key, args.value)
    if action == "delete":
        hard = True if args.hard_delete else UNSET

        async def delete(gl: AsyncGitLab, uid: int) -> str:
            await gl.users.delete(uid, hard_delete=hard)
            return "deleted"

        return "hard-delete" if args.hard_delete else "delete", delete

    async def apply(gl: AsyncGitLab, uid: int) -> str:
        return await moderate(gl, action, uid)

    return action, apply


def _read_input(ctx: Context) -> str:
    path: str = ctx.args.file or "-"
    if path == "-":
        if ctx.stdin.isatty():
            raise CLIError("no input: pass --file PATH or pipe IDs/usernames on stdin")
        return ctx.stdin.read().removeprefix("\ufeff")
    try:
        with open(path, encoding="utf-8-sig") as handle:
            return handle.read()
    except OSError as exc:
        raise CLIError(f"cannot read {path}: {exc.strerror or exc}") from None


def _confirm_delete(ctx: Context, question: str) -> bool:
    ctx.stderr.write(f"{question} [y/N] ")
    ctx.stderr.flush()
    return ctx.stdin.readline().strip().lower() in ("y", "yes")


def _check_delete(ctx: Context, total: int) -> bool:
    """Bulk delete needs ``--yes`` unless a terminal user confirms (input from a file)."""
    args = ctx.args
    if args.action != "delete" or args.dry_run or args.yes:
        return True
    if not (args.file and args.file != "-" and ctx.stdin.isatty()):
        raise CLIError("refusing to delete users without --yes (stdin is not a terminal)")
    return _confirm_delete(ctx, f"Delete {total} users?")


class DuplicateUser(Exception):
    """The item names a user an earlier item already names: it is not acted on again."""


class LeftOut(Exception):
    """``--matching`` found the token's own user for an action that would lock it out."""


def classify(error: Exception | None, dry_run: bool) -> str:
    """``ok``/``skipped`` for a success, ``unknown`` when a write may have landed, else ``failed``."""
    if error is None:
        return "skipped" if dry_run else "ok"
    if isinstance(error, DuplicateUser | LeftOut):
        return "skipped"
    return "unknown" if getattr(error, "outcome_unknown", False) else "failed"


def _progress_mode(ctx: Context) -> Mode:
    chosen: bool | None = ctx.args.progress
    if chosen is None:
        return "bar" if ctx.stderr.isatty() else "heartbeat"
    return "bar" if chosen else "off"


async def cmd_bulk(ctx: Context) -> int:
    """Run the bulk job; exit 1 when any item failed or has an unknown outcome (or on "no")."""
    args = ctx.args
    if args.concurrency < 1:
        raise CLIError("--concurrency must be >= 1")
    filters = check_matching(args, ctx.stdin.isatty())
    if args.results:
        check_results_path(args.results, force=args.force)
    items: list[Item] | None = None
    own: int | None = None
    if filters is None:
        items = parse_items(_read_input(ctx), args.format)
        if not _check_delete(ctx, len(items)):
            ctx.warn("aborted: nothing deleted")
            return 1
    else:
        own = await check_caller(ctx.gl, filters, args.action)
        if args.action == "delete" and not (args.dry_run or args.yes):
            items = await _collect(ctx, filters)
            if not _confirm_matching_delete(ctx, filters, items, own):
                ctx.warn("aborted: nothing deleted")
                return 1
    results = ResultsFile(args.results, force=args.force) if args.results else None
    job = _Job(ctx, items, results, own)
    try:
        with showing(job.progress):
            async with anyio.create_task_group() as tg:
                tg.start_soon(job.tick)
                if items is not None:
                    await map_concurrently(
                        job.run,
                        [item for item in items if item.duplicate_of is None or item.error],
                        concurrency=args.concurrency,
                        on_outcome=job.on_outcome,
                    )
                else:
                    await job.stream(filters or {})
                tg.cancel_scope.cancel()
    finally:
        job.finish()
    if job.scan_error is not None:
        raise job.scan_error
    return 1 if job.counts["failed"] or job.counts["unknown"] else 0


def _confirm_matching_delete(
    ctx: Context, filters: dict[str, Any], items: list[Item], own: int | None
) -> bool:
    """The prompt must say how many: the whole selection was found first."""
    count = sum(item.ref != str(own) for item in items)
    note = " (the token's own user matches too and is left out)" if count < len(items) else ""
    return not count or _confirm_delete(
        ctx, f"Delete {count} users matching {criteria(filters)}{note}?"
    )


async def _collect(ctx: Context, filters: dict[str, Any]) -> list[Item]:
    """Every matching user, before the delete prompt (an ID, a username and a state each)."""
    found: list[Item] = []
    async for user in ctx.gl.users.scan(**filters, concurrency=scan_concurrency(ctx.args)):
        found.append(found_item(len(found) + 1, user))
    return found


class _Job:
    """State of one bulk run: counts, what is in flight, where rows go.

    ``items`` is the whole input, or ``None`` when a running scan supplies the items
    (:meth:`stream`). Only the items not yet finished are kept (``pending``).
    """

    def __init__(
        self,
        ctx: Context,
        items: list[Item] | None,
        results: ResultsFile | None,
        own: int | None = None,
    ) -> None:
        self.ctx = ctx
        #: The token's own user ID, left out of a ``--matching`` ban/block/delete...
        self.own = own
        self.results = results
        self.dry_run: bool = ctx.args.dry_run
        self.counts: Counter[str] = Counter()
        self.refused = 0
        self.pending: dict[int, Item] = {}
        self.started: set[int] = set()
        #: user ID -> (index, line) of the first item that named that user.
        self.claimed: dict[int, tuple[int, int | None]] = {}
        self.duplicates: list[Item] = []
        self.found = 0
        self.scan_finished = items is not None
        #: Why the scan stopped early; raised once the users it found are done.
        self.scan_error: GitLabError | None = None
        self.started_at = time.monotonic()
        self.progress = Progress(
            ctx.stderr,
            None if items is None else len(items),
            _progress_mode(ctx),
            float(ctx.args.heartbeat),
        )
        given = items or []
        for item in given:
            if item.duplicate_of is not None and not item.error:
                self._duplicate(item, given[item.duplicate_of - 1])
            else:
                self.pending[item.index] = item

    async def tick(self) -> None:
        """Heartbeat lines (and a fresh rate on the bar) even while nothing finishes."""
        while True:
            await anyio.sleep(0.5)
            self.progress.tick()

    async def stream(self, filters: dict[str, Any]) -> None:
        """Act on the users the scan finds, while it is still finding them."""
        send, receive = anyio.create_memory_object_stream[Item](_BUFFER)
        async with anyio.create_task_group() as tg:
            tg.start_soon(self._feed, filters, send)
            await self._drain(receive)

    async def _feed(self, filters: dict[str, Any], send: ObjectSendStream[Item]) -> None:
        async with send:
            scan = self.ctx.gl.users.scan(**filters, concurrency=scan_concurrency(self.ctx.args))
            try:
                async for user in scan:
                    self.found += 1
                    item = found_item(self.found, user)
                    self.pending[item.index] = item
                    self.progress.found(self.found)
                    await send.send(item)
            except GitLabError as exc:
                # The users found so far still match: they are acted on, then this is raised.
                self.scan_error = exc
                return
        self.scan_finished = True
        self.progress.found_all()

    async def _drain(self, receive: MemoryObjectReceiveStream[Item]) -> None:
        async with receive:
            async for first in receive:
                batch = [first]
                while len(batch) < _BATCH:
                    try:
                        batch.append(receive.receive_nowait())
                    except (anyio.WouldBlock, anyio.EndOfStream):
                        break
                await map_concurrently(
                    self.run,
                    batch,
                    concurrency=self.ctx.args.concurrency,
                    on_outcome=self.on_outcome,
                )

    async def run(self, item: Item) -> Done:
        description, apply = plan(item, self.ctx.args)
        self.started.add(item.index)
        gl = self.ctx.gl
        expected = item.expect_username
        if item.found is not None:
            uid, (name, state) = int(item.ref), item.found
            username: str | None = name
        elif self.dry_run or expected:
            uid, name, state = await find_user(gl, item.ref)
            if expected and name.casefold() != expected.casefold():
                raise ItemInvalid(
                    f"id {uid} is user {name!r}, not {expected!r} as the input says: "
                    "nothing was changed"
                )
            username = name
        else:
            uid = await user_id(gl, item.ref)
            username = None if item.ref.strip().isdigit() else item.ref.strip().removeprefix("@")
        if item.found is not None and uid == self.own:
            raise LeftOut(
                f"the token's own user: bulk {self.ctx.args.action} --matching leaves it out "
                "(the job would lock itself out)"
            )
        first = self.claimed.setdefault(uid, (item.index, item.line))
        if first != (item.index, item.line):
            raise DuplicateUser(_duplicate_message(*first))
        if self.dry_run:
            return Done(uid, username, f"would {description} (state {state})")
        return Done(uid, username, await apply(gl, uid))

    def on_outcome(self, outcome: Outcome[Item, Done]) -> None:
        item, done, error = outcome.item, outcome.value, outcome.error
        if isinstance(error, DuplicateUser):
            self.duplicates.append(item)
        status = getattr(error, "status_code", None)
        message = done.message if done is not None else redact(" ".join(describe(error).split()))
        result = classify(error, self.dry_run)
        if status == 403 and result == "failed":
            self.refused += 1
        self._record(item, result, message, done, status)

    def _duplicate(self, item: Item, first: Item) -> None:
        self.duplicates.append(item)
        message = _duplicate_message(first.index, first.line)
        self._record(item, "skipped", message, None, None, quiet=True)

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
        self.started.discard(item.index)
        self.counts[result] += 1
        if done is None and item.found is not None:  # the scan said who it is
            done = Done(int(item.ref), item.found[0], message, failed=True)
        if self.results is not None:
            self.results.write(
                {
                    "index": item.index,
                    "line": item.line,
                    "input": item.ref,
                    "user_id": done.user_id if done else None,
                    "username": done.username if done else None,
                    "action": self.ctx.args.action,
                    "outcome": result,
                    "status": status,
                    "message": message,
                }
            )
        if done is not None:
            who = f"user {done.user_id}" + (f" ({done.username})" if done.username else "")
        else:
            who = repr(item.ref) if item.ref else "-"
        if not quiet and result == "skipped" and done is not None and not done.failed:
            with self.progress.above():
                self.ctx.say(f"{who}: {message}")
        elif not quiet and result == "skipped" and done is not None:
            with self.progress.above():
                self.ctx.warn(f"skipped: {item.where} {who}: {message}")
        elif not quiet and result in ("failed", "unknown"):
            with self.progress.above():
                self.ctx.warn(f"{result}: {item.where} {who}: {message}")
        self.progress.update(self.counts, force=result != "ok")

    def finish(self) -> None:
        """Report items that never finished (interrupted), the summary, and close up."""
        interrupted = bool(self.pending) or not self.scan_finished
        for item in list(self.pending.values()):
            if item.index in self.started and not self.dry_run:
                self._record(item, "unknown", "interrupted while in flight", None, None)
            else:
                why = "interrupted while in flight" if item.index in self.started else "not started"
                self._record(
                    item, "skipped", f"{why}: the job was interrupted", None, None, quiet=True
                )
        self.progress.finish(self.counts, interrupted=interrupted)
        if self.results is not None:
            self.results.close()
        if self.duplicates:
            self.ctx.warn(_duplicates_message(self.duplicates))
        if not self.scan_finished:
            self.ctx.warn(
                f"the scan stopped after finding {self.found} matching user(s): users it had "
                "not reached yet were not acted on" + (" (error below)" if self.scan_error else "")
            )
        if self.refused:
            self.ctx.warn(forbidden_hint(self.refused, sum(self.counts.values())))
        self.ctx.warn(summary(self.counts, time.monotonic() - self.started_at))


def _duplicates_message(duplicates: list[Item]) -> str:
    lines = sorted(item.line if item.line is not None else 0 for item in duplicates)
    if any(item.line is None for item in duplicates):
        where = "items " + ", ".join(str(item.index) for item in duplicates[:20])
        what = "were listed twice by the scan"
    else:
        where = "lines " + ", ".join(map(str, lines[:20]))
        what = "name a user already named earlier in the input"
    more = ", ..." if len(duplicates) > 20 else ""
    return (
        f"duplicates: {len(duplicates)} item(s) {what} and were skipped, so each user is "
        f"acted on once ({where}{more})"
    )


def _duplicate_message(index: int, line: int | None) -> str:
    where = f"item {index}" + ("" if line is None else f" (line {line})")
    return f"duplicate of {where}: acted on once"
