"""Typed errors: status → class, GitLab's message from every body shape, retries vs. outcome."""

from __future__ import annotations

from typing import Any

import httpx
import pydantic
import pytest

from gitlab_users_client import (
    APIConnectionError,
    APIError,
    APIStatusError,
    APITimeoutError,
    AsyncGitLab,
    AuthenticationError,
    BadRequestError,
    ConfigurationError,
    ConflictError,
    CrossOriginError,
    GitLabError,
    InvalidRequestError,
    MethodNotAllowedError,
    NotFoundError,
    PaginationLoopError,
    PermissionDeniedError,
    PreconditionFailedError,
    RateLimitError,
    ResponseTooLargeError,
    ResponseValidationError,
    ServerError,
    UnprocessableEntityError,
    _retry,
)
from gitlab_users_client._retry import RetryPolicy
from tests.mock_gitlab import BASE, USER, Handler

CREATED = {**USER, "email": "alice@example.com", "is_admin": False}


class Recorder:
    """A mock transport answering from a list (the last answer repeats), recording requests."""

    def __init__(self, *answers: httpx.Response | Exception | Handler) -> None:
        self.answers = list(answers)
        self.requests: list[httpx.Request] = []
        self.transport = httpx.MockTransport(self._handle)

    def _handle(self, request: httpx.Request) -> httpx.Response:
        self.requests.append(request)
        answer = self.answers[min(len(self.requests), len(self.answers)) - 1]
        if isinstance(answer, Exception):
            if isinstance(answer, httpx.RequestError):
                answer._request = request
            raise answer
        if callable(answer):
            return answer(request)
        return answer


def client(recorder: Recorder, **kwargs: Any) -> AsyncGitLab:
    kwargs.setdefault("token", "glpat-errors")
    return AsyncGitLab(BASE, transport=recorder.transport, **kwargs)


@pytest.fixture
def no_backoff(monkeypatch: pytest.MonkeyPatch) -> None:
    """Retries happen as usual, without waiting for the jittered backoff."""
    monkeypatch.setattr(_retry, "_backoff", lambda policy, retries, jitter: 0.0)


async def fail_get(response: httpx.Response, **kwargs: Any) -> APIStatusError:
    recorder = Recorder(response)
    kwargs.setdefault("max_retries", 0)
    async with client(recorder, **kwargs) as gl:
        with pytest.raises(APIStatusError) as info:
            await gl.users.get(1)
    return info.value


# -- status → class ----------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("status", "error_type"),
    [
        (400, BadRequestError),
        (401, AuthenticationError),
        (403, PermissionDeniedError),
        (404, NotFoundError),
        (405, MethodNotAllowedError),
        (409, ConflictError),
        (412, PreconditionFailedError),
        (422, UnprocessableEntityError),
        (429, RateLimitError),
        (500, ServerError),
        (502, ServerError),
        (503, ServerError),
        (504, ServerError),
        (520, ServerError),
        (418, APIStatusError),
        (499, APIStatusError),
        (451, APIStatusError),
    ],
)
async def test_status_maps_to_class(status: int, error_type: type[APIStatusError]) -> None:
    error = await fail_get(
        httpx.Response(status, json={"message": f"{status} Something"}), max_retries=0
    )
    assert type(error) is error_type
    assert isinstance(error, APIStatusError)
    assert isinstance(error, APIError)
    assert isinstance(error, GitLabError)
    assert error.status_code == status
    assert error.message == "Something"
    assert error.retries == 0
    assert str(error).startswith(f"{status} Something: GET https://gitlab.example.com/")


