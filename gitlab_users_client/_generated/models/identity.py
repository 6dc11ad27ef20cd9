"""An external authentication identity of a user. (generated; do not edit)."""

from ..._contract.models import ApiModel


class Identity(ApiModel):
    """An external authentication identity of a user."""

    provider: str
    """Provider name, for example `github`, `google_oauth2`, `saml` or `ldapmain`."""
    extern_uid: str
    """The user's ID at the provider."""
    saml_provider_id: int | None = None
    """EE only. ID of the group SAML provider."""
