"""A plain message, for example `{"message": "404 User Not Found"}`. (generated; do not edit)."""

from ..._contract.models import ApiModel


class ErrorMessage(ApiModel):
    """A plain message, for example `{"message": "404 User Not Found"}`."""

    message: str
    """The message."""
