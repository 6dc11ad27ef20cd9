"""A new secondary email address for a given user (administrators). (generated; do not edit)."""

from typing import Any, ClassVar

from pydantic import ConfigDict, model_validator

from ..._contract.models import ApiModel, prepare_request


class CreateEmailRequest(ApiModel):
    """A new secondary email address for a given user (administrators)."""

    # A request body: no silent coercion ("5" for an int), documented enum values only.
    model_config: ClassVar[ConfigDict] = ConfigDict(strict=True)

    @model_validator(mode="before")
    @classmethod
    def _prepare(cls, data: Any) -> Any:
        return prepare_request(cls, data)

    email: str
    """The email address."""
    skip_confirmation: bool | None = None
    """Treat the address as confirmed without sending a confirmation email. Server default
    false."""
