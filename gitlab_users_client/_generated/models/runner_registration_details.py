"""A new runner's ID and authentication token (Ci::RunnerRegistrationDetails). (generated; do not edit)."""

import datetime

from pydantic import Field

from ..._contract.models import ApiModel


class RunnerRegistrationDetails(ApiModel):
    """A new runner's ID and authentication token (Ci::RunnerRegistrationDetails)."""

    id: int
    """Runner ID."""
    token: str = Field(repr=False)
    """Runner authentication token (`glrt-...`), returned only once."""
    token_expires_at: datetime.datetime | None
    """When the token expires, if ever."""
