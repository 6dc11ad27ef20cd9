"""The nested error. (generated; do not edit)."""

from __future__ import annotations

from gitlab_users_client._runtime import ApiModel


class NestedErrorMessageBody(ApiModel):
    """The nested error."""

    error: str
    """The error text."""
