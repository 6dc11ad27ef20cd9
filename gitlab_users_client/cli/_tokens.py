"""``tokens``: a user's personal access and impersonation tokens.

``list``, ``revoke`` and ``rotate`` go through GitLab's personal access token API
(``/personal_access_tokens``): an administrator sees and changes every token of the
instance (``--user`` narrows a listing to one user, impersonation tokens included); anyone
else their own personal access tokens. ``create`` makes an impersonation token.

Values are never listed: GitLab shows a token's value only when it is created or rotated,
and then it goes to ``--token-file`` (mode 0600) and/or to stdout with ``--show-token``.
``revoke`` and ``rotate`` name the token's owner and check it before changing anything, so
a mistyped ID never touches someone else's token.
"""

from __future__ import annotations

import contextlib
import datetime
import os
from pathlib import Path
from typing import TYPE_CHECKING, Any

from gitlab_users_client import UNSET, AsyncGitLab, BadRequestError, GitLabError

from ._actions import user_id
from ._context import Context
from ._errors import CLIError, LookupFailed, add_secret, describe, redact
from ._output import record

if TYPE_CHECKING:
    from gitlab_users_client.models import (
        ImpersonationTokenWithToken,
        PersonalAccessToken,
        PersonalAccessTokenWithToken,
    )

__all__ = [
    "TOKEN_LIST_TABLE",
    "cmd_tokens_create",
    "cmd_tokens_list",
    "cmd_tokens_revoke",
    "cmd_tokens_rotate",
    "token_filters",
]

TOKEN_LIST_TABLE = (
    "id",
    "user_id",
    "name",
    "scopes",
    "active",
    "revoked",
    "expires_at",
    "last_used_at",
)
_FILTERS = (
    "revoked",
    "created_before",
    "created_after",
    "last_used_before",
    "last_used_after",
    "expires_before",
    "expires_after",
    "search",
    "sort",
)


def token_filters(args: Any) -> dict[str, Any]:
    """The ``GET /personal_access_tokens`` filters given on the command line (not the user)."""
    filters = {name: getattr(args, name) for name in _FILTERS if getattr(args, name) is not None}
    if args.state not in (None, "all"):
        filters["state"] = args.state
    return filters


async def cmd_tokens_list(ctx: Context) -> int:
    """List tokens page by page (never their values)."""
    args = ctx.args
    if args.user is not None and args.user_option is not None and args.user != args.user_option:
        raise CLIError("give the user once: as USER or as --user, not both")
    who = args.user_option if args.user_option is not None else args.user
    filters = token_filters(args)
    if who is not None:
        filters["user_id"] = await user_id(ctx.gl, who)
    limit = args.limit
    per_page = args.per_page or (min(100, max(limit, 1)) if limit is not None else 100)
    paginator = ctx.gl.personal_access_tokens.list(**filters, per_page=per_page, max_items=limit)
    await ctx.stream(paginator, TOKEN_LIST_TABLE, limit)
    return 0


# -- a new token's value ------------------------------------------------------------------
def _open_token_file(path: str) -> int:
    """Create ``path`` for the new token: mode 0600, never overwriting or following a link."""
    flags = os.O_WRONLY | os.O_CREAT | os.O_EXCL | getattr(os, "O_NOFOLLOW", 0)
    try:
        return os.open(Path(path).expanduser(), flags, 0o600)
    except FileExistsError:
        raise CLIError(f"token file {path} already exists; refusing to overwrite it") from None
    except OSError as exc:
        raise CLIError(f"cannot create token file {path}: {exc.strerror or exc}") from None


def _discard(path: str) -> None:
    with contextlib.suppress(OSError):
        os.unlink(Path(path).expanduser())


def _hand_out(
    ctx: Context,
    created: ImpersonationTokenWithToken | PersonalAccessTokenWithToken,
    fd: int | None,
    what: str,
) -> int:
    """Store a new token's value in the file opened before the request (``fd``) and show
    the token, its value only with ``--show-token``; the value is redacted from then on."""
    add_secret(created.token)
    if fd is not None:
        with os.fdopen(fd, "w", encoding="utf-8") as handle:
            handle.write(created.token + "\n")
    shown: dict[str, Any] = record(created)
    if not ctx.args.show_token:
        shown.pop("token", None)
    ctx.show(shown)
    if fd is not None:
        ctx.warn(f"{what} written to {ctx.args.token_out} (mode 0600)")
    return 0


