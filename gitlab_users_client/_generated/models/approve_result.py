"""The approval service's result hash, serialized as-is (the docs show `{"message": "Success"}`;
other keys may appear). (generated; do not edit)."""

from ..._contract.models import ApiModel


class ApproveResult(ApiModel):
    """The approval service's result hash, serialized as-is (the docs show `{"message":
    "Success"}`; other keys may appear).
    """

    message: str | None = None
    """Result message, for example `Success`."""
