"""An avatar upload (multipart/form-data). (generated; do not edit)."""

from __future__ import annotations

from ..types import ApiModel, File


class UploadAvatarRequest(ApiModel):
    """An avatar upload (multipart/form-data)."""

    avatar: File
    """The image file (ideally 192 x 192 pixels; at most 200 KiB; bmp, gif, ico, jpeg, png or
    tiff)."""
