"""The value of a custom attribute. (generated; do not edit)."""

from typing import Any, ClassVar

from pydantic import ConfigDict, model_validator

from ..._contract.models import ApiModel, prepare_request


class SetCustomAttributeRequest(ApiModel):
    """The value of a custom attribute."""

    # A request body: no silent coercion ("5" for an int), documented enum values only.
    model_config: ClassVar[ConfigDict] = ConfigDict(strict=True)

    @model_validator(mode="before")
    @classmethod
    def _prepare(cls, data: Any) -> Any:
        return prepare_request(cls, data)

    value: str
    """The value."""
