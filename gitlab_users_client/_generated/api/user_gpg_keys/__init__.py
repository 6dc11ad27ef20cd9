"""Resource ``user_gpg_keys`` (generated from the OpenAPI document; do not edit)."""

from __future__ import annotations

import builtins
import datetime
from collections.abc import Mapping, Sequence
from functools import cached_property
from typing import TYPE_CHECKING, Literal

from ...._contract.encoding import File, FileContent, as_file
from ...._contract.resource import (
    NOT_GIVEN,
    BaseResource,
    ExtraBody,
    ExtraHeaders,
    ExtraQuery,
    Keyset,
    NotGiven,
    PaginationMode,
    RawResponseView,
    SudoArg,
    TimeoutArg,
    raw_page,
    raw_response,
)

# Endpoint modules, models, pydantic (`build_body`) and the paginator are imported where
# they are used, so that touching `gl.users` imports no operation of the tag, no model,
# no pydantic and no paging code.
if TYPE_CHECKING:
    from ...._contract.resource import AsyncPaginator
    from ...models.create_gpg_key_request import CreateGpgKeyRequest
    from ...models.error_message import ErrorMessage
    from ...models.gpg_key import GpgKey
    from ...models.grape_error import GrapeError
    from ...models.nested_error_message import NestedErrorMessage
    from ...models.o_auth_error import OAuthError
    from ...models.validation_error_message import ValidationErrorMessage

__all__ = ("UserGpgKeysResource", "UserGpgKeysResourceWithRawResponse")


