"""A newly created impersonation token, including its value (returned only once). (generated; do not edit)."""

from pydantic import Field

from ..models.impersonation_token import ImpersonationToken


class ImpersonationTokenWithToken(ImpersonationToken):
    """A newly created impersonation token, including its value (returned only once)."""

    token: str = Field(repr=False)
    """The token value."""


# Imported last so that models referring to each other can be imported in any order.
from ..models.personal_access_token_granular_scope import PersonalAccessTokenGranularScope  # noqa: E402, F401
