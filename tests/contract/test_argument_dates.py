"""Date-time and day arguments: what every one accepts and what goes on the wire.

A date-time takes a ``datetime`` (naive: UTC), a ``date`` (midnight UTC) or an ISO 8601
string and is sent as GitLab writes times (UTC, ``Z``), in the query, in JSON and form
bodies and as an HTTP date; a day takes a ``date`` or ``YYYY-MM-DD``. Anything else is
an ``InvalidRequestError`` before any request."""

from __future__ import annotations

import datetime
import email.utils
import json
import re
from pathlib import Path
from typing import Any
from urllib.parse import parse_qsl
from zoneinfo import ZoneInfo

import httpx
import pytest
from hypothesis import given
from hypothesis import strategies as st

import gitlab_users_client._generated as generated
from gitlab_users_client import AsyncGitLab, InvalidRequestError
from gitlab_users_client._generated.api.users import users_list, users_list_events
from gitlab_users_client._generated.models.create_ssh_key_request import CreateSshKeyRequest

BASE = "https://gitlab.example.com"
UTC = datetime.UTC
PLUS_2 = datetime.timezone(datetime.timedelta(hours=2))

DATETIMES: list[tuple[str, Any, str]] = [
    ("aware-utc", datetime.datetime(2024, 1, 2, 3, 4, 5, tzinfo=UTC), "2024-01-02T03:04:05Z"),
    ("naive-is-utc", datetime.datetime(2024, 1, 2, 3, 4, 5), "2024-01-02T03:04:05Z"),
    ("offset", datetime.datetime(2024, 1, 2, 5, 4, 5, tzinfo=PLUS_2), "2024-01-02T03:04:05Z"),
    (
        "zoneinfo-dst",
        datetime.datetime(2024, 7, 1, 23, 30, tzinfo=ZoneInfo("America/New_York")),
        "2024-07-02T03:30:00Z",
    ),
    (
        "microseconds",
        datetime.datetime(2024, 1, 2, 3, 4, 5, 120, tzinfo=UTC),
        "2024-01-02T03:04:05.000120Z",
    ),
    ("date-is-midnight-utc", datetime.date(2024, 1, 2), "2024-01-02T00:00:00Z"),
    ("str-z", "2024-01-02T03:04:05Z", "2024-01-02T03:04:05Z"),
    ("str-offset", "2024-01-02T05:04:05+02:00", "2024-01-02T03:04:05Z"),
    ("str-naive-is-utc", "2024-01-02T03:04:05", "2024-01-02T03:04:05Z"),
    ("str-millis", "2024-01-02T03:04:05.250Z", "2024-01-02T03:04:05.250000Z"),
    ("str-day", "2024-01-02", "2024-01-02T00:00:00Z"),
    ("str-space", " 2024-01-02 03:04 ", "2024-01-02T03:04:00Z"),
    ("str-basic", "20240102T030405Z", "2024-01-02T03:04:05Z"),
]

BAD_DATETIMES: list[tuple[str, Any]] = [
    ("words", "yesterday"),
    ("us-format", "01/02/2024"),
    ("month-13", "2024-13-01"),
    ("empty", ""),
    ("non-ascii-digits", "\uff12\uff10\uff12\uff14-01-02"),
    ("huge", "2024-01-02T03:04:05Z" * 1000),
    ("int", 1704164645),
    ("float", 1704164645.0),
    ("none", None),
    ("bytes", b"2024-01-02"),
    ("time-only", datetime.time(3, 4)),
]


def ids(cases: list[tuple[Any, ...]]) -> list[str]:
    return [case[0] for case in cases]


class Recorder:
    def __init__(self) -> None:
        self.requests: list[httpx.Request] = []

    def __call__(self, request: httpx.Request) -> httpx.Response:
        self.requests.append(request)
        if request.method == "DELETE":
            return httpx.Response(204)
        if request.url.path.endswith("/runners"):
            return httpx.Response(201, json={"id": 9, "token": "glrt-x", "token_expires_at": None})
        if request.url.path.endswith("/keys"):
            return httpx.Response(201, json={"id": 1, "title": "t", "key": "ssh-ed25519 AAAA"})
        if request.url.path.endswith("/personal_access_tokens"):
            return httpx.Response(
                201,
                json={
                    "id": 2,
                    "name": "t",
                    "revoked": False,
                    "scopes": ["api"],
                    "active": True,
                    "token": "x",
                },
            )
        return httpx.Response(200, json=[])


@pytest.fixture
def recorder() -> Recorder:
    return Recorder()


@pytest.fixture
async def gl(recorder: Recorder) -> Any:
    async with AsyncGitLab(BASE, token="t", transport=httpx.MockTransport(recorder)) as client:
        yield client


# -- query ------------------------------------------------------------------------------------


@pytest.mark.parametrize(("value", "sent"), [c[1:] for c in DATETIMES], ids=ids(DATETIMES))
async def test_query_date_times(gl: Any, recorder: Recorder, value: Any, sent: str) -> None:
    await gl.users.list(created_before=value, pagination="offset").first_page()
    await gl.user.list_activities(from_=value).first_page()
    assert dict(parse_qsl(recorder.requests[0].url.query.decode()))["created_before"] == sent
    assert dict(parse_qsl(recorder.requests[1].url.query.decode()))["from"] == sent


