"""``gitlab-users bulk ACTION``: one action over many users, as a job that loses nothing.

A run goes through these steps; nothing is changed before the last one:

1. the options and the input are checked (strict input: :mod:`._items`);
2. with ``--resume``, the journal (``--results``) is read: it must be this job's
   (:mod:`._journal`);
3. the preflight ``GET /user`` (:mod:`._failfast`);
4. ``delete`` asks for confirmation (or needs ``--yes``);
5. when the input names users both by ID and by username, the usernames are looked up
   first, so that two rows naming one user are known before anything changes: with the
   same values it is acted on once, with different values the job is refused;
6. the items are acted on (:mod:`._job`), ``--concurrency`` at a time, each outcome
   journaled as it comes; SIGINT, SIGTERM and SIGHUP (:mod:`._signals`) and the circuit
   breaker (:mod:`._failfast`) stop it cleanly.

With ``--matching`` the items come from ``gl.users.scan()`` (see :mod:`._matching`)
while the job runs: they go through a bounded buffer to the job in batches, so memory
stays bounded however many users match.
"""

from __future__ import annotations

import datetime
import hashlib
import json
from collections.abc import AsyncGenerator
from dataclasses import replace
from typing import Any

import anyio

from gitlab_users_client import map_concurrently

from ._actions import find_user
from ._bulk_actions import BULK, state_of
from ._bulk_tokens import check_token_options, open_tools, own_token_id
from ._context import Context
from ._errors import CLIError, Interrupted
from ._failfast import Breaker, preflight
from ._items import Item, conflict_error, decode_input, parse_items, same_values
from ._job import Found, Job, NotAttempted
from ._journal import Journal, Previous, check_results_path, load
from ._matching import check_matching, criteria, scan_concurrency
from ._plan import Tools
from ._report import showing
from ._signals import Stopper, watch_signals

__all__ = ["cmd_bulk", "job_digest"]

#: Journal outcomes whose row names a user the job had identified.
_IDENTIFIED = ("ok", "skipped", "unknown")


def job_digest(args: Any, source: str, *, dry_run: bool) -> str:
    """What identifies a job for ``--resume``: its input (or filters) and options."""
    identity = {
        "source": source,
        "key": args.key,
        "value": args.value,
        "hard_delete": bool(args.hard_delete),
        "dry_run": dry_run,
    }
    # Only when given, so that the digests of the other actions' jobs stay as they were.
    for name in ("expires_at", "token_expires_before"):
        value = getattr(args, name, None)
        if value is not None:
            identity[name] = str(value)
    return hashlib.sha256(json.dumps(identity, sort_keys=True).encode()).hexdigest()[:16]


def _check_options(args: Any) -> None:
    if args.resume and not args.results:
        raise CLIError("--resume needs --results PATH: the journal of the job to continue")
    if args.resume and args.force:
        raise CLIError("--resume continues the results file and --force overwrites it: pick one")
    if args.matching and args.allow_multiline:
        raise CLIError("--allow-multiline describes CSV input; --matching reads no input")


def _read_input(ctx: Context) -> tuple[bytes, str]:
    path: str = ctx.args.file or "-"
    if path == "-":
        if ctx.stdin.isatty():
            raise CLIError("no input: pass --file PATH or pipe IDs/usernames on stdin")
        buffer = getattr(ctx.stdin, "buffer", None)
        data = buffer.read() if buffer is not None else ctx.stdin.read().encode("utf-8")
        return data, "stdin"
    try:
        with open(path, "rb") as handle:
            return handle.read(), path
    except OSError as exc:
        raise CLIError(f"cannot read {path}: {exc.strerror or exc}") from None


def _previous(ctx: Context, digest: str, other: str) -> Previous | None:
    """The journal to continue (``--resume``), or ``None`` for a new one (checked now)."""
    args = ctx.args
    if not args.results:
        return None
    if not args.resume:
        check_results_path(args.results, force=args.force)
        return None
    check_results_path(args.results, force=True)
    try:
        return load(args.results, action=args.action, digest=digest, dry_run_digest=other)
    except FileNotFoundError:
        return None


def _open_journal(ctx: Context, previous: Previous | None, digest: str) -> Journal | None:
    args = ctx.args
    if not args.results:
        return None
    if previous is not None:
        return Journal.reopen(previous, action=args.action, digest=digest)
    if args.resume:
        ctx.warn(f"--resume: {args.results} does not exist yet: starting the job from the start")
    return Journal.create(args.results, force=args.force, action=args.action, digest=digest)


def _confirm_delete(ctx: Context, question: str) -> bool:
    ctx.stderr.write(f"{question} [y/N] ")
    ctx.stderr.flush()
    return ctx.stdin.readline().strip().lower() in ("y", "yes")


