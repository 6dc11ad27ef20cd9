"""Preferences to change; at least one attribute must be sent. (generated; do not edit)."""

from typing import Any, ClassVar, Self

from pydantic import ConfigDict, model_validator

from ..._contract.models import ApiModel, check_rules, prepare_request


class UpdateUserPreferencesRequest(ApiModel):
    """Preferences to change; at least one attribute must be sent."""

    # A request body: no silent coercion ("5" for an int), documented enum values only.
    model_config: ClassVar[ConfigDict] = ConfigDict(strict=True)

    @model_validator(mode="before")
    @classmethod
    def _prepare(cls, data: Any) -> Any:
        return prepare_request(cls, data)

    view_diffs_file_by_file: bool | None = None
    """Show only one file diff per page."""
    show_whitespace_in_diffs: bool | None = None
    """Show whitespace changes in diffs."""
    pass_user_identities_to_ci_jwt: bool | None = None
    """Pass external identities to CI/CD ID tokens (internal to GitLab; not for third parties)."""
    policy_advanced_editor: bool | None = None
    """Use the advanced editor for security policies."""

    @model_validator(mode="after")
    def _check_rules(self) -> Self:
        check_rules(
            self,
            at_least_one_of=[
                [
                    "view_diffs_file_by_file",
                    "show_whitespace_in_diffs",
                    "pass_user_identities_to_ci_jwt",
                    "policy_advanced_editor",
                ]
            ],
        )
        return self
