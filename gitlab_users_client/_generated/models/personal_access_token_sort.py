"""Enum ``PersonalAccessTokenSort`` (generated; do not edit)."""

from __future__ import annotations

from enum import StrEnum


class PersonalAccessTokenSort(StrEnum):
    """Values GitLab documents. The enum is open: an unknown value from the server
    becomes a pseudo-member instead of failing validation (GitLab adds states over time).
    """

    CREATED_ASC = "created_asc"
    CREATED_AT_ASC = "created_at_asc"
    CREATED_AT_DESC = "created_at_desc"
    CREATED_DATE = "created_date"
    CREATED_DESC = "created_desc"
    EXPIRES_ASC = "expires_asc"
    EXPIRES_AT_ASC_ID_DESC = "expires_at_asc_id_desc"
    EXPIRES_DESC = "expires_desc"
    ID_ASC = "id_asc"
    ID_DESC = "id_desc"
    LAST_USED_ASC = "last_used_asc"
    LAST_USED_DESC = "last_used_desc"
    NAME_ASC = "name_asc"
    NAME_DESC = "name_desc"
    UPDATED_ASC = "updated_asc"
    UPDATED_AT_ASC = "updated_at_asc"
    UPDATED_AT_DESC = "updated_at_desc"
    UPDATED_DESC = "updated_desc"

    @classmethod
    def _missing_(cls, value: object) -> PersonalAccessTokenSort | None:
        if not isinstance(value, str):
            return None
        member = str.__new__(cls, value)
        member._name_ = value.upper()
        member._value_ = value
        return member

    def __str__(self) -> str:
        return str(self.value)
