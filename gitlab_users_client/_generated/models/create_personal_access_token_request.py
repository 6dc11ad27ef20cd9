"""A new personal access token for a given user (administrators). (generated; do not edit)."""

from __future__ import annotations

import datetime

from ..types import ApiModel


class CreatePersonalAccessTokenRequest(ApiModel):
    """A new personal access token for a given user (administrators)."""

    name: str
    """Token name."""
    scopes: list[str]
    """Scopes; each must be a scope GitLab knows, for example `api` or `read_user`."""
    description: str | None = None
    """Token description."""
    expires_at: datetime.date | None = None
    """Expiry date (YYYY-MM-DD). Server default the instance maximum lifetime."""
