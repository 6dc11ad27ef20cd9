"""What a bulk action's plan is made of (the table of actions is :mod:`._bulk_actions`).

A :class:`Plan` is one item's action, checked before any request: ``apply`` sends it,
``check`` reads whether it already took effect (``--resume``), ``preview`` says what a
dry run would do when that needs reading GitLab. Each gets the item's :class:`Step`: what
the job set up for every item (:class:`Tools`), what an earlier run recorded for this
item, and how to record more.
"""

from __future__ import annotations

from collections.abc import Awaitable, Callable, Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING

from gitlab_users_client import AsyncGitLab

if TYPE_CHECKING:
    from ._secrets import SecretsFile

__all__ = [
    "Applied",
    "Apply",
    "Check",
    "Halt",
    "ItemInvalid",
    "Plan",
    "Preview",
    "State",
    "Step",
    "Tools",
]


class ItemInvalid(Exception):
    """The item cannot be acted on (bad field, nothing to update...); nothing was sent."""


@dataclass(frozen=True, slots=True)
class Applied:
    """What a request that succeeded reports: a past-tense message, and the username
    when GitLab's answer said it."""

    message: str
    username: str | None = None
    #: A line for the admin, printed as the item finishes (a token left alone...).
    note: str | None = None


@dataclass(frozen=True, slots=True)
class State:
    """What a check read: whether the action already took effect (and who the user is)."""

    done: bool
    username: str | None = None


@dataclass(frozen=True, slots=True)
class Tools:
    """What the job sets up once, before it acts, for the items of some actions."""

    #: ID of the token the job runs with: token actions leave it alone.
    own_token: int | None = None
    #: Where ``rotate-tokens`` stores the new token values (not in a dry run).
    secrets: SecretsFile | None = None


@dataclass(frozen=True, slots=True)
class Step:
    """One item's run, as its action sees it."""

    tools: Tools
    #: The user's username, when the job knows it already.
    username: str | None
    #: The token IDs an earlier run of the job recorded for this item (``--resume``).
    earlier: tuple[int, ...]
    #: Journal the token IDs the item is about to act on (a row ``unknown``), before acting.
    record: Callable[[Sequence[int]], None]


Apply = Callable[[AsyncGitLab, int, Step], Awaitable[Applied]]
Check = Callable[[AsyncGitLab, int, Step], Awaitable[State]]
Preview = Callable[[AsyncGitLab, int, Step], Awaitable[str]]


@dataclass(frozen=True, slots=True)
class Plan:
    """One item's action, checked before any request."""

    description: str
    apply: Apply
    check: Check
    #: What a dry run says, when saying it needs reading GitLab (only GETs); else the
    #: description is enough.
    preview: Preview | None = None


@dataclass(frozen=True, slots=True)
class Halt:
    """Why an item's failure stops the whole job (an action's ``stops_job``)."""

    #: What happened and what to do, said once after the items.
    reason: str
    #: Whether ``--resume`` finishes the job once the cause is fixed (else the reason says
    #: what to do instead).
    resumable: bool
