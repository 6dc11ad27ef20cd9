"""The nested error. (generated; do not edit)."""

from ..._contract.models import ApiModel


class NestedErrorMessageBody(ApiModel):
    """The nested error."""

    error: str
    """The error text."""
