"""A FastAPI backend that calls GitLab's Users API through one shared ``AsyncGitLab``.

Run it from the repository root::

    GITLAB_URL=https://gitlab.example.com GITLAB_TOKEN=glpat-... \\
        uvicorn docs.examples.fastapi_app:app

The token is the service's own. It needs the ``api`` and ``sudo`` scopes and an
administrator account for the per-user routes (``/me``...), which act as the user named
in ``X-Remote-User``. That header stands in for your real authentication: set it only
in an authenticating proxy, never trust it from the internet. The application checks the
token when it starts: one that GitLab refuses stops it with a message saying so.
See docs/fastapi.md.
"""

from __future__ import annotations

import logging
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from typing import Annotated

from fastapi import Depends, FastAPI, Header, HTTPException, Path, Query, Request
from fastapi.responses import JSONResponse
from pydantic import BaseModel, ConfigDict

from gitlab_users_client import (
    APIConnectionError,
    APIStatusError,
    APITimeoutError,
    AsyncGitLab,
    AuthenticationError,
    BadRequestError,
    ConflictError,
    InvalidRequestError,
    NotFoundError,
    PermissionDeniedError,
    RateLimitError,
    ResponseValidationError,
    UnprocessableEntityError,
)

logger = logging.getLogger(__name__)


@asynccontextmanager
async def lifespan(app: FastAPI) -> AsyncIterator[None]:
    # One client for the whole process: one connection pool, one concurrency cap and
    # one rate-limit pause shared by every request. URL and token come from
    # GITLAB_URL and GITLAB_TOKEN. A web request cannot wait minutes, so the retry
    # budget stays well below the callers' own timeouts.
    async with AsyncGitLab(timeout=15.0, max_retries=2, retry_budget=10.0) as gl:
        await check_token(gl)
        app.state.gitlab = gl
        yield
    # Leaving the block closed the pool.


async def check_token(gl: AsyncGitLab) -> None:
    """Fail at startup, not at the first request, when GitLab refuses the service's token."""
    try:
        me = await gl.user.get()
    except (AuthenticationError, PermissionDeniedError) as exc:
        # SDK errors never contain the token. `from None`: this message says it all.
        raise RuntimeError(
            f"GitLab at {gl.base_url} refused GITLAB_TOKEN ({exc.status_code} {exc.message}): "
            "set a valid token with the api scope"
        ) from None
    except (APIConnectionError, APIStatusError) as exc:
        # GitLab down, failing or throttling is no reason to stay down: requests answer
        # 502/503/504 until it is back. Only a token GitLab refuses stops the service.
        logger.warning("GitLab did not answer at startup, token not checked: %s", exc)
        return
    if not getattr(me, "is_admin", False):
        logger.warning("GITLAB_TOKEN is not an administrator's: the /me routes (sudo) will fail")


app = FastAPI(title="GitLab users facade", lifespan=lifespan)


async def get_gitlab(request: Request) -> AsyncIterator[AsyncGitLab]:
    """The shared client. Never close it here: the lifespan owns it."""
    yield request.app.state.gitlab


GitLab = Annotated[AsyncGitLab, Depends(get_gitlab)]


# What GitLab accepts as a username; anything else is the caller's mistake (422), not a
# request the SDK refuses to build (which would be a 500).
USERNAME = r"^[A-Za-z0-9_.][A-Za-z0-9_.-]{0,254}$"
# The SDK refuses IDs outside the signed 64-bit range GitLab accepts.
UserId = Annotated[int, Path(ge=1, le=2**63 - 1)]


def remote_user(
    x_remote_user: Annotated[str | None, Header(pattern=USERNAME)] = None,
) -> str:
    """Who is calling. Replace with your own authentication."""
    if not x_remote_user:
        raise HTTPException(status_code=401, detail="not signed in")
    return x_remote_user


async def gitlab_as_user(
    gl: GitLab, username: Annotated[str, Depends(remote_user)]
) -> AsyncIterator[AsyncGitLab]:
    """The shared client acting as the calling user (GitLab's sudo, sent as a header).

    ``with_options`` returns a cheap copy that shares the pool; do not close it.
    """
    yield gl.with_options(sudo=username)