def test_hierarchy() -> None:
    for error_type in (
        BadRequestError,
        AuthenticationError,
        PermissionDeniedError,
        NotFoundError,
        MethodNotAllowedError,
        ConflictError,
        PreconditionFailedError,
        UnprocessableEntityError,
        RateLimitError,
        ServerError,
    ):
        assert issubclass(error_type, APIStatusError)
        assert issubclass(error_type, APIError)
        assert issubclass(error_type, GitLabError)
    # A 2xx with a bad body is not a status error: `except APIStatusError` must not
    # swallow it (openai-python's shape).
    assert issubclass(ResponseValidationError, APIError)
    assert not issubclass(ResponseValidationError, APIStatusError)
    assert issubclass(APITimeoutError, APIConnectionError)
    assert issubclass(APIConnectionError, APIError)
    # Defined by the facade, not by generated code.
    assert (
        GitLabError.__module__
        == InvalidRequestError.__module__
        == "gitlab_users_client._exceptions"
    )
    assert not issubclass(APIConnectionError, APIStatusError)
    assert issubclass(ConfigurationError, GitLabError)
    assert issubclass(ConfigurationError, ValueError)
    assert issubclass(CrossOriginError, GitLabError)
    assert issubclass(InvalidRequestError, ValueError)


async def test_rate_limit_error_carries_retry_after() -> None:
    error = await fail_get(
        httpx.Response(
            429,
            headers={"Retry-After": "42", "RateLimit-Name": "throttle_authenticated_api"},
            content=b"Retry later\n",
        )
    )
    assert isinstance(error, RateLimitError)
    assert error.retry_after == 42.0
    assert error.message == "Retry later"
    assert error.body == "Retry later\n"
    assert error.headers["RateLimit-Name"] == "throttle_authenticated_api"


async def test_rate_limit_error_without_retry_after() -> None:
    error = await fail_get(
        httpx.Response(
            429,
            json={
                "message": {
                    "error": "This endpoint has been requested too many times. Try again later."
                }
            },
        )
    )
    assert isinstance(error, RateLimitError)
    assert error.retry_after is None
    assert error.message == "This endpoint has been requested too many times. Try again later."


# -- messages from every body shape ----------------------------------------------------------------


@pytest.mark.parametrize(
    ("status", "kwargs", "message"),
    [
        (404, {"json": {"message": "404 User Not Found"}}, "User Not Found"),
        (401, {"json": {"message": "401 Unauthorized"}}, "Unauthorized"),
        (
            403,
            {"json": {"message": "403 Forbidden - Must be admin to use sudo"}},
            "Forbidden - Must be admin to use sudo",
        ),
        (
            400,
            {
                "json": {
                    "message": {"email": ["has already been taken"], "username": ["is too short"]}
                }
            },
            "email has already been taken; username is too short",
        ),
        (
            429,
            {
                "json": {
                    "message": {
                        "error": "This endpoint has been requested too many times. Try again later."
                    }
                }
            },
            "This endpoint has been requested too many times. Try again later.",
        ),
        (
            400,
            {"json": {"error": "email is missing, name is missing"}},
            "email is missing, name is missing",
        ),
        (
            401,
            {
                "json": {
                    "error": "invalid_token",
                    "error_description": "Token was revoked. You have to re-authorize from the user.",
                }
            },
            "invalid_token: Token was revoked. You have to re-authorize from the user.",
        ),
        (
            403,
            {
                "json": {
                    "error": "insufficient_scope",
                    "error_description": "The request requires higher privileges than provided by the access token.",
                    "scope": "api sudo",
                }
            },
            "insufficient_scope: The request requires higher privileges than provided by the access token.",
        ),
        (
            429,
            {"content": b"Retry later\n", "headers": {"Content-Type": "text/plain"}},
            "Retry later",
        ),
        (
            422,
            {"json": {"message": ["first problem", "second problem"]}},
            "first problem; second problem",
        ),
    ],
)
async def test_message_is_parsed_from_every_body_shape(
    status: int, kwargs: dict[str, Any], message: str
) -> None:
    error = await fail_get(httpx.Response(status, **kwargs))
    assert error.message == message
    assert message in str(error)
    assert error.status_code == status


