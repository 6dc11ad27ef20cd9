"""Messages per field. (generated; do not edit)."""

from pydantic import Field

from ..._contract.models import ApiModel


class ValidationErrors(ApiModel):
    """Messages per field."""

    __pydantic_extra__: dict[str, list[str]] = Field(init=False)
