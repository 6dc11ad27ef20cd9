"""The pydantic side of the generated layer: the model base, parsing and request bodies.

Response bodies are validated straight from bytes; unions of models are told apart
by their required fields; request bodies are validated strictly before anything is
sent. Nothing here knows about sending.
"""

from __future__ import annotations

import datetime
import enum
import functools
import types as _types
from collections.abc import Iterable, Mapping
from typing import TYPE_CHECKING, Annotated, Any, ClassVar, TypeVar, Union, get_args, get_origin

from pydantic import BaseModel, ConfigDict, Discriminator, Field, Tag, ValidationError
from pydantic_core import InitErrorDetails, from_json

from .._exceptions import InvalidRequestError
from .dates import to_date, to_datetime
from .types import NotGiven

if TYPE_CHECKING:
    from pydantic import TypeAdapter

T = TypeVar("T")


class ApiModel(BaseModel):
    """Base of every generated model.

    Unknown fields are kept (``model_extra``) because GitLab EE and newer releases
    add fields; building the validator is deferred to first use to keep imports fast.
    """

    model_config: ClassVar[ConfigDict] = ConfigDict(
        extra="allow",
        validate_by_name=True,
        validate_by_alias=True,
        serialize_by_alias=True,
        defer_build=True,
        arbitrary_types_allowed=True,
    )

    def __repr_args__(self) -> Any:
        # Declared secret fields are already left out (``repr=False``); fields GitLab adds
        # later are unknown to the schema, so judge those by their name.
        extra = self.__pydantic_extra__ or {}
        for name, value in super().__repr_args__():
            if name is None or name not in extra or not looks_secret(name):
                yield name, value


_SECRET_WORDS = ("token", "password", "passwd", "secret")


def looks_secret(name: str) -> bool:
    """Whether a field name suggests a credential (``token``, ``private_token``, ``pin``...)."""
    lowered = name.lower()
    return any(word in lowered for word in _SECRET_WORDS) or "pin" in lowered.split("_")


def _specificity(tp: Any) -> int:
    return len(tp.__mro__) if isinstance(tp, type) and issubclass(tp, BaseModel) else 0


def _required_keys(model: type[BaseModel]) -> tuple[str, ...]:
    return tuple(
        field.alias or name for name, field in model.model_fields.items() if field.is_required()
    )


class _Members:
    """The members of a union of models, most derived first, and which one a payload is.

    GitLab returns a richer entity to admins (``UserWithAdmin``, which requires
    ``is_admin``) than to other callers (``UserBasic``). The payload's keys pick the
    class, then only that class validates: one validation per item, and a bad field
    in an admin payload is an error instead of a silent downgrade to the poorer model.
    """

    def __init__(self, members: Iterable[type[BaseModel]]) -> None:
        self.ordered = sorted(members, key=_specificity, reverse=True)
        self._table: list[tuple[tuple[str, ...], type[BaseModel]]] = []

    def pick(self, value: Any) -> type[BaseModel] | None:
        """The member that validates ``value`` (``None``: not an object, no member can)."""
        if not isinstance(value, dict):
            return None
        if not self._table:
            self._table.extend((_required_keys(model), model) for model in self.ordered)
        for keys, model in self._table:
            if all(key in value for key in keys):
                return model
        return self._table[-1][1]  # the least specific; its validation says what is missing

    def tag(self, value: Any) -> str | None:
        """:meth:`pick` as a tag of the discriminated union (below)."""
        if isinstance(value, BaseModel):
            return type(value).__name__
        model = self.pick(value)
        return None if model is None else model.__name__


def _discriminated(members: list[Any]) -> Any:
    """A union of models told apart by their required fields, most derived first
    (:class:`_Members`)."""
    chosen = _Members(members)
    tagged = tuple(Annotated[model, Tag(model.__name__)] for model in chosen.ordered)
    return Annotated[Union[tagged], Discriminator(chosen.tag)]  # noqa: UP007


class _UnionParser:
    """Parses one body of a model union (``UserDetailsWithAdmin | UserProfile``) with
    the validator of the member it is, and builds no other.

    The body's keys pick the member exactly as the discriminated union does
    (:class:`_Members`); that member's own validator reads the bytes. Every other
    outcome (not an object, not JSON, the member rejecting the body) goes to the
    discriminated union of all members, whose result or error is the reference: its
    validators are built only on that path.
    """

    def __init__(self, members: list[type[BaseModel]], union: Any) -> None:
        self._members = _Members(members)
        self._union = union

    def __call__(self, content: bytes) -> Any:
        try:
            model = self._members.pick(from_json(content))
        except (ValueError, RecursionError):
            model = None
        if model is not None:
            try:
                return model.model_validate_json(content)
            except ValidationError:
                pass
        return _adapter(self._union).validate_json(content)


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
    # Imported here: a model or a union of models validates with the model's own
    # validator, so a call that answers one (a get) never imports pydantic's adapters.
    from pydantic import TypeAdapter

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


