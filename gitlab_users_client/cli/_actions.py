"""Finding users and the moderation actions shared by single commands and ``bulk``."""

from __future__ import annotations

from collections.abc import Awaitable, Callable

from gitlab_users_client import AsyncGitLab, GitLabError

from ._errors import LookupFailed

__all__ = ["MODERATION", "ActionFailed", "find_user", "moderate", "user_id"]


class ActionFailed(GitLabError):
    """GitLab answered success but said the action was not applied (``unblock`` -> false)."""


async def find_user(gl: AsyncGitLab, ref: str) -> tuple[int, str, str]:
    """``(id, username, state)`` of a user given by ID or username (``@name`` works too).

    A username is looked up with ``GET /users?username=`` (exact, case-insensitive);
    an ID is fetched with ``GET /users/:id`` (404 when it does not exist).
    """
    text = ref.strip().removeprefix("@")
    if not text:
        raise LookupFailed("empty user reference")
    if text.isdigit():
        user = await gl.users.get(int(text))
        return user.id, user.username, str(getattr(user.state, "value", user.state))
    async for found in gl.users.list(username=text, per_page=1, max_items=1):
        return found.id, found.username, str(getattr(found.state, "value", found.state))
    raise LookupFailed(f"user {text!r} not found")


async def user_id(gl: AsyncGitLab, ref: str) -> int:
    """The numeric ID for ``ref``; an ID is used as is (no request)."""
    text = ref.strip().removeprefix("@")
    if text.isdigit():
        return int(text)
    return (await find_user(gl, text))[0]


async def _block(gl: AsyncGitLab, uid: int) -> str:
    return "blocked" if await gl.users.block(uid) else "already blocked"


async def _unblock(gl: AsyncGitLab, uid: int) -> str:
    if not await gl.users.unblock(uid):
        raise ActionFailed("GitLab did not unblock the user")
    return "unblocked"


async def _ban(gl: AsyncGitLab, uid: int) -> str:
    await gl.users.ban(uid)
    return "banned"


async def _unban(gl: AsyncGitLab, uid: int) -> str:
    await gl.users.unban(uid)
    return "unbanned"


async def _activate(gl: AsyncGitLab, uid: int) -> str:
    await gl.users.activate(uid)
    return "activated"


async def _deactivate(gl: AsyncGitLab, uid: int) -> str:
    return "deactivated" if await gl.users.deactivate(uid) else "already deactivated"


async def _approve(gl: AsyncGitLab, uid: int) -> str:
    result = await gl.users.approve(uid)
    return f"approved ({result.message})" if result.message else "approved"


async def _reject(gl: AsyncGitLab, uid: int) -> str:
    await gl.users.reject(uid)
    return "rejected"


#: verb -> coroutine returning a short past-tense message.
MODERATION: dict[str, Callable[[AsyncGitLab, int], Awaitable[str]]] = {
    "block": _block,
    "unblock": _unblock,
    "ban": _ban,
    "unban": _unban,
    "activate": _activate,
    "deactivate": _deactivate,
    "approve": _approve,
    "reject": _reject,
}


async def moderate(gl: AsyncGitLab, verb: str, uid: int) -> str:
    """Apply moderation ``verb`` to user ``uid``."""
    return await MODERATION[verb](gl, uid)
