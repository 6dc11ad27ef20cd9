"""Preferences of a user. (generated; do not edit)."""

from ..._contract.models import ApiModel


class UserPreferences(ApiModel):
    """Preferences of a user."""

    id: int
    """ID of the preferences record."""
    user_id: int
    """ID of the user."""
    view_diffs_file_by_file: bool | None = None
    """Show only one file diff per page."""
    show_whitespace_in_diffs: bool | None = None
    """Show whitespace changes in diffs."""
    pass_user_identities_to_ci_jwt: bool | None = None
    """Pass the user's external identities to CI/CD ID tokens (internal to GitLab)."""
    policy_advanced_editor: bool | None = None
    """Use the advanced editor for security policies."""
