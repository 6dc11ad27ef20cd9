"""A new SSH key. (generated; do not edit)."""

import datetime
from typing import Any, ClassVar

from pydantic import ConfigDict, model_validator

from ..._contract.models import ApiModel, prepare_request
from ..models.ssh_key_usage_type import SshKeyUsageType  # noqa: F401


class CreateSshKeyRequest(ApiModel):
    """A new SSH key."""

    # A request body: no silent coercion ("5" for an int), documented enum values only.
    model_config: ClassVar[ConfigDict] = ConfigDict(strict=True)

    @model_validator(mode="before")
    @classmethod
    def _prepare(cls, data: Any) -> Any:
        return prepare_request(cls, data)

    key: str
    """The public key in OpenSSH format."""
    title: str
    """Title of the key."""
    expires_at: datetime.datetime | None = None
    """Expiry time (ISO 8601)."""
    usage_type: SshKeyUsageType | None = None
    """What an SSH key may be used for."""
