"""The wiki page, for wiki events. (generated; do not edit)."""

from __future__ import annotations

from ..._runtime import ApiModel


class EventWikiPage(ApiModel):
    """The wiki page, for wiki events."""
