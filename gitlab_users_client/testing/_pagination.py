"""GitLab offset and keyset pagination (reference §3).

Offset: ``X-Page``, ``X-Per-Page``, ``X-Next-Page``/``X-Prev-Page`` (empty strings when
there is none), ``X-Total``/``X-Total-Pages`` and ``rel="last"`` only while the row count is
known (at most ``count_limit`` = 10,000 rows, Kaminari's ``MAX_COUNT_LIMIT``), and ``Link`` with
``prev``/``next``/``first``/``last``. Link URLs are absolute, built from the request's own
scheme/host/port so clients can follow them, and carry the request's query parameters sorted
the way Rails' ``Hash#to_query`` does, with ``page``/``per_page`` replaced by the effective
values (``per_page`` after clamping to 100).

Keyset: only ``Link: <...&cursor=...>; rel="next"`` (absent on the last page), no ``X-*``.
The cursor is URL-safe base64 of JSON ``{"<order_by>": <last value>, "id": <last id>}``.
"""

from __future__ import annotations

import base64
import binascii
import json
import math
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any, TypeVar
from urllib.parse import quote_plus

from ._http import error_error, parse_int

if TYPE_CHECKING:
    from ._routing import Ctx

T = TypeVar("T")


@dataclass
class PageParams:
    """The page served (``page`` >= 1, ``per_page`` in 1..100) and the values as sent.

    ``requested_*`` are Grape's coerced integers before Kaminari reads them; GitLab's
    offset ceiling for ``/users`` multiplies those, not the page actually served.
    """

    page: int
    per_page: int
    requested_page: int = 1
    requested_per_page: int = 20


def page_params(ctx: Ctx) -> PageParams:
    """``use :pagination`` and Kaminari, as the Users API serves them.

    Grape coerces both to Integer (``<name> is invalid`` otherwise) and refuses
    ``per_page=0`` (``except_values: [0]``: ``per_page has a value not allowed``).
    Kaminari then serves a page of 0 or below as page 1 and ignores a negative
    ``per_page`` (the default applies). ``verify_pagination_params!``, the check that
    answers ``does not have a valid value`` for values below 1, is not called by these
    routes (source: lib/api/pagination_params.rb; Kaminari's ``page``/``per``).
    """
    cfg = ctx.st.config
    values: dict[str, int] = {}
    errors: list[str] = []
    for name, default in (("page", 1), ("per_page", cfg.default_per_page)):
        raw = ctx.params.get(name)
        if raw is None or raw == "":
            values[name] = default
            continue
        if isinstance(raw, bool):
            errors.append(f"{name} is invalid")
            continue
        n = raw if isinstance(raw, int) else parse_int(raw) if isinstance(raw, str) else None
        if n is None:
            errors.append(f"{name} is invalid")
            continue
        if name == "per_page" and n == 0:
            errors.append("per_page has a value not allowed")
            continue
        values[name] = n
    if errors:
        raise error_error(400, ", ".join(errors))
    page = max(values["page"], 1)
    per_page = values["per_page"] if values["per_page"] > 0 else cfg.default_per_page
    return PageParams(
        page,
        min(per_page, cfg.max_per_page),
        requested_page=values["page"],
        requested_per_page=values["per_page"],
    )


def _to_query(pairs: Sequence[tuple[str, str]]) -> str:
    return "&".join(sorted(f"{quote_plus(k, safe='')}={quote_plus(v, safe='')}" for k, v in pairs))


def page_href(ctx: Ctx, **replace: str) -> str:
    pairs = [(k, v) for k, v in ctx.query_pairs if k not in replace]
    pairs.extend(replace.items())
    return f"{ctx.base_url}{ctx.path}?{_to_query(pairs)}"


