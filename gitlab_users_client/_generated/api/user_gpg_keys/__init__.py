"""Resource ``user_gpg_keys`` (generated from the OpenAPI document; do not edit)."""

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

__all__ = ("UserGpgKeysResource", "UserGpgKeysResourceWithRawResponse")


class UserGpgKeysResource(BaseResource):
    """Operations tagged ``user_gpg_keys`` in the OpenAPI document."""

    @cached_property
    def with_raw_response(self) -> UserGpgKeysResourceWithRawResponse:
        """The same operations, returning ``Response`` objects (status, headers, parsed body)."""
        return UserGpgKeysResourceWithRawResponse(self._client)

    async def create(
        self,
        *,
        key: str,
        sudo: SudoArg = NOT_GIVEN,
        timeout: TimeoutArg = NOT_GIVEN,
    ) -> GpgKey:
        """Add a GPG key.

        Adds a GPG key (ASCII-armored public key) to the authenticated user. Returns the created
        key as a single object.

        Args:
            key: The ASCII-armored public key.
            sudo: Act as this user (ID or username) for this call; ``None`` disables the client's.
            timeout: Timeout for this call, overriding the client's.
        """
        from ...models.create_gpg_key_request import CreateGpgKeyRequest
        from . import user_gpg_keys_create as _user_gpg_keys_create

        body = build_body(
            CreateGpgKeyRequest,
            {
                "key": key,
            },
        )
        return await _user_gpg_keys_create.asyncio(body=body, client=self._api(sudo, timeout))

    async def delete(
        self,
        key_id: int,
        *,
        sudo: SudoArg = NOT_GIVEN,
        timeout: TimeoutArg = NOT_GIVEN,
    ) -> None:
        """Delete one of your GPG keys.

        Deletes one GPG key of the authenticated user (signatures stay verified; use revoke to
        unverify them). Honours `If-Unmodified-Since`.

        Args:
            key_id: Numeric ID of the key.
            sudo: Act as this user (ID or username) for this call; ``None`` disables the client's.
            timeout: Timeout for this call, overriding the client's.
        """
        from . import user_gpg_keys_delete as _user_gpg_keys_delete

        return await _user_gpg_keys_delete.asyncio(key_id, client=self._api(sudo, timeout))

    async def get(
        self,
        key_id: int,
        *,
        sudo: SudoArg = NOT_GIVEN,
        timeout: TimeoutArg = NOT_GIVEN,
    ) -> GpgKey:
        """Get one of your GPG keys.

        Returns one GPG key of the authenticated user. 404 `GPG Key` when it does not exist.

        Args:
            key_id: Numeric ID of the key.
            sudo: Act as this user (ID or username) for this call; ``None`` disables the client's.
            timeout: Timeout for this call, overriding the client's.
        """
        from . import user_gpg_keys_get as _user_gpg_keys_get

        return await _user_gpg_keys_get.asyncio(key_id, client=self._api(sudo, timeout))

    def list(
        self,
        *,
        per_page: int = 100,
        page: int | Unset = UNSET,
        max_items: int | None = None,
        max_pages: int | None = None,
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
            sudo: Act as this user (ID or username) for this call; ``None`` disables the client's.
            timeout: Timeout for this call, overriding the client's.

        Returns:
            A lazy paginator: ``async for`` over items, ``.pages()``, ``.first_page()``, ``.to_list()``.
        """
        from . import user_gpg_keys_list as _user_gpg_keys_list

        request = _user_gpg_keys_list.build_request(per_page=per_page, page=page)
        return self._paginate(
            request,
            _user_gpg_keys_list.parse_response,
            keyset=False,
            pagination="offset",
            max_items=max_items,
            max_pages=max_pages,
            sudo=sudo,
            timeout=timeout,
        )

    async def revoke(
        self,
        key_id: int,
        *,
        sudo: SudoArg = NOT_GIVEN,
        timeout: TimeoutArg = NOT_GIVEN,
    ) -> None:
        """Revoke one of your GPG keys.

        Revokes one GPG key of the authenticated user, which also unverifies the commits it
        signed. Answers 202 with no body.

        Args:
            key_id: Numeric ID of the key.
            sudo: Act as this user (ID or username) for this call; ``None`` disables the client's.
            timeout: Timeout for this call, overriding the client's.
        """
        from . import user_gpg_keys_revoke as _user_gpg_keys_revoke

        return await _user_gpg_keys_revoke.asyncio(key_id, client=self._api(sudo, timeout))


class UserGpgKeysResourceWithRawResponse(BaseResource):
    """Operations tagged ``user_gpg_keys`` in the OpenAPI document, returning Response objects (status, headers, parsed body)."""

    async def create(
        self,
        *,
        key: str,
        sudo: SudoArg = NOT_GIVEN,
        timeout: TimeoutArg = NOT_GIVEN,
    ) -> Response[GpgKey]:
        """Add a GPG key.

        Adds a GPG key (ASCII-armored public key) to the authenticated user. Returns the created
        key as a single object.

        Args:
            key: The ASCII-armored public key.
            sudo: Act as this user (ID or username) for this call; ``None`` disables the client's.
            timeout: Timeout for this call, overriding the client's.
        """
        from ...models.create_gpg_key_request import CreateGpgKeyRequest
        from . import user_gpg_keys_create as _user_gpg_keys_create

        body = build_body(
            CreateGpgKeyRequest,
            {
                "key": key,
            },
        )
        return await _user_gpg_keys_create.asyncio_detailed(
            body=body, client=self._api(sudo, timeout)
        )

    async def delete(
        self,
        key_id: int,
        *,
        sudo: SudoArg = NOT_GIVEN,
        timeout: TimeoutArg = NOT_GIVEN,
    ) -> Response[None]:
        """Delete one of your GPG keys.

        Deletes one GPG key of the authenticated user (signatures stay verified; use revoke to
        unverify them). Honours `If-Unmodified-Since`.

        Args:
            key_id: Numeric ID of the key.
            sudo: Act as this user (ID or username) for this call; ``None`` disables the client's.
            timeout: Timeout for this call, overriding the client's.
        """
        from . import user_gpg_keys_delete as _user_gpg_keys_delete

        return await _user_gpg_keys_delete.asyncio_detailed(key_id, client=self._api(sudo, timeout))

    async def get(
        self,
        key_id: int,
        *,
        sudo: SudoArg = NOT_GIVEN,
        timeout: TimeoutArg = NOT_GIVEN,
    ) -> Response[GpgKey]:
        """Get one of your GPG keys.

        Returns one GPG key of the authenticated user. 404 `GPG Key` when it does not exist.

        Args:
            key_id: Numeric ID of the key.
            sudo: Act as this user (ID or username) for this call; ``None`` disables the client's.
            timeout: Timeout for this call, overriding the client's.
        """
        from . import user_gpg_keys_get as _user_gpg_keys_get

        return await _user_gpg_keys_get.asyncio_detailed(key_id, client=self._api(sudo, timeout))

    async def list(
        self,
        *,
        page: int | Unset = UNSET,
        per_page: int | Unset = UNSET,
        sudo: SudoArg = NOT_GIVEN,
        timeout: TimeoutArg = NOT_GIVEN,
    ) -> Response[builtins.list[GpgKey]]:
        """List your GPG keys.

        Lists the authenticated user's GPG keys. Offset paginated.

        Args:
            page: Page number (offset pagination). Server default 1.
            per_page: Items per page (offset and keyset pagination). Server default 20; values
                above 100 are clamped to 100.
            sudo: Act as this user (ID or username) for this call; ``None`` disables the client's.
            timeout: Timeout for this call, overriding the client's.
        """
        from . import user_gpg_keys_list as _user_gpg_keys_list

        return await _user_gpg_keys_list.asyncio_detailed(
            page=page, per_page=per_page, client=self._api(sudo, timeout)
        )

    async def revoke(
        self,
        key_id: int,
        *,
        sudo: SudoArg = NOT_GIVEN,
        timeout: TimeoutArg = NOT_GIVEN,
    ) -> Response[None]:
        """Revoke one of your GPG keys.

        Revokes one GPG key of the authenticated user, which also unverifies the commits it
        signed. Answers 202 with no body.

        Args:
            key_id: Numeric ID of the key.
            sudo: Act as this user (ID or username) for this call; ``None`` disables the client's.
            timeout: Timeout for this call, overriding the client's.
        """
        from . import user_gpg_keys_revoke as _user_gpg_keys_revoke

        return await _user_gpg_keys_revoke.asyncio_detailed(key_id, client=self._api(sudo, timeout))
