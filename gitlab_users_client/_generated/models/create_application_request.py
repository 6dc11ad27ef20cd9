"""A new OAuth application of the current user. (generated; do not edit)."""

from typing import Any, ClassVar

from pydantic import ConfigDict, model_validator

from ..._contract.models import ApiModel, prepare_request


class CreateApplicationRequest(ApiModel):
    """A new OAuth application of the current user."""

    # A request body: no silent coercion ("5" for an int), documented enum values only.
    model_config: ClassVar[ConfigDict] = ConfigDict(strict=True)

    @model_validator(mode="before")
    @classmethod
    def _prepare(cls, data: Any) -> Any:
        return prepare_request(cls, data)

    name: str
    """Name of the application."""
    redirect_uri: str
    """Redirect URI of the application (several URIs one per line)."""
    scopes: str
    """Scopes the application may request, separated by spaces, for example `api read_user`.
    May not be blank."""
    confidential: bool | None = None
    """Whether the application can keep its secret confidential (server default true); false
    for native and single-page apps."""
