"""A new GPG key. (generated; do not edit)."""

from __future__ import annotations

from ..types import ApiModel


class CreateGpgKeyRequest(ApiModel):
    """A new GPG key."""

    key: str
    """The ASCII-armored public key."""
