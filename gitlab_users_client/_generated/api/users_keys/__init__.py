"""Resource ``users_keys`` (generated from the OpenAPI document; do not edit)."""

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
    from ...models.create_ssh_key_request import CreateSshKeyRequest
    from ...models.error_message import ErrorMessage
    from ...models.grape_error import GrapeError
    from ...models.nested_error_message import NestedErrorMessage
    from ...models.o_auth_error import OAuthError
    from ...models.ssh_key import SshKey
    from ...models.ssh_key_usage_type import SshKeyUsageType
    from ...models.validation_error_message import ValidationErrorMessage

__all__ = ("UsersKeysResource", "UsersKeysResourceWithRawResponse")


class UsersKeysResource(BaseResource):
    """Operations tagged ``users_keys`` in the OpenAPI document."""

    @cached_property
    def with_raw_response(self) -> UsersKeysResourceWithRawResponse:
        """The same operations, returning ``Response`` objects (status, headers, parsed body)."""
        return UsersKeysResourceWithRawResponse(self._client)

    async def create(
        self,
        user_id: int,
        *,
        key: str,
        title: str,
        expires_at: datetime.datetime | Unset = UNSET,
        usage_type: SshKeyUsageType
        | Literal["auth", "auth_and_signing", "signing"]
        | Unset = UNSET,
        sudo: SudoArg = NOT_GIVEN,
        timeout: TimeoutArg = NOT_GIVEN,
    ) -> SshKey:
        """Add an SSH key to a user.

        Adds an SSH key to a user. Administrators only. The user must be given by numeric ID.
        400 with per-field messages when the key is invalid or already taken. Granular token
        permission: `create_user_ssh_key`.

        Args:
            user_id: Numeric ID of the user (a username is not accepted here).
            key: The public key in OpenSSH format.
            title: Title of the key.
            expires_at: Expiry time (ISO 8601).
            usage_type: What an SSH key may be used for.
            sudo: Act as this user (ID or username) for this call; ``None`` disables the client's.
            timeout: Timeout for this call, overriding the client's.
        """
        from ...models.create_ssh_key_request import CreateSshKeyRequest
        from . import users_keys_create as _users_keys_create

        body = build_body(
            CreateSshKeyRequest,
            {
                "key": key,
                "title": title,
                "expires_at": expires_at,
                "usage_type": usage_type,
            },
        )
        return await _users_keys_create.asyncio(user_id, body=body, client=self._api(sudo, timeout))

    async def delete(
        self,
        id: int,
        key_id: int,
        *,
        sudo: SudoArg = NOT_GIVEN,
        timeout: TimeoutArg = NOT_GIVEN,
    ) -> None:
        """Delete an SSH key of a user.

        Deletes one SSH key of a user. Administrators only. Honours `If-Unmodified-Since`.
        Granular token permission: `delete_user_ssh_key`.

        Args:
            id: Numeric ID of the user (the route only matches digits).
            key_id: Numeric ID of the key.
            sudo: Act as this user (ID or username) for this call; ``None`` disables the client's.
            timeout: Timeout for this call, overriding the client's.
        """
        from . import users_keys_delete as _users_keys_delete

        return await _users_keys_delete.asyncio(id, key_id, client=self._api(sudo, timeout))

    async def get(
        self,
        id: int,
        key_id: int,
        *,
        sudo: SudoArg = NOT_GIVEN,
        timeout: TimeoutArg = NOT_GIVEN,
    ) -> SshKey:
        """Get an SSH key of a user.

        Returns one SSH key of a user. Public. 404 when the user or the key does not exist. Rate
        limited by the `user_ssh_key` application limit (default 120 per minute, per user or
        IP).

        Args:
            id: Numeric ID of the user (the route only matches digits).
            key_id: Numeric ID of the key.
            sudo: Act as this user (ID or username) for this call; ``None`` disables the client's.
            timeout: Timeout for this call, overriding the client's.
        """
        from . import users_keys_get as _users_keys_get

        return await _users_keys_get.asyncio(id, key_id, client=self._api(sudo, timeout))

    def list(
        self,
        user_id: int | str,
        *,
        per_page: int = 100,
        page: int | Unset = UNSET,
        max_items: int | None = None,
        max_pages: int | None = None,
        sudo: SudoArg = NOT_GIVEN,
        timeout: TimeoutArg = NOT_GIVEN,
    ) -> AsyncPaginator[SshKey]:
        """List the SSH keys of a user.

        Lists a user's SSH keys. Public. The user is given by ID or username. Offset paginated.
        Rate limited by the `user_ssh_keys` application limit (default 120 per minute, per user
        or IP). Granular token permission: `read_user_ssh_key`.

        Args:
            user_id: Numeric ID or username of the user. An all-digit value is always read as an
                ID, so an all-digit username can only be reached by its ID.
            per_page: Items per page (GitLab caps it at 100).
            page: Page to start from (offset pagination only).
            max_items: Stop after this many items.
            max_pages: Stop after this many pages.
            sudo: Act as this user (ID or username) for this call; ``None`` disables the client's.
            timeout: Timeout for this call, overriding the client's.

        Returns:
            A lazy paginator: ``async for`` over items, ``.pages()``, ``.first_page()``, ``.to_list()``.
        """
        from . import users_keys_list as _users_keys_list

        request = _users_keys_list.build_request(user_id, per_page=per_page, page=page)
        return self._paginate(
            request,
            _users_keys_list.parse_response,
            keyset=False,
            pagination="offset",
            max_items=max_items,
            max_pages=max_pages,
            sudo=sudo,
            timeout=timeout,
        )