async def test_validation_errors_are_exposed_per_field() -> None:
    body = {"message": {"email": ["has already been taken"], "username": ["is too short"]}}
    error = await fail_get(httpx.Response(400, json=body))
    assert isinstance(error, BadRequestError)
    assert error.body == body
    assert error.errors == {"email": ["has already been taken"], "username": ["is too short"]}


async def test_errors_is_empty_for_a_plain_message() -> None:
    error = await fail_get(httpx.Response(404, json={"message": "404 User Not Found"}))
    assert error.errors == {}


async def test_html_502_page_gives_a_short_message() -> None:
    page = (
        b"<!DOCTYPE html>\n<html><head><title>502 Bad Gateway</title></head>"
        b"<body><center><h1>502 Bad Gateway</h1></center><hr><center>nginx</center>"
        + b"<!-- padding -->" * 200
        + b"</body></html>\n"
    )
    error = await fail_get(
        httpx.Response(502, content=page, headers={"Content-Type": "text/html"}), max_retries=0
    )
    assert isinstance(error, ServerError)
    assert "HTML" in error.message
    assert "<html" not in error.message.lower()
    assert len(str(error)) < 300
    assert isinstance(error.body, str)
    assert error.body.startswith("<!DOCTYPE html>")


@pytest.mark.parametrize("status", [400, 404, 500])
async def test_empty_body_still_gives_a_message(status: int) -> None:
    error = await fail_get(httpx.Response(status), max_retries=0)
    assert error.body is None
    assert error.message
    assert str(error).startswith(f"{status} ")
    assert error.message == httpx.codes.get_reason_phrase(
        status
    )  # "404 Not Found", not "404 HTTP 404"


async def test_long_text_body_is_truncated_in_the_message() -> None:
    error = await fail_get(httpx.Response(400, content=b"x" * 5000))
    assert len(error.message) <= 500
    assert error.body == "x" * 5000


async def test_status_error_attributes() -> None:
    recorder = Recorder(
        httpx.Response(
            404,
            json={"message": "404 User Not Found"},
            headers={"X-Request-Id": "01HREQUESTID"},
        )
    )
    async with client(recorder) as gl:
        with pytest.raises(NotFoundError) as info:
            await gl.users.get(999, with_custom_attributes=True)
    error = info.value
    assert error.status_code == 404
    assert error.body == {"message": "404 User Not Found"}
    assert error.request_id == "01HREQUESTID"
    assert error.method == "GET"
    assert error.url == "https://gitlab.example.com/api/v4/users/999?with_custom_attributes=true"
    assert error.response.status_code == 404
    assert error.headers["X-Request-Id"] == "01HREQUESTID"
    assert str(error) == (
        "404 User Not Found: GET https://gitlab.example.com/api/v4/users/999"
        "?with_custom_attributes=true (request id 01HREQUESTID)"
    )
    # 4xx are never retried.
    assert len(recorder.requests) == 1
    assert error.retries == 0


async def test_request_id_is_none_without_the_header() -> None:
    error = await fail_get(httpx.Response(404, json={"message": "404 Not found"}))
    assert error.request_id is None
    assert "request id" not in str(error)


# -- retries and outcome ----------------------------------------------------------------------------


async def test_post_answered_502_is_sent_once_with_unknown_outcome() -> None:
    recorder = Recorder(httpx.Response(502, content=b"Bad Gateway"))
    async with client(recorder) as gl:  # default retries
        with pytest.raises(ServerError) as info:
            await gl.users.create(
                email="alice@example.com", name="Alice", username="alice", password="s3cret-pass"
            )
    error = info.value
    assert len(recorder.requests) == 1
    assert recorder.requests[0].method == "POST"
    assert error.outcome_unknown is True
    assert error.status_code == 502
    assert error.method == "POST"
    assert error.retries == 0
    assert "outcome is unknown" in str(error)


