"""Enum ``UserOrderBy`` (generated; do not edit)."""

from __future__ import annotations

from enum import StrEnum


class UserOrderBy(StrEnum):
    """Values GitLab documents. The enum is open: an unknown value from the server
    becomes a pseudo-member instead of failing validation (GitLab adds states over time).
    """

    CREATED_AT = "created_at"
    ID = "id"
    NAME = "name"
    UPDATED_AT = "updated_at"
    USERNAME = "username"

    @classmethod
    def _missing_(cls, value: object) -> UserOrderBy | None:
        if not isinstance(value, str):
            return None
        member = str.__new__(cls, value)
        member._name_ = value.upper()
        member._value_ = value
        return member

    def __str__(self) -> str:
        return str(self.value)
