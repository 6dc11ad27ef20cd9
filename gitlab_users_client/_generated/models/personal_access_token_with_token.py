"""A newly created personal access token, including its value (returned only once). (generated; do not edit)."""

from pydantic import Field

from ..models.personal_access_token import PersonalAccessToken


class PersonalAccessTokenWithToken(PersonalAccessToken):
    """A newly created personal access token, including its value (returned only once)."""

    token: str = Field(repr=False)
    """The token value."""


# Imported last so that models referring to each other can be imported in any order.
from ..models.personal_access_token_granular_scope import PersonalAccessTokenGranularScope  # noqa: E402, F401
