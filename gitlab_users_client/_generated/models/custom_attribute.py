"""A custom attribute (key/value pair set by an administrator). (generated; do not edit)."""

from ..._contract.models import ApiModel


class CustomAttribute(ApiModel):
    """A custom attribute (key/value pair set by an administrator)."""

    key: str
    """Attribute key."""
    value: str
    """Attribute value."""
