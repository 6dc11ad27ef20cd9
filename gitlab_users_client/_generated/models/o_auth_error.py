"""An OAuth-style token error from the API guard. (generated; do not edit)."""

from ..._contract.models import ApiModel


class OAuthError(ApiModel):
    """An OAuth-style token error from the API guard."""

    error: str
    """Error code, for example `invalid_token` or `insufficient_scope`."""
    error_description: str
    """Human-readable description."""
    scope: str | None = None
    """Scopes required (with `insufficient_scope`)."""
