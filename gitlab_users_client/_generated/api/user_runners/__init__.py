"""Resource ``user_runners`` (generated from the OpenAPI document; do not edit)."""

from __future__ import annotations

import builtins
import datetime
from collections.abc import Mapping, Sequence
from functools import cached_property
from typing import TYPE_CHECKING, Literal

from ...._contract.encoding import File, FileContent, as_file
from ...._contract.resource import (
    NOT_GIVEN,
    BaseResource,
    ExtraBody,
    ExtraHeaders,
    ExtraQuery,
    Keyset,
    NotGiven,
    PaginationMode,
    RawResponseView,
    SudoArg,
    TimeoutArg,
    raw_page,
    raw_response,
)

# Endpoint modules, models, pydantic (`build_body`) and the paginator are imported where
# they are used, so that touching `gl.users` imports no operation of the tag, no model,
# no pydantic and no paging code.
if TYPE_CHECKING:
    from ...._contract.resource import AsyncPaginator
    from ...models.create_runner_request import CreateRunnerRequest
    from ...models.error_message import ErrorMessage
    from ...models.grape_error import GrapeError
    from ...models.nested_error_message import NestedErrorMessage
    from ...models.o_auth_error import OAuthError
    from ...models.runner_access_level import RunnerAccessLevel
    from ...models.runner_registration_details import RunnerRegistrationDetails
    from ...models.runner_type import RunnerType
    from ...models.validation_error_message import ValidationErrorMessage

__all__ = ("UserRunnersResource", "UserRunnersResourceWithRawResponse")


class UserRunnersResource(BaseResource):
    """Operations tagged ``user_runners`` in the OpenAPI document."""

    @cached_property
    def with_raw_response(self) -> UserRunnersResourceWithRawResponse:
        """The same operations, returning ``Response`` objects (status, headers, parsed body)."""
        return UserRunnersResourceWithRawResponse(self)

    async def create(
        self,
        *,
        runner_type: RunnerType | Literal["group_type", "instance_type", "project_type"],
        group_id: int | NotGiven = NOT_GIVEN,
        project_id: int | NotGiven = NOT_GIVEN,
        description: str | NotGiven = NOT_GIVEN,
        maintenance_note: str | NotGiven = NOT_GIVEN,
        paused: bool | NotGiven = NOT_GIVEN,
        locked: bool | NotGiven = NOT_GIVEN,
        access_level: RunnerAccessLevel
        | Literal["not_protected", "ref_protected"]
        | NotGiven = NOT_GIVEN,
        run_untagged: bool | NotGiven = NOT_GIVEN,
        tag_list: Sequence[str] | NotGiven = NOT_GIVEN,
        maximum_timeout: int | NotGiven = NOT_GIVEN,
        token_expires_at: datetime.datetime | datetime.date | str | NotGiven = NOT_GIVEN,
        token_rotation_deadline: datetime.datetime | datetime.date | str | NotGiven = NOT_GIVEN,
        extra_headers: ExtraHeaders | None = None,
        extra_query: ExtraQuery | None = None,
        extra_body: ExtraBody | None = None,
        sudo: SudoArg = NOT_GIVEN,
        timeout: TimeoutArg = NOT_GIVEN,
    ) -> RunnerRegistrationDetails:
        """Create a runner linked to you.

        Creates a runner linked to the authenticated user and returns its authentication token
        (shown only once). The token needs the `create_runner` scope. `instance_type` needs an
        administrator; `group_type` and `project_type` need the Owner role (or an administrator)
        on the group or project, and require `group_id` or `project_id`. 403 with the service
        message when not allowed, 400 `400 Bad request - <messages>` for the runner's validation
        failures, for example `run_untagged: false` with no tags (`Tags list can not be empty
        when runner is not allowed to pick untagged jobs`). Granular token permission:
        `create_runner`.

        Args:
            runner_type: Scope of a runner.
            group_id: Group to create the runner in (required for `group_type`).
            project_id: Project to create the runner in (required for `project_type`).
            description: Runner description.
            maintenance_note: Free-form maintenance notes (at most 1024 characters).
            paused: Whether the runner ignores new jobs.
            locked: Whether the runner is locked to the current project. Server default false.
            access_level: Whether a runner only runs jobs for protected refs.
            run_untagged: Whether the runner picks up untagged jobs. Server default true.
            tag_list: Runner tags.
            maximum_timeout: Maximum job timeout in seconds.
            token_expires_at: EE (Premium and Ultimate) only. When the runner token expires.
            token_rotation_deadline: EE (Premium and Ultimate) only. Deadline for rotating the runner token.
            extra_headers: More headers for this call (not framing headers or credentials).
            extra_query: More query parameters for this call, for what the SDK does not model.
            extra_body: More body fields for this call (JSON values, or form values for an upload).
            sudo: Act as this user (ID or username) for this call; ``None`` disables the client's.
            timeout: Timeout for this call, overriding the client's.
        """
        from ...._contract.models import build_body
        from ...models.create_runner_request import CreateRunnerRequest
        from . import user_runners_create as _user_runners_create

        body = build_body(
            CreateRunnerRequest,
            {
                "runner_type": runner_type,
                "group_id": group_id,
                "project_id": project_id,
                "description": description,
                "maintenance_note": maintenance_note,
                "paused": paused,
                "locked": locked,
                "access_level": access_level,
                "run_untagged": run_untagged,
                "tag_list": tag_list,
                "maximum_timeout": maximum_timeout,
                "token_expires_at": token_expires_at,
                "token_rotation_deadline": token_rotation_deadline,
            },
        )
        return await self._request(
            _user_runners_create.build_request(
                body=body,
                extra_headers=extra_headers,
                extra_query=extra_query,
                extra_body=extra_body,
            ),
            _user_runners_create.ANSWERS,
            sudo,
            timeout,
        )


class UserRunnersResourceWithRawResponse(RawResponseView[UserRunnersResource]):
    """``UserRunnersResource``'s operations, returning :class:`Response` objects (status,
    headers, parsed body); list operations return their first page."""

    create = raw_response(UserRunnersResource.create)
