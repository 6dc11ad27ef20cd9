"""A credit card validation record (deprecated internal billing hook). (generated; do not edit)."""

import datetime
from typing import Any, ClassVar

from pydantic import ConfigDict, model_validator

from ..._contract.models import ApiModel, prepare_request


class UpdateCreditCardValidationRequest(ApiModel):
    """A credit card validation record (deprecated internal billing hook)."""

    # A request body: no silent coercion ("5" for an int), documented enum values only.
    model_config: ClassVar[ConfigDict] = ConfigDict(strict=True)

    @model_validator(mode="before")
    @classmethod
    def _prepare(cls, data: Any) -> Any:
        return prepare_request(cls, data)

    credit_card_validated_at: datetime.datetime
    """When the card was validated."""
    credit_card_expiration_month: int
    """Expiry month of the card."""
    credit_card_expiration_year: int
    """Expiry year of the card."""
    credit_card_holder_name: str
    """Card holder name."""
    credit_card_mask_number: str
    """Last digits of the card number."""
    credit_card_type: str
    """Card type, for example `visa`."""
    zuora_payment_method_xid: str | None = None
    """Zuora payment method ID."""
    stripe_setup_intent_xid: str | None = None
    """Stripe setup intent ID."""
    stripe_payment_method_xid: str | None = None
    """Stripe payment method ID."""
    stripe_card_fingerprint: str | None = None
    """Stripe card fingerprint."""
