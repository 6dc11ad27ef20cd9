"""An OAuth application, without its secret. (generated; do not edit)."""

from ..._contract.models import ApiModel


class Application(ApiModel):
    """An OAuth application, without its secret."""

    id: int
    """ID of the application record (used in the URLs)."""
    application_id: str
    """The OAuth client ID (`uid`)."""
    application_name: str
    """Name of the application."""
    callback_url: str
    """The redirect URI(s), one per line."""
    confidential: bool
    """Whether the application can keep its secret confidential."""
