"""Options of a token rotation. (generated; do not edit)."""

import datetime
from typing import Any, ClassVar

from pydantic import ConfigDict, model_validator

from ..._contract.models import ApiModel, prepare_request


class RotatePersonalAccessTokenRequest(ApiModel):
    """Options of a token rotation."""

    # A request body: no silent coercion ("5" for an int), documented enum values only.
    model_config: ClassVar[ConfigDict] = ConfigDict(strict=True)

    @model_validator(mode="before")
    @classmethod
    def _prepare(cls, data: Any) -> Any:
        return prepare_request(cls, data)

    expires_at: datetime.date | None = None
    """Expiry date of the new token (YYYY-MM-DD). Server default: one week from today. At most
    the instance's maximum token lifetime from today."""
