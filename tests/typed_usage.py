"""Type-checked usage of the whole public surface (``mypy --strict tests/typed_usage.py``).

Never executed: pytest does not collect this file (no ``test_`` prefix, no test functions).
Every resource method of ``gl.users``, ``gl.user``, ``gl.personal_access_tokens`` and their
sub-resources is called with
realistic arguments, and every result is assigned to an explicitly annotated variable, so a
change of a signature or a return type in the generated code breaks ``make typecheck``.
"""

from __future__ import annotations

import datetime

import httpx

import gitlab_users_client
from gitlab_users_client import (
    UNSET,
    APIConnectionError,
    APIStatusError,
    AsyncGitLab,
    AsyncPaginator,
    BulkResult,
    File,
    NotFoundError,
    Outcome,
    Page,
    RateLimitError,
    Response,
    RetryPolicy,
    Secret,
    ServerError,
    Unset,
    UserScan,
)
from gitlab_users_client.models import (
    Application,
    ApplicationWithSecret,
    ApproveResult,
    Avatar,
    BasicProjectDetails,
    ClearStatusAfter,
    CustomAttribute,
    DeployKey,
    Email,
    Event,
    EventTargetType,
    GpgKey,
    GranularScopeInput,
    ImpersonationToken,
    ImpersonationTokenWithToken,
    Membership,
    MembershipType,
    OwnPersonalAccessTokenScope,
    PersonalAccessToken,
    PersonalAccessTokenAssociations,
    PersonalAccessTokenSort,
    PersonalAccessTokenState,
    PersonalAccessTokenWithToken,
    ProjectOrderBy,
    ProjectVisibility,
    ProjectWithAccess,
    RejectResult,
    RunnerAccessLevel,
    RunnerRegistrationDetails,
    RunnerType,
    SortDirection,
    SshKey,
    SshKeyUsageType,
    UserActivity,
    UserAssociationsCount,
    UserAvailability,
    UserBasic,
    UserCounts,
    UserCreditCardValidations,
    UserDetailsWithAdmin,
    UserOrderBy,
    UserPreferences,
    UserProfile,
    UserPublic,
    UserStatus,
    UserSupportPin,
    UserWithAdmin,
)

NOW = datetime.datetime(2026, 1, 1, tzinfo=datetime.UTC)
NEXT_YEAR = datetime.date(2027, 1, 1)
SSH_KEY = "ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAIOMqqnkVzrm0SdG6UOoqKLsabgH5C9okWi0dh2l9GKJl alice"
GPG_KEY = "-----BEGIN PGP PUBLIC KEY BLOCK-----\n...\n-----END PGP PUBLIC KEY BLOCK-----"


async def use_construction() -> None:
    async with AsyncGitLab(
        "https://gitlab.example.com",
        token="glpat-example",
        token_header="private-token",
        sudo="alice",
        timeout=httpx.Timeout(30.0, connect=5.0),
        max_retries=3,
        retry_budget=60.0,
        max_concurrency=8,
        requests_per_second=10.0,
        headers={"X-Team": "platform"},
        transport="auto",
    ) as gl:
        base: str = gl.base_url
        sudo: str | None = gl.sudo
        timeout: httpx.Timeout | None = gl.timeout
        closed: bool = gl.is_closed
        del base, sudo, timeout, closed

    def rotate() -> str:
        return "glpat-rotated"

    async def rotate_async() -> str:
        return "oauth-rotated"

    rotating = AsyncGitLab("https://gitlab.example.com", token=rotate)
    oauth = AsyncGitLab("https://gitlab.example.com", oauth_token=rotate_async)
    job = AsyncGitLab("https://gitlab.example.com", job_token="ci-job-token")
    injected = AsyncGitLab(
        "https://gitlab.example.com",
        http_client=httpx.AsyncClient(),
        transport=httpx.MockTransport(lambda request: httpx.Response(200)),
    )
    patient = AsyncGitLab(
        "https://gitlab.example.com",
        token="glpat-example",
        retry_policy=RetryPolicy(max_retries=8, budget=600.0, backoff_base=1.0),
    )
    policy: RetryPolicy = patient.retry_policy
    del policy
    copy: AsyncGitLab = rotating.with_options(
        sudo=None, timeout=5.0, max_retries=0, retry_budget=10.0, headers={"X-A": "1"}
    )
    for client in (rotating, oauth, job, injected, patient, copy):
        await client.aclose()


