"""A project deploy key (an SSH key with fingerprints). (generated; do not edit)."""

from ..models.ssh_key import SshKey
from ..models.ssh_key_usage_type import SshKeyUsageType  # noqa: F401


class DeployKey(SshKey):
    """A project deploy key (an SSH key with fingerprints)."""

    fingerprint_sha256: str
    """SHA256 fingerprint."""
    fingerprint: str | None = None
    """MD5 fingerprint. Only sent when the key has one."""
    projects_with_write_access: "list[ProjectIdentity] | None" = None
    """Projects where the key can push. Only sent when the server asks for it."""
    projects_with_readonly_access: "list[ProjectIdentity] | None" = None
    """Projects where the key can only read. Only sent when the server asks for it."""


# Imported last so that models referring to each other can be imported in any order.
from ..models.project_identity import ProjectIdentity  # noqa: E402, F401
