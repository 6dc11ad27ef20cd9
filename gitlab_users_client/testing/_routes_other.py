"""Routes from outside ``users.rb`` that belong to the Users API surface (reference §1.7):
runner creation, user counts, a user's project lists, a user's events and the deprecated
credit-card hook."""

from __future__ import annotations

import secrets
from typing import Any

from ._common import app_rate_limit, user_or_404
from ._http import P, bad_request, error_error, forbidden, validate
from ._pagination import (
    decode_cursor,
    encode_cursor,
    keyset_link,
    page_params,
    paginate_seq,
)
from ._records import Project, Runner, User
from ._render import can_read_profile, event, project
from ._routing import Ctx, Out, RouteDef, json_out
from ._util import iso

RUNNER_MAX_TAGS = 50


def create_runner(ctx: Ctx) -> Out:
    st = ctx.st
    v = validate(
        ctx.params,
        (
            P("runner_type", required=True, values=("instance_type", "group_type", "project_type")),
            P("group_id", "int"),
            P("project_id", "int"),
            P("description"),
            P("maintenance_note"),
            P("paused", "bool"),
            P("locked", "bool", default=False),
            P("access_level", values=("not_protected", "ref_protected")),
            P("run_untagged", "bool", default=True),
            P("tag_list", "csv"),
            P("maximum_timeout", "int"),
        ),
    )
    me = ctx.require_user()
    rt = v["runner_type"]
    missing = []
    if rt == "group_type" and v.get("group_id") is None:
        missing.append("group_id is missing")
    if rt == "project_type" and v.get("project_id") is None:
        missing.append("project_id is missing")
    if missing:
        raise error_error(400, ", ".join(missing))
    errors = _runner_errors(v)
    if rt == "instance_type" and not me.is_admin:
        raise forbidden("User does not have permission to create instance runner")
    if rt == "group_type":
        gid = v["group_id"]
        if gid not in st.groups:
            raise forbidden("User does not have permission to create group runner")
        if not me.is_admin and st.group_members.get(gid, {}).get(me.id, 0) < 50:
            raise forbidden("User does not have permission to create group runner")
    if rt == "project_type":
        pid = v["project_id"]
        if pid not in st.projects:
            raise forbidden("User does not have permission to create project runner")
        if not me.is_admin and st.project_members.get(pid, {}).get(me.id, 0) < 40:
            raise forbidden("User does not have permission to create project runner")
    if errors:
        # CreateRunnerService: the model's full messages as a sentence, via bad_request!.
        raise bad_request(_to_sentence(errors))
    r = Runner(
        id=st.next_id("runner"),
        user_id=me.id,
        runner_type=rt,
        token="glrt-" + secrets.token_urlsafe(15)[:20],
        description=v.get("description"),
        tag_list=v.get("tag_list") or [],
        created_at=st.now(),
    )
    st.runners.append(r)
    return json_out({"id": r.id, "token": r.token, "token_expires_at": None}, 201)


def _runner_errors(v: dict[str, Any]) -> list[str]:
    """``Ci::Runner`` validations of the attributes the route passes on."""
    errors = []
    if v.get("maintenance_note") and len(v["maintenance_note"]) > 1024:
        errors.append("Maintenance note is too long (maximum is 1024 characters)")
    tags = v.get("tag_list") or []
    if not tags and v.get("run_untagged") is False:
        errors.append("Tags list can not be empty when runner is not allowed to pick untagged jobs")
    if len(tags) > RUNNER_MAX_TAGS:
        errors.append(
            f"Tags list Too many tags specified. Please limit the number of tags to "
            f"{RUNNER_MAX_TAGS}"
        )
    if v.get("maximum_timeout") is not None and v["maximum_timeout"] < 600:
        errors.append("Maximum timeout needs to be at least 10 minutes")
    return errors


def _to_sentence(items: list[str]) -> str:
    return items[0] if len(items) == 1 else ", ".join(items[:-1]) + " and " + items[-1]


