"""A new SSH key. (generated; do not edit)."""

from __future__ import annotations

import datetime

from ..models.ssh_key_usage_type import SshKeyUsageType  # noqa: F401
from ..types import ApiModel


class CreateSshKeyRequest(ApiModel):
    """A new SSH key."""

    key: str
    """The public key in OpenSSH format."""
    title: str
    """Title of the key."""
    expires_at: datetime.datetime | None = None
    """Expiry time (ISO 8601)."""
    usage_type: SshKeyUsageType | None = None
    """What an SSH key may be used for."""
