"""Custom attribute filter, sent as deepObject query pairs `custom_attributes[key]=value`; every
pair must match. (generated; do not edit)."""

from __future__ import annotations

from gitlab_users_client._runtime import ApiModel


class CustomAttributesFilter(ApiModel):
    """Custom attribute filter, sent as deepObject query pairs `custom_attributes[key]=value`;
    every pair must match.
    """
