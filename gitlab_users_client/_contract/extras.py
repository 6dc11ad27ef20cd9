"""``extra_headers=``, ``extra_query=`` and ``extra_body=``: what one call adds to its request.

For what the SDK does not model yet (a parameter of a newer GitLab, a header a proxy
wants). Every generated ``build_request`` ends here, so the rules are the same for
every operation and are checked before anything is sent:

* headers follow ``headers=`` (``_options.check_headers``: no framing headers, no
  credentials), and cannot replace one of the operation's own header parameters;
* query parameters and body fields cannot set a parameter the operation has (pass its
  keyword argument: it is type-checked), nor a credential (tokens never go into URLs
  or bodies; ``sudo=`` is a header);
* values are encoded as the operation's own: booleans as ``true``/``false``, date-times
  in GitLab's format (``_dates``), JSON merged into a JSON body, form fields into an
  upload.
"""

from __future__ import annotations

import datetime
import json
import math
from collections.abc import Mapping, Sequence
from typing import Any

from .._exceptions import ConfigurationError, InvalidRequestError
from .._options import check_headers
from .._redact import SENSITIVE_QUERY_KEYS, Secret
from .dates import gitlab_time
from .request import ApiRequest
from .types import ExtraBody, ExtraHeaders, ExtraQuery

__all__ = ["with_extras"]

_INT_MIN, _INT_MAX = -(2**63), 2**63 - 1


def with_extras(
    request: ApiRequest,
    parameters: frozenset[str],
    headers: frozenset[str],
    *,
    extra_headers: ExtraHeaders | None,
    extra_query: ExtraQuery | None,
    extra_body: ExtraBody | None = None,
) -> ApiRequest:
    """Add a call's extras to ``request`` (built by an operation whose parameter names are
    ``parameters`` and whose header parameters, lower case, are ``headers``)."""
    if extra_headers is not None:
        request.headers.update(_headers(extra_headers, headers))
    if extra_query is not None:
        for key, value in _items("extra_query", extra_query, parameters):
            request.params.extend((key, item) for item in _query_values(key, value))
    if extra_body is not None:
        _add_body(request, list(_items("extra_body", extra_body, parameters)))
    return request


def _headers(extra: ExtraHeaders, own: frozenset[str]) -> dict[str, str | Secret]:
    try:
        checked = check_headers(extra)
    except ConfigurationError as exc:
        raise InvalidRequestError(f"extra_headers: {exc}") from None
    for name in checked:
        if name.lower() in own:
            raise InvalidRequestError(
                f"extra_headers cannot set {name!r}: this operation takes it as a keyword argument"
            )
    return checked


def _items(option: str, extra: Mapping[str, Any], own: frozenset[str]) -> list[tuple[str, Any]]:
    if not isinstance(extra, Mapping):
        raise InvalidRequestError(f"{option} must be a mapping, not {type(extra).__name__}")
    items = []
    for key, value in extra.items():
        if not isinstance(key, str) or not key:
            raise InvalidRequestError(f"{option} keys must be non-empty strings, got {key!r:.60}")
        # "custom_attributes[team]" and "ids[]" name the parameter before the bracket.
        base = key.split("[", 1)[0]
        if base.lower() in SENSITIVE_QUERY_KEYS:
            raise InvalidRequestError(
                f"{option} cannot set {key!r}: credentials and sudo have options of their own "
                "(token=, oauth_token=, job_token=, sudo=), sent as headers"
            )
        if base in own:
            raise InvalidRequestError(
                f"{option} cannot set {key!r}: this operation takes it as a keyword argument"
            )
        items.append((key, value))
    return items


def _scalar(key: str, value: object) -> str:
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, int):
        if not _INT_MIN <= value <= _INT_MAX:
            raise InvalidRequestError(f"{key} is outside the 64-bit range GitLab accepts")
        return str(value)
    if isinstance(value, float):
        if not math.isfinite(value):
            raise InvalidRequestError(f"{key} must be a finite number")
        return repr(value)
    if isinstance(value, str):
        return value
    if isinstance(value, datetime.datetime):
        return gitlab_time(value)
    if isinstance(value, datetime.date):
        return value.isoformat()
    raise InvalidRequestError(
        f"{key} must be a str, int, float, bool, date or datetime, not {type(value).__name__}"
        + (" (leave the key out instead)" if value is None else "")
    )


def _query_values(key: str, value: object) -> list[str]:
    if isinstance(value, Sequence) and not isinstance(value, str | bytes):
        return [_scalar(key, item) for item in value]
    return [_scalar(key, value)]


def _json_default(value: object) -> str:
    if isinstance(value, datetime.datetime):
        return gitlab_time(value)
    if isinstance(value, datetime.date):
        return value.isoformat()
    raise TypeError(type(value).__name__)


def _add_body(request: ApiRequest, items: list[tuple[str, Any]]) -> None:
    if not items:
        return
    if request.data is not None or request.files is not None:
        # An upload: form fields, one value each.
        fields = request.data if request.data is not None else []
        for key, value in items:
            if isinstance(value, Mapping) or (
                isinstance(value, Sequence) and not isinstance(value, str | bytes)
            ):
                raise InvalidRequestError(
                    f"extra_body[{key!r}]: an upload's form fields take single values"
                )
            fields.append((key, _scalar(key, value)))
        request.data = fields
        return
    body: dict[str, Any] = json.loads(request.json) if request.json is not None else {}
    for key, value in items:
        body[key] = value
    try:
        request.json = json.dumps(
            body, default=_json_default, allow_nan=False, separators=(",", ":")
        ).encode()
    except (TypeError, ValueError, RecursionError) as exc:
        raise InvalidRequestError(
            f"extra_body cannot be sent as JSON ({type(exc).__name__}: {exc})"
        ) from None
