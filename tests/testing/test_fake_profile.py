"""Profile fields and views as GitLab 19 stores and renders them: each test names the GitLab
spec example or source line it follows."""

from __future__ import annotations

import re

import httpx
import pytest
from spec_support import add_user, token_of

from gitlab_users_client.testing import FakeGitLab, ManualClock
from gitlab_users_client.testing._text import render_markdown, sanitize_clean

EVIL_LINK = '<a href="//evil.com">https://example.com<a>'


# -- UserDetail#sanitize_attrs --------------------------------------------------------------------
@pytest.mark.parametrize(
    ("raw", "clean"),
    [
        (EVIL_LINK, "https://example.com"),  # 'sanitizes html tags'
        ("<iframe src=javascript:alert()><iframe>", ""),  # 'sanitizes iframe scripts'
        ('<script>alert("Test")</script>', ""),  # 'sanitizes js scripts'
        ("test&attr", "test&amp;attr"),  # 'encodes HTML entities'
        ("a<br>b<p>c</p>", "a b c "),  # block elements become spaces
    ],
)
def test_sanitize_clean(raw: str, clean: str) -> None:
    """spec/models/user_detail_spec.rb '#sanitize_attrs' (Sanitize.clean)."""
    assert sanitize_clean(raw) == clean


@pytest.mark.parametrize("field", ["linkedin", "twitter", "website_url"])
async def test_links_are_sanitized(admin: httpx.AsyncClient, field: str) -> None:
    """user_detail_spec '#sanitize_attrs' for linkedin/twitter/website_url, through
    PUT /users/:id: tags dropped, `&` encoded."""
    r = await admin.put("/api/v4/users/2", json={field: EVIL_LINK})
    assert (r.status_code, r.json()[field]) == (200, "https://example.com")
    if field != "website_url":
        r = await admin.put("/api/v4/users/2", json={field: "test&attr"})
        assert r.json()[field] == "test&amp;attr"


@pytest.mark.parametrize("field", ["location", "organization"])
async def test_location_and_organization_keep_ampersands(
    admin: httpx.AsyncClient, field: str
) -> None:
    """UserDetail#sanitize_attrs: location and organization are cleaned, then `&amp;` is
    turned back into `&`."""
    r = await admin.put("/api/v4/users/2", json={field: "<b>Smith</b> & Sons<script>x</script>"})
    assert (r.status_code, r.json()[field]) == (200, "Smith & Sons")


async def test_empty_organization_is_an_empty_string(
    fake: FakeGitLab, admin: httpx.AsyncClient
) -> None:
    """UserDetail#prevent_nil_fields (user_detail_spec 'prevents `nil` value'
    :organization): cleared with null or "" it reads back as "", and a new user's is ""."""
    for value in (None, ""):
        r = await admin.put("/api/v4/users/2", json={"organization": value})
        assert (r.status_code, r.json()["organization"]) == (200, "")
    created = await admin.post(
        "/api/v4/users",
        json={"email": "o@example.net", "name": "O", "username": "o_user", "reset_password": True},
    )
    assert created.json()["organization"] == ""
    assert all(u.organization is not None for u in fake.state.users.values())


@pytest.mark.parametrize(
    ("field", "limit"),
    [
        ("pronouns", 50),
        ("linkedin", 500),
        ("twitter", 500),
        ("location", 500),
        ("organization", 500),
        ("discord", 500),
    ],
)
async def test_length_limits(admin: httpx.AsyncClient, field: str, limit: int) -> None:
    """app/models/user_detail.rb: `validates :pronouns, length: { maximum: 50 }` and
    DEFAULT_FIELD_LENGTH (500) for the profile links, location and organization."""
    fill = "1" if field == "discord" else "a"
    r = await admin.put("/api/v4/users/2", json={field: fill * limit})
    if field != "discord":  # a discord ID is 17 to 20 digits
        assert r.status_code == 200
    r = await admin.put("/api/v4/users/2", json={field: fill * (limit + 1)})
    assert r.status_code == 400
    assert f"is too long (maximum is {limit} characters)" in r.json()["message"][field]


@pytest.mark.parametrize(
    ("value", "ok"),
    [("1234567890123456789", True), ("123456789", False), ("abcdefghijklmnopqr", False)],
)
async def test_discord_format(admin: httpx.AsyncClient, value: str, ok: bool) -> None:
    """user_detail_spec '#discord': 'accepts a valid discord user id' (17-20 digits);
    'throws an error when other url format is wrong' (`must contain only a discord user
    ID.`)."""
    r = await admin.put("/api/v4/users/2", json={"discord": value})
    if ok:
        assert (r.status_code, r.json()["discord"]) == (200, value)
    else:
        assert (r.status_code, r.json()) == (
            400,
            {"message": {"discord": ["must contain only a discord user ID."]}},
        )


