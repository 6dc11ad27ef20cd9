"""What hangs off a user: SSH keys, emails, impersonation tokens (create, revoke), custom
attributes."""

from __future__ import annotations

import contextlib
import os
from pathlib import Path
from typing import Any

from gitlab_users_client import UNSET
from gitlab_users_client.models import CustomAttribute, Email, ImpersonationTokenWithToken, SshKey

from ._actions import user_id
from ._context import Context
from ._errors import CLIError, LookupFailed, add_secret
from ._output import printer, record

__all__ = [
    "cmd_attrs_delete",
    "cmd_attrs_get",
    "cmd_attrs_list",
    "cmd_attrs_set",
    "cmd_emails_add",
    "cmd_emails_delete",
    "cmd_emails_list",
    "cmd_keys_add",
    "cmd_keys_delete",
    "cmd_keys_list",
    "cmd_tokens_create",
    "cmd_tokens_revoke",
]

KEY_TABLE = ("id", "title", "usage_type", "created_at", "expires_at")
EMAIL_TABLE = ("id", "email", "confirmed_at")
ATTR_TABLE = ("key", "value")


# -- SSH keys ------------------------------------------------------------------------------
def _read_key(path: str) -> str:
    try:
        return Path(path).expanduser().read_text(encoding="utf-8").strip()
    except OSError as exc:
        raise CLIError(f"cannot read key file {path}: {exc.strerror or exc}") from None


async def cmd_keys_list(ctx: Context) -> int:
    """List a user's SSH keys."""
    uid = await user_id(ctx.gl, ctx.args.user)
    await ctx.stream(ctx.gl.users.keys.list(uid), KEY_TABLE)
    return 0


async def cmd_keys_add(ctx: Context) -> int:
    """Add an SSH key (``--key TEXT`` or ``--key-file PATH``)."""
    args = ctx.args
    ctx.expect_fields(SshKey)
    if (args.key is None) == (args.key_file is None):
        raise CLIError("pass exactly one of --key and --key-file")
    key = _read_key(args.key_file) if args.key_file is not None else args.key
    uid = await user_id(ctx.gl, args.user)
    created = await ctx.gl.users.keys.create(
        uid,
        key=key,
        title=args.title,
        expires_at=args.expires_at if args.expires_at is not None else UNSET,
        usage_type=args.usage_type if args.usage_type is not None else UNSET,
    )
    ctx.show(created)
    return 0


async def cmd_keys_delete(ctx: Context) -> int:
    """Delete an SSH key by ID."""
    uid = await user_id(ctx.gl, ctx.args.user)
    await ctx.gl.users.keys.delete(uid, ctx.args.key_id)
    ctx.say(f"deleted SSH key {ctx.args.key_id} of user {uid}")
    return 0


# -- emails --------------------------------------------------------------------------------
async def cmd_emails_list(ctx: Context) -> int:
    """List a user's secondary emails."""
    uid = await user_id(ctx.gl, ctx.args.user)
    await ctx.stream(ctx.gl.users.emails.list(uid), EMAIL_TABLE)
    return 0


async def cmd_emails_add(ctx: Context) -> int:
    """Add a secondary email."""
    ctx.expect_fields(Email)
    uid = await user_id(ctx.gl, ctx.args.user)
    skip = True if ctx.args.skip_confirmation else UNSET
    ctx.show(await ctx.gl.users.emails.create(uid, email=ctx.args.email, skip_confirmation=skip))
    return 0


async def cmd_emails_delete(ctx: Context) -> int:
    """Delete a secondary email, given by ID or by address."""
    uid = await user_id(ctx.gl, ctx.args.user)
    target: str = ctx.args.email
    if target.isdigit():
        email_id = int(target)
    else:
        found = [
            e async for e in ctx.gl.users.emails.list(uid) if e.email.lower() == target.lower()
        ]
        if not found:
            raise LookupFailed(f"user {uid} has no secondary email {target!r}")
        email_id = found[0].id
    await ctx.gl.users.emails.delete(uid, email_id)
    ctx.say(f"deleted email {email_id} of user {uid}")
    return 0


# -- impersonation tokens (listing: _tokens.py) --------------------------------------------
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


async def cmd_tokens_create(ctx: Context) -> int:
    """Create an impersonation token.

    The value is shown once by GitLab. It goes to ``--token-file`` (created with mode
    0600 before the request, so a token is never created that cannot be stored) and/or
    to stdout with ``--show-token``; with neither the command refuses to run.
    """
    args = ctx.args
    if not args.show_token and not args.token_out:
        raise CLIError(
            "refusing to create a token nobody could read: pass --token-file PATH "
            "(written with mode 0600) or --show-token (printed once to stdout)"
        )
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
    add_secret(created.token)
    if fd is not None:
        with os.fdopen(fd, "w", encoding="utf-8") as handle:
            handle.write(created.token + "\n")
    shown: dict[str, Any] = record(created)
    if not args.show_token:
        shown.pop("token", None)
    ctx.show(shown)
    if fd is not None:
        ctx.warn(f"token written to {args.token_out} (mode 0600)")
    return 0


async def cmd_tokens_revoke(ctx: Context) -> int:
    """Revoke an impersonation token by ID."""
    uid = await user_id(ctx.gl, ctx.args.user)
    await ctx.gl.users.impersonation_tokens.revoke(uid, ctx.args.token_id)
    ctx.say(f"revoked impersonation token {ctx.args.token_id} of user {uid}")
    return 0


# -- custom attributes ---------------------------------------------------------------------
async def cmd_attrs_list(ctx: Context) -> int:
    """List a user's custom attributes."""
    ctx.expect_fields(CustomAttribute)
    uid = await user_id(ctx.gl, ctx.args.user)
    attrs = await ctx.gl.users.custom_attributes.list(uid)
    out = printer(ctx.fmt, ctx.stdout, ctx.fields, ATTR_TABLE)
    out.write(record(attr) for attr in attrs)
    out.close()
    return 0


async def cmd_attrs_get(ctx: Context) -> int:
    """Show one custom attribute."""
    uid = await user_id(ctx.gl, ctx.args.user)
    ctx.show(await ctx.gl.users.custom_attributes.get(uid, ctx.args.key))
    return 0


async def cmd_attrs_set(ctx: Context) -> int:
    """Create or replace a custom attribute."""
    ctx.expect_fields(CustomAttribute)
    uid = await user_id(ctx.gl, ctx.args.user)
    ctx.show(await ctx.gl.users.custom_attributes.set(uid, ctx.args.key, value=ctx.args.value))
    return 0


async def cmd_attrs_delete(ctx: Context) -> int:
    """Delete a custom attribute."""
    uid = await user_id(ctx.gl, ctx.args.user)
    await ctx.gl.users.custom_attributes.delete(uid, ctx.args.key)
    ctx.say(f"deleted custom attribute {ctx.args.key!r} of user {uid}")
    return 0
