"""A nested error, for example application rate limits: `{"message": {"error": "This endpoint has
been requested too many times. Try again later."}}`. (generated; do not edit)."""

from ..._contract.models import ApiModel


class NestedErrorMessage(ApiModel):
    """A nested error, for example application rate limits: `{"message": {"error": "This endpoint
    has been requested too many times. Try again later."}}`.
    """

    message: "NestedErrorMessageBody"
    """The nested error."""


# Imported last so that models referring to each other can be imported in any order.
from ..models.nested_error_message_body import NestedErrorMessageBody  # noqa: E402, F401