def _models_of(tp: Any) -> list[type[BaseModel]] | None:
    """The members of ``tp`` when it is a union of two or more models, else ``None``."""
    if get_origin(tp) not in (Union, _types.UnionType):
        return None
    members = get_args(tp)
    if len(members) > 1 and all(isinstance(m, type) and issubclass(m, BaseModel) for m in members):
        return list(members)
    return None


@functools.cache
def _parser(tp: Any) -> Any:
    members = _models_of(tp)
    if members is not None:
        return _UnionParser(members, tp)
    if get_origin(tp) is list:
        (item,) = get_args(tp)
        members = _models_of(item)
        if members is not None:
            return _PageParser(members, item)
    return _adapter(tp).validate_json


def parse_json(tp: Any, content: bytes) -> Any:
    """Validate a JSON body straight from bytes into ``tp`` (no intermediate ``dict``)."""
    if isinstance(tp, type) and issubclass(tp, BaseModel):
        return tp.model_validate_json(content)
    return _parser(tp)(content)


def parse_body(body_type: Any, content: bytes) -> Any:
    """A successful response's body as its operation's ``ResponseTypes`` declares it.

    ``None`` for a status without a body, and for an empty body where the type allows
    ``None`` (GitLab answers some updates with nothing); otherwise the JSON validated
    into ``body_type``. A body that does not match raises ``ValueError`` (pydantic's
    ``ValidationError`` among them) or ``RecursionError``.
    """
    if body_type is None or (not content and type(None) in get_args(body_type)):
        return None
    return parse_json(body_type, content)


def problems_of(error: ValidationError) -> list[str]:
    """One readable line per problem, naming fields the way the caller passed them.

    Never the offending values: a response can hold a new token, a request a password.
    """
    problems = []
    for item in error.errors(include_url=False, include_input=False, include_context=False):
        message = item["msg"].removeprefix("Value error, ")
        location = ".".join(str(part) for part in item["loc"])
        problems.append(f"{location}: {message}" if location else message)
    return problems


def parse_failure(error: Exception) -> tuple[list[str], Exception]:
    """What went wrong parsing a response body, and an error to keep, without its values.

    A pydantic error is rebuilt with every input value hidden (the body may hold a new
    token), so ``error_count()``/``errors()`` still work on what is kept.
    """
    if isinstance(error, ValidationError):
        details = error.errors(include_url=False)
        try:
            hidden: list[InitErrorDetails] = []
            for item in details:
                line = InitErrorDetails(type=item["type"], loc=item["loc"], input="<hidden>")
                if "ctx" in item:
                    line["ctx"] = item["ctx"]
                hidden.append(line)
            kept: Exception = ValidationError.from_exception_data(error.title, hidden)
        except (TypeError, ValueError, KeyError):
            kept = ValueError("; ".join(problems_of(error)))
        return problems_of(error), kept
    if isinstance(error, RecursionError):
        found = ["the body is nested too deeply to read"]
    else:
        found = [str(error).splitlines()[0][:200] if str(error) else type(error).__name__]
    return found, ValueError(found[0])


def describe_validation_error(error: ValidationError) -> str:
    """:func:`problems_of` as one line."""
    return "; ".join(problems_of(error))


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
        raise ValueError(f"{name} must be one of {allowed}, got {value!r:.60}")
    return member


def _time_in(annotation: Any) -> Any:
    """``datetime.datetime`` or ``datetime.date`` when a field holds one, else ``None``."""
    for arg in (annotation, *get_args(annotation)):
        if arg is datetime.datetime or arg is datetime.date:
            return arg
    return None


def prepare_request(model: type[BaseModel], data: Any) -> Any:
    """Before strict validation of a request body: enum fields accept their documented
    string values only (response enums stay open), sequences become lists, integers
    must fit in 64 bits as they do in GitLab, and date-time fields take what query
    parameters take (``_dates``: a naive datetime is UTC, a date is midnight UTC, ISO
    8601 strings), so that the body carries GitLab's format."""
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
        for item in value if isinstance(value, list) else [value]:
            if isinstance(item, int) and not -(2**63) <= item < 2**63:
                raise ValueError(f"{name} is outside the 64-bit range GitLab accepts")
        time_type = _time_in(field.annotation)
        if time_type is datetime.datetime:
            value = to_datetime(name, value)
        elif time_type is datetime.date:
            value = to_date(name, value)
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
    given = {name: value for name, value in values.items() if not isinstance(value, NotGiven)}
    try:
        return model.model_validate(given)  # type: ignore[attr-defined, no-any-return]
    except ValidationError as exc:
        raise InvalidRequestError(describe_validation_error(exc)) from None


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
