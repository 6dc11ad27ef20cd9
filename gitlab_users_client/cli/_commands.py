"""User commands: whoami, list/search, get, create, update, delete and moderation verbs."""

from __future__ import annotations

from typing import Any

from gitlab_users_client import UNSET, GitLabError
from gitlab_users_client.models import UserWithAdmin

from ._actions import find_user, moderate, user_id
from ._context import Context, read_secret
from ._errors import CLIError, redact
from ._fields import collect_attrs
from ._output import printer, record

__all__ = [
    "USER_TABLE",
    "cmd_create",
    "list_filters",
    "cmd_delete",
    "cmd_get",
    "cmd_list",
    "cmd_moderate",
    "cmd_update",
    "cmd_whoami",
]

USER_TABLE = ("id", "username", "name", "state", "email", "is_admin")
_LIST_FLAGS = (
    "username",
    "public_email",
    "extern_uid",
    "provider",
    "search",
    "created_after",
    "created_before",
    "two_factor",
)
_LIST_SWITCHES = (
    "active",
    "blocked",
    "external",
    "humans",
    "admins",
    "without_projects",
    "without_project_bots",
    "exclude_active",
    "exclude_external",
    "exclude_humans",
    "exclude_internal",
    "with_custom_attributes",
)


async def cmd_whoami(ctx: Context) -> int:
    """Show the authenticated user."""
    ctx.show(await ctx.gl.user.get())
    return 0


def list_filters(args: Any) -> dict[str, Any]:
    """The ``GET /users`` filters given on the command line, as keyword arguments.

    Shared by ``list``/``search`` and ``bulk --matching``; a switch a parser lacks (bulk
    has no ``--with-custom-attributes``) counts as not given.
    """
    filters: dict[str, Any] = {
        name: getattr(args, name) for name in _LIST_FLAGS if getattr(args, name, None) is not None
    }
    filters.update({name: True for name in _LIST_SWITCHES if getattr(args, name, False)})
    if getattr(args, "attr", None):
        filters["custom_attributes"] = dict(args.attr)
    return filters


async def cmd_list(ctx: Context) -> int:
    """List (or search) users, printing page by page."""
    args = ctx.args
    filters = list_filters(args)
    for name in ("order_by", "sort"):
        if getattr(args, name) is not None:
            filters[name] = getattr(args, name)
    if args.scan_concurrency is not None:
        await _print_scan(ctx, filters, args.scan_concurrency, args.limit)
        return 0
    per_page = args.per_page or (min(100, max(args.limit, 1)) if args.limit is not None else 100)
    paginator = ctx.gl.users.list(
        **filters, per_page=per_page, pagination=args.pagination, max_items=args.limit
    )
    await ctx.stream(paginator, USER_TABLE, args.limit)
    return 0


async def _print_scan(
    ctx: Context, filters: dict[str, Any], concurrency: int, limit: int | None
) -> None:
    """``--concurrency``: the parallel scan, printed in batches as it arrives."""
    args = ctx.args
    if args.order_by or args.sort or args.per_page or args.pagination != "auto":
        raise CLIError(
            "--concurrency lists in no particular order: it cannot be combined with "
            "--order-by, --sort, --per-page or --pagination"
        )
    out = printer(ctx.fmt, ctx.stdout, ctx.fields, USER_TABLE)
    batch: list[dict[str, Any]] = []
    count = 0
    if limit is None or limit > 0:
        async for user in ctx.gl.users.scan(**filters, concurrency=concurrency):
            batch.append(record(user))
            count += 1
            if count == limit:
                break
            if len(batch) == 100:
                out.write(batch)
                batch = []
    out.write(batch)
    out.close()


async def cmd_get(ctx: Context) -> int:
    """Show one user, by ID or username."""
    uid = await user_id(ctx.gl, ctx.args.user)
    with_attrs = True if ctx.args.with_custom_attributes else UNSET
    ctx.show(await ctx.gl.users.get(uid, with_custom_attributes=with_attrs))
    return 0


def _password(ctx: Context) -> str | None:
    path: str | None = ctx.args.password_file
    return None if path is None else read_secret(path, ctx.stdin, "password")


async def cmd_create(ctx: Context) -> int:
    """Create a user."""
    args = ctx.args
    ctx.expect_fields(UserWithAdmin)
    attrs = collect_attrs(args)
    password = _password(ctx)
    if password is None and not (args.reset_password or args.force_random_password):
        raise CLIError("pass --password-file, --reset-password or --force-random-password")
    extra: dict[str, Any] = {"password": password} if password is not None else {}
    for switch in ("reset_password", "force_random_password", "skip_confirmation"):
        if getattr(args, switch):
            extra[switch] = True
    ctx.show(await ctx.gl.users.create(**attrs, **extra))
    return 0


async def cmd_update(ctx: Context) -> int:
    """Update a user: only the attributes given are sent."""
    args = ctx.args
    ctx.expect_fields(UserWithAdmin)
    attrs = collect_attrs(args)
    password = _password(ctx)
    if password is not None:
        attrs["password"] = password
    if args.skip_reconfirmation:
        attrs["skip_reconfirmation"] = True
    if not attrs:
        raise CLIError("nothing to update: give at least one attribute (see --help)")
    uid = await user_id(ctx.gl, args.user)
    ctx.show(await ctx.gl.users.update(uid, **attrs))
    return 0


def _confirm(ctx: Context, question: str) -> bool:
    ctx.stderr.write(f"{question} [y/N] ")
    ctx.stderr.flush()
    return ctx.stdin.readline().strip().lower() in ("y", "yes")


async def cmd_delete(ctx: Context) -> int:
    """Delete a user (asks first on a terminal; needs --yes otherwise)."""
    args = ctx.args
    if not args.yes and not ctx.stdin.isatty():
        raise CLIError(
            f"refusing to delete user {args.user!r} without --yes (stdin is not a terminal)"
        )
    uid, username, _ = await find_user(ctx.gl, args.user)
    what = f"user {uid} ({username})"
    if not args.yes and not _confirm(
        ctx, f"Delete {what}{' and its contributions' if args.hard_delete else ''}?"
    ):
        ctx.warn("aborted: nothing deleted")
        return 1
    await ctx.gl.users.delete(uid, hard_delete=True if args.hard_delete else UNSET)
    ctx.say(f"deleted {what}")
    return 0


async def cmd_moderate(ctx: Context) -> int:
    """``block``/``unblock``/``ban``/... one or more users, one line per user."""
    verb: str = ctx.args.command
    failed = 0
    for ref in ctx.args.users:
        try:
            uid = await user_id(ctx.gl, ref)
            message = await moderate(ctx.gl, verb, uid)
        except (GitLabError, CLIError) as exc:
            ctx.warn(redact(f"error: {verb} {ref}: {exc}"))
            failed += 1
            continue
        name = ref.strip().removeprefix("@")
        ctx.say(f"user {uid}{'' if name.isdigit() else f' ({name})'}: {message}")
    return 1 if failed else 0
