"""A contribution event (Entities::Event). Owned by the Events API. (generated; do not edit)."""

import datetime

from ..._contract.models import ApiModel


class Event(ApiModel):
    """A contribution event (Entities::Event). Owned by the Events API."""

    id: int
    """Event ID."""
    action_name: str
    """Action, for example `closed`, `pushed to` or `commented on`."""
    created_at: datetime.datetime
    """Creation time."""
    project_id: int | None = None
    """Project ID, if the event belongs to a project."""
    target_id: int | None = None
    """ID of the target."""
    target_iid: int | None = None
    """Project-scoped ID of the target."""
    target_type: None | str = None
    """Class name of the target, for example `Issue`, `MergeRequest` or `DiffNote`."""
    author_id: int | None = None
    """ID of the author."""
    target_title: None | str = None
    """Title of the target."""
    note: "EventNote | None" = None
    """The note, for comment events."""
    author: "UserBasic | None" = None
    """User as seen in lists, as an author, follower or creator (Entities::UserBasic)."""
    wiki_page: "EventWikiPage | None" = None
    """The wiki page, for wiki events."""
    push_data: "EventPushData | None" = None
    """Push details (commit count, ref, commit range), for push events."""
    author_username: None | str = None
    """Username of the author."""
    imported: bool | None = None
    """Whether the event was imported. Newer versions only."""
    imported_from: str | None = None
    """Import source, for example `none`. Newer versions only."""


# Imported last so that models referring to each other can be imported in any order.
from ..models.event_note import EventNote  # noqa: E402, F401
from ..models.event_push_data import EventPushData  # noqa: E402, F401
from ..models.event_wiki_page import EventWikiPage  # noqa: E402, F401
from ..models.user_basic import UserBasic  # noqa: E402, F401
