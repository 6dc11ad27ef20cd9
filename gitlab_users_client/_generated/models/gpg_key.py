"""A GPG key. (generated; do not edit)."""

import datetime

from ..._contract.models import ApiModel


class GpgKey(ApiModel):
    """A GPG key."""

    id: int
    """Key ID."""
    key: str
    """The ASCII-armored public key."""
    created_at: datetime.datetime
    """Creation time."""
