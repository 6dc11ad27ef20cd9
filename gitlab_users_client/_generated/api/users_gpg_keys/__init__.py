"""Resource ``users_gpg_keys`` (generated from the OpenAPI document; do not edit)."""

from __future__ import annotations

import builtins
import datetime
from collections.abc import Mapping, Sequence
from functools import cached_property
from typing import TYPE_CHECKING, Literal

from gitlab_users_client._base import (
    NOT_GIVEN,
    AsyncPaginator,
    BaseResource,
    PaginationMode,
    SudoArg,
    TimeoutArg,
)

from ...types import UNSET, File, FileContent, Response, Unset, as_file, build_body

# Endpoint modules and models are imported where they are used, so that touching
# `gl.users` does not import every operation of the tag.
if TYPE_CHECKING:
    from ...models.create_gpg_key_request import CreateGpgKeyRequest
    from ...models.error_message import ErrorMessage
    from ...models.gpg_key import GpgKey
    from ...models.grape_error import GrapeError
    from ...models.nested_error_message import NestedErrorMessage
    from ...models.o_auth_error import OAuthError
    from ...models.validation_error_message import ValidationErrorMessage

__all__ = ("UsersGpgKeysResource", "UsersGpgKeysResourceWithRawResponse")


class UsersGpgKeysResource(BaseResource):
    """Operations tagged ``users_gpg_keys`` in the OpenAPI document."""

    @cached_property
    def with_raw_response(self) -> UsersGpgKeysResourceWithRawResponse:
        """The same operations, returning ``Response`` objects (status, headers, parsed body)."""
        return UsersGpgKeysResourceWithRawResponse(self._client)

    async def create(
        self,
        id: int,
        *,
        key: str,
        sudo: SudoArg = NOT_GIVEN,
        timeout: TimeoutArg = NOT_GIVEN,
    ) -> GpgKey:
        """Add a GPG key to a user.

        Adds a GPG key to a user. Administrators only. Returns the created key as a single
        object. Granular token permission: `create_user_gpg_key`.

        Args:
            id: Numeric ID of the user (the route only matches digits).
            key: The ASCII-armored public key.
            sudo: Act as this user (ID or username) for this call; ``None`` disables the client's.
            timeout: Timeout for this call, overriding the client's.
        """
        from ...models.create_gpg_key_request import CreateGpgKeyRequest
        from . import users_gpg_keys_create as _users_gpg_keys_create

        body = build_body(
            CreateGpgKeyRequest,
            {
                "key": key,
            },
        )
        return await _users_gpg_keys_create.asyncio(id, body=body, client=self._api(sudo, timeout))

    async def delete(
        self,
        id: int,
        key_id: int,
        *,
        sudo: SudoArg = NOT_GIVEN,
        timeout: TimeoutArg = NOT_GIVEN,
    ) -> None:
        """Delete a GPG key of a user.

        Deletes one GPG key of a user. Administrators only. Honours `If-Unmodified-Since`.
        Granular token permission: `delete_user_gpg_key`.

        Args:
            id: Numeric ID of the user (the route only matches digits).
            key_id: Numeric ID of the key.
            sudo: Act as this user (ID or username) for this call; ``None`` disables the client's.
            timeout: Timeout for this call, overriding the client's.
        """
        from . import users_gpg_keys_delete as _users_gpg_keys_delete

        return await _users_gpg_keys_delete.asyncio(id, key_id, client=self._api(sudo, timeout))

    async def get(
        self,
        id: int,
        key_id: int,
        *,
        sudo: SudoArg = NOT_GIVEN,
        timeout: TimeoutArg = NOT_GIVEN,
    ) -> GpgKey:
        """Get a GPG key of a user.

        Returns one GPG key of a user. Public. 404 when the user or the key (`GPG Key`) does not
        exist. Rate limited by the `user_gpg_key` application limit (default 120 per minute, per
        user or IP).

        Args:
            id: Numeric ID of the user (the route only matches digits).
            key_id: Numeric ID of the key.
            sudo: Act as this user (ID or username) for this call; ``None`` disables the client's.
            timeout: Timeout for this call, overriding the client's.
        """
        from . import users_gpg_keys_get as _users_gpg_keys_get

        return await _users_gpg_keys_get.asyncio(id, key_id, client=self._api(sudo, timeout))

    def list(
        self,
        id: int,
        *,
        per_page: int = 100,
        page: int | Unset = UNSET,
        max_items: int | None = None,
        max_pages: int | None = None,
        sudo: SudoArg = NOT_GIVEN,
        timeout: TimeoutArg = NOT_GIVEN,
    ) -> AsyncPaginator[GpgKey]:
        """List the GPG keys of a user.

        Lists a user's GPG keys. Public. The user must be given by numeric ID. Offset paginated.
        Rate limited by the `user_gpg_keys` application limit (default 120 per minute, per user
        or IP).

        Args:
            id: Numeric ID of the user (the route only matches digits).
            per_page: Items per page (GitLab caps it at 100).
            page: Page to start from (offset pagination only).
            max_items: Stop after this many items.
            max_pages: Stop after this many pages.
            sudo: Act as this user (ID or username) for this call; ``None`` disables the client's.
            timeout: Timeout for this call, overriding the client's.

        Returns:
            A lazy paginator: ``async for`` over items, ``.pages()``, ``.first_page()``, ``.to_list()``.
        """
        from . import users_gpg_keys_list as _users_gpg_keys_list

        request = _users_gpg_keys_list.build_request(id, per_page=per_page, page=page)
        return self._paginate(
            request,
            _users_gpg_keys_list.parse_response,
            keyset=False,
            pagination="offset",
            max_items=max_items,
            max_pages=max_pages,
            sudo=sudo,
            timeout=timeout,
        )

    async def revoke(
        self,
        id: int,
        key_id: int,
        *,
        sudo: SudoArg = NOT_GIVEN,
        timeout: TimeoutArg = NOT_GIVEN,
    ) -> None:
        """Revoke a GPG key of a user.

        Revokes one GPG key of a user, which also unverifies the commits it signed.
        Administrators only. Answers 202 with no body. Granular token permission:
        `revoke_user_gpg_key`.

        Args:
            id: Numeric ID of the user (the route only matches digits).
            key_id: Numeric ID of the key.
            sudo: Act as this user (ID or username) for this call; ``None`` disables the client's.
            timeout: Timeout for this call, overriding the client's.
        """
        from . import users_gpg_keys_revoke as _users_gpg_keys_revoke

        return await _users_gpg_keys_revoke.asyncio(id, key_id, client=self._api(sudo, timeout))