def _check_delete(ctx: Context, total: int) -> bool:
    """Bulk delete needs ``--yes`` unless a terminal user confirms (input from a file)."""
    args = ctx.args
    if args.action != "delete" or args.dry_run or args.yes or not total:
        return True
    if not (args.file and args.file != "-" and ctx.stdin.isatty()):
        raise CLIError("refusing to delete users without --yes (stdin is not a terminal)")
    return _confirm_delete(ctx, f"Delete {total} users?")


def _confirm_matching_delete(
    ctx: Context, filters: dict[str, Any], users: list[Found], own: int
) -> bool:
    """The prompt must say how many: the whole selection was found first."""
    count = sum(user.id != own for user in users)
    note = " (the token's own user matches too and is left out)" if count < len(users) else ""
    return not count or _confirm_delete(
        ctx, f"Delete {count} users matching {criteria(filters)}{note}?"
    )


async def _scan(ctx: Context, filters: dict[str, Any]) -> AsyncGenerator[Found, None]:
    async for user in ctx.gl.users.scan(**filters, concurrency=scan_concurrency(ctx.args)):
        yield Found(user.id, user.username, state_of(user))


async def _listed(users: list[Found]) -> AsyncGenerator[Found, None]:
    for user in users:
        yield user


def _settled(previous: Previous | None, item: Item) -> bool:
    row = previous.rows.get(item.index) if previous is not None else None
    return row is not None and row.outcome in ("ok", "skipped")


async def cmd_bulk(ctx: Context) -> int:
    """Run the bulk job; exit 1 when any item failed or has an unknown outcome (or on "no")."""
    args = ctx.args
    _check_options(args)
    filters = check_matching(args, ctx.stdin.isatty())
    action = BULK[args.action]
    items: list[Item] | None = None
    if filters is None:
        data, name = _read_input(ctx)
        text = decode_input(data, name)
        items = parse_items(text, args.format, allow_multiline=args.allow_multiline)
        source = "file:" + hashlib.sha256(data).hexdigest()
    else:
        source = "matching:" + json.dumps(
            {"filters": filters, "all_users": bool(args.all_users)}, sort_keys=True, default=str
        )
    digest = job_digest(args, source, dry_run=args.dry_run)
    previous = _previous(ctx, digest, job_digest(args, source, dry_run=not args.dry_run))
    check_token_options(
        args,
        today=datetime.date.today(),
        journal_rows=previous is not None and bool(previous.rows),
    )
    caller = await preflight(ctx.gl, args.action, admin_only=action.admin_only, filters=filters)
    own_token = await own_token_id(ctx.gl) if action.on_tokens else None
    collected: list[Found] | None = None
    if items is not None:
        if not _check_delete(ctx, sum(not _settled(previous, item) for item in items)):
            ctx.warn("aborted: nothing deleted")
            return 1
    elif args.action == "delete" and not (args.dry_run or args.yes):
        collected = [user async for user in _scan(ctx, filters or {})]
        if not _confirm_matching_delete(ctx, filters or {}, collected, caller.id):
            ctx.warn("aborted: nothing deleted")
            return 1
    stopper = Stopper(args.grace)
    breaker = Breaker(args.breaker)
    tools = open_tools(args, own_token)
    run = _Run(ctx, stopper, breaker, previous, digest, (caller.id, caller.username), tools)
    result: int | None = None
    failure: Exception | None = None
    try:
        async with anyio.create_task_group() as group:
            stopper.attach(group)
            await group.start(watch_signals, stopper.on_signal)
            try:
                if items is not None:
                    result = await run.from_input(items)
                else:
                    users = (
                        _listed(collected) if collected is not None else _scan(ctx, filters or {})
                    )
                    result = await run.from_scan(users)
            except Exception as exc:  # raised once the signal watcher is stopped
                failure = exc
            finally:
                group.cancel_scope.cancel()
    finally:
        if tools.secrets is not None:
            await tools.secrets.close()
    if failure is not None:
        raise failure
    if stopper.signum is not None:
        if result is None:
            ctx.warn("interrupted before the first change: nothing was done")
        raise Interrupted(stopper.signum)
    return 1 if result is None else result


