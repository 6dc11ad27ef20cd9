"""An SSH key (Entities::SSHKey). (generated; do not edit)."""

import datetime

from ..._contract.models import ApiModel
from ..models.ssh_key_usage_type import SshKeyUsageType  # noqa: F401


class SshKey(ApiModel):
    """An SSH key (Entities::SSHKey)."""

    id: int
    """Key ID."""
    title: str
    """Title."""
    key: str
    """The public key in OpenSSH format."""
    created_at: datetime.datetime | None = None
    """Creation time."""
    expires_at: datetime.datetime | None = None
    """Expiry time, if any."""
    last_used_at: datetime.datetime | None = None
    """Last time the key was used, if ever."""
    usage_type: SshKeyUsageType | None = None
    """What an SSH key may be used for."""
