"""Turning call arguments into request parts, checking their types on the way.

Query and path values, uploaded files and multipart bodies. Every wrong argument is
an :class:`InvalidRequestError` raised before anything is sent.
"""

from __future__ import annotations

import datetime
import email.utils
import enum
import math
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any
from urllib.parse import quote

from .._exceptions import InvalidRequestError
from .dates import gitlab_time, to_date, to_datetime
from .request import FileContent
from .types import NotGiven

if TYPE_CHECKING:
    # Only named in an annotation: request building imports no pydantic.
    from pydantic import BaseModel

__all__ = [
    "File",
    "FileContent",
    "as_file",
    "h_date",
    "h_str",
    "path_id",
    "path_int",
    "path_str",
    "q_bool",
    "q_date",
    "q_datetime",
    "q_enum",
    "q_float",
    "q_id",
    "q_int",
    "q_list",
    "q_map",
    "q_str",
    "to_multipart",
]

#: GitLab stores IDs and counters as 64-bit integers; anything outside cannot be valid
#: (and a huge int would cost seconds to format, or hit Python's int-to-str limit).
_INT_MIN, _INT_MAX = -(2**63), 2**63 - 1


@dataclass(slots=True)
class File:
    """A file to upload: bytes or a binary file object, with an optional name and MIME type."""

    payload: FileContent
    file_name: str | None = None
    mime_type: str | None = None

    def to_tuple(self) -> tuple[str, FileContent, str]:
        payload = self.payload
        if not isinstance(payload, bytes):
            # Read file objects now so a retried request can send the same bytes again.
            payload = payload.read()
        sniffed = _sniff_image(payload)
        name = (
            self.file_name
            or getattr(self.payload, "name", None)
            or (f"upload.{sniffed[0]}" if sniffed else "upload")
        )
        mime = self.mime_type or (sniffed[1] if sniffed else "application/octet-stream")
        return (str(name).replace("\\", "/").rsplit("/", 1)[-1], payload, mime)


_IMAGE_SIGNATURES = (
    (b"\x89PNG\r\n\x1a\n", "png", "image/png"),
    (b"\xff\xd8\xff", "jpg", "image/jpeg"),
    (b"GIF87a", "gif", "image/gif"),
    (b"GIF89a", "gif", "image/gif"),
    (b"BM", "bmp", "image/bmp"),
    (b"II*\x00", "tiff", "image/tiff"),
    (b"MM\x00*", "tiff", "image/tiff"),
    (b"\x00\x00\x01\x00", "ico", "image/x-icon"),
)


def _sniff_image(payload: bytes) -> tuple[str, str] | None:
    """GitLab checks an avatar's file extension; give unnamed image bytes a matching one."""
    for signature, extension, mime in _IMAGE_SIGNATURES:
        if payload.startswith(signature):
            return extension, mime
    if payload[:4] == b"RIFF" and payload[8:12] == b"WEBP":
        return "webp", "image/webp"
    return None


def as_file(value: File | FileContent | NotGiven) -> File | NotGiven:
    """Accept a :class:`File`, raw bytes or a binary file object for an upload argument."""
    if isinstance(value, NotGiven | File):
        return value
    if isinstance(value, bytes | bytearray):
        return File(payload=bytes(value))
    if hasattr(value, "read"):
        return File(payload=value)
    raise InvalidRequestError(f"expected bytes, a binary file or File, got {type(value).__name__}")


def to_multipart(
    body: BaseModel,
) -> tuple[list[tuple[str, str]], list[tuple[str, tuple[str, FileContent, str]]]]:
    """Split a body model into form fields and files for ``multipart/form-data``.

    The boundary is left to httpx (a fixed boundary can collide with file content).
    """
    data: list[tuple[str, str]] = []
    files: list[tuple[str, tuple[str, FileContent, str]]] = []
    for name in body.model_fields_set:
        value = getattr(body, name)
        field = type(body).model_fields.get(name)
        key = field.alias if field is not None and field.alias else name
        if isinstance(value, File):
            files.append((key, value.to_tuple()))
        elif isinstance(value, list):
            data.extend((f"{key}[]", _form_value(item)) for item in value)
        elif value is not None:
            data.append((key, _form_value(value)))
    return data, files


def _form_value(value: Any) -> str:
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, enum.Enum):
        return str(value.value)
    if isinstance(value, datetime.datetime):
        return gitlab_time(value)
    if isinstance(value, datetime.date):
        return value.isoformat()
    return str(value)


def _shown(value: object) -> str:
    if isinstance(value, int) and not _INT_MIN <= value <= _INT_MAX:
        return "an integer outside the 64-bit range"
    text = repr(value)
    return text if len(text) <= 60 else text[:57] + "..."


