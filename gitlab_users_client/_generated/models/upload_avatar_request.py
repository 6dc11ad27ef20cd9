"""An avatar upload (multipart/form-data). (generated; do not edit)."""

from typing import Any, ClassVar

from pydantic import ConfigDict, model_validator

from ..._contract.encoding import File
from ..._contract.models import ApiModel, prepare_request


class UploadAvatarRequest(ApiModel):
    """An avatar upload (multipart/form-data)."""

    # A request body: no silent coercion ("5" for an int), documented enum values only.
    model_config: ClassVar[ConfigDict] = ConfigDict(strict=True)

    @model_validator(mode="before")
    @classmethod
    def _prepare(cls, data: Any) -> Any:
        return prepare_request(cls, data)

    avatar: File
    """The image file (ideally 192 x 192 pixels; at most 200 KiB; bmp, gif, ico, jpeg, png or
    tiff)."""
