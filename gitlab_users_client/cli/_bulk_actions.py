"""What ``gitlab-users bulk`` can do: one table entry per action.

Each :class:`BulkAction` in :data:`BULK` declares what a bulk job needs to know:

* ``plan(item, args)`` checks an input item before any request and returns its
  :class:`Plan`: a description, ``apply`` (the request) and ``check``, which reads the
  user's state and says whether the action already took effect. ``--resume`` runs the
  check for an item whose outcome is unknown (it was in flight when the job stopped)
  before deciding to send anything;
* ``locks_out``: acting on the token's own user would lock the job out of GitLab, so
  that user is left out (with a line saying so);
* ``idempotent``: whether sending the request twice is harmless (a PUT, a DELETE). A
  non-idempotent one (a POST) is sent again for an item only when its check says the
  first one had no effect;
* ``gone_is_done``: the action removes the user, so "not found" after an attempt whose
  outcome is unknown means that attempt took effect;
* ``on_tokens``: the action acts on the user's tokens (:mod:`._bulk_tokens`): the job
  learns which token it runs with (left alone) and records the tokens of each item;
* ``stops_job``: says which failures mean that no further item may start (every other
  one would fail the same way, or worse).

What a plan is (:class:`Plan`, :class:`Step`...) is in :mod:`._plan`.

Adding an action is one entry in :data:`BULK` and its plan function.
"""

from __future__ import annotations

import argparse
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from gitlab_users_client import UNSET, AsyncGitLab, NotFoundError

from ._actions import moderate
from ._bulk_tokens import revoke_plan, rotate_plan, rotation_stops_job
from ._fields import convert
from ._items import Item
from ._plan import Applied, Check, Halt, ItemInvalid, Plan, State, Step, Tools

__all__ = [
    "BULK",
    "Applied",
    "BulkAction",
    "Halt",
    "ItemInvalid",
    "Plan",
    "State",
    "Step",
    "Tools",
    "state_of",
]


@dataclass(frozen=True, slots=True)
class BulkAction:
    """One bulk action and how a job may treat it (see the module docstring)."""

    plan: Callable[[Item, argparse.Namespace], Plan]
    locks_out: bool
    idempotent: bool
    gone_is_done: bool = False
    #: Only an administrator's token can do it (the preflight ``GET /user`` checks).
    admin_only: bool = True
    on_tokens: bool = False
    stops_job: Callable[[BaseException], Halt | None] | None = None


def state_of(user: Any) -> str:
    """A user's state as text (``active``, ``blocked``...)."""
    return str(getattr(user.state, "value", user.state))


def _in_state(*states: str) -> Check:
    async def check(gl: AsyncGitLab, uid: int, step: Step) -> State:
        user = await gl.users.get(uid)  # NotFoundError: the user is gone, the item fails
        return State(state_of(user) in states, user.username)

    return check


def _moderation(verb: str, *states: str) -> Callable[[Item, argparse.Namespace], Plan]:
    """A moderation verb (a POST); it took effect when the user is in one of ``states``."""

    def plan(item: Item, args: argparse.Namespace) -> Plan:
        async def apply(gl: AsyncGitLab, uid: int, step: Step) -> Applied:
            return Applied(await moderate(gl, verb, uid))

        return Plan(verb, apply, _in_state(*states))

    return plan


def _reject_plan(item: Item, args: argparse.Namespace) -> Plan:
    async def apply(gl: AsyncGitLab, uid: int, step: Step) -> Applied:
        return Applied(await moderate(gl, "reject", uid))

    async def check(gl: AsyncGitLab, uid: int, step: Step) -> State:
        # GitLab deletes a rejected user (in the background): gone, or no longer pending.
        try:
            user = await gl.users.get(uid)
        except NotFoundError:
            return State(True)
        return State(state_of(user) != "blocked_pending_approval", user.username)

    return Plan("reject", apply, check)


def _delete_plan(item: Item, args: argparse.Namespace) -> Plan:
    hard = True if args.hard_delete else UNSET

    async def apply(gl: AsyncGitLab, uid: int, step: Step) -> Applied:
        await gl.users.delete(uid, hard_delete=hard)
        return Applied("deleted")

    async def check(gl: AsyncGitLab, uid: int, step: Step) -> State:
        # GitLab deletes in the background: a user still there gets the (harmless) DELETE
        # again, which at worst queues a second deletion of the same user.
        try:
            user = await gl.users.get(uid)
        except NotFoundError:
            return State(True)
        return State(False, user.username)

    return Plan("hard-delete" if args.hard_delete else "delete", apply, check)


