"""Enum ``ClearStatusAfter`` (generated; do not edit)."""

from __future__ import annotations

from enum import StrEnum


class ClearStatusAfter(StrEnum):
    """Values GitLab documents. The enum is open: an unknown value from the server
    becomes a pseudo-member instead of failing validation (GitLab adds states over time).
    """

    VALUE_0 = "30_minutes"
    VALUE_1 = "3_hours"
    VALUE_2 = "8_hours"
    VALUE_3 = "1_day"
    VALUE_4 = "3_days"
    VALUE_5 = "7_days"
    VALUE_6 = "30_days"

    @classmethod
    def _missing_(cls, value: object) -> ClearStatusAfter | None:
        if not isinstance(value, str):
            return None
        member = str.__new__(cls, value)
        member._name_ = value.upper()
        member._value_ = value
        return member

    def __str__(self) -> str:
        return str(self.value)