class _Run:
    """The part of a bulk run that may be stopped: lookups, then the job itself."""

    def __init__(
        self,
        ctx: Context,
        stopper: Stopper,
        breaker: Breaker,
        previous: Previous | None,
        digest: str,
        own: tuple[int, str],
        tools: Tools,
    ) -> None:
        self.ctx = ctx
        self.stopper = stopper
        self.breaker = breaker
        self.previous = previous
        self.digest = digest
        self.own = own
        self.tools = tools
        self.action = BULK[ctx.args.action]

    def _job(self, total: int | None) -> Job:
        journal = _open_journal(self.ctx, self.previous, self.digest)
        return Job(
            self.ctx,
            self.action,
            journal,
            self.stopper,
            self.breaker,
            own=self.own,
            total=total,
            previous=self.previous,
            tools=self.tools,
        )

    async def from_input(self, items: list[Item]) -> int:
        items, known, errors = await self._look_up_first(items)
        if self.stopper.stopping:
            self.ctx.warn(self.breaker.hint() + ". Nothing was changed")
            return 1
        job = self._job(len(items))
        job.known.update(known)
        job.lookup_errors.update(errors)
        return await self._act(job, items, None)

    async def from_scan(self, users: AsyncGenerator[Found, None]) -> int:
        return await self._act(self._job(None), None, users)

    async def _act(
        self, job: Job, items: list[Item] | None, users: AsyncGenerator[Found, None] | None
    ) -> int:
        try:
            with showing(job.progress):
                todo = job.take(items) if items is not None else []
                note = job.resume_note()
                if note:
                    with job.progress.above():
                        self.ctx.warn(note)
                async with anyio.create_task_group() as group:
                    group.start_soon(job.tick)
                    with self.stopper.acting():
                        if users is None:
                            await job.act(todo)
                        else:
                            await job.stream(users)
                    group.cancel_scope.cancel()
        finally:
            with anyio.CancelScope(shield=True):
                await job.finish()
        if job.scan_error is not None:
            raise job.scan_error
        if self.breaker.tripped or job.counts["not_attempted"]:
            return 1
        return 1 if job.counts["failed"] or job.counts["unknown"] else 0

    async def _look_up_first(
        self, items: list[Item]
    ) -> tuple[list[Item], dict[int, tuple[int, str | None]], dict[int, Exception]]:
        """Usernames looked up before acting when the input also names users by ID.

        Returns the items (repeats across IDs and usernames marked), what was found and
        the lookups that failed; two items naming one user with different values refuse
        the job here, before any change.
        """
        live = [item for item in items if not item.error and item.duplicate_of is None]
        if all(item.by_id for item in live) or not any(item.by_id for item in live):
            return items, {}, {}
        rows = self.previous.rows if self.previous is not None else {}
        known: dict[int, tuple[int, str | None]] = {}
        for item in live:
            row = rows.get(item.index)
            if row is not None and row.user_id is not None and row.outcome in _IDENTIFIED:
                known[item.index] = (row.user_id, row.username)
        lookups = [item for item in live if not item.by_id and item.index not in known]
        errors: dict[int, Exception] = {}
        if lookups:
            self.ctx.warn(
                f"looking up {len(lookups)} username(s) first: the input also names users "
                "by ID, and two rows for one user must be found before anything changes"
            )
            await self._look_up(lookups, known, errors)
        return _mark_repeats(items, known), known, errors

    async def _look_up(
        self,
        lookups: list[Item],
        known: dict[int, tuple[int, str | None]],
        errors: dict[int, Exception],
    ) -> None:
        async def look(item: Item) -> tuple[int, str | None]:
            if self.stopper.stopping:
                raise NotAttempted(self.stopper.reason)
            uid, name, _ = await find_user(self.ctx.gl, item.ref)
            return uid, name

        def done(outcome: Any) -> None:
            item, error = outcome.item, outcome.error
            if error is None:
                known[item.index] = outcome.value
            elif not isinstance(error, NotAttempted):
                errors[item.index] = error
            if self.breaker.record(error, neutral=isinstance(error, NotAttempted)):
                self.stopper.stop(self.breaker.reason())

        await map_concurrently(
            look, lookups, concurrency=self.ctx.args.concurrency, on_outcome=done
        )


def _mark_repeats(items: list[Item], known: dict[int, tuple[int, str | None]]) -> list[Item]:
    """Mark items naming a user an earlier item names (by ID or by username)."""
    first: dict[int, Item] = {}
    marked: list[Item] = []
    conflicts: list[tuple[Item, Item, str]] = []
    for item in items:
        uid = None
        if not item.error and item.duplicate_of is None:
            uid = int(item.ref) if item.by_id else known.get(item.index, (None, None))[0]
        seen = first.get(uid) if uid is not None else None
        if uid is None or seen is None:
            if uid is not None:
                first[uid] = item
            marked.append(item)
            continue
        if not same_values(seen, item):
            conflicts.append((seen, item, f"user {uid}"))
        marked.append(replace(item, duplicate_of=seen.index))
    if conflicts:
        raise conflict_error(conflicts)
    return marked
