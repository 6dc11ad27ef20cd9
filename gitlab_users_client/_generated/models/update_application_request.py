"""New name or scopes of an OAuth application. (generated; do not edit)."""

from typing import Any, ClassVar

from pydantic import ConfigDict, model_validator

from ..._contract.models import ApiModel, prepare_request


class UpdateApplicationRequest(ApiModel):
    """New name or scopes of an OAuth application."""

    # A request body: no silent coercion ("5" for an int), documented enum values only.
    model_config: ClassVar[ConfigDict] = ConfigDict(strict=True)

    @model_validator(mode="before")
    @classmethod
    def _prepare(cls, data: Any) -> Any:
        return prepare_request(cls, data)

    name: str | None = None
    """Name of the application."""
    scopes: str | None = None
    """Scopes the application may request, separated by spaces. May not be blank."""