async def test_get_answered_500_has_a_known_outcome() -> None:
    error = await fail_get(httpx.Response(500, json={"message": "500 Internal Server Error"}))
    assert isinstance(error, ServerError)
    assert error.outcome_unknown is False
    assert "outcome is unknown" not in str(error)


@pytest.mark.usefixtures("no_backoff")
async def test_get_answered_502_is_retried_then_succeeds() -> None:
    recorder = Recorder(
        httpx.Response(502, content=b"Bad Gateway"),
        httpx.Response(503, content=b"Service Unavailable"),
        httpx.Response(200, json=USER),
    )
    async with client(recorder) as gl:
        user = await gl.users.get(1)
    assert user.username == "alice"
    assert len(recorder.requests) == 3
    assert all(request.method == "GET" for request in recorder.requests)


@pytest.mark.usefixtures("no_backoff")
async def test_get_gives_up_after_max_retries() -> None:
    recorder = Recorder(httpx.Response(503, content=b"Service Unavailable"))
    async with client(recorder, max_retries=2) as gl:
        with pytest.raises(ServerError) as info:
            await gl.users.get(1)
    assert len(recorder.requests) == 3
    assert info.value.retries == 2
    assert info.value.outcome_unknown is False


@pytest.mark.usefixtures("no_backoff")
async def test_501_is_not_retried() -> None:
    recorder = Recorder(httpx.Response(501, json={"message": "501 Not Implemented"}))
    async with client(recorder) as gl:
        with pytest.raises(ServerError):
            await gl.users.get(1)
    assert len(recorder.requests) == 1


async def test_default_retries_wait_with_the_real_backoff() -> None:
    # One retry with the default policy: bounded by backoff_base (0.5 s) for the first retry.
    recorder = Recorder(httpx.Response(502), httpx.Response(200, json=USER))
    async with client(recorder) as gl:
        assert gl.retry_policy == RetryPolicy()
        user = await gl.users.get(1)
    assert user.id == 1
    assert len(recorder.requests) == 2


@pytest.mark.usefixtures("no_backoff")
async def test_connect_error_becomes_api_connection_error_after_retries() -> None:
    recorder = Recorder(httpx.ConnectError("[Errno 111] Connection refused"))
    async with client(recorder) as gl:
        with pytest.raises(APIConnectionError) as info:
            await gl.users.get(1)
    error = info.value
    assert type(error) is APIConnectionError
    assert not isinstance(error, APIStatusError)
    assert len(recorder.requests) == 5  # 1 + max_retries (4)
    assert error.retries == 4
    assert error.outcome_unknown is False
    assert error.method == "GET"
    assert error.url == "https://gitlab.example.com/api/v4/users/1"
    assert "Connection refused" in str(error)
    assert isinstance(error.__cause__, httpx.ConnectError)


@pytest.mark.usefixtures("no_backoff")
async def test_connect_error_on_post_is_retried_because_nothing_was_sent() -> None:
    recorder = Recorder(
        httpx.ConnectError("[Errno 111] Connection refused"),
        httpx.Response(201, json=CREATED),
    )
    async with client(recorder) as gl:
        created = await gl.users.create(
            email="alice@example.com", name="Alice", username="alice", reset_password=True
        )
    assert created.email == "alice@example.com"
    assert [request.method for request in recorder.requests] == ["POST", "POST"]


@pytest.mark.usefixtures("no_backoff")
async def test_read_timeout_on_post_is_not_retried_and_outcome_unknown() -> None:
    recorder = Recorder(httpx.ReadTimeout("timed out"))
    async with client(recorder) as gl:
        with pytest.raises(APITimeoutError) as info:
            await gl.users.create(
                email="alice@example.com", name="Alice", username="alice", password="s3cret-pass"
            )
    error = info.value
    assert isinstance(error, APIConnectionError)
    assert error.outcome_unknown is True
    assert error.retries == 0
    assert error.method == "POST"
    assert len(recorder.requests) == 1
    assert "outcome is unknown" in str(error)


