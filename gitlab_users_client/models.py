"""Every model and enum of the Users API (pydantic v2), imported on first use.

from gitlab_users_client.models import UserWithAdmin, UserBasic
"""

from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from ._generated.models import *  # noqa: F403

from ._generated import models as _models

__all__ = _models.__all__


def __getattr__(name: str) -> Any:
    return getattr(_models, name)


def __dir__() -> list[str]:
    return list(__all__)
