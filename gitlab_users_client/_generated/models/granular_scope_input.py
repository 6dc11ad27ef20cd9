"""One fine-grained scope requested for a new token. `project_ids` and `group_ids` apply when
`access` is `selected_memberships`; every referenced project or group must be one the caller
belongs to (404 otherwise). (generated; do not edit)."""

from ..._contract.models import ApiModel


class GranularScopeInput(ApiModel):
    """One fine-grained scope requested for a new token. `project_ids` and `group_ids` apply when
    `access` is `selected_memberships`; every referenced project or group must be one the caller
    belongs to (404 otherwise).
    """

    access: str
    """Access level, one of GitLab's granular access levels (for example `selected_memberships`
    or `personal_projects`; the list may grow)."""
    permissions: list[str]
    """Permission names to grant."""
    project_ids: list[int] | None = None
    """Project IDs (with `selected_memberships`)."""
    group_ids: list[int] | None = None
    """Group IDs (with `selected_memberships`)."""
