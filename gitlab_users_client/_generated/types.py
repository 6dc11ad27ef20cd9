"""Shared runtime pieces of the generated layer (generated; do not edit).

Sentinels, uploaded files, the pydantic base model, JSON parsing straight from
response bytes, query/path encoding with client-side type checks, and the
multipart encoder. Nothing here knows about the hand-written facade.
"""

from __future__ import annotations

import datetime
import enum
import functools
import types as _types
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from typing import IO, Annotated, Any, Generic, Literal, TypeVar, Union, get_args, get_origin
from urllib.parse import quote

import httpx
from pydantic import BaseModel, ConfigDict, Discriminator, Field, Tag, TypeAdapter, ValidationError

from .errors import InvalidRequestError

T = TypeVar("T")


class Unset:
    """Type of :data:`UNSET`: "argument not given", as opposed to an explicit ``None``."""

    __slots__ = ()

    def __bool__(self) -> Literal[False]:
        return False

    def __repr__(self) -> str:
        return "UNSET"


UNSET: Unset = Unset()

FileContent = bytes | IO[bytes]


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


@dataclass(slots=True, frozen=True)
class Response(Generic[T]):
    """A parsed response together with what the server sent: status, headers and raw body."""

    status_code: int
    headers: httpx.Headers
    content: bytes
    parsed: T
    http_response: httpx.Response


class ApiModel(BaseModel):
    """Base of every generated model.

    Unknown fields are kept (``model_extra``) because GitLab EE and newer releases
    add fields; building the validator is deferred to first use to keep imports fast.
    """

    model_config = ConfigDict(
        extra="allow",
        validate_by_name=True,
        validate_by_alias=True,
        serialize_by_alias=True,
        defer_build=True,
        arbitrary_types_allowed=True,
    )


def _specificity(tp: Any) -> int:
    return len(tp.__mro__) if isinstance(tp, type) and issubclass(tp, BaseModel) else 0


def _required_keys(model: type[BaseModel]) -> tuple[str, ...]:
    return tuple(
        field.alias or name for name, field in model.model_fields.items() if field.is_required()
    )


def _discriminated(members: list[Any]) -> Any:
    """A union of models told apart by their required fields, most derived first.

    GitLab returns a richer entity to admins (``UserWithAdmin``, which requires
    ``is_admin``) than to other callers (``UserBasic``). The payload's keys pick the
    class, then only that class validates: one validation per item, and a bad field
    in an admin payload is an error instead of a silent downgrade to the poorer model.
    """
    ordered = sorted(members, key=_specificity, reverse=True)
    table: list[tuple[tuple[str, ...], str]] = []

    def pick(value: Any) -> str | None:
        if isinstance(value, BaseModel):
            return type(value).__name__
        if not isinstance(value, dict):
            return None
        if not table:
            table.extend((_required_keys(model), model.__name__) for model in ordered)
        for keys, tag in table:
            if all(key in value for key in keys):
                return tag
        return table[-1][1]  # the least specific; its validation says what is missing

    tagged = tuple(Annotated[model, Tag(model.__name__)] for model in ordered)
    return Annotated[Union[tagged], Discriminator(pick)]  # noqa: UP007


def _prefer_specific(tp: Any) -> Any:
    """Rewrite unions: models are discriminated by their required fields (see above),
    other unions are tried left to right."""
    origin = get_origin(tp)
    if origin in (Union, _types.UnionType):
        args = get_args(tp)
        members = [_prefer_specific(arg) for arg in args if arg is not type(None)]
        union: Any
        if len(members) == 1:
            union = members[0]
        elif all(isinstance(member, type) and issubclass(member, BaseModel) for member in members):
            union = _discriminated(members)
        else:
            union = Annotated[Union[tuple(members)], Field(union_mode="left_to_right")]  # noqa: UP007
        # "X | None" is a nullable schema in pydantic, not a union: keep None outside.
        return Union[union, None] if len(members) < len(args) else union  # noqa: UP007
    if origin is list:
        return list[_prefer_specific(get_args(tp)[0])]  # type: ignore[misc]
    return tp


@functools.cache
def _adapter(tp: Any) -> TypeAdapter[Any]:
    return TypeAdapter(_prefer_specific(tp))


_LIST: Any = list  # subscripted with runtime types below


