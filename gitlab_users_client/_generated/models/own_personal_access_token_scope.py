"""Enum ``OwnPersonalAccessTokenScope`` (generated; do not edit)."""

from __future__ import annotations

from enum import StrEnum


class OwnPersonalAccessTokenScope(StrEnum):
    """Values GitLab documents. The enum is open: an unknown value from the server
    becomes a pseudo-member instead of failing validation (GitLab adds states over time).
    """

    K8S_PROXY = "k8s_proxy"
    SELF_ROTATE = "self_rotate"

    @classmethod
    def _missing_(cls, value: object) -> OwnPersonalAccessTokenScope | None:
        if not isinstance(value, str):
            return None
        member = str.__new__(cls, value)
        member._name_ = value.upper()
        member._value_ = value
        return member

    def __str__(self) -> str:
        return str(self.value)
