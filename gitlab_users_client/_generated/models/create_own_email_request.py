"""A new secondary email address for the current user. (generated; do not edit)."""

from __future__ import annotations

from ..types import ApiModel


class CreateOwnEmailRequest(ApiModel):
    """A new secondary email address for the current user."""

    email: str
    """The email address."""
