"""Hand-written additions to the generated resources: only what adds behaviour."""

from __future__ import annotations

import datetime
from collections.abc import Iterable, Mapping
from typing import TYPE_CHECKING, Literal

from ._dates import to_datetime
from ._exceptions import InvalidRequestError
from ._generated.api.user import UserResource
from ._generated.api.users import UsersResource
from ._types import NOT_GIVEN, ExtraHeaders, ExtraQuery, NotGiven, SudoArg, TimeoutArg

if TYPE_CHECKING:
    from ._bulk import BulkResult
    from ._generated.models.two_factor_filter import TwoFactorFilter
    from ._generated.models.user_basic import UserBasic
    from ._generated.models.user_details_with_admin import UserDetailsWithAdmin
    from ._generated.models.user_profile import UserProfile
    from ._generated.models.user_with_admin import UserWithAdmin
    from ._request import ApiRequest
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
        username: str | NotGiven = NOT_GIVEN,
        public_email: str | NotGiven = NOT_GIVEN,
        extern_uid: str | NotGiven = NOT_GIVEN,
        provider: str | NotGiven = NOT_GIVEN,
        search: str | NotGiven = NOT_GIVEN,
        active: bool | NotGiven = NOT_GIVEN,
        humans: bool | NotGiven = NOT_GIVEN,
        external: bool | NotGiven = NOT_GIVEN,
        blocked: bool | NotGiven = NOT_GIVEN,
        created_after: datetime.datetime | datetime.date | str | NotGiven = NOT_GIVEN,
        created_before: datetime.datetime | datetime.date | str | NotGiven = NOT_GIVEN,
        without_projects: bool | NotGiven = NOT_GIVEN,
        without_project_bots: bool | NotGiven = NOT_GIVEN,
        admins: bool | NotGiven = NOT_GIVEN,
        two_factor: TwoFactorFilter | Literal["disabled", "enabled"] | NotGiven = NOT_GIVEN,
        exclude_active: bool | NotGiven = NOT_GIVEN,
        exclude_external: bool | NotGiven = NOT_GIVEN,
        exclude_humans: bool | NotGiven = NOT_GIVEN,
        exclude_internal: bool | NotGiven = NOT_GIVEN,
        with_custom_attributes: bool | NotGiven = NOT_GIVEN,
        custom_attributes: Mapping[str, str] | NotGiven = NOT_GIVEN,
        skip_ldap: bool | NotGiven = NOT_GIVEN,
        auditors: bool | NotGiven = NOT_GIVEN,
        concurrency: int | None = None,
        resume: str | None = None,
        extra_headers: ExtraHeaders | None = None,
        extra_query: ExtraQuery | None = None,
        sudo: SudoArg = NOT_GIVEN,
        timeout: TimeoutArg = NOT_GIVEN,
    ) -> UserScan[UserBasic | UserWithAdmin]:
        """Every user matching the filters, exactly once, several pages at a time.

        Takes the filters of :meth:`list` (not ``order_by``, ``sort`` or pagination
        arguments): **the order is not guaranteed**. For an administrator the
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
                with 8 and adapts to the server: more while pages come back as fast
                as with fewer, fewer once they slow down (requests queueing at the
                server), up to the client's ``max_concurrency``.
            resume: A string from :meth:`UserScan.checkpoint` of an earlier scan with the
                same filters: the scan hands out every user that one had not handed out
                before the checkpoint, exactly once.
            extra_headers: More headers for every request of the scan.
            extra_query: More query parameters for every request of the scan.

        Returns:
            An async iterator of users (``UserWithAdmin`` for administrators).
        """
        from ._generated.api.users import users_list

        if concurrency is not None and (
            isinstance(concurrency, bool) or not isinstance(concurrency, int) or concurrency < 1
        ):
            raise InvalidRequestError("concurrency must be an int >= 1, or None (adaptive)")

        def build(
            after: datetime.datetime | None,
            before: datetime.datetime | None,
            cursor: str | None,
            per_page: int,
            descending: bool,
        ) -> ApiRequest:
            return users_list.build_request(
                username=username,
                public_email=public_email,
                extern_uid=extern_uid,
                provider=provider,
                search=search,
                active=active,
                humans=humans,
                external=external,
                blocked=blocked,
                created_after=NOT_GIVEN if after is None else after,
                created_before=NOT_GIVEN if before is None else before,
                without_projects=without_projects,
                without_project_bots=without_project_bots,
                admins=admins,
                two_factor=two_factor,
                exclude_active=exclude_active,
                exclude_external=exclude_external,
                exclude_humans=exclude_humans,
                exclude_internal=exclude_internal,
                order_by="id",
                sort="desc" if descending else "asc",
                with_custom_attributes=with_custom_attributes,
                custom_attributes=custom_attributes,
                skip_ldap=skip_ldap,
                auditors=auditors,
                per_page=per_page,
                pagination="keyset",
                cursor=NOT_GIVEN if cursor is None else cursor,
                extra_headers=extra_headers,
                extra_query=extra_query,
            )

        after = (
            None
            if isinstance(created_after, NotGiven)
            else to_datetime("created_after", created_after)
        )
        before = (
            None
            if isinstance(created_before, NotGiven)
            else to_datetime("created_before", created_before)
        )
        build(after, before, None, 1, False)  # bad arguments fail here, before any request
        client = self._client
        if not (isinstance(sudo, NotGiven) and isinstance(timeout, NotGiven)):
            client = client.with_options(sudo=sudo, timeout=timeout)
        from ._scan import UserScan

        return UserScan(
            client,
            build,
            users_list.parse_response,
            created_after=after,
            created_before=before,
            concurrency=concurrency,
            resume=resume,
        )


class CurrentUser(UserResource):
    """``gl.user``: the authenticated user and their own keys, emails, status, tokens..."""
