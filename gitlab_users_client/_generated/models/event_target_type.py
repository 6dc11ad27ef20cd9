"""Enum ``EventTargetType`` (generated; do not edit)."""

from __future__ import annotations

from enum import StrEnum


class EventTargetType(StrEnum):
    """Values GitLab documents. The enum is open: an unknown value from the server
    becomes a pseudo-member instead of failing validation (GitLab adds states over time).
    """

    EPIC = "epic"
    ISSUE = "issue"
    MERGE_REQUEST = "merge_request"
    MILESTONE = "milestone"
    NOTE = "note"
    PROJECT = "project"
    SNIPPET = "snippet"
    USER = "user"

    @classmethod
    def _missing_(cls, value: object) -> EventTargetType | None:
        if not isinstance(value, str):
            return None
        member = str.__new__(cls, value)
        member._name_ = value.upper()
        member._value_ = value
        return member

    def __str__(self) -> str:
        return str(self.value)
