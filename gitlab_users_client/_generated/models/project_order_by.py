"""Enum ``ProjectOrderBy`` (generated; do not edit)."""

from __future__ import annotations

from enum import StrEnum


class ProjectOrderBy(StrEnum):
    """Values GitLab documents. The enum is open: an unknown value from the server
    becomes a pseudo-member instead of failing validation (GitLab adds states over time).
    """

    CREATED_AT = "created_at"
    ID = "id"
    LAST_ACTIVITY_AT = "last_activity_at"
    NAME = "name"
    PACKAGES_SIZE = "packages_size"
    PATH = "path"
    REPOSITORY_SIZE = "repository_size"
    SIMILARITY = "similarity"
    STAR_COUNT = "star_count"
    STORAGE_SIZE = "storage_size"
    UPDATED_AT = "updated_at"
    WIKI_SIZE = "wiki_size"

    @classmethod
    def _missing_(cls, value: object) -> ProjectOrderBy | None:
        if not isinstance(value, str):
            return None
        member = str.__new__(cls, value)
        member._name_ = value.upper()
        member._value_ = value
        return member

    def __str__(self) -> str:
        return str(self.value)
