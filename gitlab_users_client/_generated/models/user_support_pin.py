"""A Support PIN. (generated; do not edit)."""

import datetime

from pydantic import Field

from ..._contract.models import ApiModel


class UserSupportPin(ApiModel):
    """A Support PIN."""

    pin: str = Field(repr=False)
    """The PIN (six digits)."""
    expires_at: datetime.datetime
    """When the PIN expires."""
