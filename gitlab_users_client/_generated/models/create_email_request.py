"""A new secondary email address for a given user (administrators). (generated; do not edit)."""

from __future__ import annotations

from ..types import ApiModel


class CreateEmailRequest(ApiModel):
    """A new secondary email address for a given user (administrators)."""

    email: str
    """The email address."""
    skip_confirmation: bool | None = None
    """Treat the address as confirmed without sending a confirmation email. Server default
    false."""
