"""A personal access token, without its value. (generated; do not edit)."""

import datetime

from ..._contract.models import ApiModel


class PersonalAccessToken(ApiModel):
    """A personal access token, without its value."""

    id: int
    """Token ID."""
    name: str
    """Token name."""
    revoked: bool
    """Whether the token was revoked."""
    scopes: list[str]
    """Scopes of the token (empty for granular tokens)."""
    active: bool
    """Whether the token is usable (not revoked and not expired)."""
    created_at: datetime.datetime | None = None
    """Creation time."""
    description: None | str = None
    """Token description."""
    user_id: int | None = None
    """ID of the user the token belongs to."""
    last_used_at: datetime.datetime | None = None
    """Last time the token was used."""
    last_used_ips: list[str] | None = None
    """Up to five most recent unique IP addresses that used the token. Not sent by every
    version (feature flag before 19.4)."""
    granular_scopes: "list[PersonalAccessTokenGranularScope] | None" = None
    """Fine-grained scopes. Only sent for granular tokens when the server renders them."""
    granular: bool | None = None
    """Whether the token uses fine-grained (granular) scopes."""
    expires_at: datetime.date | None = None
    """Expiry date (YYYY-MM-DD)."""


# Imported last so that models referring to each other can be imported in any order.
from ..models.personal_access_token_granular_scope import PersonalAccessTokenGranularScope  # noqa: E402, F401
