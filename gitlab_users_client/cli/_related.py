"""What hangs off a user: SSH keys, emails, custom attributes (tokens: :mod:`._tokens`)."""

from __future__ import annotations

from pathlib import Path

from gitlab_users_client import UNSET
from gitlab_users_client.models import CustomAttribute, Email, SshKey

from ._actions import user_id
from ._context import Context
from ._errors import CLIError, LookupFailed
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