class _PageParser:
    """Parses a page of a model union (``list[UserBasic | UserWithAdmin]``) fast.

    Which entity GitLab sends depends on the caller, not on the item, so a page is
    uniform. A look at the raw bytes for the keys that only the richer models require
    decides: none present means no item can be a richer model, so the whole page is
    validated as the poorest one; otherwise as the richest whose keys appear, and only if
    that fails (a mixed page, or a bad field) item by item with the discriminated union,
    which reports the real error. Each path gives the same result as per-item
    discrimination, without a Python call per item. Validators are built on first use.
    """

    def __init__(self, members: list[type[BaseModel]], union: Any) -> None:
        self._ordered = sorted(members, key=_specificity, reverse=True)
        self._union = union
        self._keys: list[tuple[bytes, ...]] = []

    def __call__(self, content: bytes) -> Any:
        if not self._keys:
            for index, model in enumerate(self._ordered):
                poorer = set().union(
                    *(_required_keys(other) for other in self._ordered[index + 1 :])
                )
                self._keys.append(
                    tuple(f'"{key}"'.encode() for key in _required_keys(model) if key not in poorer)
                )
        for model, keys in zip(self._ordered, self._keys, strict=True):
            # The first object usually shows the shape: look there before scanning the page.
            if all(content.find(key, 0, 4096) >= 0 for key in keys) or all(
                key in content for key in keys
            ):
                try:
                    return _adapter(_LIST[model]).validate_json(content)
                except ValidationError:
                    return _adapter(_LIST[self._union]).validate_json(content)
        return _adapter(_LIST[self._union]).validate_json(content)


@functools.cache
def _parser(tp: Any) -> Any:
    if get_origin(tp) is list:
        (item,) = get_args(tp)
        if get_origin(item) in (Union, _types.UnionType):
            members = get_args(item)
            if len(members) > 1 and all(
                isinstance(m, type) and issubclass(m, BaseModel) for m in members
            ):
                return _PageParser(list(members), item)
    return _adapter(tp).validate_json


def parse_json(tp: Any, content: bytes) -> Any:
    """Validate a JSON body straight from bytes into ``tp`` (no intermediate ``dict``)."""
    if isinstance(tp, type) and issubclass(tp, BaseModel):
        return tp.model_validate_json(content)
    return _parser(tp)(content)


def describe_validation_error(error: ValidationError) -> str:
    """One readable line per problem, naming fields the way the caller passed them."""
    problems = []
    for item in error.errors(include_url=False):
        message = item["msg"].removeprefix("Value error, ")
        location = ".".join(str(part) for part in item["loc"])
        problems.append(f"{location}: {message}" if location else message)
    return "; ".join(problems)


def _enum_in(annotation: Any) -> tuple[type[enum.Enum] | None, bool]:
    """The enum type a field holds (directly or as list items), and whether it is a list."""
    for arg in (annotation, *get_args(annotation)):
        if isinstance(arg, type) and issubclass(arg, enum.Enum):
            return arg, False
        if get_origin(arg) is list:
            inner, _ = _enum_in(get_args(arg)[0])
            if inner is not None:
                return inner, True
    return None, False


def _closed(name: str, value: Any, enum_type: type[enum.Enum]) -> Any:
    raw = value.value if isinstance(value, enum.Enum) else value
    member = enum_type._value2member_map_.get(raw) if isinstance(raw, str) else None
    if member is None:
        allowed = ", ".join(repr(item.value) for item in enum_type)
        raise ValueError(f"{name} must be one of {allowed}, got {value!r}")
    return member


def prepare_request(model: type[BaseModel], data: Any) -> Any:
    """Before strict validation of a request body: enum fields accept their documented
    string values only (response enums stay open), and sequences become lists."""
    if not isinstance(data, dict):
        return data
    prepared = dict(data)
    for name, field in model.model_fields.items():
        key = name if name in prepared else field.alias
        if key not in prepared or prepared[key] is None:
            continue
        value = prepared[key]
        if isinstance(value, tuple):
            value = list(value)
        enum_type, is_list = _enum_in(field.annotation)
        if enum_type is not None:
            if is_list and isinstance(value, list):
                value = [_closed(name, item, enum_type) for item in value]
            elif not is_list:
                value = _closed(name, value, enum_type)
        prepared[key] = value
    return prepared


