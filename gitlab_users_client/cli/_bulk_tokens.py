"""``bulk revoke-tokens`` and ``bulk rotate-tokens``: a user's active tokens, as one item.

An item is a user; its action touches each of the user's active tokens, personal access
and impersonation tokens alike (an administrator's ``GET /personal_access_tokens?user_id=``
lists both), optionally only those expiring before ``--token-expires-before``. A user's
tokens are collected first, every page, and only then acted on: revoking while paging
through ``state=active`` shifts the offsets, and the next page would skip tokens. The
token the job runs with is left alone (``GET /personal_access_tokens/self`` says which it
is): revoking or rotating it would stop the job half-way.

Before the first token of an item is revoked or rotated, their IDs go to the journal
(the ``tokens`` column), so that ``--resume`` knows what the item was about:

* ``revoke-tokens``: revoking a revoked token again succeeds, so a resumed item lists the
  user's active tokens again and revokes what is left; it took effect when none is left.
* ``rotate-tokens``: a rotation revokes the old token and creates its successor, whose
  value only GitLab's answer holds. Sending it again after a lost answer fails ("Token
  already revoked"), and listing the active tokens again would find the successors and
  rotate them a second time. So a resumed item works from the recorded IDs only: a
  recorded token that is revoked was rotated, and its successor's value must be in the
  secrets file (else the item fails, saying so); one still active is rotated now.

The new values go to ``--secrets-out`` (:mod:`._secrets`), never to stdout or the journal.
"""

from __future__ import annotations

import argparse
import datetime
import os
from collections.abc import Sequence
from typing import TYPE_CHECKING, Any

from gitlab_users_client import AsyncGitLab, BadRequestError, NotFoundError

from ._errors import CLIError
from ._failfast import PreflightFailed
from ._items import Item
from ._plan import Applied, Halt, Plan, State, Step, Tools
from ._secrets import SecretsFile, SecretsNotWritten, check_secrets_path

if TYPE_CHECKING:
    from gitlab_users_client.models import PersonalAccessToken

__all__ = [
    "check_token_options",
    "open_tools",
    "own_token_id",
    "revoke_plan",
    "rotate_plan",
    "rotation_stops_job",
]

TOKEN_ACTIONS = ("revoke-tokens", "rotate-tokens")
#: How many tokens a dry-run line names before "...".
_SHOWN = 10


class SecretLost(Exception):
    """A recorded token was rotated, but its successor's value is not in the secrets file."""


class NotTheUsersToken(Exception):
    """A token the journal recorded for an item belongs to another user: nothing is sent."""


def check_token_options(
    args: argparse.Namespace, *, today: datetime.date, journal_rows: bool
) -> None:
    """Refuse the token options that do not fit the action, before any request.

    ``journal_rows``: ``--resume`` found a journal with rows, so the job ran already.
    """
    action = args.action
    if action not in TOKEN_ACTIONS:
        for flag, value in (
            ("--expires-at", args.expires_at),
            ("--secrets-out", args.secrets_out),
            ("--token-expires-before", args.token_expires_before),
        ):
            if value is not None:
                raise CLIError(f"{flag} is an option of revoke-tokens and rotate-tokens only")
        return
    if action == "revoke-tokens":
        for flag, value in (("--expires-at", args.expires_at), ("--secrets-out", args.secrets_out)):
            if value is not None:
                raise CLIError(f"{flag} is an option of rotate-tokens only")
        return
    if args.expires_at is None:
        raise CLIError(
            "rotate-tokens needs --expires-at YYYY-MM-DD, the expiry date of the new tokens "
            "(GitLab would otherwise give them one week)"
        )
    if args.expires_at <= today:
        raise CLIError(
            f"--expires-at {args.expires_at} is not after today: the new tokens would not work"
        )
    path: str | None = args.secrets_out
    if path is None:
        if args.dry_run:
            return
        raise CLIError(
            "rotate-tokens needs --secrets-out PATH (.jsonl or .csv, created with mode 0600): "
            "each new token's value is in GitLab's answer only, and is never printed"
        )
    # A dry run never creates the file, but says now if the real run would refuse it.
    check_secrets_path(path, append=bool(args.resume))
    if args.resume and not args.dry_run and journal_rows and not os.path.lexists(path):
        raise CLIError(
            f"--resume: the secrets file {path} of this job is missing: it holds the new "
            "values of the tokens rotated so far, and says which ones they are. Put it back, "
            "or start a new job with other --results and --secrets-out paths"
        )


async def own_token_id(gl: AsyncGitLab) -> int | None:
    """The ID of the token the job runs with; ``None`` when it is not a personal access
    token (an OAuth token, which no token listing holds)."""
    try:
        token = await gl.personal_access_tokens.self()
    except BadRequestError:
        return None  # "This endpoint requires token type to be a personal access token"
    except NotFoundError:
        raise PreflightFailed(
            "GET /personal_access_tokens/self answered 404, so which token this job runs "
            "with is unknown, and revoking or rotating it would stop the job half-way. "
            "Nothing was done (GitLab 16.0 or later is needed)"
        ) from None
    return token.id