@pytest.mark.usefixtures("no_backoff")
async def test_read_timeout_on_get_is_retried() -> None:
    recorder = Recorder(httpx.ReadTimeout("timed out"), httpx.Response(200, json=USER))
    async with client(recorder) as gl:
        user = await gl.users.get(1)
    assert user.id == 1
    assert len(recorder.requests) == 2


@pytest.mark.usefixtures("no_backoff")
async def test_read_timeout_on_get_after_retries_is_a_timeout_error() -> None:
    recorder = Recorder(httpx.ReadTimeout("timed out"))
    async with client(recorder, max_retries=1) as gl:
        with pytest.raises(APITimeoutError) as info:
            await gl.users.get(1)
    assert info.value.outcome_unknown is False
    assert info.value.retries == 1
    assert len(recorder.requests) == 2


# -- responses that do not match the contract ---------------------------------------------------


@pytest.mark.parametrize(
    ("content", "expected_body"),
    [
        (b'{"id": "not-int"}', {"id": "not-int"}),
        (b"<html><body>Sign in</body></html>", "<html><body>Sign in</body></html>"),
        (b'{"id": 1, "usern', '{"id": 1, "usern'),
        (b"[]", []),
        (b"null", None),
    ],
)
async def test_mismatching_200_is_a_response_validation_error(
    content: bytes, expected_body: Any
) -> None:
    recorder = Recorder(httpx.Response(200, content=content))
    async with client(recorder) as gl:
        with pytest.raises(ResponseValidationError) as info:
            await gl.users.get(1)
    error = info.value
    assert not isinstance(error, APIStatusError)
    assert error.status_code == 200
    assert error.body == expected_body
    assert isinstance(error.error, ValueError)
    assert error.problems
    assert "does not match the documented schema" in str(error)
    assert len(recorder.requests) == 1


async def test_validation_error_is_a_pydantic_error_for_wrong_types() -> None:
    recorder = Recorder(httpx.Response(200, json={"id": "not-int"}))
    async with client(recorder) as gl:
        with pytest.raises(ResponseValidationError) as info:
            await gl.users.get(1)
    error = info.value
    assert isinstance(error.error, pydantic.ValidationError)
    assert error.error.errors()[0]["loc"] == ("UserProfile", "id")
    assert any(problem.startswith("UserProfile.id: ") for problem in error.problems)
    # The values stay in `body` only: never in the message, the kept error or a cause.
    assert "not-int" not in str(error) + repr(error) + str(error.error)
    assert error.__cause__ is None


async def test_mismatching_page_is_a_response_validation_error() -> None:
    recorder = Recorder(httpx.Response(200, json={"not": "a list"}))
    async with client(recorder) as gl:
        with pytest.raises(ResponseValidationError) as info:
            await gl.users.list().to_list()
    assert info.value.body == {"not": "a list"}


@pytest.mark.parametrize("status", [202, 206, 302, 304])
async def test_undocumented_success_status_is_an_api_status_error(status: int) -> None:
    recorder = Recorder(
        httpx.Response(
            status, json=USER, headers={"Location": "https://gitlab.example.com/elsewhere"}
        )
    )
    async with client(recorder) as gl:
        with pytest.raises(APIStatusError) as info:
            await gl.users.get(1)
    error = info.value
    assert type(error) is APIStatusError
    assert error.status_code == status
    assert f"undocumented status {status}" in str(error)
    assert len(recorder.requests) == 1


# -- nothing is sent for invalid arguments ------------------------------------------------------------


