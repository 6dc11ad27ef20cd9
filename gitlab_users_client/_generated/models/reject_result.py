"""An opaque, entity-less serialization of the rejected user record. Do not rely on any key. (generated; do not edit)."""

from __future__ import annotations

from ..._runtime import ApiModel


class RejectResult(ApiModel):
    """An opaque, entity-less serialization of the rejected user record. Do not rely on any key."""
