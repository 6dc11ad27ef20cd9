"""The wiki page, for wiki events. (generated; do not edit)."""

from ..._contract.models import ApiModel


class EventWikiPage(ApiModel):
    """The wiki page, for wiki events."""
