"""``tokens list``: personal access and impersonation tokens, through GitLab's personal
access token API (``GET /personal_access_tokens``).

An administrator sees every token of the instance (``--user`` narrows it to one user,
impersonation tokens included); anyone else sees their own personal access tokens.
Values are never listed: GitLab shows a token's value only when it is created or rotated.
"""

from __future__ import annotations

from typing import Any

from ._actions import user_id
from ._context import Context
from ._errors import CLIError

__all__ = ["TOKEN_LIST_TABLE", "cmd_tokens_list", "token_filters"]

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
