"""Small shared types of the public API."""

from __future__ import annotations

import datetime
from collections.abc import Mapping, Sequence
from typing import Final, Literal, final

import httpx

from .._redact import Secret


@final
class NotGiven:
    """Type of :data:`NOT_GIVEN`: "use the client's setting", as opposed to an explicit ``None``."""

    __slots__ = ()

    def __bool__(self) -> Literal[False]:
        return False

    def __repr__(self) -> str:
        return "NOT_GIVEN"


NOT_GIVEN: Final = NotGiven()

#: Who to act as for one call: an ID or username; ``None`` turns the client's sudo off.
SudoArg = str | int | None | NotGiven
#: Seconds, an :class:`httpx.Timeout`, or ``None`` for no timeout.
TimeoutTypes = float | httpx.Timeout | None
TimeoutArg = TimeoutTypes | NotGiven
#: ``"auto"`` uses keyset pagination when GitLab can serve the requested order.
PaginationMode = Literal["auto", "offset", "keyset"]

#: The generated signatures' name for :data:`NOT_GIVEN` (the same object): one marker
#: for "argument not given" across the whole public API.
Unset = NotGiven
UNSET: Final = NOT_GIVEN

#: One value of ``extra_query``: sent as GitLab reads it (``true``/``false``, numbers,
#: dates and date-times in GitLab's format); a sequence repeats the name once per item.
QueryValue = str | int | float | datetime.date | Sequence[str | int | float | datetime.date]
#: ``extra_headers=``: more headers for one call (not framing headers; a credential
#: header only as a :class:`Secret`).
ExtraHeaders = Mapping[str, str | Secret]
#: ``extra_query=``: more query parameters for one call (not ones the operation has).
ExtraQuery = Mapping[str, QueryValue]
#: ``extra_body=``: more body fields for one call: JSON values (dates and date-times in
#: GitLab's format), or form values for an upload.
ExtraBody = Mapping[str, object]