def open_tools(args: argparse.Namespace, own_token: int | None) -> Tools:
    """The job's :class:`Tools`: the token to leave alone and, for a ``rotate-tokens`` job
    that acts, the secrets file, opened (``--resume`` appends to it)."""
    path: str | None = args.secrets_out
    if args.action != "rotate-tokens" or args.dry_run or path is None:
        return Tools(own_token=own_token)
    return Tools(own_token=own_token, secrets=SecretsFile.open(path, append=bool(args.resume)))


# -- reading a user's tokens --------------------------------------------------------------------
def _filters(args: argparse.Namespace) -> dict[str, Any]:
    filters: dict[str, Any] = {"state": "active"}
    if args.token_expires_before is not None:
        filters["expires_before"] = args.token_expires_before
    return filters


async def _active(gl: AsyncGitLab, uid: int, filters: dict[str, Any]) -> list[PersonalAccessToken]:
    """Every active token of the user: all pages are read before any is acted on."""
    return await gl.personal_access_tokens.list(user_id=uid, **filters).to_list()


def _split_own(
    tokens: list[PersonalAccessToken], step: Step
) -> tuple[list[PersonalAccessToken], PersonalAccessToken | None]:
    """The tokens to act on, and the one the job runs with if it is among them."""
    own = step.tools.own_token
    mine = next((t for t in tokens if t.id == own), None)
    return [t for t in tokens if t.id != own], mine


def _left_alone(uid: int, token: PersonalAccessToken, verb: str) -> str:
    return (
        f"token {token.id} ({token.name}) of user {uid} is left alone: this job runs with it, "
        f"and would stop if it were {verb}d. {verb.capitalize()} it yourself once the job is "
        "done"
    )


def _with_note(text: str, uid: int, mine: PersonalAccessToken | None, verb: str) -> str:
    """``text``, saying which token was left alone when the job's own token was there."""
    return text if mine is None else f"{text}; {_left_alone(uid, mine, verb)}"


def _names(tokens: Sequence[PersonalAccessToken], *, expiry: bool = False) -> str:
    shown = []
    for token in tokens[:_SHOWN]:
        detail = token.name
        if expiry:
            detail += f", expires {token.expires_at or 'never'}"
        shown.append(f"{token.id} ({detail})")
    more = f", ... ({len(tokens) - _SHOWN} more)" if len(tokens) > _SHOWN else ""
    return ", ".join(shown) + more


def _ids(ids: Sequence[int]) -> str:
    return ", ".join(map(str, ids))


# -- revoke-tokens ------------------------------------------------------------------------------
def revoke_plan(item: Item, args: argparse.Namespace) -> Plan:
    """Revoke every active token of the user (see the module docstring)."""
    filters = _filters(args)
    what = "active tokens" if len(filters) == 1 else "active tokens expiring before the date"

    async def preview(gl: AsyncGitLab, uid: int, step: Step) -> str:
        tokens, mine = _split_own(await _active(gl, uid, filters), step)
        text = f"would revoke {len(tokens)} token(s): {_names(tokens)}" if tokens else ""
        return _with_note(text or "no active token to revoke", uid, mine, "revoke")

    async def apply(gl: AsyncGitLab, uid: int, step: Step) -> Applied:
        tokens, mine = _split_own(await _active(gl, uid, filters), step)
        ids = [t.id for t in tokens]
        note = _left_alone(uid, mine, "revoke") if mine is not None else None
        if not ids:
            return Applied(_with_note("no active token to revoke", uid, mine, "revoke"), note=note)
        step.record(sorted({*step.earlier, *ids}))
        for token_id in ids:
            await gl.personal_access_tokens.revoke(token_id)
        text = f"revoked {len(ids)} token(s): {_ids(ids)}"
        return Applied(_with_note(text, uid, mine, "revoke"), note=note)

    async def check(gl: AsyncGitLab, uid: int, step: Step) -> State:
        tokens, _ = _split_own(await _active(gl, uid, filters), step)
        return State(not tokens)

    return Plan(f"revoke {what}", apply, check, preview)