class UsersKeysResourceWithRawResponse(BaseResource):
    """Operations tagged ``users_keys`` in the OpenAPI document, returning Response objects (status, headers, parsed body)."""

    async def create(
        self,
        user_id: int,
        *,
        key: str,
        title: str,
        expires_at: datetime.datetime | Unset = UNSET,
        usage_type: SshKeyUsageType
        | Literal["auth", "auth_and_signing", "signing"]
        | Unset = UNSET,
        sudo: SudoArg = NOT_GIVEN,
        timeout: TimeoutArg = NOT_GIVEN,
    ) -> Response[SshKey]:
        """Add an SSH key to a user.

        Adds an SSH key to a user. Administrators only. The user must be given by numeric ID.
        400 with per-field messages when the key is invalid or already taken. Granular token
        permission: `create_user_ssh_key`.

        Args:
            user_id: Numeric ID of the user (a username is not accepted here).
            key: The public key in OpenSSH format.
            title: Title of the key.
            expires_at: Expiry time (ISO 8601).
            usage_type: What an SSH key may be used for.
            sudo: Act as this user (ID or username) for this call; ``None`` disables the client's.
            timeout: Timeout for this call, overriding the client's.
        """
        from ...models.create_ssh_key_request import CreateSshKeyRequest
        from . import users_keys_create as _users_keys_create

        body = build_body(
            CreateSshKeyRequest,
            {
                "key": key,
                "title": title,
                "expires_at": expires_at,
                "usage_type": usage_type,
            },
        )
        return await _users_keys_create.asyncio_detailed(
            user_id, body=body, client=self._api(sudo, timeout)
        )

    async def delete(
        self,
        id: int,
        key_id: int,
        *,
        sudo: SudoArg = NOT_GIVEN,
        timeout: TimeoutArg = NOT_GIVEN,
    ) -> Response[None]:
        """Delete an SSH key of a user.

        Deletes one SSH key of a user. Administrators only. Honours `If-Unmodified-Since`.
        Granular token permission: `delete_user_ssh_key`.

        Args:
            id: Numeric ID of the user (the route only matches digits).
            key_id: Numeric ID of the key.
            sudo: Act as this user (ID or username) for this call; ``None`` disables the client's.
            timeout: Timeout for this call, overriding the client's.
        """
        from . import users_keys_delete as _users_keys_delete

        return await _users_keys_delete.asyncio_detailed(
            id, key_id, client=self._api(sudo, timeout)
        )

    async def get(
        self,
        id: int,
        key_id: int,
        *,
        sudo: SudoArg = NOT_GIVEN,
        timeout: TimeoutArg = NOT_GIVEN,
    ) -> Response[SshKey]:
        """Get an SSH key of a user.

        Returns one SSH key of a user. Public. 404 when the user or the key does not exist. Rate
        limited by the `user_ssh_key` application limit (default 120 per minute, per user or
        IP).

        Args:
            id: Numeric ID of the user (the route only matches digits).
            key_id: Numeric ID of the key.
            sudo: Act as this user (ID or username) for this call; ``None`` disables the client's.
            timeout: Timeout for this call, overriding the client's.
        """
        from . import users_keys_get as _users_keys_get

        return await _users_keys_get.asyncio_detailed(id, key_id, client=self._api(sudo, timeout))

    async def list(
        self,
        user_id: int | str,
        *,
        page: int | Unset = UNSET,
        per_page: int | Unset = UNSET,
        sudo: SudoArg = NOT_GIVEN,
        timeout: TimeoutArg = NOT_GIVEN,
    ) -> Response[builtins.list[SshKey]]:
        """List the SSH keys of a user.

        Lists a user's SSH keys. Public. The user is given by ID or username. Offset paginated.
        Rate limited by the `user_ssh_keys` application limit (default 120 per minute, per user
        or IP). Granular token permission: `read_user_ssh_key`.

        Args:
            user_id: Numeric ID or username of the user. An all-digit value is always read as an
                ID, so an all-digit username can only be reached by its ID.
            page: Page number (offset pagination). Server default 1.
            per_page: Items per page (offset and keyset pagination). Server default 20; values
                above 100 are clamped to 100.
            sudo: Act as this user (ID or username) for this call; ``None`` disables the client's.
            timeout: Timeout for this call, overriding the client's.
        """
        from . import users_keys_list as _users_keys_list

        return await _users_keys_list.asyncio_detailed(
            user_id, page=page, per_page=per_page, client=self._api(sudo, timeout)
        )