async def test_invalid_arguments_fail_before_sending() -> None:
    recorder = Recorder(httpx.Response(201, json=CREATED))
    async with client(recorder) as gl:
        with pytest.raises(InvalidRequestError):
            await gl.users.get("1")  # type: ignore[arg-type]
        with pytest.raises(InvalidRequestError):
            # one of password, reset_password, force_random_password is required
            await gl.users.create(email="a@example.com", name="A", username="a")
        with pytest.raises(InvalidRequestError):
            await gl.users.create(
                email="a@example.com", name="A", username="a", password="x" * 12, provider="ldap"
            )
    assert recorder.requests == []


async def test_invalid_arguments_are_gitlab_errors_too() -> None:
    async with AsyncGitLab(
        BASE, token="t", transport=httpx.MockTransport(lambda r: httpx.Response(200))
    ) as gl:
        with pytest.raises(GitLabError) as caught:
            await gl.users.get("not-an-id")  # type: ignore[arg-type]
    assert isinstance(caught.value, InvalidRequestError)
    assert isinstance(caught.value, ValueError)


async def test_a_connection_error_keeps_no_credentials_in_its_cause() -> None:
    def refuse(request: httpx.Request) -> httpx.Response:
        raise httpx.ConnectError("refused", request=request)

    async with AsyncGitLab(
        BASE,
        token="glpat-CAUSE-SECRET",
        sudo="bob",
        transport=httpx.MockTransport(refuse),
        max_retries=0,
    ) as gl:
        with pytest.raises(APIConnectionError) as caught:
            await gl.users.get(1)
    cause = caught.value.__cause__
    assert isinstance(cause, httpx.RequestError)
    assert "glpat-CAUSE-SECRET" not in str(dict(cause.request.headers))
    assert cause.request.headers["authorization"] == "[REDACTED]"


# -- one request path ----------------------------------------------------------------------------


def _fields(error: APIStatusError) -> tuple[Any, ...]:
    return (
        type(error),
        error.status_code,
        error.message,
        error.body,
        error.method,
        error.request_id,
        error.retries,
        str(error).split(": GET ")[0],
    )


async def test_a_404_is_the_same_error_from_a_list_page_a_get_and_a_raw_response() -> None:
    """Status errors are mapped in one place: every way of calling gives the same error."""
    not_found = httpx.Response(
        404, json={"message": "404 User Not Found"}, headers={"X-Request-Id": "r-404"}
    )
    recorder = Recorder(not_found)
    errors: list[APIStatusError] = []
    async with client(recorder) as gl:
        calls = (
            lambda: gl.users.list().to_list(),
            lambda: gl.users.get(1),
            lambda: gl.users.with_raw_response.get(1),
            lambda: gl.users.with_raw_response.list(),
            lambda: gl.users.list().first_page(),
        )
        for call in calls:
            with pytest.raises(APIStatusError) as info:
                await call()
            errors.append(info.value)
    assert [_fields(error) for error in errors] == 5 * [
        (
            NotFoundError,
            404,
            "User Not Found",
            {"message": "404 User Not Found"},
            "GET",
            "r-404",
            0,
            "404 User Not Found",
        )
    ]


async def test_undocumented_success_status_is_a_status_error_from_the_same_place() -> None:
    recorder = Recorder(httpx.Response(202, json=USER))
    async with client(recorder) as gl:
        with pytest.raises(APIStatusError) as info:
            await gl.users.get(1)
    assert type(info.value) is APIStatusError
    assert info.value.status_code == 202
    assert "undocumented status 202" in str(info.value)


# -- pickling ---------------------------------------------------------------------------------


async def _raised(response: httpx.Response) -> GitLabError:
    recorder = Recorder(response)
    async with client(recorder, max_retries=0) as gl:
        with pytest.raises(GitLabError) as info:
            await gl.users.get(1)
    return info.value


def _round_trip(error: GitLabError) -> GitLabError:
    import pickle

    copy: GitLabError = pickle.loads(pickle.dumps(error))  # noqa: S301 - our own bytes
    return copy