def offset_headers(
    ctx: Ctx, pp: PageParams, total: int | None, has_next: bool, page_len: int
) -> dict[str, str]:
    page, per_page = pp.page, pp.per_page
    if total is not None:
        total_pages = math.ceil(total / per_page)
        out_of_range = page > total_pages
        next_page = page + 1 if page < total_pages else None
    else:
        total_pages = 0
        out_of_range = page_len == 0 and page > 1
        next_page = page + 1 if has_next else None
    prev_page = page - 1 if page > 1 and not out_of_range else None
    pp_s = str(per_page)
    links = []
    if prev_page is not None:
        links.append(f'<{page_href(ctx, page=str(prev_page), per_page=pp_s)}>; rel="prev"')
    if next_page is not None:
        links.append(f'<{page_href(ctx, page=str(next_page), per_page=pp_s)}>; rel="next"')
    links.append(f'<{page_href(ctx, page="1", per_page=pp_s)}>; rel="first"')
    headers = {
        "X-Per-Page": pp_s,
        "X-Page": str(page),
        "X-Next-Page": "" if next_page is None else str(next_page),
        "X-Prev-Page": "" if prev_page is None else str(prev_page),
    }
    if total is not None:
        last = max(total_pages, 1)
        links.append(f'<{page_href(ctx, page=str(last), per_page=pp_s)}>; rel="last"')
        headers["X-Total"] = str(total)
        headers["X-Total-Pages"] = str(last)
    headers["Link"] = ", ".join(links)
    return headers


def paginate_seq(ctx: Ctx, items: Sequence[T]) -> tuple[Sequence[T], dict[str, str]]:
    """Offset-paginate a fully materialised sequence."""
    pp = page_params(ctx)
    start = (pp.page - 1) * pp.per_page
    chunk = items[start : start + pp.per_page]
    limit = ctx.st.config.count_limit
    total = len(items) if len(items) <= limit else None
    has_next = start + pp.per_page < len(items)
    return chunk, offset_headers(ctx, pp, total, has_next, len(chunk))


def paginate_iter(ctx: Ctx, items: Iterator[T], pp: PageParams) -> tuple[list[T], dict[str, str]]:
    """Offset-paginate a lazy iterator, counting at most ``count_limit + 1`` rows."""
    limit = ctx.st.config.count_limit
    start = (pp.page - 1) * pp.per_page
    end = start + pp.per_page
    chunk: list[T] = []
    seen = 0
    for item in items:
        if start <= seen < end:
            chunk.append(item)
        seen += 1
        if seen > limit and seen > end:
            break
    total = seen if seen <= limit else None
    return chunk, offset_headers(ctx, pp, total, seen > end, len(chunk))


def encode_cursor(data: dict[str, Any]) -> str:
    return base64.urlsafe_b64encode(json.dumps(data, separators=(",", ":")).encode()).decode()


def decode_cursor(cursor: str) -> dict[str, Any]:
    try:
        padded = cursor + "=" * (-len(cursor) % 4)
        value = json.loads(base64.urlsafe_b64decode(padded.encode()))
    except (binascii.Error, ValueError, UnicodeDecodeError) as exc:
        raise error_error(400, "cursor does not have a valid value") from exc
    if not isinstance(value, dict) or not isinstance(value.get("id"), int):
        raise error_error(400, "cursor does not have a valid value")
    return value


def keyset_link(ctx: Ctx, cursor: str, per_page: int) -> str:
    href = page_href(ctx, cursor=cursor, per_page=str(per_page))
    return f'<{href}>; rel="next"'


def keyset_walk(
    ordered: Sequence[tuple[Any, int]],
    descending: bool,
    after: tuple[Any, int] | None,
    accept: Callable[[int], bool],
    per_page: int,
) -> tuple[list[int], bool]:
    """Walk ``ordered`` (ascending ``(key, id)``) from just after ``after``.

    Returns up to ``per_page`` accepted ids and whether more accepted rows follow.
    """
    import bisect

    n = len(ordered)
    out: list[int] = []
    if not descending:
        i = 0 if after is None else bisect.bisect_right(ordered, after)
        while i < n:
            uid = ordered[i][1]
            if accept(uid):
                if len(out) == per_page:
                    return out, True
                out.append(uid)
            i += 1
    else:
        i = n - 1 if after is None else bisect.bisect_left(ordered, after) - 1
        while i >= 0:
            uid = ordered[i][1]
            if accept(uid):
                if len(out) == per_page:
                    return out, True
                out.append(uid)
            i -= 1
    return out, False
