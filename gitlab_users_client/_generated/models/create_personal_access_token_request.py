"""A new personal access token for a given user (administrators). (generated; do not edit)."""

import datetime
from typing import Any, ClassVar

from pydantic import ConfigDict, model_validator

from ..._contract.models import ApiModel, prepare_request


class CreatePersonalAccessTokenRequest(ApiModel):
    """A new personal access token for a given user (administrators)."""

    # A request body: no silent coercion ("5" for an int), documented enum values only.
    model_config: ClassVar[ConfigDict] = ConfigDict(strict=True)

    @model_validator(mode="before")
    @classmethod
    def _prepare(cls, data: Any) -> Any:
        return prepare_request(cls, data)

    name: str
    """Token name."""
    scopes: list[str]
    """Scopes; each must be a scope GitLab knows, for example `api` or `read_user`."""
    description: str | None = None
    """Token description."""
    expires_at: datetime.date | None = None
    """Expiry date (YYYY-MM-DD). Server default the instance maximum lifetime."""
