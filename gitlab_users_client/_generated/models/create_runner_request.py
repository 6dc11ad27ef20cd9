"""A new runner. `group_id` is required when `runner_type` is `group_type`; `project_id` is
required when it is `project_type`. (generated; do not edit)."""

import datetime
from typing import Any, ClassVar, Self

from pydantic import ConfigDict, model_validator

from ..._contract.models import ApiModel, check_rules, prepare_request
from ..models.runner_access_level import RunnerAccessLevel  # noqa: F401
from ..models.runner_type import RunnerType  # noqa: F401


class CreateRunnerRequest(ApiModel):
    """A new runner. `group_id` is required when `runner_type` is `group_type`; `project_id` is
    required when it is `project_type`.
    """

    # A request body: no silent coercion ("5" for an int), documented enum values only.
    model_config: ClassVar[ConfigDict] = ConfigDict(strict=True)

    @model_validator(mode="before")
    @classmethod
    def _prepare(cls, data: Any) -> Any:
        return prepare_request(cls, data)

    runner_type: RunnerType
    """Scope of a runner."""
    group_id: int | None = None
    """Group to create the runner in (required for `group_type`)."""
    project_id: int | None = None
    """Project to create the runner in (required for `project_type`)."""
    description: str | None = None
    """Runner description."""
    maintenance_note: str | None = None
    """Free-form maintenance notes (at most 1024 characters)."""
    paused: bool | None = None
    """Whether the runner ignores new jobs."""
    locked: bool | None = None
    """Whether the runner is locked to the current project. Server default false."""
    access_level: RunnerAccessLevel | None = None
    """Whether a runner only runs jobs for protected refs."""
    run_untagged: bool | None = None
    """Whether the runner picks up untagged jobs. Server default true."""
    tag_list: list[str] | None = None
    """Runner tags."""
    maximum_timeout: int | None = None
    """Maximum job timeout in seconds."""
    token_expires_at: datetime.datetime | None = None
    """EE (Premium and Ultimate) only. When the runner token expires."""
    token_rotation_deadline: datetime.datetime | None = None
    """EE (Premium and Ultimate) only. Deadline for rotating the runner token."""

    @model_validator(mode="after")
    def _check_rules(self) -> Self:
        check_rules(
            self,
            required_when={
                "group_id": {"runner_type": "group_type"},
                "project_id": {"runner_type": "project_type"},
            },
        )
        return self