async def cmd_tokens_create(ctx: Context) -> int:
    """Create an impersonation token.

    The value is shown once by GitLab. It goes to ``--token-file`` (created with mode
    0600 before the request, so a token is never created that cannot be stored) and/or
    to stdout with ``--show-token``; with neither the command refuses to run.
    """
    args = ctx.args
    _check_value_goes_somewhere(args, "create")
    from gitlab_users_client.models import ImpersonationTokenWithToken

    ctx.expect_fields(ImpersonationTokenWithToken)
    scopes = [s.strip() for s in args.scopes.split(",") if s.strip()]
    if not scopes:
        raise CLIError("--scopes needs at least one scope, e.g. api,read_user")
    fd = _open_token_file(args.token_out) if args.token_out else None
    try:
        uid = await user_id(ctx.gl, args.user)
        created = await ctx.gl.users.impersonation_tokens.create(
            uid,
            name=args.name,
            scopes=scopes,
            expires_at=args.expires_at if args.expires_at is not None else UNSET,
            description=args.description if args.description is not None else UNSET,
        )
    except BaseException:
        if fd is not None:
            os.close(fd)
            _discard(args.token_out)
        raise
    return _hand_out(ctx, created, fd, "token")


def _check_value_goes_somewhere(args: Any, what: str) -> None:
    if not args.show_token and not args.token_out:
        raise CLIError(
            f"refusing to {what} a token nobody could read: pass --token-file PATH "
            "(written with mode 0600) or --show-token (printed once to stdout)"
        )


# -- revoke, rotate ----------------------------------------------------------------------------
async def _owned(gl: AsyncGitLab, uid: int, token_id: int) -> PersonalAccessToken:
    """Token ``token_id``, refused unless it belongs to user ``uid``."""
    token = await gl.personal_access_tokens.get(token_id)
    if token.user_id != uid:
        raise LookupFailed(f"token {token_id} is not a token of user {uid}: nothing was done")
    return token


async def cmd_tokens_revoke(ctx: Context) -> int:
    """Revoke tokens of a user, one line each; exit 1 if any could not be revoked."""
    uid = await user_id(ctx.gl, ctx.args.user)
    in_use = await _token_in_use(ctx.gl)
    failed = 0
    for token_id in dict.fromkeys(ctx.args.token_ids):
        try:
            token = await _owned(ctx.gl, uid, token_id)
            if token.id == in_use and not token.revoked:
                raise CLIError(
                    f"token {token_id} is the token this command runs with: revoking it "
                    "would lock this command (and whatever else uses it) out; revoke it with "
                    "another token, or with revoke_self() in the SDK"
                )
            if not token.revoked:
                await ctx.gl.personal_access_tokens.revoke(token_id)
        except (GitLabError, CLIError) as exc:
            ctx.warn(redact(f"error: token {token_id}: {describe(exc)}"))
            failed += 1
            continue
        done = "was already revoked" if token.revoked else "revoked"
        ctx.say(f"token {token_id} ({token.name}) of user {uid}: {done}")
    return 1 if failed else 0


async def _token_in_use(gl: AsyncGitLab) -> int | None:
    """The ID of the token this command runs with (``None``: not a personal access token)."""
    try:
        return (await gl.personal_access_tokens.self()).id
    except BadRequestError:
        return None


def _unknown_rotation(user: str, token_id: int) -> str:
    # Sending the rotation again is not safe: if the first one was applied, GitLab answers
    # "Token already revoked", and presenting the old value revokes its successor too.
    return (
        f"the rotation of token {token_id} may have been applied: do not simply run this "
        f"command again. `gitlab-users tokens list {user} --fields id,name,revoked` tells: "
        f"token {token_id} still active -> nothing happened, rotate it again; revoked -> it "
        "was rotated and its successor's value is lost: rotate the successor (same name, "
        "the newest ID)"
    )


async def cmd_tokens_rotate(ctx: Context) -> int:
    """Rotate a token: GitLab revokes it and returns its successor, whose value is stored
    (``--token-file``, created before the request) and/or printed (``--show-token``)."""
    from gitlab_users_client.models import PersonalAccessTokenWithToken

    args = ctx.args
    _check_value_goes_somewhere(args, "rotate")
    if args.expires_at <= datetime.date.today():
        raise CLIError(
            f"--expires-at {args.expires_at} is not after today: the new token would not work"
        )
    ctx.expect_fields(PersonalAccessTokenWithToken)
    fd = _open_token_file(args.token_out) if args.token_out else None
    try:
        uid = await user_id(ctx.gl, args.user)
        token = await _owned(ctx.gl, uid, args.token_id)
        if token.revoked:
            raise LookupFailed(f"token {token.id} is revoked: only an active token can be rotated")
        if await _token_in_use(ctx.gl) == token.id:
            raise CLIError(
                f"token {token.id} is the token this command runs with: once rotated it is "
                "revoked, and GitLab revokes the new token too the next time the old value "
                "is used. Rotate it where it is configured (rotate_self() in the SDK), or "
                "run this command with another token"
            )
        new = await ctx.gl.personal_access_tokens.rotate(token.id, expires_at=args.expires_at)
    except BaseException as exc:
        if fd is not None:
            os.close(fd)
            _discard(args.token_out)
        if getattr(exc, "outcome_unknown", False):
            ctx.warn(_unknown_rotation(args.user, args.token_id))
        raise
    return _hand_out(ctx, new, fd, f"new token {new.id}")