def user_counts(ctx: Ctx) -> Out:
    me = ctx.require_user()
    return json_out(
        {
            "merge_requests": me.assigned_merge_requests,
            "assigned_issues": me.assigned_issues,
            "assigned_merge_requests": me.assigned_merge_requests,
            "review_requested_merge_requests": me.review_requested_merge_requests,
            "todos": me.todos,
        }
    )


PROJECT_ORDER = ("id", "name", "path", "created_at", "updated_at", "last_activity_at", "star_count")
PROJECT_SPECS = (
    P("order_by", values=(*PROJECT_ORDER, "similarity"), default="created_at"),
    P("sort", values=("asc", "desc"), default="desc"),
    P("archived", "bool"),
    P("visibility", values=("private", "internal", "public")),
    P("search"),
    P("owned", "bool", default=False),
    P("starred", "bool", default=False),
    P("membership", "bool", default=False),
    P("simple", "bool", default=False),
    P("statistics", "bool", default=False),
    P("min_access_level", "int", values=(5, 10, 15, 20, 30, 40, 50)),
    P("id_after", "int"),
    P("id_before", "int"),
    P("topic", "csv"),
    P("with_custom_attributes", "bool", default=False),
    P("pagination", values=("offset", "keyset")),
    P("cursor"),
)


def _visible(ctx: Ctx, p: Project) -> bool:
    if p.visibility == "public":
        return True
    me = ctx.user
    if me is None:
        return False
    if me.is_admin or p.visibility == "internal":
        return True
    return me.id in ctx.st.project_members.get(p.id, {})


def _project_list(ctx: Ctx, ids: list[int], user: User, limit_key: str) -> Out:
    st = ctx.st
    v = validate(ctx.params, PROJECT_SPECS)
    app_rate_limit(ctx, limit_key)
    if not can_read_profile(user, ctx.user):
        ids = []
    projects = [st.projects[i] for i in ids if i in st.projects]
    projects = [p for p in projects if _visible(ctx, p)]
    if v.get("archived") is not None:
        projects = [p for p in projects if p.archived == v["archived"]]
    if v.get("visibility"):
        projects = [p for p in projects if p.visibility == v["visibility"]]
    if v.get("search"):
        q = v["search"].lower()
        projects = [p for p in projects if q in p.name.lower() or q in p.path.lower()]
    if v.get("topic"):
        wanted = set(v["topic"])
        projects = [p for p in projects if wanted <= set(p.topics)]
    if v.get("id_after") is not None:
        projects = [p for p in projects if p.id > v["id_after"]]
    if v.get("id_before") is not None:
        projects = [p for p in projects if p.id < v["id_before"]]
    if ctx.user is not None:
        me_id = ctx.user.id
        if v.get("owned"):
            projects = [p for p in projects if p.owner_id == me_id]
        if v.get("membership"):
            projects = [p for p in projects if me_id in st.project_members.get(p.id, {})]
        if v.get("starred"):
            mine = set(st.starred.get(me_id, ()))
            projects = [p for p in projects if p.id in mine]
        if v.get("min_access_level") is not None:
            projects = [
                p
                for p in projects
                if st.project_members.get(p.id, {}).get(me_id, 0) >= v["min_access_level"]
            ]
    order_by = v["order_by"] if v["order_by"] != "similarity" else "id"
    desc = v["sort"] == "desc"

    def key(p: Project) -> tuple[Any, int]:
        return (getattr(p, order_by), p.id)

    projects.sort(key=key, reverse=desc)
    full = ctx.user is not None and not v.get("simple")
    if v.get("pagination") == "keyset":
        if v["order_by"] != "id":
            raise error_error(
                405, "Keyset pagination is not yet available for this type of request"
            )
        pp = page_params(ctx)
        if v.get("cursor"):
            last_id = decode_cursor(v["cursor"])["id"]
            projects = [p for p in projects if (p.id < last_id if desc else p.id > last_id)]
        page = projects[: pp.per_page]
        headers = {}
        if len(projects) > pp.per_page:
            headers["Link"] = keyset_link(ctx, encode_cursor({"id": page[-1].id}), pp.per_page)
        return json_out([project(st, p, full=full, viewer=ctx.user) for p in page], headers=headers)
    chunk, headers = paginate_seq(ctx, projects)
    return json_out([project(st, p, full=full, viewer=ctx.user) for p in chunk], headers=headers)


