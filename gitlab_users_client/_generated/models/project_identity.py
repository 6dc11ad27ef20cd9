"""Minimal project identity (Entities::ProjectIdentity). (generated; do not edit)."""

import datetime

from ..._contract.models import ApiModel


class ProjectIdentity(ApiModel):
    """Minimal project identity (Entities::ProjectIdentity)."""

    id: int
    """Project ID."""
    name: str
    """Project name."""
    name_with_namespace: str
    """Name including the namespace, for example `John Doe / project1`."""
    path: str
    """Project path."""
    path_with_namespace: str
    """Full path, for example `namespace1/project1`."""
    created_at: datetime.datetime
    """Creation time."""
    description: None | str = None
    """Project description."""