class UsersGpgKeysResourceWithRawResponse(BaseResource):
    """Operations tagged ``users_gpg_keys`` in the OpenAPI document, returning Response objects (status, headers, parsed body)."""

    async def create(
        self,
        id: int,
        *,
        key: str,
        sudo: SudoArg = NOT_GIVEN,
        timeout: TimeoutArg = NOT_GIVEN,
    ) -> Response[GpgKey]:
        """Add a GPG key to a user.

        Adds a GPG key to a user. Administrators only. Returns the created key as a single
        object. Granular token permission: `create_user_gpg_key`.

        Args:
            id: Numeric ID of the user (the route only matches digits).
            key: The ASCII-armored public key.
            sudo: Act as this user (ID or username) for this call; ``None`` disables the client's.
            timeout: Timeout for this call, overriding the client's.
        """
        from ...models.create_gpg_key_request import CreateGpgKeyRequest
        from . import users_gpg_keys_create as _users_gpg_keys_create

        body = build_body(
            CreateGpgKeyRequest,
            {
                "key": key,
            },
        )
        return await _users_gpg_keys_create.asyncio_detailed(
            id, body=body, client=self._api(sudo, timeout)
        )

    async def delete(
        self,
        id: int,
        key_id: int,
        *,
        sudo: SudoArg = NOT_GIVEN,
        timeout: TimeoutArg = NOT_GIVEN,
    ) -> Response[None]:
        """Delete a GPG key of a user.

        Deletes one GPG key of a user. Administrators only. Honours `If-Unmodified-Since`.
        Granular token permission: `delete_user_gpg_key`.

        Args:
            id: Numeric ID of the user (the route only matches digits).
            key_id: Numeric ID of the key.
            sudo: Act as this user (ID or username) for this call; ``None`` disables the client's.
            timeout: Timeout for this call, overriding the client's.
        """
        from . import users_gpg_keys_delete as _users_gpg_keys_delete

        return await _users_gpg_keys_delete.asyncio_detailed(
            id, key_id, client=self._api(sudo, timeout)
        )

    async def get(
        self,
        id: int,
        key_id: int,
        *,
        sudo: SudoArg = NOT_GIVEN,
        timeout: TimeoutArg = NOT_GIVEN,
    ) -> Response[GpgKey]:
        """Get a GPG key of a user.

        Returns one GPG key of a user. Public. 404 when the user or the key (`GPG Key`) does not
        exist. Rate limited by the `user_gpg_key` application limit (default 120 per minute, per
        user or IP).

        Args:
            id: Numeric ID of the user (the route only matches digits).
            key_id: Numeric ID of the key.
            sudo: Act as this user (ID or username) for this call; ``None`` disables the client's.
            timeout: Timeout for this call, overriding the client's.
        """
        from . import users_gpg_keys_get as _users_gpg_keys_get

        return await _users_gpg_keys_get.asyncio_detailed(
            id, key_id, client=self._api(sudo, timeout)
        )

    async def list(
        self,
        id: int,
        *,
        page: int | Unset = UNSET,
        per_page: int | Unset = UNSET,
        sudo: SudoArg = NOT_GIVEN,
        timeout: TimeoutArg = NOT_GIVEN,
    ) -> Response[builtins.list[GpgKey]]:
        """List the GPG keys of a user.

        Lists a user's GPG keys. Public. The user must be given by numeric ID. Offset paginated.
        Rate limited by the `user_gpg_keys` application limit (default 120 per minute, per user
        or IP).

        Args:
            id: Numeric ID of the user (the route only matches digits).
            page: Page number (offset pagination). Server default 1.
            per_page: Items per page (offset and keyset pagination). Server default 20; values
                above 100 are clamped to 100.
            sudo: Act as this user (ID or username) for this call; ``None`` disables the client's.
            timeout: Timeout for this call, overriding the client's.
        """
        from . import users_gpg_keys_list as _users_gpg_keys_list

        return await _users_gpg_keys_list.asyncio_detailed(
            id, page=page, per_page=per_page, client=self._api(sudo, timeout)
        )

    async def revoke(
        self,
        id: int,
        key_id: int,
        *,
        sudo: SudoArg = NOT_GIVEN,
        timeout: TimeoutArg = NOT_GIVEN,
    ) -> Response[None]:
        """Revoke a GPG key of a user.

        Revokes one GPG key of a user, which also unverifies the commits it signed.
        Administrators only. Answers 202 with no body. Granular token permission:
        `revoke_user_gpg_key`.

        Args:
            id: Numeric ID of the user (the route only matches digits).
            key_id: Numeric ID of the key.
            sudo: Act as this user (ID or username) for this call; ``None`` disables the client's.
            timeout: Timeout for this call, overriding the client's.
        """
        from . import users_gpg_keys_revoke as _users_gpg_keys_revoke

        return await _users_gpg_keys_revoke.asyncio_detailed(
            id, key_id, client=self._api(sudo, timeout)
        )