def _set_attr_plan(item: Item, args: argparse.Namespace) -> Plan:
    key = str(item.fields.get("key", args.key) or "")
    raw = item.fields.get("value", args.value)
    if not key or raw is None or isinstance(raw, dict | list | bool):
        raise ItemInvalid("set-attr needs a key and a string value (--key/--value or input fields)")
    text = str(raw)

    async def apply(gl: AsyncGitLab, uid: int, step: Step) -> Applied:
        await gl.users.custom_attributes.set(uid, key, value=text)
        return Applied(f"set {key}")

    async def check(gl: AsyncGitLab, uid: int, step: Step) -> State:
        try:
            attribute = await gl.users.custom_attributes.get(uid, key)
        except NotFoundError:
            await gl.users.get(uid)  # no such attribute, or no such user (then the item fails)
            return State(False)
        return State(attribute.value == text)

    return Plan(f"set {key}={text!r}", apply, check)


#: Update attributes whose value GitLab shows under another name.
_SHOWN_AS = {"admin": "is_admin"}


def _same(wanted: Any, current: Any) -> bool:
    current = getattr(current, "value", current)
    if isinstance(wanted, str) and current is None:
        return wanted == ""
    return bool(wanted == current)


def _update_plan(item: Item, args: argparse.Namespace) -> Plan:
    from gitlab_users_client.models import UpdateUserRequest  # the models load at first use

    try:
        fields = {name: convert(name, value) for name, value in item.fields.items()}
        if not fields:
            raise ValueError("nothing to update: the item has no fields")
        UpdateUserRequest.model_validate(fields)
    except ValueError as exc:
        raise ItemInvalid(" ".join(str(exc).split())) from None

    async def apply(gl: AsyncGitLab, uid: int, step: Step) -> Applied:
        user = await gl.users.update(uid, **fields)
        return Applied("updated " + ", ".join(sorted(fields)), user.username)

    async def check(gl: AsyncGitLab, uid: int, step: Step) -> State:
        user = await gl.users.get(uid)
        missing = object()
        shown = [getattr(user, _SHOWN_AS.get(name, name), missing) for name in fields]
        # An attribute GitLab does not show back (extern_uid...) cannot be checked: the PUT
        # is sent again, which is harmless.
        done = all(
            now is not missing and _same(value, now)
            for value, now in zip(fields.values(), shown, strict=True)
        )
        return State(done, user.username)

    return Plan("update " + ", ".join(sorted(fields)), apply, check)


#: Every bulk action. States are GitLab's (``UserState``).
BULK: dict[str, BulkAction] = {
    "block": BulkAction(
        _moderation("block", "blocked", "ldap_blocked"), locks_out=True, idempotent=False
    ),
    "unblock": BulkAction(_moderation("unblock", "active"), locks_out=False, idempotent=False),
    "ban": BulkAction(_moderation("ban", "banned"), locks_out=True, idempotent=False),
    "unban": BulkAction(_moderation("unban", "active"), locks_out=False, idempotent=False),
    "activate": BulkAction(_moderation("activate", "active"), locks_out=False, idempotent=False),
    "deactivate": BulkAction(
        _moderation("deactivate", "deactivated"), locks_out=True, idempotent=False
    ),
    "approve": BulkAction(_moderation("approve", "active"), locks_out=False, idempotent=False),
    "reject": BulkAction(_reject_plan, locks_out=True, idempotent=False, gone_is_done=True),
    "delete": BulkAction(_delete_plan, locks_out=True, idempotent=True, gone_is_done=True),
    "set-attr": BulkAction(_set_attr_plan, locks_out=False, idempotent=True),
    "update": BulkAction(_update_plan, locks_out=False, idempotent=True),
    # Revoking a revoked token again succeeds: a DELETE that may be repeated.
    "revoke-tokens": BulkAction(revoke_plan, locks_out=False, idempotent=True, on_tokens=True),
    # A rotation's successor has a new value that only its answer holds: never repeated
    # blindly (the resumed item reads each recorded token first).
    "rotate-tokens": BulkAction(
        rotate_plan,
        locks_out=False,
        idempotent=False,
        on_tokens=True,
        stops_job=rotation_stops_job,
    ),
}
