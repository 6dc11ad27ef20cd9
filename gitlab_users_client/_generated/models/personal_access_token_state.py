"""Enum ``PersonalAccessTokenState`` (generated; do not edit)."""

from __future__ import annotations

from enum import StrEnum


class PersonalAccessTokenState(StrEnum):
    """Values GitLab documents. The enum is open: an unknown value from the server
    becomes a pseudo-member instead of failing validation (GitLab adds states over time).
    """

    ACTIVE = "active"
    INACTIVE = "inactive"

    @classmethod
    def _missing_(cls, value: object) -> PersonalAccessTokenState | None:
        if not isinstance(value, str):
            return None
        member = str.__new__(cls, value)
        member._name_ = value.upper()
        member._value_ = value
        return member

    def __str__(self) -> str:
        return str(self.value)