async def use_users(gl: AsyncGitLab) -> None:
    users = gl.users

    activated: bool = await users.activate(2)
    approved: ApproveResult = await users.approve(2)
    banned: bool = await users.ban(2)
    blocked: bool | None = await users.block(2)
    created: UserWithAdmin = await users.create(
        email="bob@example.com",
        name="Bob",
        username="bob",
        password="correct-horse-battery",
        skip_confirmation=True,
        projects_limit=10,
        extern_uid="cn=bob,dc=example",
        provider="ldapmain",
        admin=False,
        can_create_group=True,
        external=False,
        private_profile=False,
        note="created by typed_usage",
    )
    with_avatar: UserWithAdmin = await users.create(
        email="carol@example.com",
        name="Carol",
        username="carol",
        force_random_password=True,
        avatar=File(payload=b"\x89PNG...", file_name="carol.png", mime_type="image/png"),
    )
    deactivated: bool | None = await users.deactivate(2)
    await users.delete(2, hard_delete=True)
    await users.delete(3)
    await users.delete_identity(2, "ldapmain")
    await users.disable_two_factor(2)
    followed: UserBasic | None = await users.follow(2)
    user: UserDetailsWithAdmin | UserProfile = await users.get(1)
    detailed: UserDetailsWithAdmin | UserProfile = await users.get(
        1, with_custom_attributes=True, sudo="alice", timeout=10.0
    )
    if isinstance(detailed, UserDetailsWithAdmin):
        email: str = detailed.email
        del email
    counts: UserAssociationsCount = await users.get_associations_count(1)
    status: UserStatus = await users.get_status("alice")
    status_by_id: UserStatus = await users.get_status(1)
    pin: UserSupportPin = await users.get_support_pin(1)
    rejected: RejectResult = await users.reject(4)
    await users.revoke_support_pin(1)
    unbanned: bool = await users.unban(2)
    unblocked: bool = await users.unblock(2)
    unfollowed: UserBasic | None = await users.unfollow(2)
    updated: UserWithAdmin = await users.update(
        2, name="Robert", bio="Hi", skip_reconfirmation=True, avatar=b"\x89PNG..."
    )
    card: UserCreditCardValidations = await users.update_credit_card_validation(
        2,
        credit_card_validated_at=NOW,
        credit_card_expiration_month=12,
        credit_card_expiration_year=2030,
        credit_card_holder_name="Bob Example",
        credit_card_mask_number="1111",
        credit_card_type="visa",
    )
    del activated, approved, banned, blocked, created, with_avatar, deactivated, followed
    del user, counts, status, status_by_id, pin, rejected, unbanned, unblocked, unfollowed
    del updated, card


