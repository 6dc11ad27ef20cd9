"""Credentials stay out of anything printable: URLs in errors, and the ``Secret`` wrapper."""

from __future__ import annotations

import copy
import pickle

import httpx
import pytest

from gitlab_users_client import APIConnectionError, CrossOriginError
from gitlab_users_client._redact import SENSITIVE_QUERY_KEYS, Secret, redact_url
from gitlab_users_client._urls import redirect_target

TOKEN = "glpat-0123456789abcdef"


@pytest.mark.parametrize(
    "url",
    [
        f"https://[::1/api/v4/users?private_token={TOKEN}",
        f"http://[v1.x/?access_token={TOKEN}",
        f"https://gitlab.example.com]/?job_token={TOKEN}",
    ],
)
def test_an_unparseable_url_is_replaced_by_a_placeholder(url: str) -> None:
    assert redact_url(url) == "<unparseable URL>"


def test_an_error_about_an_unparseable_url_shows_the_placeholder() -> None:
    url = f"https://[::1/api/v4/user?private_token={TOKEN}"
    assert CrossOriginError("refused", url=url).url == "<unparseable URL>"
    assert APIConnectionError("failed", method="GET", url=url).url == "<unparseable URL>"
    with pytest.raises(CrossOriginError) as refused:
        redirect_target(httpx.URL("https://gitlab.example.com/api/v4/user"), url)
    assert refused.value.url == "<unparseable URL>"
    assert TOKEN not in str(refused.value)


@pytest.mark.parametrize("key", sorted(SENSITIVE_QUERY_KEYS))
def test_every_credential_query_parameter_is_masked(key: str) -> None:
    url = f"https://gitlab.example.com/api/v4/users?page=2&{key}={TOKEN}"
    expected = f"https://gitlab.example.com/api/v4/users?page=2&{key}=%5BREDACTED%5D"
    assert redact_url(url) == expected
    upper = url.replace(key, key.upper())
    assert redact_url(upper) == expected.replace(key, key.upper())


@pytest.mark.parametrize(
    ("url", "expected"),
    [
        (f"https://root:{TOKEN}@gitlab.example.com/api/v4", "https://gitlab.example.com/api/v4"),
        (f"https://{TOKEN}@gitlab.example.com:8443/x", "https://gitlab.example.com:8443/x"),
        (f"http://a@b:{TOKEN}@[::1]:8080/x", "http://[::1]:8080/x"),
        ("https://gitlab.example.com:bad/x", "https://gitlab.example.com:bad/x"),
    ],
)
def test_user_info_is_dropped_and_the_host_kept_as_written(url: str, expected: str) -> None:
    assert redact_url(url) == expected


def test_masking_keeps_blank_parameters() -> None:
    url = f"https://gitlab.example.com/api/v4/users?search=&private_token={TOKEN}&active"
    assert redact_url(url) == (
        "https://gitlab.example.com/api/v4/users?search=&private_token=%5BREDACTED%5D&active="
    )


@pytest.mark.parametrize(
    "url",
    [
        "https://gitlab.example.com/api/v4/users?cursor=eyJpZCI6IjQyIn0%3D&search=a+b%20c",
        "https://gitlab.example.com/api/v4/users?tokens=1&sudoers=2",
        "https://gitlab.example.com/api/v4/users",
        "https://gitlab.example.com/cb#state=a%20b",
        "/users?page=2&per_page=100",
        "",
    ],
)
def test_a_url_without_credentials_is_left_exactly_as_it_was(url: str) -> None:
    assert redact_url(url) == url


def test_a_secret_never_shows_its_value() -> None:
    secret = Secret(TOKEN)
    for shown in (repr(secret), str(secret), f"{secret}", f"{secret:>40}", "%s" % (secret,)):  # noqa: UP031
        assert shown == "Secret('**********')"
    assert secret.get() == TOKEN


def test_secrets_compare_by_value_and_are_hashable() -> None:
    assert Secret(TOKEN) == Secret(TOKEN)
    assert Secret(TOKEN) != Secret(TOKEN + "x")
    assert Secret(TOKEN) != TOKEN
    assert hash(Secret(TOKEN)) == hash(Secret(TOKEN))
    assert len({Secret(TOKEN), Secret(TOKEN), Secret("other-token")}) == 2
    assert {Secret(TOKEN): 1}[Secret(TOKEN)] == 1


def test_a_secret_refuses_to_be_pickled_or_deep_copied() -> None:
    with pytest.raises(TypeError, match=r"^credentials cannot be pickled$"):
        pickle.dumps(Secret(TOKEN))
    with pytest.raises(TypeError, match=r"^credentials cannot be pickled$"):
        copy.deepcopy(Secret(TOKEN))