def user_projects(ctx: Ctx) -> Out:
    user = user_or_404(ctx, "user_id")
    return _project_list(
        ctx, list(ctx.st.projects_by_owner.get(user.id, ())), user, "user_projects_api"
    )


def contributed_projects(ctx: Ctx) -> Out:
    user = user_or_404(ctx, "user_id")
    return _project_list(
        ctx, list(ctx.st.contributed.get(user.id, ())), user, "user_contributed_projects_api"
    )


def starred_projects(ctx: Ctx) -> Out:
    user = user_or_404(ctx, "user_id")
    return _project_list(
        ctx, list(ctx.st.starred.get(user.id, ())), user, "user_starred_projects_api"
    )


TARGET_TYPES = ("epic", "issue", "merge_request", "milestone", "note", "project", "snippet", "user")
_TT_MAP = {"Issue": "issue", "MergeRequest": "merge_request", "Note": "note"}


def user_events(ctx: Ctx) -> Out:
    st = ctx.st
    v = validate(
        ctx.params,
        (
            P("action"),
            P("target_type", values=TARGET_TYPES),
            P("before", "date"),
            P("after", "date"),
            P("sort", values=("asc", "desc"), default="desc"),
        ),
    )
    # Public (lib/api/events.rb has no authenticate!); EventsFinder returns nothing for a
    # profile the caller may not read.
    user = user_or_404(ctx)
    evs = list(st.events.get(user.id, ())) if can_read_profile(user, ctx.user) else []
    if v.get("action"):
        action_words = {
            "pushed": "pushed to",
            "created": "created",
            "commented": "commented on",
            "closed": "closed",
            "merged": "accepted",
        }
        wanted = action_words.get(v["action"], v["action"])
        evs = [e for e in evs if e.action_name == wanted]
    if v.get("target_type"):
        evs = [e for e in evs if _TT_MAP.get(e.target_type or "") == v["target_type"]]
    if v.get("before") is not None:
        evs = [e for e in evs if e.created_at.date() < v["before"]]
    if v.get("after") is not None:
        evs = [e for e in evs if e.created_at.date() > v["after"]]
    if not ctx.is_admin:
        evs = [e for e in evs if e.project_id is None or _visible(ctx, st.projects[e.project_id])]
    evs.sort(key=lambda e: (e.created_at, e.id), reverse=v["sort"] == "desc")
    chunk, headers = paginate_seq(ctx, evs)
    return json_out([event(st, e) for e in chunk], headers=headers)


def credit_card_validation(ctx: Ctx) -> Out:
    v = validate(
        ctx.params,
        (
            P("credit_card_validated_at", "datetime", required=True),
            P("credit_card_expiration_month", "int", required=True),
            P("credit_card_expiration_year", "int", required=True),
            P("credit_card_holder_name", required=True),
            P("credit_card_mask_number", required=True),
            P("credit_card_type", required=True),
            P("zuora_payment_method_xid"),
            P("stripe_setup_intent_xid"),
            P("stripe_payment_method_xid"),
            P("stripe_card_fingerprint"),
        ),
    )
    ctx.require_admin()
    user = user_or_404(ctx, "user_id")
    return json_out(
        {"user_id": user.id, "credit_card_validated_at": iso(v["credit_card_validated_at"])}
    )


ROUTES: tuple[RouteDef, ...] = (
    RouteDef("POST", "/user/runners", create_runner, pre="auth", extra_scopes=("create_runner",)),
    RouteDef("GET", "/user_counts", user_counts, pre="auth"),
    RouteDef("GET", "/users/{user_id}/projects", user_projects, read_user_scope=False),
    RouteDef(
        "GET", "/users/{user_id}/contributed_projects", contributed_projects, read_user_scope=False
    ),
    RouteDef("GET", "/users/{user_id}/starred_projects", starred_projects, read_user_scope=False),
    RouteDef("GET", "/users/{id}/events", user_events),
    RouteDef("PUT", "/user/{user_id}/credit_card_validation", credit_card_validation, pre="auth"),
)
