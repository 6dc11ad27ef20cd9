"""The reject service's result, serialized as a message (`{"message": "Success"}`). (generated; do not edit)."""

from ..._contract.models import ApiModel


class RejectResult(ApiModel):
    """The reject service's result, serialized as a message (`{"message": "Success"}`)."""

    message: str | None = None
    """Result message, for example `Success`."""
