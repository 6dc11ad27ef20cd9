"""Every bad argument of ``AsyncGitLab(...)`` is a ``ConfigurationError`` naming it, and the
URL is the instance (with or without ``/api/v4``), never another API or a web page."""

from __future__ import annotations

from typing import Any

import httpx
import pytest

from gitlab_users_client import AsyncGitLab, ConfigurationError

BASE = "https://gitlab.example.com"

BAD_ARGUMENTS: list[tuple[str, Any]] = [
    ("url", 123),
    ("url", ["https://gitlab.example.com"]),
    ("url", b"https://gitlab.example.com"),
    ("token", 123),
    ("token", b"glpat-x"),
    ("oauth_token", 1),
    ("job_token", 1.5),
    ("token_header", "basic"),
    ("sudo", 1.5),
    ("sudo", [1]),
    ("timeout", "5"),
    ("timeout", float("inf")),
    ("timeout", float("nan")),
    ("max_retries", 1.5),
    ("max_retries", "3"),
    ("max_retries", True),
    ("max_retries", None),
    ("max_retries", -1),
    ("retry_budget", "60"),
    ("retry_budget", None),
    ("retry_budget", float("nan")),
    ("retry_budget", True),
    ("retry_policy", "fast"),
    ("retry_policy", 3),
    ("max_concurrency", 1.5),
    ("max_concurrency", "8"),
    ("max_concurrency", None),
    ("max_concurrency", 0),
    ("requests_per_second", "10"),
    ("requests_per_second", float("nan")),
    ("requests_per_second", True),
    ("pace_from_headers", "yes"),
    ("pace_from_headers", None),
    ("reserve", 1.0),
    ("reserve", -0.1),
    ("reserve", "20%"),
    ("reserve", None),
    ("reserve", float("nan")),
    ("follow_redirects", 1),
    ("keep_base_url", "no"),
    ("max_response_size", 1.5),
    ("max_response_size", "1MB"),
    ("headers", [("X-A", "1")]),
    ("headers", "X-A: 1"),
    ("transport", 1),
    ("transport", "curl"),
    ("http_client", 1),
    ("http_client", "httpx"),
]


@pytest.mark.parametrize(
    ("name", "value"), BAD_ARGUMENTS, ids=[f"{n}={v!r:.20}" for n, v in BAD_ARGUMENTS]
)
def test_every_bad_argument_is_a_configuration_error(name: str, value: Any) -> None:
    kwargs = {"url": BASE, name: value}
    with pytest.raises(ConfigurationError) as caught:
        AsyncGitLab(**kwargs)
    message = str(caught.value).lower()
    assert name.split("_")[0] in message or "url" in message or "token" in message, message


def test_a_sync_http_client_is_refused() -> None:
    with httpx.Client() as sync_client, pytest.raises(ConfigurationError, match="AsyncClient"):
        AsyncGitLab(BASE, http_client=sync_client)  # type: ignore[arg-type]


@pytest.mark.parametrize(
    ("url", "root"),
    [
        ("https://gitlab.example.com", "https://gitlab.example.com/api/v4"),
        ("https://gitlab.example.com/", "https://gitlab.example.com/api/v4"),
        ("https://gitlab.example.com/api/v4", "https://gitlab.example.com/api/v4"),
        ("https://gitlab.example.com/api/v4/", "https://gitlab.example.com/api/v4"),
        ("https://example.com/gitlab", "https://example.com/gitlab/api/v4"),
        ("https://example.com/tools/gitlab/api/v4", "https://example.com/tools/gitlab/api/v4"),
        ("http://127.0.0.1:8080", "http://127.0.0.1:8080/api/v4"),
        (httpx.URL("https://gitlab.example.com"), "https://gitlab.example.com/api/v4"),
    ],
)
def test_instance_urls_are_accepted(url: Any, root: str) -> None:
    assert AsyncGitLab(url).base_url == root


@pytest.mark.parametrize(
    ("url", "use", "what"),
    [
        ("https://gitlab.example.com/api/v3", "https://gitlab.example.com", "API version"),
        ("https://gitlab.example.com/api/v5/", "https://gitlab.example.com", "API version"),
        ("https://gitlab.example.com/api", "https://gitlab.example.com", "inside the API"),
        ("https://gitlab.example.com/api/v4/users", "https://gitlab.example.com", "inside the API"),
        ("https://gitlab.example.com/users/sign_in", "https://gitlab.example.com", "web page"),
        (
            "https://gitlab.example.com/-/user_settings/profile",
            "https://gitlab.example.com",
            "web page",
        ),
        ("https://gitlab.example.com/dashboard/projects", "https://gitlab.example.com", "web page"),
        ("https://example.com/gitlab/users/sign_in", "https://example.com/gitlab", "web page"),
        ("https://example.com/gitlab/explore", "https://example.com/gitlab", "web page"),
        (
            "https://example.com:8443/gitlab/api/v3",
            "https://example.com:8443/gitlab",
            "API version",
        ),
    ],
)
def test_api_and_web_paths_are_refused_with_the_url_to_use(url: str, use: str, what: str) -> None:
    with pytest.raises(ConfigurationError) as caught:
        AsyncGitLab(url)
    message = str(caught.value)
    assert what in message
    assert f"use {use} " in message
