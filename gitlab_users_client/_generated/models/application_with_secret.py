"""A newly created OAuth application, including its secret (returned only once). (generated; do not edit)."""

from pydantic import Field

from ..models.application import Application


class ApplicationWithSecret(Application):
    """A newly created OAuth application, including its secret (returned only once)."""

    secret: str = Field(repr=False)
    """The OAuth client secret."""
