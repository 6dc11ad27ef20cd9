"""Resource ``user_runners`` (generated from the OpenAPI document; do not edit)."""

from __future__ import annotations

import builtins
import datetime
from collections.abc import Mapping, Sequence
from functools import cached_property
from typing import TYPE_CHECKING, Literal

from gitlab_users_client._base import (
    NOT_GIVEN,
    AsyncPaginator,
    BaseResource,
    PaginationMode,
    SudoArg,
    TimeoutArg,
)

from ...types import UNSET, File, FileContent, Response, Unset, as_file, build_body

# Endpoint modules and models are imported where they are used, so that touching
# `gl.users` does not import every operation of the tag.
if TYPE_CHECKING:
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
        return UserRunnersResourceWithRawResponse(self._client)

    async def create(
        self,
        *,
        runner_type: RunnerType | Literal["group_type", "instance_type", "project_type"],
        group_id: int | Unset = UNSET,
        project_id: int | Unset = UNSET,
        description: str | Unset = UNSET,
        maintenance_note: str | Unset = UNSET,
        paused: bool | Unset = UNSET,
        locked: bool | Unset = UNSET,
        access_level: RunnerAccessLevel | Literal["not_protected", "ref_protected"] | Unset = UNSET,
        run_untagged: bool | Unset = UNSET,
        tag_list: Sequence[str] | Unset = UNSET,
        maximum_timeout: int | Unset = UNSET,
        token_expires_at: datetime.datetime | Unset = UNSET,
        token_rotation_deadline: datetime.datetime | Unset = UNSET,
        sudo: SudoArg = NOT_GIVEN,
        timeout: TimeoutArg = NOT_GIVEN,
    ) -> RunnerRegistrationDetails:
        """Create a runner linked to you.

        Creates a runner linked to the authenticated user and returns its authentication token
        (shown only once). The token needs the `create_runner` scope. `instance_type` needs an
        administrator; `group_type` and `project_type` need the Owner role (or an administrator)
        on the group or project, and require `group_id` or `project_id`. 403 with the service
        message when not allowed, 400 for other failures. Granular token permission:
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
            sudo: Act as this user (ID or username) for this call; ``None`` disables the client's.
            timeout: Timeout for this call, overriding the client's.
        """
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
        return await _user_runners_create.asyncio(body=body, client=self._api(sudo, timeout))


class UserRunnersResourceWithRawResponse(BaseResource):
    """Operations tagged ``user_runners`` in the OpenAPI document, returning Response objects (status, headers, parsed body)."""

    async def create(
        self,
        *,
        runner_type: RunnerType | Literal["group_type", "instance_type", "project_type"],
        group_id: int | Unset = UNSET,
        project_id: int | Unset = UNSET,
        description: str | Unset = UNSET,
        maintenance_note: str | Unset = UNSET,
        paused: bool | Unset = UNSET,
        locked: bool | Unset = UNSET,
        access_level: RunnerAccessLevel | Literal["not_protected", "ref_protected"] | Unset = UNSET,
        run_untagged: bool | Unset = UNSET,
        tag_list: Sequence[str] | Unset = UNSET,
        maximum_timeout: int | Unset = UNSET,
        token_expires_at: datetime.datetime | Unset = UNSET,
        token_rotation_deadline: datetime.datetime | Unset = UNSET,
        sudo: SudoArg = NOT_GIVEN,
        timeout: TimeoutArg = NOT_GIVEN,
    ) -> Response[RunnerRegistrationDetails]:
        """Create a runner linked to you.

        Creates a runner linked to the authenticated user and returns its authentication token
        (shown only once). The token needs the `create_runner` scope. `instance_type` needs an
        administrator; `group_type` and `project_type` need the Owner role (or an administrator)
        on the group or project, and require `group_id` or `project_id`. 403 with the service
        message when not allowed, 400 for other failures. Granular token permission:
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
            sudo: Act as this user (ID or username) for this call; ``None`` disables the client's.
            timeout: Timeout for this call, overriding the client's.
        """
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
        return await _user_runners_create.asyncio_detailed(
            body=body, client=self._api(sudo, timeout)
        )