def _kind_error(name: str, expected: str, value: object) -> InvalidRequestError:
    return InvalidRequestError(
        f"{name} must be {expected}, got {type(value).__name__} {_shown(value)}"
    )


def _int(name: str, value: int) -> str:
    if not _INT_MIN <= value <= _INT_MAX:
        raise InvalidRequestError(f"{name} is outside the 64-bit range GitLab accepts")
    return str(value)


def q_bool(name: str, value: object) -> str:
    """Encode a boolean query value the way GitLab reads it."""
    if not isinstance(value, bool):
        raise _kind_error(name, "a bool", value)
    return "true" if value else "false"


def q_int(name: str, value: object) -> str:
    if isinstance(value, bool) or not isinstance(value, int):
        raise _kind_error(name, "an int", value)
    return _int(name, value)


def q_float(name: str, value: object) -> str:
    if isinstance(value, bool) or not isinstance(value, int | float):
        raise _kind_error(name, "a number", value)
    if isinstance(value, int):
        return _int(name, value)
    if not math.isfinite(value):
        raise _kind_error(name, "a finite number", value)
    return str(value)


def q_str(name: str, value: object) -> str:
    if not isinstance(value, str):
        raise _kind_error(name, "a str", value)
    return value


def q_id(name: str, value: object) -> str:
    """An ID or a username."""
    if isinstance(value, bool) or not isinstance(value, int | str):
        raise _kind_error(name, "an int ID or a str username", value)
    return _int(name, value) if isinstance(value, int) else value


def q_datetime(name: str, value: object) -> str:
    """A date-time in GitLab's format (see ``_dates``): a ``datetime`` (naive: UTC), a
    ``date`` (midnight UTC) or an ISO 8601 string, sent as UTC with ``Z``."""
    return gitlab_time(to_datetime(name, value))


def q_date(name: str, value: object) -> str:
    """A day: a ``date`` or ``YYYY-MM-DD``."""
    return to_date(name, value).isoformat()


def q_enum(name: str, value: object, enum_type: type[enum.Enum]) -> str:
    """Accept a member or its string value, but only a value the API documents."""
    raw = value.value if isinstance(value, enum.Enum) else value
    if raw not in enum_type._value2member_map_:
        allowed = ", ".join(repr(member.value) for member in enum_type)
        raise InvalidRequestError(f"{name} must be one of {allowed}, got {_shown(value)}")
    return str(raw)


def q_list(name: str, value: object) -> list[Any]:
    if isinstance(value, str | bytes) or not isinstance(value, Iterable):
        raise _kind_error(name, "a list", value)
    return list(value)


def q_map(name: str, value: object) -> list[tuple[str, str]]:
    """``name[key]=value`` pairs (Rack/deepObject style), e.g. ``custom_attributes[team]=qa``."""
    if not isinstance(value, Mapping):
        raise _kind_error(name, "a mapping of str to str", value)
    pairs = []
    for key, item in value.items():
        if not isinstance(key, str) or not isinstance(item, str):
            raise _kind_error(f"{name}[{key!r}]", "a str", item)
        pairs.append((f"{name}[{key}]", item))
    return pairs


def path_int(name: str, value: object) -> str:
    if isinstance(value, bool) or not isinstance(value, int):
        raise _kind_error(name, "an int", value)
    return _int(name, value)


def _segment(name: str, value: str) -> str:
    # "." and ".." would be resolved by the URL parser and reach another route
    # (DELETE /users/1/identities/.. is DELETE /users/1).
    if value in (".", ".."):
        raise InvalidRequestError(f"{name} cannot be {value!r}")
    return quote(value, safe="")


def path_str(name: str, value: object) -> str:
    if not isinstance(value, str) or not value:
        raise _kind_error(name, "a non-empty str", value)
    return _segment(name, value)


def path_id(name: str, value: object) -> str:
    """An ID or a username in a path segment."""
    if isinstance(value, str) and value:
        return _segment(name, value)
    if isinstance(value, int) and not isinstance(value, bool):
        return _int(name, value)
    raise _kind_error(name, "an int ID or a non-empty str username", value)


def h_str(name: str, value: object) -> str:
    """A header value: a string on one line."""
    if not isinstance(value, str) or "\r" in value or "\n" in value:
        raise _kind_error(name, "a str on one line", value)
    return value


def h_date(name: str, value: object) -> str:
    """An HTTP date (``Tue, 15 Nov 1994 12:45:26 GMT``) from what :func:`q_datetime` takes."""
    return email.utils.format_datetime(to_datetime(name, value), usegmt=True)