async def use_users_lists(gl: AsyncGitLab) -> None:
    """List operations: lazy paginators, pages, the parallel scan."""
    users = gl.users
    listing: AsyncPaginator[UserBasic | UserWithAdmin] = users.list(
        active=True,
        search="al",
        created_after=NOW,
        two_factor="enabled",
        order_by=UserOrderBy.USERNAME,
        sort="asc",
        custom_attributes={"team": "qa"},
        per_page=50,
        pagination="keyset",
        max_items=1000,
    )
    async for item in listing:
        listed: UserBasic | UserWithAdmin = item
        username: str = item.username
        del listed, username
    async for page in users.list(blocked=True, pagination="offset").pages():
        items: list[UserBasic | UserWithAdmin] = page.items
        more: bool = page.has_next
        del items, more
    first: Page[UserBasic | UserWithAdmin] = await users.list().first_page()
    total: int | None = first.total
    total_pages: int | None = first.total_pages
    next_page: int | None = first.next_page
    raw_page: httpx.Response = first.response
    everyone: list[UserBasic | UserWithAdmin] = await users.list(max_pages=2).to_list()
    del total, total_pages, next_page, raw_page, everyone
    scanned: UserScan[UserBasic | UserWithAdmin] = users.scan(
        active=True, created_after=datetime.datetime(2024, 1, 1, tzinfo=datetime.UTC), concurrency=4
    )
    async for scanned_user in scanned:
        scanned_id: int = scanned_user.id
        del scanned_id
    # The filters are list's (one generated TypedDict): its order and paging are refused.
    users.scan(order_by="id")  # type: ignore[call-arg]
    users.scan(active="yes")  # type: ignore[arg-type]

    contributed: list[
        BasicProjectDetails | ProjectWithAccess
    ] = await users.list_contributed_projects(
        "alice", order_by=ProjectOrderBy.LAST_ACTIVITY_AT, sort=SortDirection.DESC, simple=True
    ).to_list()
    events: list[Event] = await users.list_events(
        1, action="pushed", target_type=EventTargetType.ISSUE, after=datetime.date(2026, 1, 1)
    ).to_list()
    followers: list[UserBasic] = await users.list_followers(1, max_items=10).to_list()
    following: list[UserBasic] = await users.list_following(1).to_list()
    memberships: list[Membership] = await users.list_memberships(
        1, type_=MembershipType.PROJECT
    ).to_list()
    deploy_keys: list[DeployKey] = await users.list_project_deploy_keys("alice").to_list()
    projects: list[BasicProjectDetails | ProjectWithAccess] = await users.list_projects(
        "alice",
        visibility=ProjectVisibility.PRIVATE,
        archived=False,
        last_activity_after=NOW,
        custom_attributes={"cost_center": "42"},
        pagination="auto",
    ).to_list()
    starred: list[BasicProjectDetails | ProjectWithAccess] = await users.list_starred_projects(
        1, visibility="public", statistics=True
    ).to_list()
    del contributed, events, followers, following, memberships, deploy_keys, projects, starred


async def use_users_bulk(gl: AsyncGitLab) -> None:
    """Bulk helpers: every item accounted for."""
    users = gl.users
    many: BulkResult[int, UserDetailsWithAdmin | UserProfile] = await users.get_many(
        [1, 2, 3], concurrency=4
    )
    outcomes: list[Outcome[int, UserDetailsWithAdmin | UserProfile]] = many.failed
    strict: BulkResult[int, UserDetailsWithAdmin | UserProfile] = await users.get_many(
        range(10), errors="raise"
    )
    values: list[UserDetailsWithAdmin | UserProfile] = strict.values()
    del outcomes, values

    async def block(user_id: int) -> bool | None:
        return await gl.users.block(user_id)

    bulk: BulkResult[int, bool | None] = await gitlab_users_client.map_concurrently(
        block, [5, 6, 7], concurrency=2, errors="collect", on_outcome=lambda outcome: None
    )
    for outcome in bulk:
        ok: bool = outcome.ok
        value: bool | None = outcome.value
        error: Exception | None = outcome.error
        index: int = outcome.index
        del ok, value, error, index


