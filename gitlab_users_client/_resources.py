"""Hand-written additions to the generated resources: only what adds behaviour."""

from __future__ import annotations

import datetime
from collections.abc import Iterable
from typing import TYPE_CHECKING, Any, Literal, Unpack

from ._contract.dates import to_datetime
from ._contract.types import NOT_GIVEN, ExtraHeaders, ExtraQuery, NotGiven, SudoArg, TimeoutArg
from ._exceptions import InvalidRequestError
from ._generated.api.user import UserResource
from ._generated.api.users import UsersResource

if TYPE_CHECKING:
    from ._bulk import BulkResult
    from ._contract.request import ApiRequest
    from ._generated.api.users.users_list import UsersListFilters
    from ._generated.models.user_basic import UserBasic
    from ._generated.models.user_details_with_admin import UserDetailsWithAdmin
    from ._generated.models.user_profile import UserProfile
    from ._generated.models.user_with_admin import UserWithAdmin
    from ._scan import UserScan

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
        from ._bulk import map_concurrently

        return await map_concurrently(self.get, ids, concurrency=concurrency, errors=errors)

    def scan(
        self,
        *,
        concurrency: int | None = None,
        resume: str | None = None,
        extra_headers: ExtraHeaders | None = None,
        extra_query: ExtraQuery | None = None,
        sudo: SudoArg = NOT_GIVEN,
        timeout: TimeoutArg = NOT_GIVEN,
        **filters: Unpack[UsersListFilters],
    ) -> UserScan[UserBasic | UserWithAdmin]:
        """Every user matching the filters, exactly once, several pages at a time.

        Takes the filters of :meth:`list` (``username=``, ``active=``, ``created_after=``...;
        not ``order_by``, ``sort`` or pagination arguments): **the order is not
        guaranteed**. For an administrator the
        ``created_at`` range is cut into windows walked in parallel with keyset
        pagination, re-split as workers run out of work. GitLab ignores the
        ``created_*`` filters for other callers; the scan detects it and walks
        sequentially (logged at INFO on the ``gitlab_users_client`` logger). Requests
        share the client's concurrency limit and rate-limit pacing.

        ``async for`` over it fetches in rounds and leaves no request running between
        two users (``break`` or a cancellation leaves nothing behind); ``async with
        gl.users.scan() as users:`` also fetches while users are handed out, the fastest
        way through every user, and stops when the block ends.

        Args:
            concurrency: The most pages in flight at once. By default the scan starts
                with 12 and adapts to the server: the workers it finds busy plus
                half as many again waiting (requests queueing at the server cost
                nothing, idle workers cost time), up to the client's
                ``max_concurrency``.
            resume: A string from :meth:`UserScan.checkpoint` of an earlier scan with the
                same filters: the scan hands out every user that one had not handed out
                before the checkpoint, exactly once.
            extra_headers: More headers for every request of the scan.
            extra_query: More query parameters for every request of the scan.
            filters: The filters of :meth:`list` (``UsersListFilters``, generated from the
                document: every query parameter of ``GET /users`` but the order and the
                pagination).

        Returns:
            An async iterator of users (``UserWithAdmin`` for administrators).
        """
        from ._generated.api.users import users_list

        unknown = sorted(filters.keys() - users_list.UsersListFilters.__optional_keys__)
        if unknown:
            raise TypeError(f"scan() got an unexpected keyword argument {unknown[0]!r}")
        if concurrency is not None and (
            isinstance(concurrency, bool) or not isinstance(concurrency, int) or concurrency < 1
        ):
            raise InvalidRequestError("concurrency must be an int >= 1, or None (adaptive)")
        # Typed at the signature; the window bounds are the scan's, the rest passes on.
        others: dict[str, Any] = dict(filters)
        after = _bound("created_after", others.pop("created_after", NOT_GIVEN))
        before = _bound("created_before", others.pop("created_before", NOT_GIVEN))

        def build(
            after: datetime.datetime | None,
            before: datetime.datetime | None,
            cursor: str | None,
            per_page: int,
            descending: bool,
        ) -> ApiRequest:
            return users_list.build_request(
                **others,
                created_after=NOT_GIVEN if after is None else after,
                created_before=NOT_GIVEN if before is None else before,
                order_by="id",
                sort="desc" if descending else "asc",
                per_page=per_page,
                pagination="keyset",
                cursor=NOT_GIVEN if cursor is None else cursor,
                extra_headers=extra_headers,
                extra_query=extra_query,
            )

        build(after, before, None, 1, False)  # bad arguments fail here, before any request
        client = self._client
        if not (isinstance(sudo, NotGiven) and isinstance(timeout, NotGiven)):
            client = client.with_options(sudo=sudo, timeout=timeout)
        from ._scan import UserScan

        return UserScan(
            client,
            build,
            # Its RESPONSES, loaded by the scan once its first requests are out: the
            # models (pydantic) are imported while the server renders those pages.
            users_list.__name__,
            created_after=after,
            created_before=before,
            concurrency=concurrency,
            resume=resume,
        )


def _bound(name: str, value: object) -> datetime.datetime | None:
    """A ``created_after``/``created_before`` filter as the scan's window bound."""
    if isinstance(value, NotGiven):
        return None
    return to_datetime(name, value)


class CurrentUser(UserResource):
    """``gl.user``: the authenticated user and their own keys, emails, status, tokens..."""
