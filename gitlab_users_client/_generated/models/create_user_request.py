"""Attributes of a new user. At least one of `password`, `reset_password` and
`force_random_password` must be sent; when both `reset_password` and `force_random_password` are
false, `password` is required, and those two take priority over `password`. `extern_uid` and
`provider` must be sent together. To upload an avatar use the multipart form instead. (generated; do not edit)."""

from typing import Any, ClassVar, Self

from pydantic import ConfigDict, Field, model_validator

from ..._contract.models import ApiModel, check_rules, prepare_request


class CreateUserRequest(ApiModel):
    """Attributes of a new user. At least one of `password`, `reset_password` and
    `force_random_password` must be sent; when both `reset_password` and `force_random_password`
    are false, `password` is required, and those two take priority over `password`. `extern_uid`
    and `provider` must be sent together. To upload an avatar use the multipart form instead.
    """

    # A request body: no silent coercion ("5" for an int), documented enum values only.
    model_config: ClassVar[ConfigDict] = ConfigDict(strict=True)

    @model_validator(mode="before")
    @classmethod
    def _prepare(cls, data: Any) -> Any:
        return prepare_request(cls, data)

    email: str
    """Primary email address."""
    name: str
    """Display name."""
    username: str
    """Username."""
    password: str | None = Field(default=None, repr=False)
    """Password, 8 to 128 characters. Weak passwords (well-known ones, or ones containing the
    user's name, username or email) are rejected with 400 `must not contain commonly used
    combinations of words and letters`."""
    reset_password: bool | None = None
    """Send the user a password reset link."""
    force_random_password: bool | None = None
    """Set a random password."""
    skip_confirmation: bool | None = None
    """Mark the email as confirmed without sending a confirmation email."""
    linkedin: str | None = None
    """LinkedIn username."""
    twitter: str | None = None
    """X (formerly Twitter) account."""
    discord: str | None = None
    """Discord user ID."""
    website_url: str | None = None
    """Website URL."""
    github: str | None = None
    """GitHub username."""
    organization: None | str = None
    """Organization name (stored as the user's company). An empty string (or null) clears it."""
    projects_limit: int | None = None
    """Number of personal projects the user may create."""
    extern_uid: str | None = None
    """External authentication provider UID. Send together with `provider`."""
    provider: str | None = None
    """External authentication provider name. Send together with `extern_uid`."""
    bio: str | None = None
    """Biography."""
    location: str | None = None
    """Location."""
    pronouns: str | None = None
    """Pronouns."""
    public_email: str | None = None
    """Public email; must be an already verified email of the user."""
    commit_email: str | None = None
    """Commit email; `_private` selects the private commit email."""
    admin: bool | None = None
    """Make the user an administrator. Server default false on creation."""
    can_create_group: bool | None = None
    """Whether the user may create top-level groups."""
    external: bool | None = None
    """Mark the user as external. Server default false on creation."""
    theme_id: int | None = None
    """GitLab UI theme ID; an ID GitLab does not know is rejected (400)."""
    color_scheme_id: int | None = None
    """Syntax highlighting color scheme ID; an unknown ID is rejected (400)."""
    private_profile: bool | None = None
    """Whether the profile is private. An explicit null means the instance default."""
    note: str | None = None
    """Administrator note about the user."""
    view_diffs_file_by_file: bool | None = None
    """Show only one file diff per page."""
    policy_advanced_editor: bool | None = None
    """Use the advanced editor for security policies."""
    shared_runners_minutes_limit: int | None = None
    """EE (Premium and Ultimate) only. Monthly compute minutes for the user; 0 means unlimited."""
    extra_shared_runners_minutes_limit: int | None = None
    """EE (Premium and Ultimate) only. Additional compute minutes for the user."""
    group_id_for_saml: int | None = None
    """EE only. ID of the group whose SAML provider the identity belongs to."""
    auditor: bool | None = None
    """EE (Premium and Ultimate) only. Make the user an auditor."""

    @model_validator(mode="after")
    def _check_rules(self) -> Self:
        check_rules(
            self,
            requires_together=[["extern_uid", "provider"]],
            at_least_one_of=[["password", "reset_password", "force_random_password"]],
        )
        return self