@pytest.mark.parametrize(
    "response",
    [
        httpx.Response(404, json={"message": "404 User Not Found"}, headers={"X-Request-Id": "r1"}),
        httpx.Response(400, json={"message": {"email": ["is invalid"]}}),
        httpx.Response(429, headers={"Retry-After": "120"}),
        httpx.Response(503, text="<html>down</html>"),
        httpx.Response(200, json={"id": "not-int"}),
    ],
)
async def test_every_error_survives_a_pickle_round_trip(response: httpx.Response) -> None:
    import pickle

    error = await _raised(response)
    copy = _round_trip(error)
    assert type(copy) is type(error)
    assert str(copy) == str(error)
    assert copy.args == error.args
    for name in ("status_code", "message", "body", "method", "url", "request_id", "retries"):
        assert getattr(copy, name) == getattr(error, name), name
    if isinstance(error, RateLimitError):
        assert isinstance(copy, RateLimitError)
        assert copy.retry_after == error.retry_after == 120
    if isinstance(error, APIStatusError):
        assert isinstance(copy, APIStatusError)
        assert copy.errors == error.errors
    assert b"glpat-errors" not in pickle.dumps(error)


def test_errors_raised_before_any_request_pickle_too() -> None:
    for error in (
        ConfigurationError("bad"),
        InvalidRequestError("worse"),
        CrossOriginError("elsewhere", url="https://user:pw@evil.example/x?private_token=s"),
        APITimeoutError("slow", method="GET", url="https://gitlab.example.com/api/v4/users"),
        APIConnectionError("gone", method="POST", url="https://x.example/", outcome_unknown=True),
        ResponseTooLargeError(
            "too large", method="GET", url="https://gitlab.example.com/api/v4/users", limit=10
        ),
        PaginationLoopError("loop", url="https://gitlab.example.com/api/v4/users?page=1"),
    ):
        copy = _round_trip(error)
        assert type(copy) is type(error) and str(copy) == str(error)
        assert vars(copy) == vars(error)
    assert "pw" not in str(vars(_round_trip(CrossOriginError("x", url="https://u:pw@h/"))))


# -- hostile bodies -------------------------------------------------------------------------------


async def test_a_huge_message_is_shortened_in_str_but_kept_in_the_body() -> None:
    huge = "x" * 10_000_000
    error = await fail_get(httpx.Response(400, json={"message": huge}))
    assert len(str(error)) < 500
    assert error.message.endswith("…")
    assert error.body == {"message": huge}
    assert len(repr(error)) < 500


async def test_deeply_nested_json_is_a_validation_error_not_a_recursion_error() -> None:
    deep = b"[" * 50_000 + b"]" * 50_000
    recorder = Recorder(httpx.Response(200, content=deep))
    async with client(recorder) as gl:
        with pytest.raises(ResponseValidationError):
            await gl.users.get(1)
        with pytest.raises(ResponseValidationError):
            await gl.users.list().to_list()
    deep_error = await fail_get(httpx.Response(500, content=deep), max_retries=0)
    assert isinstance(deep_error, ServerError)


async def test_a_bad_token_field_never_shows_the_token() -> None:
    secret = "glpat-SECRET-value-0123456789"
    created = {
        "id": 1,
        "name": "t",
        "revoked": False,
        "created_at": "2024-01-01T00:00:00Z",
        "scopes": ["api"],
        "active": True,
        "impersonation": True,
        "token": {"not": "a string", "but": secret},
    }
    recorder = Recorder(httpx.Response(201, json=created))
    async with client(recorder) as gl:
        with pytest.raises(ResponseValidationError) as info:
            await gl.users.impersonation_tokens.create(1, name="t", scopes=["api"])
    error = info.value
    shown = str(error) + repr(error) + str(error.error) + repr(error.error) + str(error.problems)
    assert secret not in shown
    assert error.__cause__ is None and error.__context__ is None
    assert any(problem.endswith("Input should be a valid string") for problem in error.problems)
    assert error.body == created  # what arrived stays available, on purpose