async def use_users_sub_resources(gl: AsyncGitLab) -> None:
    # custom_attributes
    attributes: list[CustomAttribute] = await gl.users.custom_attributes.list(1)
    attribute: CustomAttribute = await gl.users.custom_attributes.get(1, "team")
    set_attribute: CustomAttribute = await gl.users.custom_attributes.set(1, "team", value="qa")
    await gl.users.custom_attributes.delete(1, "team")
    del attributes, attribute, set_attribute

    # emails
    email: Email = await gl.users.emails.create(1, email="alt@example.com", skip_confirmation=True)
    emails: list[Email] = await gl.users.emails.list(1).to_list()
    await gl.users.emails.delete(1, email.id)
    del emails

    # gpg_keys
    gpg: GpgKey = await gl.users.gpg_keys.create(1, key=GPG_KEY)
    gpg_again: GpgKey = await gl.users.gpg_keys.get(1, gpg.id)
    gpg_keys: list[GpgKey] = await gl.users.gpg_keys.list(1, per_page=20).to_list()
    await gl.users.gpg_keys.revoke(1, gpg.id)
    await gl.users.gpg_keys.delete(1, gpg.id)
    del gpg_again, gpg_keys

    # impersonation_tokens
    impersonation: ImpersonationTokenWithToken = await gl.users.impersonation_tokens.create(
        1, name="automation", scopes=["api", "read_user"], expires_at=NEXT_YEAR, description="bot"
    )
    secret: str = impersonation.token
    one_token: ImpersonationToken = await gl.users.impersonation_tokens.get(1, impersonation.id)
    tokens: list[ImpersonationToken] = await gl.users.impersonation_tokens.list(
        1, state="active"
    ).to_list()
    await gl.users.impersonation_tokens.revoke(1, impersonation.id)
    del secret, one_token, tokens

    # keys
    key: SshKey = await gl.users.keys.create(
        1, key=SSH_KEY, title="laptop", expires_at=NOW, usage_type=SshKeyUsageType.AUTH
    )
    key_again: SshKey = await gl.users.keys.get(1, key.id)
    keys: list[SshKey] = await gl.users.keys.list("alice").to_list()
    await gl.users.keys.delete(1, key.id)
    del key_again, keys

    # personal_access_tokens
    pat: PersonalAccessTokenWithToken = await gl.users.personal_access_tokens.create(
        1, name="ci", scopes=["api"], expires_at=NEXT_YEAR, description="CI token"
    )
    pat_value: str = pat.token
    del pat_value


async def use_current_user(gl: AsyncGitLab) -> None:
    me: UserPublic | UserWithAdmin = await gl.user.get()
    counts: UserCounts = await gl.user.get_counts()
    activities: list[UserActivity] = await gl.user.list_activities(from_=NOW).to_list()
    avatar: Avatar = await gl.user.upload_avatar(avatar=File(b"\x89PNG...", "me.png", "image/png"))
    avatar_from_bytes: Avatar = await gl.user.upload_avatar(avatar=b"\x89PNG...")
    del me, counts, activities, avatar, avatar_from_bytes

    # keys
    key: SshKey = await gl.user.keys.create(key=SSH_KEY, title="desktop", usage_type="signing")
    key_again: SshKey = await gl.user.keys.get(key.id)
    keys: list[SshKey] = await gl.user.keys.list().to_list()
    await gl.user.keys.delete(key.id)
    del key_again, keys

    # gpg_keys
    gpg: GpgKey = await gl.user.gpg_keys.create(key=GPG_KEY)
    gpg_again: GpgKey = await gl.user.gpg_keys.get(gpg.id)
    gpg_keys: list[GpgKey] = await gl.user.gpg_keys.list(max_pages=1).to_list()
    await gl.user.gpg_keys.revoke(gpg.id)
    await gl.user.gpg_keys.delete(gpg.id)
    del gpg_again, gpg_keys

    # emails
    email: Email = await gl.user.emails.create(email="me+alt@example.com")
    email_again: Email = await gl.user.emails.get(email.id)
    emails: list[Email] = await gl.user.emails.list().to_list()
    await gl.user.emails.delete(email.id)
    del email_again, emails

    # status
    status: UserStatus = await gl.user.status.get()
    status_set: UserStatus = await gl.user.status.set(
        emoji="coffee",
        message="Brewing",
        availability=UserAvailability.BUSY,
        clear_status_after=ClearStatusAfter.VALUE_0,
    )
    status_updated: UserStatus | None = await gl.user.status.update(message=None)
    del status, status_set, status_updated

    # preferences
    preferences: UserPreferences = await gl.user.preferences.get()
    preferences_updated: UserPreferences = await gl.user.preferences.update(
        view_diffs_file_by_file=True, show_whitespace_in_diffs=False
    )
    del preferences, preferences_updated

    # personal_access_tokens
    own_pat: PersonalAccessTokenWithToken = await gl.user.personal_access_tokens.create(
        name="k8s",
        scopes=[OwnPersonalAccessTokenScope.K8S_PROXY, "self_rotate"],
        expires_at=NEXT_YEAR,
        description="cluster access",
    )
    granular: PersonalAccessTokenWithToken = await gl.user.personal_access_tokens.create(
        name="granular",
        granular_scopes=[
            GranularScopeInput(access="personal_projects", permissions=["read_repository"])
        ],
    )
    del own_pat, granular

    # support_pin
    pin: UserSupportPin = await gl.user.support_pin.create()
    pin_again: UserSupportPin = await gl.user.support_pin.get()
    pin_value: str = pin_again.pin
    del pin, pin_value

    # runners
    runner: RunnerRegistrationDetails = await gl.user.runners.create(
        runner_type=RunnerType.PROJECT_TYPE,
        project_id=42,
        description="build box",
        paused=False,
        access_level=RunnerAccessLevel.REF_PROTECTED,
        tag_list=["docker", "linux"],
        maximum_timeout=3600,
    )
    group_runner: RunnerRegistrationDetails = await gl.user.runners.create(
        runner_type="group_type", group_id=7, run_untagged=True
    )
    runner_token: str = runner.token
    del group_runner, runner_token


