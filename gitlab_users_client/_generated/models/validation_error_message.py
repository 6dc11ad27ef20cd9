"""Model validation errors by field, for example `{"message": {"email": ["has already been
taken"]}}`. (generated; do not edit)."""

from ..._contract.models import ApiModel


class ValidationErrorMessage(ApiModel):
    """Model validation errors by field, for example `{"message": {"email": ["has already been
    taken"]}}`.
    """

    message: "ValidationErrors"
    """Messages per field."""


# Imported last so that models referring to each other can be imported in any order.
from ..models.validation_errors import ValidationErrors  # noqa: E402, F401
