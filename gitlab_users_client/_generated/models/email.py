"""A secondary email address. (generated; do not edit)."""

import datetime

from ..._contract.models import ApiModel


class Email(ApiModel):
    """A secondary email address."""

    id: int
    """ID of the email record."""
    email: str
    """The email address."""
    confirmed_at: datetime.datetime | None = None
    """When the address was confirmed; null while unconfirmed."""
