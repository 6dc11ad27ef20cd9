"""``/users`` routes (reference §1.1, §1.2): list/search, CRUD, status, follows, keys,
GPG keys, emails, identities, memberships, deploy keys and Support PINs of other users."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from ._common import (
    USER_ATTRIBUTE_SPECS,
    app_rate_limit,
    check_unmodified_since,
    create_email,
    create_gpg_key,
    create_ssh_key,
    delete_email,
    delete_ssh_key,
    host_of,
    int_param,
    list_out,
    remove_gpg_key,
    sanitize_profile,
    user_model_errors,
    user_or_404,
)
from ._http import (
    P,
    UploadedFile,
    bad_request,
    conflict,
    error_error,
    forbidden,
    message_error,
    not_found,
    validate,
)
from ._pagination import (
    decode_cursor,
    encode_cursor,
    keyset_link,
    keyset_walk,
    page_params,
    paginate_seq,
)
from ._records import Identity, User
from ._render import (
    admin_list_bytes,
    basic_bytes,
    can_read_profile,
    deploy_key,
    email,
    gpg_key,
    render_user,
    ssh_key,
    user_status,
)
from ._routing import Ctx, Out, RouteDef, empty_out, json_out
from ._store import FakeState

FORBIDDEN_SEARCH_STATES = frozenset({"blocked", "banned", "ldap_blocked"})
ORDER_BY = ("id", "name", "username", "created_at", "updated_at")

LIST_SPECS = (
    P("username"),
    P("public_email"),
    P("extern_uid"),
    P("provider"),
    P("search"),
    P("active", "bool", default=False),
    P("humans", "bool", default=False),
    P("external", "bool", default=False),
    P("blocked", "bool", default=False),
    P("created_after", "datetime"),
    P("created_before", "datetime"),
    P("without_projects", "bool", default=False),
    P("without_project_bots", "bool", default=False),
    P("admins", "bool", default=False),
    P("two_factor"),
    P("exclude_active", "bool", default=False),
    P("exclude_external", "bool", default=False),
    P("exclude_humans", "bool", default=False),
    P("exclude_internal", "bool", default=False),
    P("order_by", values=ORDER_BY),
    P("sort", values=("asc", "desc")),
    P("with_custom_attributes", "bool", default=False),
    P("custom_attributes", "hash"),
    P("skip_ldap", "bool", default=False),
    P("pagination", values=("offset", "keyset")),
    P("cursor"),
)
ADMIN_ONLY_FILTERS = (
    "created_after",
    "created_before",
    "two_factor",
    "without_projects",
    "admins",
    "custom_attributes",
    "skip_ldap",
)


def sorted_index(st: FakeState, order_by: str) -> list[tuple[Any, int]]:
    """Ascending ``(key, id)`` list for ``order_by``, cached per store version."""
    cached = st.sorted_cache.get(order_by)
    if cached is not None and cached[0] == st.version:
        return cached[1]
    users = st.users
    if order_by == "id":
        data: list[tuple[Any, int]] = [(uid, uid) for uid in st.user_ids]
    elif order_by == "updated_at":
        data = sorted(
            (u.updated_at.strftime("%Y-%m-%dT%H:%M:%S.%fZ"), u.id) for u in users.values()
        )
    else:
        data = sorted((getattr(u, order_by), u.id) for u in users.values())
    st.sorted_cache[order_by] = (st.version, data)
    return data


def _user_filters(ctx: Ctx, v: dict[str, Any]) -> list[Callable[[User], bool]]:
    st = ctx.st
    admin = ctx.is_admin
    preds: list[Callable[[User], bool]] = []
    if not admin:
        preds.append(lambda u: u.state not in FORBIDDEN_SEARCH_STATES)
    if v.get("username"):
        q = v["username"].lower()
        preds.append(lambda u: u.username.lower() == q)
    if v.get("public_email"):
        pe = v["public_email"].lower()
        preds.append(lambda u: (u.public_email or "").lower() == pe)
    if v.get("extern_uid") and v.get("provider"):
        uid_q, prov = v["extern_uid"].lower(), v["provider"]
        preds.append(
            lambda u: any(
                i.provider == prov and i.extern_uid.lower() == uid_q for i in u.identities or ()
            )
        )
    if v.get("search"):
        s = v["search"].strip().lower()

        def matches(u: User, s: str = s) -> bool:
            if s in u.name.lower() or s in u.username.lower():
                return True
            if u.public_email and u.public_email.lower() == s:
                return True
            if admin:
                if u.email.lower() == s:
                    return True
                return any(e.email.lower() == s for e in st.emails_by_user.get(u.id, ()))
            return False

        preds.append(matches)
    if v.get("active"):
        preds.append(lambda u: u.state == "active" and not u.is_internal)
    if v.get("exclude_active"):
        preds.append(lambda u: u.state != "active")
    if v.get("blocked"):
        preds.append(lambda u: u.state in ("blocked", "ldap_blocked"))
    if v.get("external"):
        preds.append(lambda u: u.external)
    if v.get("exclude_external"):
        preds.append(lambda u: not u.external)
    if v.get("humans"):
        preds.append(lambda u: u.user_type == "human")
    if v.get("exclude_humans"):
        preds.append(lambda u: u.user_type != "human")
    if v.get("exclude_internal"):
        preds.append(lambda u: not u.is_internal)
    if v.get("without_project_bots"):
        preds.append(lambda u: u.user_type != "project_bot")
    if v.get("created_after") is not None:
        ca = v["created_after"]
        preds.append(lambda u: u.created_at >= ca)
    if v.get("created_before") is not None:
        cb = v["created_before"]
        preds.append(lambda u: u.created_at <= cb)
    tf = v.get("two_factor")
    if tf == "enabled":
        preds.append(lambda u: u.two_factor_enabled)
    elif tf == "disabled":
        preds.append(lambda u: not u.two_factor_enabled)
    if v.get("without_projects"):
        preds.append(
            lambda u: not any(m.source_type == "Project" for m in st.memberships.get(u.id, ()))
        )
    if v.get("admins"):
        preds.append(lambda u: u.is_admin)
    if isinstance(v.get("custom_attributes"), dict) and v["custom_attributes"]:
        wanted = {str(k): str(val) for k, val in v["custom_attributes"].items()}
        preds.append(
            lambda u: (
                u.custom_attributes is not None
                and all(u.custom_attributes.get(k) == val for k, val in wanted.items())
            )
        )
    if v.get("skip_ldap"):
        preds.append(lambda u: not any(i.provider.startswith("ldap") for i in u.identities or ()))
    return preds


def _render_list(ctx: Ctx, users: list[User], with_ca: bool) -> list[bytes]:
    st = ctx.st
    from ._util import dumps

    if ctx.is_admin:
        viewer = ctx.user
        assert viewer is not None
        if with_ca:
            return [
                dumps(render_user(st, u, "with_admin", viewer, with_custom_attributes=True))
                for u in users
            ]
        now = st.now()
        return [admin_list_bytes(st, u, viewer, now) for u in users]
    return [basic_bytes(st, u) for u in users]


def list_users(ctx: Ctx) -> Out:
    st = ctx.st
    v = validate(ctx.params, LIST_SPECS, all_or_none_of=[("extern_uid", "provider")])
    if v.get("extern_uid") and v.get("provider"):
        ctx.require_admin()
    if ctx.user is None and not v.get("username"):
        raise forbidden("Not authorized to access /api/v4/users")
    app_rate_limit(ctx, "users_list")
    admin = ctx.is_admin
    if not admin:
        for name in ADMIN_ONLY_FILTERS:
            v.pop(name, None)
    with_ca = bool(v.get("with_custom_attributes")) and admin
    preds = _user_filters(ctx, v)
    keyset = v.get("pagination") == "keyset"
    order_by, sort = v.get("order_by"), v.get("sort")
    relevance = bool(v.get("search")) and order_by is None and sort is None and not keyset
    ob = order_by or "id"
    if ob == "created_at":
        ob = "id"
    descending = (sort or "desc") == "desc"
    users = st.users

    def accept(uid: int) -> bool:
        u = users[uid]
        return all(p(u) for p in preds)

    if keyset:
        pp = page_params(ctx)
        ordered = sorted_index(st, ob)
        after = None
        if v.get("cursor"):
            cur = decode_cursor(v["cursor"])
            key = cur.get(ob, cur["id"]) if ob != "id" else cur["id"]
            after = (key, cur["id"])
        try:
            ids, more = keyset_walk(ordered, descending, after, accept, pp.per_page)
        except TypeError as exc:
            raise error_error(400, "cursor does not have a valid value") from exc
        page_users = [users[i] for i in ids]
        headers: dict[str, str] = {}
        if more and page_users:
            last = page_users[-1]
            data: dict[str, Any] = {"id": last.id}
            if ob == "updated_at":
                data[ob] = last.updated_at.strftime("%Y-%m-%dT%H:%M:%S.%fZ")
            elif ob != "id":
                data[ob] = getattr(last, ob)
            data["_kd"] = "n"
            headers["Link"] = keyset_link(ctx, encode_cursor(data), pp.per_page)
        return list_out(_render_list(ctx, page_users, with_ca), headers)

    pp = page_params(ctx)
    # source: PaginationStrategies#offset_limit_exceeded? multiplies params[:page] and
    # params[:per_page] as sent (after Grape's coercion), before Kaminari clamps them.
    if pp.requested_page * pp.requested_per_page > st.config.offset_pagination_limit:
        raise error_error(
            405,
            "Offset pagination has a maximum allowed offset of "
            f"{st.config.offset_pagination_limit} for requests that return objects of type "
            "User. Remaining records can be retrieved using keyset pagination.",
        )
    if v.get("username"):
        uid = st.username_index.get(v["username"].lower())
        matching = [uid] if uid is not None and accept(uid) else []
    elif relevance:
        q = v["search"].strip().lower()
        found = [uid for uid in reversed(st.user_ids) if accept(uid)]

        def rank(uid: int) -> int:
            u = users[uid]
            if u.username.lower() == q:
                return 0
            if u.name.lower() == q or u.email.lower() == q:
                return 1
            return 2

        matching = sorted(found, key=rank)
    else:
        if ob == "id":
            base = st.user_ids[::-1] if descending else st.user_ids
        else:
            ordered = sorted_index(st, ob)
            base = [i for _, i in (reversed(ordered) if descending else ordered)]
        matching = [uid for uid in base if accept(uid)] if preds else base
    chunk, headers = paginate_seq(ctx, matching)
    return list_out(_render_list(ctx, [users[i] for i in chunk], with_ca), headers)


def get_user(ctx: Ctx) -> Out:
    v = validate(ctx.params, (P("with_custom_attributes", "bool", default=False),))
    if ctx.user is None:
        raise forbidden("Not authorized!")
    app_rate_limit(ctx, "users_get_by_id", skip_admin=True)
    user = user_or_404(ctx)
    if ctx.is_admin:
        d = render_user(
            ctx.st,
            user,
            "details_with_admin",
            ctx.user,
            with_custom_attributes=bool(v.get("with_custom_attributes")),
        )
    else:
        d = render_user(ctx.st, user, "profile", ctx.user)
    return json_out(d)


CREATE_SPECS = (
    P("email", required=True),
    P("name", required=True),
    P("username", required=True),
    P("password"),
    P("reset_password", "bool"),
    P("force_random_password", "bool"),
    P("skip_confirmation", "bool"),
    *USER_ATTRIBUTE_SPECS,
)


def _apply_attributes(ctx: Ctx, user: User, v: dict[str, Any]) -> None:
    st = ctx.st
    for field in (
        "linkedin",
        "twitter",
        "discord",
        "website_url",
        "github",
        "bio",
    ):
        if field in v:
            setattr(user, field, v[field] or "")
    for field in ("location", "pronouns", "note"):
        if field in v:
            setattr(user, field, v[field])
    if "organization" in v:
        # UserDetail#prevent_nil_fields: a cleared organization is stored as "".
        user.organization = v["organization"] or ""
    if v.get("projects_limit") is not None:
        user.projects_limit = v["projects_limit"]
    if "public_email" in v:
        user.public_email = v["public_email"] or ""
    if "commit_email" in v:
        ce = v["commit_email"]
        user.commit_email = None if not ce or ce == "_private" else ce
    if v.get("admin") is not None:
        user.is_admin = v["admin"]
    if v.get("can_create_group") is not None:
        user.can_create_group = v["can_create_group"]
    if v.get("external") is not None:
        user.external = v["external"]
    if v.get("theme_id") is not None:
        user.theme_id = v["theme_id"]
    if v.get("color_scheme_id") is not None:
        user.color_scheme_id = v["color_scheme_id"]
    if "private_profile" in v:
        user.private_profile = bool(v["private_profile"])
    if isinstance(v.get("avatar"), UploadedFile):
        user.avatar_file = v["avatar"].filename
    prefs_changed = False
    for field in ("view_diffs_file_by_file", "policy_advanced_editor"):
        if v.get(field) is not None:
            setattr(st.preferences_of(user), field, v[field])
            prefs_changed = True
    del prefs_changed
    if v.get("extern_uid") and v.get("provider"):
        ids = user.identities = user.identities or []
        for ident in ids:
            if ident.provider == v["provider"]:
                ident.extern_uid = v["extern_uid"]
                ident.updated_at = st.now()
                break
        else:
            ids.append(Identity(v["provider"], v["extern_uid"], updated_at=st.now()))


def create_user(ctx: Ctx) -> Out:
    st = ctx.st
    v = validate(
        ctx.params,
        CREATE_SPECS,
        at_least_one_of=[("password", "reset_password", "force_random_password")],
        all_or_none_of=[("extern_uid", "provider")],
    )
    admin = ctx.require_admin()
    sanitize_profile(v)
    confirmed = bool(v.get("skip_confirmation"))
    errors = user_model_errors(ctx, None, v, confirmed_new=confirmed)
    holder = st.email_holder(v["email"])
    if holder is not None and holder[1]:
        raise conflict("Email has already been taken")
    if v["username"].lower() in st.username_index:
        raise conflict("Username has already been taken")
    if holder is not None:
        errors.setdefault("email", []).append("has already been taken")
    if errors:
        raise message_error(400, errors)
    now = st.now()
    uid = st.next_id("user")
    user = User(
        id=uid,
        username=v["username"],
        name=v["name"],
        email=v["email"],
        created_at=now,
        updated_at=now,
        namespace_id=st.next_id("namespace"),
        confirmed_at=now if confirmed else None,
        created_by_id=admin.id,
        password=v.get("password"),
    )
    _apply_attributes(ctx, user, v)
    st.add_user_record(user)
    return json_out(render_user(st, user, "with_admin", ctx.user), 201)


UPDATE_SPECS = (
    P("email"),
    P("password"),
    P("skip_reconfirmation", "bool"),
    P("name"),
    P("username"),
    *USER_ATTRIBUTE_SPECS,
)


def update_user(ctx: Ctx) -> Out:
    st = ctx.st
    v = validate(ctx.params, UPDATE_SPECS, all_or_none_of=[("extern_uid", "provider")])
    admin = ctx.require_admin()
    user = user_or_404(ctx)
    sanitize_profile(v)
    holder = st.email_holder(v["email"], except_user=user.id) if v.get("email") else None
    if holder is not None and holder[1]:
        raise conflict("Email has already been taken")
    if v.get("username"):
        owner = st.username_index.get(v["username"].lower())
        if owner is not None and owner != user.id:
            raise conflict("Username has already been taken")
    checks = {
        k: val for k, val in v.items() if k not in ("email", "name", "username") or val is not None
    }
    reconfirm = not v.get("skip_reconfirmation")
    errors = user_model_errors(ctx, user, checks, confirmed_new=not reconfirm)
    if holder is not None:
        errors.setdefault("email", []).append("has already been taken")
    if errors:
        raise message_error(400, errors)
    if v.get("email") and v["email"] != user.email:
        if reconfirm:
            # Devise reconfirmable: the address waits in unconfirmed_email until confirmed.
            user.unconfirmed_email = v["email"]
        else:
            st.change_email(user, v["email"])
    if v.get("name"):
        user.name = v["name"]
    if v.get("username") and v["username"] != user.username:
        st.rename_username(user, v["username"])
    if v.get("password"):
        user.password = v["password"]
        if user.id != admin.id:
            user.password_expires_at = st.now()
    _apply_attributes(ctx, user, v)
    st.touch(user)
    return json_out(render_user(st, user, "with_admin", ctx.user))


def sole_owned_groups(st: FakeState, user: User) -> list[int]:
    out = []
    for m in st.memberships.get(user.id, ()):
        if m.source_type == "Namespace" and m.access_level == 50:
            owners = [u for u, lvl in st.group_members.get(m.source_id, {}).items() if lvl == 50]
            if owners == [user.id]:
                out.append(m.source_id)
    return out


def delete_user(ctx: Ctx) -> Out:
    st = ctx.st
    v = validate(ctx.params, (P("hard_delete", "bool"),))
    ctx.require_admin()
    user = user_or_404(ctx)
    if sole_owned_groups(st, user) and not v.get("hard_delete"):
        raise conflict("User cannot be removed while is the sole-owner of a group")
    check_unmodified_since(ctx, user.updated_at)
    if v.get("hard_delete"):
        for gid in sole_owned_groups(st, user):
            st.groups.pop(gid, None)
            st.group_members.pop(gid, None)
    st.remove_user(user)
    return empty_out(204)


def get_user_status(ctx: Ctx) -> Out:
    app_rate_limit(ctx, "user_status")
    user = user_or_404(ctx, "user_id")
    return json_out(user_status(ctx.st, user))


def follow(ctx: Ctx) -> Out:
    st = ctx.st
    me = ctx.require_user()
    user = user_or_404(ctx)
    allowed = me.id != user.id and me.enabled_following and user.enabled_following
    if not allowed or user.id in st.following.get(me.id, ()):
        return empty_out(304)
    if len(st.following.get(me.id, ())) >= st.config.follow_limit:
        raise message_error(
            400,
            f"You can't follow more than {st.config.follow_limit} users. To follow more "
            "users, unfollow some others.",
        )
    st.follow(me, user)
    return json_out(render_user(st, user, "basic", me), 201)


def unfollow(ctx: Ctx) -> Out:
    st = ctx.st
    me = ctx.require_user()
    user = user_or_404(ctx)
    if user.id not in st.following.get(me.id, ()):
        return empty_out(304)
    st.unfollow(me, user)
    return json_out(render_user(st, user, "basic", me), 201)


def _follow_list(ctx: Ctx, table: dict[int, set[int]], limit_key: str) -> Out:
    st = ctx.st
    if ctx.user is None:
        raise forbidden("Not authorized!")
    app_rate_limit(ctx, limit_key, skip_admin=True)
    user = user_or_404(ctx)
    if not can_read_profile(user, ctx.user):
        raise not_found("User")
    ids = sorted(i for i in table.get(user.id, ()) if i in st.users)
    chunk, headers = paginate_seq(ctx, ids)
    return list_out([basic_bytes(st, st.users[i]) for i in chunk], headers)


def following(ctx: Ctx) -> Out:
    return _follow_list(ctx, ctx.st.following, "user_following")


def followers(ctx: Ctx) -> Out:
    return _follow_list(ctx, ctx.st.followers, "user_followers")


def disable_two_factor(ctx: Ctx) -> Out:
    ctx.require_admin()
    user = user_or_404(ctx)
    if user.is_admin:
        raise forbidden(
            "Two-factor authentication for admins cannot be disabled via the API. Use the Rails console"
        )
    if not user.two_factor_enabled:
        raise bad_request("Two-factor authentication is not enabled for this user")
    user.two_factor_enabled = False
    ctx.st.touch(user)
    return empty_out(204)


def delete_identity(ctx: Ctx) -> Out:
    ctx.require_admin()
    user = user_or_404(ctx)
    provider = ctx.path_params["provider"]
    for ident in user.identities or []:
        if ident.provider == provider:
            check_unmodified_since(ctx, ident.updated_at or user.updated_at)
            assert user.identities is not None
            user.identities.remove(ident)
            ctx.st.touch(user)
            return empty_out(204)
    raise not_found("Identity")


def associations_count(ctx: Ctx) -> Out:
    me = ctx.require_user()
    user = user_or_404(ctx)
    if me.id != user.id and not me.is_admin:
        raise forbidden()
    ms = ctx.st.memberships.get(user.id, ())
    return json_out(
        {
            "groups_count": sum(1 for m in ms if m.source_type == "Namespace"),
            "projects_count": sum(1 for m in ms if m.source_type == "Project"),
            "issues_count": user.issues_count,
            "merge_requests_count": user.merge_requests_count,
        }
    )


def memberships(ctx: Ctx) -> Out:
    v = validate(ctx.params, (P("type", values=("Project", "Namespace")),))
    ctx.require_admin()
    user = user_or_404(ctx, "user_id")
    ms = list(ctx.st.memberships.get(user.id, ()))
    if v.get("type"):
        ms = [m for m in ms if m.source_type == v["type"]]
    chunk, headers = paginate_seq(ctx, ms)
    return json_out(
        [
            {
                "source_id": m.source_id,
                "source_name": m.source_name,
                "source_type": m.source_type,
                "access_level": m.access_level,
            }
            for m in chunk
        ],
        headers=headers,
    )


def project_deploy_keys(ctx: Ctx) -> Out:
    st = ctx.st
    me = ctx.user
    user = user_or_404(ctx, "user_id")
    target_projects = st_projects_of(st, user.id, min_level=40)
    if me is None:
        common = []  # an anonymous caller is Maintainer of nothing
    elif me.is_admin:
        common = target_projects
    else:
        mine = set(st_projects_of(st, me.id, min_level=40))
        common = [p for p in target_projects if p in mine]
    if not common:
        raise forbidden("No common authorized project found")
    keys = [k for pid in sorted(common) for k in st.deploy_keys.get(pid, ())]
    chunk, headers = paginate_seq(ctx, keys)
    return json_out([deploy_key(k) for k in chunk], headers=headers)


def st_projects_of(st: FakeState, user_id: int, min_level: int) -> list[int]:
    return [
        m.source_id
        for m in st.memberships.get(user_id, ())
        if m.source_type == "Project" and m.access_level >= min_level
    ]


def get_support_pin(ctx: Ctx) -> Out:
    from ._util import iso

    ctx.require_admin()
    user = user_or_404(ctx)
    pin = ctx.st.support_pins.get(user.id)
    if pin is None or pin.expires_at <= ctx.st.now():
        raise not_found("Support PIN not found or expired")
    return json_out({"pin": pin.pin, "expires_at": iso(pin.expires_at)})


def revoke_support_pin(ctx: Ctx) -> Out:
    ctx.require_admin()
    user = user_or_404(ctx)
    pin = ctx.st.support_pins.get(user.id)
    if pin is None or pin.expires_at <= ctx.st.now():
        raise not_found("Support PIN not found or expired")
    del ctx.st.support_pins[user.id]
    return empty_out(202)


# -- SSH keys -----------------------------------------------------------------------------
def list_user_keys(ctx: Ctx) -> Out:
    app_rate_limit(ctx, "user_ssh_keys")
    user = user_or_404(ctx, "user_id")
    keys = ctx.st.ssh_keys_by_user.get(user.id, [])
    chunk, headers = paginate_seq(ctx, keys)
    host = host_of(ctx)
    return json_out([ssh_key(k, user.name, host) for k in chunk], headers=headers)


def get_user_key(ctx: Ctx) -> Out:
    app_rate_limit(ctx, "user_ssh_key")
    user = user_or_404(ctx)
    key = ctx.st.ssh_keys.get(int_param(ctx, "key_id"))
    if key is None or key.user_id != user.id:
        raise not_found("Key")
    return json_out(ssh_key(key, user.name, host_of(ctx)))


KEY_SPECS = (
    P("key", required=True),
    P("title", required=True),
    P("expires_at", "datetime"),
    P("usage_type", values=("auth", "signing", "auth_and_signing"), default="auth_and_signing"),
)


def create_user_key(ctx: Ctx) -> Out:
    v = validate(ctx.params, KEY_SPECS)
    ctx.require_admin()
    user = user_or_404(ctx, "user_id")
    return create_ssh_key(ctx, user, v)


def delete_user_key(ctx: Ctx) -> Out:
    ctx.require_admin()
    user = user_or_404(ctx)
    key = ctx.st.ssh_keys.get(int_param(ctx, "key_id"))
    if key is None or key.user_id != user.id:
        raise not_found("Key")
    delete_ssh_key(ctx, key)
    return empty_out(204)


# -- GPG keys -------------------------------------------------------------------------------
def list_user_gpg_keys(ctx: Ctx) -> Out:
    app_rate_limit(ctx, "user_gpg_keys")
    user = user_or_404(ctx)
    chunk, headers = paginate_seq(ctx, ctx.st.gpg_keys_by_user.get(user.id, []))
    return json_out([gpg_key(k) for k in chunk], headers=headers)


def _user_gpg(ctx: Ctx, user: User) -> Any:
    g = ctx.st.gpg_keys.get(int_param(ctx, "key_id"))
    if g is None or g.user_id != user.id:
        raise not_found("GPG Key")
    return g


def get_user_gpg_key(ctx: Ctx) -> Out:
    app_rate_limit(ctx, "user_gpg_key")
    user = user_or_404(ctx)
    return json_out(gpg_key(_user_gpg(ctx, user)))


def create_user_gpg_key(ctx: Ctx) -> Out:
    v = validate(ctx.params, (P("key", required=True),))
    ctx.require_admin()
    user = user_or_404(ctx)
    return create_gpg_key(ctx, user, v["key"])


def delete_user_gpg_key(ctx: Ctx) -> Out:
    ctx.require_admin()
    user = user_or_404(ctx)
    g = _user_gpg(ctx, user)
    check_unmodified_since(ctx, g.updated_at)
    remove_gpg_key(ctx, g)
    return empty_out(204)


def revoke_user_gpg_key(ctx: Ctx) -> Out:
    ctx.require_admin()
    user = user_or_404(ctx)
    remove_gpg_key(ctx, _user_gpg(ctx, user))
    return empty_out(202)


# -- emails -----------------------------------------------------------------------------------
def list_user_emails(ctx: Ctx) -> Out:
    ctx.require_admin()
    user = user_or_404(ctx)
    chunk, headers = paginate_seq(ctx, ctx.st.emails_of(user))
    return json_out([email(e) for e in chunk], headers=headers)


def create_user_email(ctx: Ctx) -> Out:
    v = validate(ctx.params, (P("email", required=True), P("skip_confirmation", "bool")))
    ctx.require_admin()
    user = user_or_404(ctx)
    return create_email(ctx, user, v["email"], confirmed=bool(v.get("skip_confirmation")))


def delete_user_email(ctx: Ctx) -> Out:
    ctx.require_admin()
    user = user_or_404(ctx)
    e = ctx.st.emails.get(int_param(ctx, "email_id"))
    if e is None or e.user_id != user.id:
        raise not_found("Email")
    delete_email(ctx, user, e)
    return empty_out(204)


ROUTES: tuple[RouteDef, ...] = (
    RouteDef("GET", "/users", list_users),
    RouteDef("GET", "/users/{id:digits}", get_user),
    RouteDef("POST", "/users", create_user, pre="auth"),
    RouteDef("PUT", "/users/{id:digits}", update_user, pre="auth"),
    RouteDef("DELETE", "/users/{id:digits}", delete_user, pre="auth"),
    RouteDef("GET", "/users/{user_id}/status", get_user_status),
    RouteDef("POST", "/users/{id:digits}/follow", follow, pre="auth"),
    RouteDef("POST", "/users/{id:digits}/unfollow", unfollow, pre="auth"),
    RouteDef("GET", "/users/{id:digits}/following", following),
    RouteDef("GET", "/users/{id:digits}/followers", followers),
    RouteDef("PATCH", "/users/{id:digits}/disable_two_factor", disable_two_factor, pre="auth"),
    RouteDef("DELETE", "/users/{id:digits}/identities/{provider}", delete_identity, pre="auth"),
    RouteDef("GET", "/users/{id:digits}/associations_count", associations_count),
    RouteDef("GET", "/users/{user_id:int}/memberships", memberships),
    RouteDef("GET", "/users/{user_id}/project_deploy_keys", project_deploy_keys),
    RouteDef("GET", "/users/{id:digits}/support_pin", get_support_pin),
    RouteDef("POST", "/users/{id:digits}/support_pin/revoke", revoke_support_pin, pre="auth"),
    RouteDef("GET", "/users/{user_id}/keys", list_user_keys),
    RouteDef("GET", "/users/{id:digits}/keys/{key_id:int}", get_user_key),
    RouteDef("POST", "/users/{user_id:int}/keys", create_user_key, pre="auth"),
    RouteDef("DELETE", "/users/{id:digits}/keys/{key_id:int}", delete_user_key, pre="auth"),
    RouteDef("GET", "/users/{id:digits}/gpg_keys", list_user_gpg_keys),
    RouteDef("GET", "/users/{id:digits}/gpg_keys/{key_id:int}", get_user_gpg_key),
    RouteDef("POST", "/users/{id:digits}/gpg_keys", create_user_gpg_key, pre="auth"),
    RouteDef("DELETE", "/users/{id:digits}/gpg_keys/{key_id:int}", delete_user_gpg_key, pre="auth"),
    RouteDef(
        "POST", "/users/{id:digits}/gpg_keys/{key_id:int}/revoke", revoke_user_gpg_key, pre="auth"
    ),
    RouteDef("GET", "/users/{id:digits}/emails", list_user_emails),
    RouteDef("POST", "/users/{id:digits}/emails", create_user_email, pre="auth"),
    RouteDef("DELETE", "/users/{id:digits}/emails/{email_id:int}", delete_user_email, pre="auth"),
)
