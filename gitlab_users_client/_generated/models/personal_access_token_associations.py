"""The groups and projects a personal access token reaches
(Entities::PersonalAccessTokenAssociations). (generated; do not edit)."""

from ..._contract.models import ApiModel


class PersonalAccessTokenAssociations(ApiModel):
    """The groups and projects a personal access token reaches
    (Entities::PersonalAccessTokenAssociations).
    """

    groups: "list[GroupAssociationDetails]"
    """Groups the token's user is a member of."""
    projects: "list[ProjectAssociationDetails]"
    """Projects the token's user is a member of."""


# Imported last so that models referring to each other can be imported in any order.
from ..models.group_association_details import GroupAssociationDetails  # noqa: E402, F401
from ..models.project_association_details import ProjectAssociationDetails  # noqa: E402, F401