AsUser = Annotated[AsyncGitLab, Depends(gitlab_as_user)]


class UserOut(BaseModel):
    """What this API shows of a user: never GitLab's whole (admin) entity."""

    model_config = ConfigDict(from_attributes=True)

    id: int
    username: str
    name: str
    state: str
    web_url: str


class StatusIn(BaseModel):
    message: str | None = None
    emoji: str | None = None


class StatusOut(BaseModel):
    model_config = ConfigDict(from_attributes=True)

    message: str | None
    emoji: str | None


@app.get("/me")
async def read_me(gl: AsUser) -> UserOut:
    return UserOut.model_validate(await gl.user.get())


@app.put("/me/status")
async def set_my_status(status: StatusIn, gl: AsUser) -> StatusOut:
    # PUT /user/status replaces the whole status: fields left as None are cleared.
    updated = await gl.user.status.set(message=status.message, emoji=status.emoji)
    return StatusOut.model_validate(updated)


@app.get("/users")
async def search_users(
    gl: GitLab,
    search: Annotated[str, Query(min_length=1)],
    limit: Annotated[int, Query(ge=1, le=100)] = 20,
) -> list[UserOut]:
    users = await gl.users.list(search=search, per_page=limit, max_items=limit).to_list()
    return [UserOut.model_validate(user) for user in users]


@app.get("/users/{user_id}")
async def read_user(user_id: UserId, gl: GitLab) -> UserOut:
    return UserOut.model_validate(await gl.users.get(user_id))


# -- SDK errors -> HTTP responses -----------------------------------------------------------

# What the caller did wrong keeps its meaning; what went wrong between this service and
# GitLab (our token, GitLab's health, rate limits) is a 502/503/504 from the caller's view.
_PASS_THROUGH: dict[type[APIStatusError], int] = {
    NotFoundError: 404,
    PermissionDeniedError: 403,
    ConflictError: 409,
    BadRequestError: 422,
    UnprocessableEntityError: 422,
}


@app.exception_handler(APIStatusError)
async def gitlab_status_error(request: Request, exc: APIStatusError) -> JSONResponse:
    for error_type, status in _PASS_THROUGH.items():
        if isinstance(exc, error_type):
            content: dict[str, object] = {"detail": exc.message}
            if exc.errors:
                content["errors"] = exc.errors
            return JSONResponse(content, status_code=status)
    # str(exc) has the method, the URL (no credentials) and GitLab's request id.
    logger.warning("GitLab call failed: %s", exc)
    if isinstance(exc, AuthenticationError):
        return JSONResponse({"detail": "GitLab rejected this service's token"}, status_code=502)
    if isinstance(exc, RateLimitError):
        headers = {"Retry-After": str(round(exc.retry_after))} if exc.retry_after else None
        return JSONResponse({"detail": "GitLab is rate limiting"}, 503, headers=headers)
    return JSONResponse({"detail": f"GitLab failed: {exc.status_code}"}, status_code=502)


@app.exception_handler(InvalidRequestError)
async def call_refused(request: Request, exc: InvalidRequestError) -> JSONResponse:
    # The SDK refused to build the call from the arguments it was given. Validating the
    # input at the edge (UserId, USERNAME above) answers first; this catches the rest,
    # which in a facade like this one came from the caller. Logged: it can be our bug too.
    logger.warning("GitLab call refused before sending: %s", exc)
    return JSONResponse({"detail": str(exc)}, status_code=422)


@app.exception_handler(ResponseValidationError)
async def gitlab_unreadable(request: Request, exc: ResponseValidationError) -> JSONResponse:
    # GitLab answered 2xx with a body the SDK cannot read (a proxy page, a version mismatch).
    logger.warning("GitLab answer unreadable: %s", exc)
    return JSONResponse({"detail": "GitLab sent an unreadable answer"}, status_code=502)


@app.exception_handler(APIConnectionError)
async def gitlab_unreachable(request: Request, exc: APIConnectionError) -> JSONResponse:
    logger.warning("GitLab unreachable: %s", exc)
    status = 504 if isinstance(exc, APITimeoutError) else 502
    return JSONResponse({"detail": "GitLab did not answer"}, status_code=status)
