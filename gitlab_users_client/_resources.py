"""Hand-written additions to the generated resources: only what adds behaviour."""

from __future__ import annotations

from collections.abc import Iterable
from typing import TYPE_CHECKING, Literal

from ._bulk import BulkResult, map_concurrently
from ._generated.api.user import UserResource
from ._generated.api.users import UsersResource

if TYPE_CHECKING:
    from ._generated.models.user_details_with_admin import UserDetailsWithAdmin
    from ._generated.models.user_profile import UserProfile

__all__ = ["CurrentUser", "Users"]


class Users(UsersResource):
    """``gl.users``: every ``/users`` operation, plus bulk helpers."""

    async def get_many(
        self,
        ids: Iterable[int],
        *,
        concurrency: int = 16,
        errors: Literal["collect", "raise"] = "collect",
    ) -> BulkResult[int, UserDetailsWithAdmin | UserProfile]:
        """Fetch many users by ID, at most ``concurrency`` at a time, results in input order.

        With ``errors="collect"`` a missing user is a failed :class:`Outcome` (with its
        ``NotFoundError``), not an exception; ``result.values()`` raises if any failed.
        """
        return await map_concurrently(self.get, ids, concurrency=concurrency, errors=errors)


class CurrentUser(UserResource):
    """``gl.user``: the authenticated user and their own keys, emails, status, tokens..."""
