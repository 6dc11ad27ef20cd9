"""A new personal access token for the current user. Exactly one of `scopes` and `granular_scopes`
must be sent. (generated; do not edit)."""

import datetime
from typing import Any, ClassVar, Self

from pydantic import ConfigDict, model_validator

from ..._contract.models import ApiModel, check_rules, prepare_request
from ..models.own_personal_access_token_scope import OwnPersonalAccessTokenScope  # noqa: F401


class CreateOwnPersonalAccessTokenRequest(ApiModel):
    """A new personal access token for the current user. Exactly one of `scopes` and
    `granular_scopes` must be sent.
    """

    # A request body: no silent coercion ("5" for an int), documented enum values only.
    model_config: ClassVar[ConfigDict] = ConfigDict(strict=True)

    @model_validator(mode="before")
    @classmethod
    def _prepare(cls, data: Any) -> Any:
        return prepare_request(cls, data)

    name: str
    """Token name."""
    description: str | None = None
    """Token description."""
    expires_at: datetime.date | None = None
    """Expiry date (YYYY-MM-DD)."""
    scopes: list[OwnPersonalAccessTokenScope] | None = None
    """Scopes; only `k8s_proxy` and `self_rotate` are allowed here."""
    granular_scopes: "list[GranularScopeInput] | None" = None
    """Fine-grained scopes (needs the `granular_personal_access_tokens` feature flag, 404
    otherwise)."""

    @model_validator(mode="after")
    def _check_rules(self) -> Self:
        check_rules(
            self,
            at_least_one_of=[["scopes", "granular_scopes"]],
            mutually_exclusive=[["scopes", "granular_scopes"]],
        )
        return self


# Imported last so that models referring to each other can be imported in any order.
from ..models.granular_scope_input import GranularScopeInput  # noqa: E402, F401
