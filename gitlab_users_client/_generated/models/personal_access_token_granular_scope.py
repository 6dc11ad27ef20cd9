"""One fine-grained scope of a granular token. (generated; do not edit)."""

from ..._contract.models import ApiModel


class PersonalAccessTokenGranularScope(ApiModel):
    """One fine-grained scope of a granular token."""

    access: str
    """Access level, for example `personal_projects` or `selected_memberships`."""
    permissions: list[str]
    """Permission names granted."""
    project_id: int | None = None
    """Project the scope is limited to, if any."""
    group_id: int | None = None
    """Group the scope is limited to, if any."""