# -- rotate-tokens ------------------------------------------------------------------------------
def rotate_plan(item: Item, args: argparse.Namespace) -> Plan:
    """Rotate every active token of the user (see the module docstring)."""
    filters = _filters(args)
    expires_at: datetime.date = args.expires_at

    async def preview(gl: AsyncGitLab, uid: int, step: Step) -> str:
        tokens, mine = _split_own(await _active(gl, uid, filters), step)
        text = (
            f"would rotate {len(tokens)} token(s) to new ones expiring on {expires_at}: "
            f"{_names(tokens, expiry=True)}"
            if tokens
            else "no active token to rotate"
        )
        return _with_note(text, uid, mine, "rotate")

    async def apply(gl: AsyncGitLab, uid: int, step: Step) -> Applied:
        if step.earlier:
            return await _rotate_recorded(gl, uid, step, expires_at)
        tokens, mine = _split_own(await _active(gl, uid, filters), step)
        note = _left_alone(uid, mine, "rotate") if mine is not None else None
        if not tokens:
            return Applied(_with_note("no active token to rotate", uid, mine, "rotate"), note=note)
        username = step.username or (await gl.users.get(uid)).username
        step.record([t.id for t in tokens])
        pairs = [await _rotate(gl, uid, username, t.id, expires_at, step) for t in tokens]
        return Applied(_with_note(_rotated(pairs), uid, mine, "rotate"), username, note)

    async def check(gl: AsyncGitLab, uid: int, step: Step) -> State:
        # Nothing recorded: the job stopped before the first rotation of this item.
        if not step.earlier:
            return State(False)
        secrets = _secrets(step)
        for token_id in step.earlier:
            token = await gl.personal_access_tokens.get(token_id)
            if token.user_id != uid or not token.revoked or not secrets.has(token_id):
                return State(False)  # apply rotates it, or says what is wrong
        return State(True)

    return Plan(f"rotate active tokens (new ones expiring on {expires_at})", apply, check, preview)


def _secrets(step: Step) -> SecretsFile:
    secrets = step.tools.secrets
    if secrets is None:  # open_tools opens it for every rotate-tokens job that acts
        raise SecretsNotWritten("no secrets file is open")
    return secrets


async def _rotate(
    gl: AsyncGitLab,
    uid: int,
    username: str | None,
    token_id: int,
    expires_at: datetime.date,
    step: Step,
) -> tuple[int, int]:
    """Rotate one token and store the new value before anything else: ``(old, new)`` IDs."""
    secrets = _secrets(step)
    new = await gl.personal_access_tokens.rotate(token_id, expires_at=expires_at)
    try:
        await secrets.save(
            {
                "user_id": uid,
                "username": username,
                "rotated_token_id": token_id,
                "token_id": new.id,
                "name": new.name,
                "scopes": list(new.scopes),
                "expires_at": new.expires_at.isoformat() if new.expires_at else None,
                "token": new.token,
            }
        )
    except SecretsNotWritten as exc:
        raise SecretsNotWritten(
            f"token {token_id} was rotated, but the value of its successor, token {new.id}, "
            f"could not be written to {secrets.path} ({exc}): that value is lost. Fix the "
            f"cause, then rotate token {new.id} again (gitlab-users tokens rotate {uid} "
            f"{new.id} --expires-at {expires_at} --token-file PATH)"
        ) from None
    return token_id, new.id


def _rotated(pairs: Sequence[tuple[int, int]]) -> str:
    shown = ", ".join(f"{old} -> {new}" for old, new in pairs)
    return f"rotated {len(pairs)} token(s): {shown}"


async def _rotate_recorded(
    gl: AsyncGitLab, uid: int, step: Step, expires_at: datetime.date
) -> Applied:
    """``--resume``: rotate the recorded tokens that are still active, and only those."""
    secrets = _secrets(step)
    tokens = [await gl.personal_access_tokens.get(token_id) for token_id in step.earlier]
    strangers = [t.id for t in tokens if t.user_id != uid]
    if strangers:
        raise NotTheUsersToken(
            f"the journal records token(s) {_ids(strangers)} for user {uid}, but GitLab says "
            "they belong to another user: nothing was sent. Is this the same GitLab?"
        )
    username = step.username
    pairs: list[tuple[int, int]] = []
    before = [t.id for t in tokens if t.revoked and secrets.has(t.id)]
    lost = [t for t in tokens if t.revoked and not secrets.has(t.id)]
    for token in tokens:
        if not token.revoked:
            username = username or (await gl.users.get(uid)).username
            pairs.append(await _rotate(gl, uid, username, token.id, expires_at, step))
    done = [_rotated(pairs)] if pairs else []
    if before:
        done.append(f"{len(before)} rotated by an earlier run: {_ids(before)}")
    if lost:
        raise SecretLost(
            "; ".join(done)
            + ("; but " if done else "")
            + f"token(s) {_names(lost)} of user {uid} were revoked while the job had them in "
            f"hand, and no new value for them is in {secrets.path}: the job stopped while "
            "GitLab's answer was on its way (that value is lost), or someone else revoked "
            f"them. See `gitlab-users tokens list {uid} --state active` for their "
            "successors (same names) and rotate those again with `gitlab-users tokens rotate`"
        )
    return Applied("; ".join(done) or "nothing to rotate", username)


def rotation_stops_job(error: BaseException) -> Halt | None:
    """Failures after which no further rotation may start."""
    if isinstance(error, SecretsNotWritten):
        return Halt(
            "a new token value could not be written to the secrets file (see the failed "
            "item); every further rotation would lose its value too",
            resumable=True,
        )
    message = str(getattr(error, "message", ""))
    if isinstance(error, BadRequestError) and "expires at" in message.lower():
        return Halt(
            f"GitLab refuses the expiry date ({message}): every rotation would be refused the "
            "same way, and the refused ones left their tokens as they were. Run the job again "
            "with an earlier --expires-at, and new --results and --secrets-out paths",
            resumable=False,
        )
    return None
