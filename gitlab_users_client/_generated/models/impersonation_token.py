"""An impersonation token, without its value. (generated; do not edit)."""

from ..models.personal_access_token import PersonalAccessToken


class ImpersonationToken(PersonalAccessToken):
    """An impersonation token, without its value."""

    impersonation: bool
    """Always true for impersonation tokens."""


# Imported last so that models referring to each other can be imported in any order.
from ..models.personal_access_token_granular_scope import PersonalAccessTokenGranularScope  # noqa: E402, F401
