"""User with profile fields (Entities::User). (generated; do not edit)."""

import datetime

from ..models.user_basic import UserBasic
from ..models.user_state import UserState  # noqa: F401


class User(UserBasic):
    """User with profile fields (Entities::User)."""

    created_at: datetime.datetime | None = None
    """Creation time. Only sent when the viewer may read the user's profile."""
    bio: str | None = None
    """Biography (an empty string when none)."""
    location: None | str = None
    """Location."""
    linkedin: str | None = None
    """LinkedIn username (an empty string when none)."""
    twitter: str | None = None
    """X (Twitter) account (an empty string when none)."""
    discord: str | None = None
    """Discord user ID (an empty string when none)."""
    website_url: str | None = None
    """Website URL (an empty string when none)."""
    github: str | None = None
    """GitHub username (an empty string when none)."""
    job_title: str | None = None
    """Job title (an empty string when none)."""
    pronouns: None | str = None
    """Pronouns."""
    organization: None | str = None
    """Organization (the user's company)."""
    bot: bool | None = None
    """Whether the user is a bot."""
    work_information: None | str = None
    """Job title and organization combined."""
    followers: int | None = None
    """Number of followers. Only sent when the viewer may read the profile and following is
    allowed."""
    following: int | None = None
    """Number of followed users. Same condition as `followers`."""
    is_followed: bool | None = None
    """Whether the viewer follows this user. Same condition, and only for a signed-in viewer."""
    local_time: None | str = None
    """The user's local time, for example `3:38 PM`."""


# Imported last so that models referring to each other can be imported in any order.
from ..models.custom_attribute import CustomAttribute  # noqa: E402, F401
