"""A stored credit card validation (deprecated billing hook). (generated; do not edit)."""

import datetime

from ..._contract.models import ApiModel


class UserCreditCardValidations(ApiModel):
    """A stored credit card validation (deprecated billing hook)."""

    user_id: int
    """ID of the user."""
    credit_card_validated_at: datetime.datetime
    """When the card was validated."""
