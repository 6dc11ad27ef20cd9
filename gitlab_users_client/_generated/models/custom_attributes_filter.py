"""Custom attribute filter, sent as deepObject query pairs `custom_attributes[key]=value`; every
pair must match. (generated; do not edit)."""

from pydantic import Field

from ..._contract.models import ApiModel


class CustomAttributesFilter(ApiModel):
    """Custom attribute filter, sent as deepObject query pairs `custom_attributes[key]=value`;
    every pair must match.
    """

    __pydantic_extra__: dict[str, str] = Field(init=False)