@pytest.mark.parametrize("value", [c[1] for c in BAD_DATETIMES], ids=ids(BAD_DATETIMES))
async def test_bad_date_times_fail_before_any_request(
    gl: Any, recorder: Recorder, value: Any
) -> None:
    with pytest.raises(InvalidRequestError, match="created_after") as caught:
        await gl.users.list(created_after=value).first_page()
    assert len(str(caught.value)) < 300
    with pytest.raises(InvalidRequestError, match="If-Unmodified-Since"):
        await gl.users.delete(1, if_unmodified_since=value)
    if value is not None:  # a nullable body field: None is sent as null
        with pytest.raises(InvalidRequestError, match="token_expires_at"):
            await gl.user.runners.create(runner_type="instance_type", token_expires_at=value)
    assert recorder.requests == []


def test_an_offset_beyond_the_calendar_is_an_invalid_request() -> None:
    edge = datetime.datetime(1, 1, 1, tzinfo=PLUS_2)
    with pytest.raises(InvalidRequestError, match="range"):
        users_list.build_request(created_after=edge)


@given(st.datetimes(timezones=st.timezones(), allow_imaginary=False))
def test_every_aware_date_time_is_sent_as_the_same_instant(value: datetime.datetime) -> None:
    try:
        expected = value.astimezone(UTC)
    except OverflowError:
        return  # outside the calendar in UTC: refused (above)
    request = users_list.build_request(created_after=value)
    sent = dict(request.params)["created_after"]
    assert re.fullmatch(r"\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d(\.\d{6})?Z", sent)
    assert datetime.datetime.fromisoformat(sent) == expected


# -- days -------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("value", "sent"),
    [
        (datetime.date(2024, 2, 3), "2024-02-03"),
        ("2024-02-03", "2024-02-03"),
        (" 20240203", "2024-02-03"),
    ],
    ids=["date", "iso", "basic"],
)
def test_days_take_a_date_or_an_iso_day(value: Any, sent: str) -> None:
    assert dict(users_list_events.build_request(1, before=value).params) == {"before": sent}


@pytest.mark.parametrize(
    ("value", "needle"),
    [
        (datetime.datetime(2024, 2, 3, tzinfo=UTC), r"value\.date\(\)"),
        ("2024-02-03T00:00:00Z", "ISO 8601 day"),
        ("03.02.2024", "ISO 8601 day"),
        (20240203, "datetime.date"),
    ],
    ids=["datetime", "datetime-str", "not-iso", "int"],
)
def test_days_refuse_what_is_not_a_day(value: Any, needle: str) -> None:
    with pytest.raises(InvalidRequestError, match=needle):
        users_list_events.build_request(1, after=value)


# -- bodies and headers -----------------------------------------------------------------------


@pytest.mark.parametrize(("value", "sent"), [c[1:] for c in DATETIMES], ids=ids(DATETIMES))
async def test_json_body_date_times(gl: Any, recorder: Recorder, value: Any, sent: str) -> None:
    await gl.users.keys.create(1, key="ssh-ed25519 AAAA", title="t", expires_at=value)
    assert json.loads(recorder.requests[0].content)["expires_at"] == sent


async def test_json_body_days(gl: Any, recorder: Recorder) -> None:
    await gl.user.personal_access_tokens.create(
        name="t", scopes=["k8s_proxy"], expires_at="2030-04-04"
    )
    await gl.user.personal_access_tokens.create(
        name="t", scopes=["k8s_proxy"], expires_at=datetime.date(2030, 4, 5)
    )
    days = [json.loads(request.content)["expires_at"] for request in recorder.requests]
    assert days == ["2030-04-04", "2030-04-05"]
    with pytest.raises(InvalidRequestError, match="expires_at is a day"):
        await gl.user.personal_access_tokens.create(
            name="t", scopes=["k8s_proxy"], expires_at=datetime.datetime(2030, 4, 4)
        )
    assert len(recorder.requests) == 2


def test_request_models_normalise_the_same_way() -> None:
    body = CreateSshKeyRequest.model_validate(
        {"key": "k", "title": "t", "expires_at": "2030-01-01"}
    )
    assert body.expires_at == datetime.datetime(2030, 1, 1, tzinfo=UTC)
    assert (
        json.loads(body.model_dump_json(exclude_unset=True))["expires_at"] == "2030-01-01T00:00:00Z"
    )


@pytest.mark.parametrize(("value", "sent"), [c[1:] for c in DATETIMES], ids=ids(DATETIMES))
async def test_http_date_headers(gl: Any, recorder: Recorder, value: Any, sent: str) -> None:
    await gl.users.delete(1, if_unmodified_since=value)
    header = recorder.requests[0].headers["If-Unmodified-Since"]
    expected = datetime.datetime.fromisoformat(sent).replace(microsecond=0)
    assert header.endswith(" GMT")
    assert email.utils.parsedate_to_datetime(header) == expected


# -- every declaration ------------------------------------------------------------------------


def test_every_date_time_parameter_takes_all_three_forms() -> None:
    """No signature (or filters TypedDict) of the generated layer offers a bare
    ``datetime.datetime`` or ``datetime.date`` argument: date-times take
    ``datetime | date | str``, days ``date | str``."""
    api = Path(generated.__file__).parent / "api"
    signatures = []
    for module in api.glob("*/*.py"):
        text = module.read_text(encoding="utf-8")
        signatures += re.findall(r"^\s+(\w+): (datetime\.[^=\n]*?)(?: = NOT_GIVEN)?,?$", text, re.M)
    assert len(signatures) > 40
    for name, annotation in signatures:
        kinds = [part.strip() for part in annotation.split("|") if part.strip() != "NotGiven"]
        assert kinds in (
            ["datetime.datetime", "datetime.date", "str"],
            ["datetime.date", "str"],
        ), (name, annotation)