class UserGpgKeysResource(BaseResource):
    """Operations tagged ``user_gpg_keys`` in the OpenAPI document."""

    @cached_property
    def with_raw_response(self) -> UserGpgKeysResourceWithRawResponse:
        """The same operations, returning ``Response`` objects (status, headers, parsed body)."""
        return UserGpgKeysResourceWithRawResponse(self)

    async def create(
        self,
        *,
        key: str,
        extra_headers: ExtraHeaders | None = None,
        extra_query: ExtraQuery | None = None,
        extra_body: ExtraBody | None = None,
        sudo: SudoArg = NOT_GIVEN,
        timeout: TimeoutArg = NOT_GIVEN,
    ) -> GpgKey:
        """Add a GPG key.

        Adds a GPG key (ASCII-armored public key) to the authenticated user. Returns the created
        key as a single object.

        Args:
            key: The ASCII-armored public key.
            extra_headers: More headers for this call (not framing headers or credentials).
            extra_query: More query parameters for this call, for what the SDK does not model.
            extra_body: More body fields for this call (JSON values, or form values for an upload).
            sudo: Act as this user (ID or username) for this call; ``None`` disables the client's.
            timeout: Timeout for this call, overriding the client's.
        """
        from ...._contract.models import build_body
        from ...models.create_gpg_key_request import CreateGpgKeyRequest
        from . import user_gpg_keys_create as _user_gpg_keys_create

        body = build_body(
            CreateGpgKeyRequest,
            {
                "key": key,
            },
        )
        return await self._request(
            _user_gpg_keys_create.build_request(
                body=body,
                extra_headers=extra_headers,
                extra_query=extra_query,
                extra_body=extra_body,
            ),
            _user_gpg_keys_create.ANSWERS,
            sudo,
            timeout,
        )

    async def delete(
        self,
        key_id: int,
        *,
        if_unmodified_since: datetime.datetime | datetime.date | str | NotGiven = NOT_GIVEN,
        extra_headers: ExtraHeaders | None = None,
        extra_query: ExtraQuery | None = None,
        extra_body: ExtraBody | None = None,
        sudo: SudoArg = NOT_GIVEN,
        timeout: TimeoutArg = NOT_GIVEN,
    ) -> None:
        """Delete one of your GPG keys.

        Deletes one GPG key of the authenticated user (signatures stay verified; use revoke to
        unverify them). Honours `If-Unmodified-Since`.

        Args:
            key_id: Numeric ID of the key.
            if_unmodified_since: HTTP date. When the resource changed after this time GitLab answers 412 and
                deletes nothing. Unparseable values are ignored.
            extra_headers: More headers for this call (not framing headers or credentials).
            extra_query: More query parameters for this call, for what the SDK does not model.
            extra_body: More body fields for this call (JSON values, or form values for an upload).
            sudo: Act as this user (ID or username) for this call; ``None`` disables the client's.
            timeout: Timeout for this call, overriding the client's.
        """
        from . import user_gpg_keys_delete as _user_gpg_keys_delete

        return await self._request(
            _user_gpg_keys_delete.build_request(
                key_id,
                if_unmodified_since=if_unmodified_since,
                extra_headers=extra_headers,
                extra_query=extra_query,
                extra_body=extra_body,
            ),
            _user_gpg_keys_delete.ANSWERS,
            sudo,
            timeout,
        )

    async def get(
        self,
        key_id: int,
        *,
        extra_headers: ExtraHeaders | None = None,
        extra_query: ExtraQuery | None = None,
        sudo: SudoArg = NOT_GIVEN,
        timeout: TimeoutArg = NOT_GIVEN,
    ) -> GpgKey:
        """Get one of your GPG keys.

        Returns one GPG key of the authenticated user. 404 `GPG Key` when it does not exist.

        Args:
            key_id: Numeric ID of the key.
            extra_headers: More headers for this call (not framing headers or credentials).
            extra_query: More query parameters for this call, for what the SDK does not model.
            sudo: Act as this user (ID or username) for this call; ``None`` disables the client's.
            timeout: Timeout for this call, overriding the client's.
        """
        from . import user_gpg_keys_get as _user_gpg_keys_get

        return await self._request(
            _user_gpg_keys_get.build_request(
                key_id,
                extra_headers=extra_headers,
                extra_query=extra_query,
            ),
            _user_gpg_keys_get.ANSWERS,
            sudo,
            timeout,
        )

    def list(
        self,
        *,
        per_page: int = 100,
        page: int | NotGiven = NOT_GIVEN,
        max_items: int | None = None,
        max_pages: int | None = None,
        extra_headers: ExtraHeaders | None = None,
        extra_query: ExtraQuery | None = None,
        sudo: SudoArg = NOT_GIVEN,
        timeout: TimeoutArg = NOT_GIVEN,
    ) -> AsyncPaginator[GpgKey]:
        """List your GPG keys.

        Lists the authenticated user's GPG keys. Offset paginated.

        Args:
            per_page: Items per page (GitLab caps it at 100).
            page: Page to start from (offset pagination only).
            max_items: Stop after this many items.
            max_pages: Stop after this many pages.
            extra_headers: More headers for this call (not framing headers or credentials).
            extra_query: More query parameters for this call, for what the SDK does not model.
            sudo: Act as this user (ID or username) for this call; ``None`` disables the client's.
            timeout: Timeout for this call, overriding the client's.

        Returns:
            A lazy paginator: ``async for`` over items, ``.pages()``, ``.first_page()``, ``.to_list()``.
        """
        from . import user_gpg_keys_list as _user_gpg_keys_list

        return self._paginate(
            _user_gpg_keys_list.build_request(
                extra_headers=extra_headers, extra_query=extra_query, per_page=per_page, page=page
            ),
            _user_gpg_keys_list.ANSWERS,
            max_items=max_items,
            max_pages=max_pages,
            sudo=sudo,
            timeout=timeout,
        )

    async def revoke(
        self,
        key_id: int,
        *,
        extra_headers: ExtraHeaders | None = None,
        extra_query: ExtraQuery | None = None,
        extra_body: ExtraBody | None = None,
        sudo: SudoArg = NOT_GIVEN,
        timeout: TimeoutArg = NOT_GIVEN,
    ) -> None:
        """Revoke one of your GPG keys.

        Revokes one GPG key of the authenticated user, which also unverifies the commits it
        signed. Answers 202 with no body.

        Args:
            key_id: Numeric ID of the key.
            extra_headers: More headers for this call (not framing headers or credentials).
            extra_query: More query parameters for this call, for what the SDK does not model.
            extra_body: More body fields for this call (JSON values, or form values for an upload).
            sudo: Act as this user (ID or username) for this call; ``None`` disables the client's.
            timeout: Timeout for this call, overriding the client's.
        """
        from . import user_gpg_keys_revoke as _user_gpg_keys_revoke

        return await self._request(
            _user_gpg_keys_revoke.build_request(
                key_id,
                extra_headers=extra_headers,
                extra_query=extra_query,
                extra_body=extra_body,
            ),
            _user_gpg_keys_revoke.ANSWERS,
            sudo,
            timeout,
        )


class UserGpgKeysResourceWithRawResponse(RawResponseView[UserGpgKeysResource]):
    """``UserGpgKeysResource``'s operations, returning :class:`Response` objects (status,
    headers, parsed body); list operations return their first page."""

    create = raw_response(UserGpgKeysResource.create)
    delete = raw_response(UserGpgKeysResource.delete)
    get = raw_response(UserGpgKeysResource.get)
    list = raw_page(UserGpgKeysResource.list)
    revoke = raw_response(UserGpgKeysResource.revoke)