async def use_personal_access_tokens(gl: AsyncGitLab) -> None:
    tokens: AsyncPaginator[PersonalAccessToken] = gl.personal_access_tokens.list(
        user_id=42,
        state=PersonalAccessTokenState.ACTIVE,
        revoked=False,
        created_before=NOW,
        created_after=NOW,
        last_used_before=NOW,
        last_used_after=NOW,
        expires_before=NEXT_YEAR,
        expires_after=datetime.date(2026, 2, 1),
        search="ci",
        sort=PersonalAccessTokenSort.EXPIRES_ASC,
        max_items=500,
    )
    by_literal: AsyncPaginator[PersonalAccessToken] = gl.personal_access_tokens.list(
        state="inactive", sort="last_used_desc"
    )
    listed: list[PersonalAccessToken] = await tokens.to_list()
    one: PersonalAccessToken = await gl.personal_access_tokens.get(listed[0].id)
    mine: PersonalAccessToken = await gl.personal_access_tokens.self()
    rotated: PersonalAccessTokenWithToken = await gl.personal_access_tokens.rotate(
        one.id, expires_at=NEXT_YEAR
    )
    value: str = rotated.token
    renewed: PersonalAccessTokenWithToken = await gl.personal_access_tokens.rotate_self()
    reach: PersonalAccessTokenAssociations = await gl.personal_access_tokens.self_associations(
        min_access_level=30
    )
    await gl.personal_access_tokens.revoke(rotated.id)
    await gl.personal_access_tokens.revoke_self()
    raw: Response[PersonalAccessToken] = await gl.personal_access_tokens.with_raw_response.self()
    del by_literal, mine, value, renewed, reach, raw

    app: ApplicationWithSecret = await gl.user.applications.create(
        name="ci", redirect_uri="https://ci.example.com/cb", scopes="api", confidential=False
    )
    secret: str = app.secret
    apps: list[Application] = await gl.user.applications.list().to_list()
    got: Application = await gl.user.applications.get(app.id)
    renamed: Application = await gl.user.applications.update(
        app.id, name="ci-2", scopes="read_user"
    )
    await gl.user.applications.delete(app.id)
    del secret, apps, got, renamed