def build_body(model: type[T], values: Mapping[str, Any]) -> T:
    """Build a request body from keyword arguments, dropping the ones left UNSET.

    Validation happens here, before any request is sent: a wrong type, a missing
    required field or a broken rule (``extern_uid`` without ``provider``...) raises
    :class:`InvalidRequestError`.
    """
    given = {name: value for name, value in values.items() if value is not UNSET}
    try:
        return model.model_validate(given)  # type: ignore[attr-defined, no-any-return]
    except ValidationError as exc:
        raise InvalidRequestError(describe_validation_error(exc)) from None


def as_file(value: File | FileContent | Unset) -> File | Unset:
    """Accept a :class:`File`, raw bytes or a binary file object for an upload argument."""
    if isinstance(value, Unset | File):
        return value
    if isinstance(value, bytes | bytearray):
        return File(payload=bytes(value))
    if hasattr(value, "read"):
        return File(payload=value)
    raise InvalidRequestError(f"expected bytes, a binary file or File, got {type(value).__name__}")


def check_rules(
    model: BaseModel,
    *,
    requires_together: Iterable[Iterable[str]] = (),
    at_least_one_of: Iterable[Iterable[str]] = (),
    mutually_exclusive: Iterable[Iterable[str]] = (),
    required_when: Mapping[str, Mapping[str, str]] | None = None,
) -> None:
    """Enforce the cross-field rules GitLab applies (declared as ``x-`` keys in the spec)."""
    present = model.model_fields_set
    for group in requires_together:
        names = list(group)
        given = [name for name in names if name in present]
        if given and len(given) != len(names):
            raise ValueError(
                f"{' and '.join(names)} must be given together (got only {', '.join(given)})"
            )
    for group in at_least_one_of:
        names = list(group)
        if not any(name in present for name in names):
            raise ValueError(f"at least one of {', '.join(names)} is required")
    for group in mutually_exclusive:
        names = list(group)
        given = [name for name in names if name in present]
        if len(given) > 1:
            raise ValueError(f"{' and '.join(given)} cannot be given together")
    for name, conditions in (required_when or {}).items():
        for other, expected in conditions.items():
            value = getattr(model, other, None)
            actual = value.value if isinstance(value, enum.Enum) else value
            if actual == expected and name not in present:
                raise ValueError(f"{name} is required when {other} is {expected!r}")


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
    if isinstance(value, datetime.date):
        return value.isoformat()
    return str(value)


def _kind_error(name: str, expected: str, value: object) -> InvalidRequestError:
    return InvalidRequestError(f"{name} must be {expected}, got {type(value).__name__} {value!r}")


def q_bool(name: str, value: object) -> str:
    """Encode a boolean query value the way GitLab reads it."""
    if not isinstance(value, bool):
        raise _kind_error(name, "a bool", value)
    return "true" if value else "false"


def q_int(name: str, value: object) -> str:
    if isinstance(value, bool) or not isinstance(value, int):
        raise _kind_error(name, "an int", value)
    return str(value)


def q_float(name: str, value: object) -> str:
    if isinstance(value, bool) or not isinstance(value, int | float):
        raise _kind_error(name, "a number", value)
    return str(value)


def q_str(name: str, value: object) -> str:
    if not isinstance(value, str):
        raise _kind_error(name, "a str", value)
    return value


def q_id(name: str, value: object) -> str:
    """An ID or a username."""
    if isinstance(value, bool) or not isinstance(value, int | str):
        raise _kind_error(name, "an int ID or a str username", value)
    return str(value)


def q_datetime(name: str, value: object) -> str:
    """ISO 8601; an aware UTC datetime is written with ``Z``."""
    if not isinstance(value, datetime.datetime):
        raise _kind_error(name, "a datetime.datetime", value)
    text = value.isoformat()
    return text[:-6] + "Z" if text.endswith("+00:00") else text


def q_date(name: str, value: object) -> str:
    if isinstance(value, datetime.datetime) or not isinstance(value, datetime.date):
        raise _kind_error(name, "a datetime.date", value)
    return value.isoformat()


def q_enum(name: str, value: object, enum_type: type[enum.Enum]) -> str:
    """Accept a member or its string value, but only a value the API documents."""
    raw = value.value if isinstance(value, enum.Enum) else value
    if raw not in enum_type._value2member_map_:
        allowed = ", ".join(repr(member.value) for member in enum_type)
        raise InvalidRequestError(f"{name} must be one of {allowed}, got {value!r}")
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
    return str(value)


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
        return str(value)
    raise _kind_error(name, "an int ID or a non-empty str username", value)