# -- bio_html -----------------------------------------------------------------------------------
def test_markdown_subset() -> None:
    """API::Entities::Users::BioHtml: `markdown_field(user_detail, :bio)`."""
    source = "Hi **bold** _em_ `code` ~~old~~ [x](https://a.example) <b>raw</b>"
    html = render_markdown(source)
    assert html.startswith(
        f'<p data-sourcepos="1:1-1:{len(source)}" dir="auto">Hi <strong>bold</strong>'
    )
    assert "<em>em</em> <code>code</code> <del>old</del>" in html
    link = '<a href="https://a.example" rel="nofollow noreferrer noopener" target="_blank">x</a>'
    assert link in html
    assert "&lt;b&gt;raw&lt;/b&gt;</p>" in html
    two = render_markdown("one\n\ntwo https://b.example/x.")
    assert two.split("\n")[0] == '<p data-sourcepos="1:1-1:3" dir="auto">one</p>'
    assert '<a href="https://b.example/x"' in two and two.endswith("x</a>.</p>")


async def test_bio_html_is_rendered_markdown(
    fake: FakeGitLab, admin: httpx.AsyncClient, user: httpx.AsyncClient
) -> None:
    """GET /users/:id: `bio_html` in UserProfile (regular user) and UserDetailsWithAdmin
    (administrator) is the rendered Markdown of `bio`."""
    await admin.put("/api/v4/users/3", json={"bio": "I *love* **GitLab** <script>x</script>"})
    for client in (admin, user):
        bio_html = (await client.get("/api/v4/users/3")).json()["bio_html"]
        assert re.fullmatch(
            r'<p data-sourcepos="1:1-1:\d+" dir="auto">I <em>love</em> <strong>GitLab</strong> '
            r"&lt;script&gt;x&lt;/script&gt;</p>",
            bio_html,
        ), bio_html


# -- admin views -------------------------------------------------------------------------------
async def test_provisioned_by_project_id_on_admin_views(
    fake: FakeGitLab, admin: httpx.AsyncClient, user: httpx.AsyncClient
) -> None:
    """doc/api/users.md (19.3): `provisioned_by_project_id` in administrators' user entities
    (UserWithAdmin and below), null unless a project provisioned the user; never for
    others."""
    fake.state.users[3].provisioned_by_project_id = 77
    fake.state.invalidate(fake.state.users[3])
    assert (await admin.get("/api/v4/users/3")).json()["provisioned_by_project_id"] == 77
    page = await admin.get("/api/v4/users", params={"per_page": 100})
    listed = {u["id"]: u for u in page.json()}
    assert listed[3]["provisioned_by_project_id"] == 77
    assert listed[2]["provisioned_by_project_id"] is None
    assert "provisioned_by_project_id" in (await admin.get("/api/v4/user")).json()
    assert "provisioned_by_project_id" not in (await user.get("/api/v4/users/3")).json()


async def test_block_and_unblock_record_who(
    fake: FakeGitLab, admin: httpx.AsyncClient, clock: ManualClock
) -> None:
    """Users::BlockService#after_block_hook and UnblockService#after_unblock_hook: custom
    attributes `blocked_by` / `unblocked_by` = "<username>/<id>+<Time.current>"."""
    target = add_user(fake, "spec_blockee")
    assert (await admin.post(f"/api/v4/users/{target.id}/block")).status_code == 201
    clock.advance(90)
    assert (await admin.post(f"/api/v4/users/{target.id}/unblock")).status_code == 201
    attrs = {
        a["key"]: a["value"]
        for a in (await admin.get(f"/api/v4/users/{target.id}/custom_attributes")).json()
    }
    assert attrs == {
        "blocked_by": "root/1+2026-01-01 00:00:00 UTC",
        "unblocked_by": "root/1+2026-01-01 00:01:30 UTC",
    }
    assert (await admin.post(f"/api/v4/users/{target.id}/unblock")).content == b"false"
    assert fake.state.users[target.id].custom_attributes == attrs  # nothing unblocked: kept


# -- /api/v3/user --------------------------------------------------------------------------------
async def test_v3_user_alias(fake: FakeGitLab, admin: httpx.AsyncClient) -> None:
    """lib/api/users.rb `version %w[v3 v4]` around `GET /user` (kept for OAuth clients): the
    current user, authenticated like v4; every other v3 path and method is 410."""
    v4 = await admin.get("/api/v4/user")
    v3 = await admin.get("/api/v3/user")
    assert (v3.status_code, v3.json()) == (200, v4.json())
    head = await admin.head("/api/v3/user")
    assert (head.status_code, head.content) == (200, b"")
    async with fake.client(token_of(fake, fake.state.users[2])) as c:
        assert (await c.get("/api/v3/user")).json()["id"] == 2
    async with fake.client() as anon:
        assert (await anon.get("/api/v3/user")).status_code == 401
    gone = {"error": "API V3 is no longer supported. Use API V4 instead."}
    for method, path in (("POST", "/api/v3/user"), ("GET", "/api/v3/user/keys")):
        r = await admin.request(method, path)
        assert (r.status_code, r.json()) == (410, gone)