async def use_raw_responses(gl: AsyncGitLab) -> None:
    raw_user: Response[UserDetailsWithAdmin | UserProfile] = await gl.users.with_raw_response.get(1)
    status_code: int = raw_user.status_code
    headers: httpx.Headers = raw_user.headers
    content: bytes = raw_user.content
    parsed: UserDetailsWithAdmin | UserProfile = raw_user.parsed
    http_response: httpx.Response = raw_user.http_response
    del status_code, headers, content, parsed, http_response

    raw_list: Response[list[UserBasic | UserWithAdmin]] = await gl.users.with_raw_response.list(
        active=True, page=2
    )
    raw_me: Response[UserPublic | UserWithAdmin] = await gl.user.with_raw_response.get()
    raw_keys: Response[list[SshKey]] = await gl.user.keys.with_raw_response.list()
    raw_delete: Response[None] = await gl.users.with_raw_response.delete(9)
    raw_token: Response[
        ImpersonationTokenWithToken
    ] = await gl.users.impersonation_tokens.with_raw_response.create(1, name="t", scopes=["api"])
    raw_status: Response[UserStatus] = await gl.user.status.with_raw_response.get()
    del raw_list, raw_me, raw_keys, raw_delete, raw_token, raw_status

    escape: httpx.Response = await gl.request(
        "GET", "/users", params={"username": "alice"}, headers={"X-A": "1"}
    )
    posted: httpx.Response = await gl.request(
        "POST", "/users/1/custom_attributes/team", json={"value": "qa"}, params=[("a", "b")]
    )
    del escape, posted


async def use_errors(gl: AsyncGitLab) -> None:
    try:
        await gl.users.get(404)
    except NotFoundError as exc:
        code: int = exc.status_code
        message: str = exc.message
        request_id: str | None = exc.request_id
        field_errors: dict[str, list[str]] = exc.errors
        del code, message, request_id, field_errors
    except RateLimitError as exc:
        retry_after: float | None = exc.retry_after
        del retry_after
    except ServerError as exc:
        unknown: bool = exc.outcome_unknown
        del unknown
    except APIStatusError as exc:
        response: httpx.Response = exc.response
        del response
    except APIConnectionError as exc:
        maybe_applied: bool = exc.outcome_unknown
        retries: int = exc.retries
        del maybe_applied, retries

    optional: str | Unset = UNSET
    await gl.users.update(1, bio=optional)


async def use_per_call_options_dates_and_resuming(gl: AsyncGitLab) -> None:
    user = await gl.users.get(
        1,
        timeout=5.0,
        extra_headers={"X-Trace": "abc", "Authorization": Secret("Basic eDp5")},
        extra_query={"flag": True, "ids[]": [1, 2], "since": datetime.date(2024, 1, 1)},
    )
    del user
    await gl.users.keys.create(1, key="k", title="t", expires_at="2030-01-01", extra_body={"x": 1})
    await gl.users.delete(1, if_unmodified_since=datetime.date(2024, 1, 1))
    listing = gl.users.list(created_after="2024-01-01", created_before=datetime.date(2025, 1, 1))
    page: Page[UserBasic | UserWithAdmin] = await listing.first_page()
    saved: str | None = page.next_cursor
    current: str | None = page.cursor
    following: Page[UserBasic | UserWithAdmin] | None = await page.get_next_page()
    del current, following
    resumed = gl.users.list(cursor=saved)
    del resumed
    scan = gl.users.scan(created_after=datetime.datetime(2024, 1, 1), extra_query={"a": "b"})
    checkpoint: str = scan.checkpoint()
    again: UserScan[UserBasic | UserWithAdmin] = gl.users.scan(resume=checkpoint)
    del again
    try:
        await gl.users.get(1)
    except APIConnectionError as exc:
        attempts: int = exc.attempts
        method: str = exc.method
        url: str = exc.url
        del attempts, method, url


async def use_everything(gl: AsyncGitLab) -> None:
    await use_construction()
    await use_users(gl)
    await use_users_lists(gl)
    await use_users_bulk(gl)
    await use_users_sub_resources(gl)
    await use_current_user(gl)
    await use_personal_access_tokens(gl)
    await use_raw_responses(gl)
    await use_errors(gl)
    await use_per_call_options_dates_and_resuming(gl)
    await use_users(gl.with_options(sudo="alice", timeout=None))
