"""Resource ``users`` (generated from the OpenAPI document; do not edit)."""

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
    from ...models.approve_result import ApproveResult
    from ...models.basic_project_details import BasicProjectDetails
    from ...models.create_user_multipart_request import CreateUserMultipartRequest
    from ...models.create_user_request import CreateUserRequest
    from ...models.custom_attributes_filter import CustomAttributesFilter
    from ...models.deploy_key import DeployKey
    from ...models.error_message import ErrorMessage
    from ...models.event import Event
    from ...models.event_target_type import EventTargetType
    from ...models.grape_error import GrapeError
    from ...models.keyset_pagination import KeysetPagination
    from ...models.membership import Membership
    from ...models.membership_type import MembershipType
    from ...models.nested_error_message import NestedErrorMessage
    from ...models.o_auth_error import OAuthError
    from ...models.project_order_by import ProjectOrderBy
    from ...models.project_visibility import ProjectVisibility
    from ...models.project_with_access import ProjectWithAccess
    from ...models.reject_result import RejectResult
    from ...models.sort_direction import SortDirection
    from ...models.two_factor_filter import TwoFactorFilter
    from ...models.update_credit_card_validation_request import UpdateCreditCardValidationRequest
    from ...models.update_user_multipart_request import UpdateUserMultipartRequest
    from ...models.update_user_request import UpdateUserRequest
    from ...models.user_associations_count import UserAssociationsCount
    from ...models.user_basic import UserBasic
    from ...models.user_credit_card_validations import UserCreditCardValidations
    from ...models.user_details_with_admin import UserDetailsWithAdmin
    from ...models.user_order_by import UserOrderBy
    from ...models.user_profile import UserProfile
    from ...models.user_status import UserStatus
    from ...models.user_support_pin import UserSupportPin
    from ...models.user_with_admin import UserWithAdmin
    from ...models.validation_error_message import ValidationErrorMessage
    from ..users_custom_attributes import (
        UsersCustomAttributesResource,
        UsersCustomAttributesResourceWithRawResponse,
    )
    from ..users_emails import UsersEmailsResource, UsersEmailsResourceWithRawResponse
    from ..users_gpg_keys import UsersGpgKeysResource, UsersGpgKeysResourceWithRawResponse
    from ..users_impersonation_tokens import (
        UsersImpersonationTokensResource,
        UsersImpersonationTokensResourceWithRawResponse,
    )
    from ..users_keys import UsersKeysResource, UsersKeysResourceWithRawResponse
    from ..users_personal_access_tokens import (
        UsersPersonalAccessTokensResource,
        UsersPersonalAccessTokensResourceWithRawResponse,
    )

__all__ = ("UsersResource", "UsersResourceWithRawResponse")


class UsersResource(BaseResource):
    """Operations tagged ``users`` in the OpenAPI document."""

    @cached_property
    def custom_attributes(self) -> UsersCustomAttributesResource:
        """Sub-resource ``custom_attributes``."""
        from ..users_custom_attributes import UsersCustomAttributesResource

        return UsersCustomAttributesResource(self._client)

    @cached_property
    def emails(self) -> UsersEmailsResource:
        """Sub-resource ``emails``."""
        from ..users_emails import UsersEmailsResource

        return UsersEmailsResource(self._client)

    @cached_property
    def gpg_keys(self) -> UsersGpgKeysResource:
        """Sub-resource ``gpg_keys``."""
        from ..users_gpg_keys import UsersGpgKeysResource

        return UsersGpgKeysResource(self._client)

    @cached_property
    def impersonation_tokens(self) -> UsersImpersonationTokensResource:
        """Sub-resource ``impersonation_tokens``."""
        from ..users_impersonation_tokens import UsersImpersonationTokensResource

        return UsersImpersonationTokensResource(self._client)

    @cached_property
    def keys(self) -> UsersKeysResource:
        """Sub-resource ``keys``."""
        from ..users_keys import UsersKeysResource

        return UsersKeysResource(self._client)

    @cached_property
    def personal_access_tokens(self) -> UsersPersonalAccessTokensResource:
        """Sub-resource ``personal_access_tokens``."""
        from ..users_personal_access_tokens import UsersPersonalAccessTokensResource

        return UsersPersonalAccessTokensResource(self._client)

    @cached_property
    def with_raw_response(self) -> UsersResourceWithRawResponse:
        """The same operations, returning ``Response`` objects (status, headers, parsed body)."""
        return UsersResourceWithRawResponse(self)

    async def activate(
        self,
        id: int,
        *,
        extra_headers: ExtraHeaders | None = None,
        extra_query: ExtraQuery | None = None,
        extra_body: ExtraBody | None = None,
        sudo: SudoArg = NOT_GIVEN,
        timeout: TimeoutArg = NOT_GIVEN,
    ) -> bool:
        """Activate a user.

        Activates a deactivated user. Administrators only. Answers 201 with the JSON literal
        `true`. A service failure answers with the status derived from the service's reason
        (default 400) and `{"message": ...}`; the docs name 403 for a user blocked by an
        administrator or by LDAP. Granular token permission: `activate_user`.

        Args:
            id: Numeric ID of the user (the route only matches digits).
            extra_headers: More headers for this call (not framing headers or credentials).
            extra_query: More query parameters for this call, for what the SDK does not model.
            extra_body: More body fields for this call (JSON values, or form values for an upload).
            sudo: Act as this user (ID or username) for this call; ``None`` disables the client's.
            timeout: Timeout for this call, overriding the client's.
        """
        from . import users_activate as _users_activate

        return await self._request(
            _users_activate.build_request(
                id,
                extra_headers=extra_headers,
                extra_query=extra_query,
                extra_body=extra_body,
            ),
            _users_activate.ANSWERS,
            sudo,
            timeout,
        )

    async def approve(
        self,
        id: int,
        *,
        extra_headers: ExtraHeaders | None = None,
        extra_query: ExtraQuery | None = None,
        extra_body: ExtraBody | None = None,
        sudo: SudoArg = NOT_GIVEN,
        timeout: TimeoutArg = NOT_GIVEN,
    ) -> ApproveResult:
        """Approve a user.

        Approves a user who is pending approval. Needs a signed-in user; the route does not
        itself require an administrator, the approval service decides (in practice
        administrators). Answers 201 with the service's result hash. 404 when the caller may not
        read the user. Service failures use the service's HTTP status; the docs name 403 for a
        blocked user and 409 for a deactivated one or one not pending approval. Granular token
        permission: `approve_user`.

        Args:
            id: Numeric ID of the user (the route only matches digits).
            extra_headers: More headers for this call (not framing headers or credentials).
            extra_query: More query parameters for this call, for what the SDK does not model.
            extra_body: More body fields for this call (JSON values, or form values for an upload).
            sudo: Act as this user (ID or username) for this call; ``None`` disables the client's.
            timeout: Timeout for this call, overriding the client's.
        """
        from . import users_approve as _users_approve

        return await self._request(
            _users_approve.build_request(
                id,
                extra_headers=extra_headers,
                extra_query=extra_query,
                extra_body=extra_body,
            ),
            _users_approve.ANSWERS,
            sudo,
            timeout,
        )

    async def ban(
        self,
        id: int,
        *,
        extra_headers: ExtraHeaders | None = None,
        extra_query: ExtraQuery | None = None,
        extra_body: ExtraBody | None = None,
        sudo: SudoArg = NOT_GIVEN,
        timeout: TimeoutArg = NOT_GIVEN,
    ) -> bool:
        """Ban a user.

        Bans a user. Administrators only. Answers 201 with `true`. A service failure uses the
        service's HTTP status; the docs name 403 when the user is not active. Granular token
        permission: `ban_user`.

        Args:
            id: Numeric ID of the user (the route only matches digits).
            extra_headers: More headers for this call (not framing headers or credentials).
            extra_query: More query parameters for this call, for what the SDK does not model.
            extra_body: More body fields for this call (JSON values, or form values for an upload).
            sudo: Act as this user (ID or username) for this call; ``None`` disables the client's.
            timeout: Timeout for this call, overriding the client's.
        """
        from . import users_ban as _users_ban

        return await self._request(
            _users_ban.build_request(
                id,
                extra_headers=extra_headers,
                extra_query=extra_query,
                extra_body=extra_body,
            ),
            _users_ban.ANSWERS,
            sudo,
            timeout,
        )

    async def block(
        self,
        id: int,
        *,
        extra_headers: ExtraHeaders | None = None,
        extra_query: ExtraQuery | None = None,
        extra_body: ExtraBody | None = None,
        sudo: SudoArg = NOT_GIVEN,
        timeout: TimeoutArg = NOT_GIVEN,
    ) -> bool | None:
        """Block a user.

        Blocks a user. Administrators only. Answers 201 with `true`; when the user is already
        blocked, 201 with an empty (`null`) body. 403 for LDAP-blocked users ("LDAP blocked
        users cannot be modified by the API") and for the calling user itself ("The API
        initiating user cannot be blocked by the API"). Other service failures use the service's
        HTTP status. Granular token permission: `block_user`.

        Args:
            id: Numeric ID of the user (the route only matches digits).
            extra_headers: More headers for this call (not framing headers or credentials).
            extra_query: More query parameters for this call, for what the SDK does not model.
            extra_body: More body fields for this call (JSON values, or form values for an upload).
            sudo: Act as this user (ID or username) for this call; ``None`` disables the client's.
            timeout: Timeout for this call, overriding the client's.
        """
        from . import users_block as _users_block

        return await self._request(
            _users_block.build_request(
                id,
                extra_headers=extra_headers,
                extra_query=extra_query,
                extra_body=extra_body,
            ),
            _users_block.ANSWERS,
            sudo,
            timeout,
        )

    async def create(
        self,
        *,
        email: str,
        name: str,
        username: str,
        password: str | NotGiven = NOT_GIVEN,
        reset_password: bool | NotGiven = NOT_GIVEN,
        force_random_password: bool | NotGiven = NOT_GIVEN,
        skip_confirmation: bool | NotGiven = NOT_GIVEN,
        linkedin: str | NotGiven = NOT_GIVEN,
        twitter: str | NotGiven = NOT_GIVEN,
        discord: str | NotGiven = NOT_GIVEN,
        website_url: str | NotGiven = NOT_GIVEN,
        github: str | NotGiven = NOT_GIVEN,
        organization: str | NotGiven = NOT_GIVEN,
        projects_limit: int | NotGiven = NOT_GIVEN,
        extern_uid: str | NotGiven = NOT_GIVEN,
        provider: str | NotGiven = NOT_GIVEN,
        bio: str | NotGiven = NOT_GIVEN,
        location: str | NotGiven = NOT_GIVEN,
        pronouns: str | NotGiven = NOT_GIVEN,
        public_email: str | NotGiven = NOT_GIVEN,
        commit_email: str | NotGiven = NOT_GIVEN,
        admin: bool | NotGiven = NOT_GIVEN,
        can_create_group: bool | NotGiven = NOT_GIVEN,
        external: bool | NotGiven = NOT_GIVEN,
        theme_id: int | NotGiven = NOT_GIVEN,
        color_scheme_id: int | NotGiven = NOT_GIVEN,
        private_profile: bool | NotGiven = NOT_GIVEN,
        note: str | NotGiven = NOT_GIVEN,
        view_diffs_file_by_file: bool | NotGiven = NOT_GIVEN,
        policy_advanced_editor: bool | NotGiven = NOT_GIVEN,
        shared_runners_minutes_limit: int | NotGiven = NOT_GIVEN,
        extra_shared_runners_minutes_limit: int | NotGiven = NOT_GIVEN,
        group_id_for_saml: int | NotGiven = NOT_GIVEN,
        auditor: bool | NotGiven = NOT_GIVEN,
        avatar: File | FileContent | NotGiven = NOT_GIVEN,
        extra_headers: ExtraHeaders | None = None,
        extra_query: ExtraQuery | None = None,
        extra_body: ExtraBody | None = None,
        sudo: SudoArg = NOT_GIVEN,
        timeout: TimeoutArg = NOT_GIVEN,
    ) -> UserWithAdmin:
        """Create a user.

        Creates a user. Administrators only. `email`, `name` and `username` are required, plus
        at least one of `password`, `reset_password` and `force_random_password`. `extern_uid`
        and `provider` must be sent together. Send `multipart/form-data` to upload an avatar in
        the same call. `private_profile` sent as null takes the instance default. Returns 409
        when the username or the email is already taken (a primary email, or a confirmed
        secondary email of another user) and 400 with per-field messages for other validation
        failures, including an email that is only an unconfirmed secondary email of someone
        (`{"email": ["has already been taken"]}`), a weak password and an unknown
        `theme_id`/`color_scheme_id`. Granular token permission: `create_user`.

        Args:
            email: Primary email address.
            name: Display name.
            username: Username.
            password: Password, 8 to 128 characters. Weak passwords (well-known ones, or ones
                containing the user's name, username or email) are rejected with 400 `must
                not contain commonly used combinations of words and letters`.
            reset_password: Send the user a password reset link.
            force_random_password: Set a random password.
            skip_confirmation: Mark the email as confirmed without sending a confirmation email.
            linkedin: LinkedIn username.
            twitter: X (formerly Twitter) account.
            discord: Discord user ID.
            website_url: Website URL.
            github: GitHub username.
            organization: Organization name (stored as the user's company). An empty string (or null)
                clears it.
            projects_limit: Number of personal projects the user may create.
            extern_uid: External authentication provider UID. Send together with `provider`.
            provider: External authentication provider name. Send together with `extern_uid`.
            bio: Biography.
            location: Location.
            pronouns: Pronouns.
            public_email: Public email; must be an already verified email of the user.
            commit_email: Commit email; `_private` selects the private commit email.
            admin: Make the user an administrator. Server default false on creation.
            can_create_group: Whether the user may create top-level groups.
            external: Mark the user as external. Server default false on creation.
            theme_id: GitLab UI theme ID; an ID GitLab does not know is rejected (400).
            color_scheme_id: Syntax highlighting color scheme ID; an unknown ID is rejected (400).
            private_profile: Whether the profile is private.
            note: Administrator note about the user.
            view_diffs_file_by_file: Show only one file diff per page.
            policy_advanced_editor: Use the advanced editor for security policies.
            shared_runners_minutes_limit: EE (Premium and Ultimate) only. Monthly compute minutes for the user; 0
                means unlimited.
            extra_shared_runners_minutes_limit: EE (Premium and Ultimate) only. Additional compute minutes for the user.
            group_id_for_saml: EE only. ID of the group whose SAML provider the identity belongs to.
            auditor: EE (Premium and Ultimate) only. Make the user an auditor.
            avatar: Avatar image file.
            extra_headers: More headers for this call (not framing headers or credentials).
            extra_query: More query parameters for this call, for what the SDK does not model.
            extra_body: More body fields for this call (JSON values, or form values for an upload).
            sudo: Act as this user (ID or username) for this call; ``None`` disables the client's.
            timeout: Timeout for this call, overriding the client's.
        """
        from ...._contract.models import build_body
        from ...models.create_user_multipart_request import CreateUserMultipartRequest
        from ...models.create_user_request import CreateUserRequest
        from . import users_create as _users_create

        body: CreateUserRequest | CreateUserMultipartRequest
        if not isinstance(avatar, NotGiven):
            body = build_body(
                CreateUserMultipartRequest,
                {
                    "email": email,
                    "name": name,
                    "username": username,
                    "password": password,
                    "reset_password": reset_password,
                    "force_random_password": force_random_password,
                    "skip_confirmation": skip_confirmation,
                    "linkedin": linkedin,
                    "twitter": twitter,
                    "discord": discord,
                    "website_url": website_url,
                    "github": github,
                    "organization": organization,
                    "projects_limit": projects_limit,
                    "extern_uid": extern_uid,
                    "provider": provider,
                    "bio": bio,
                    "location": location,
                    "pronouns": pronouns,
                    "public_email": public_email,
                    "commit_email": commit_email,
                    "admin": admin,
                    "can_create_group": can_create_group,
                    "external": external,
                    "theme_id": theme_id,
                    "color_scheme_id": color_scheme_id,
                    "private_profile": private_profile,
                    "note": note,
                    "view_diffs_file_by_file": view_diffs_file_by_file,
                    "policy_advanced_editor": policy_advanced_editor,
                    "shared_runners_minutes_limit": shared_runners_minutes_limit,
                    "extra_shared_runners_minutes_limit": extra_shared_runners_minutes_limit,
                    "group_id_for_saml": group_id_for_saml,
                    "auditor": auditor,
                    "avatar": as_file(avatar),
                },
            )
        else:
            body = build_body(
                CreateUserRequest,
                {
                    "email": email,
                    "name": name,
                    "username": username,
                    "password": password,
                    "reset_password": reset_password,
                    "force_random_password": force_random_password,
                    "skip_confirmation": skip_confirmation,
                    "linkedin": linkedin,
                    "twitter": twitter,
                    "discord": discord,
                    "website_url": website_url,
                    "github": github,
                    "organization": organization,
                    "projects_limit": projects_limit,
                    "extern_uid": extern_uid,
                    "provider": provider,
                    "bio": bio,
                    "location": location,
                    "pronouns": pronouns,
                    "public_email": public_email,
                    "commit_email": commit_email,
                    "admin": admin,
                    "can_create_group": can_create_group,
                    "external": external,
                    "theme_id": theme_id,
                    "color_scheme_id": color_scheme_id,
                    "private_profile": private_profile,
                    "note": note,
                    "view_diffs_file_by_file": view_diffs_file_by_file,
                    "policy_advanced_editor": policy_advanced_editor,
                    "shared_runners_minutes_limit": shared_runners_minutes_limit,
                    "extra_shared_runners_minutes_limit": extra_shared_runners_minutes_limit,
                    "group_id_for_saml": group_id_for_saml,
                    "auditor": auditor,
                },
            )
        return await self._request(
            _users_create.build_request(
                body=body,
                extra_headers=extra_headers,
                extra_query=extra_query,
                extra_body=extra_body,
            ),
            _users_create.ANSWERS,
            sudo,
            timeout,
        )

    async def deactivate(
        self,
        id: int,
        *,
        extra_headers: ExtraHeaders | None = None,
        extra_query: ExtraQuery | None = None,
        extra_body: ExtraBody | None = None,
        sudo: SudoArg = NOT_GIVEN,
        timeout: TimeoutArg = NOT_GIVEN,
    ) -> bool | None:
        """Deactivate a user.

        Deactivates a user. Administrators only. Answers 201 with `true`; when the user is
        already deactivated, 201 with an empty (`null`) body. A service failure answers with the
        status derived from its reason; the docs name 403 for users that are not dormant, are
        blocked, or are internal. Granular token permission: `deactivate_user`.

        Args:
            id: Numeric ID of the user (the route only matches digits).
            extra_headers: More headers for this call (not framing headers or credentials).
            extra_query: More query parameters for this call, for what the SDK does not model.
            extra_body: More body fields for this call (JSON values, or form values for an upload).
            sudo: Act as this user (ID or username) for this call; ``None`` disables the client's.
            timeout: Timeout for this call, overriding the client's.
        """
        from . import users_deactivate as _users_deactivate

        return await self._request(
            _users_deactivate.build_request(
                id,
                extra_headers=extra_headers,
                extra_query=extra_query,
                extra_body=extra_body,
            ),
            _users_deactivate.ANSWERS,
            sudo,
            timeout,
        )

    async def delete(
        self,
        id: int,
        *,
        hard_delete: bool | NotGiven = NOT_GIVEN,
        if_unmodified_since: datetime.datetime | datetime.date | str | NotGiven = NOT_GIVEN,
        extra_headers: ExtraHeaders | None = None,
        extra_query: ExtraQuery | None = None,
        extra_body: ExtraBody | None = None,
        sudo: SudoArg = NOT_GIVEN,
        timeout: TimeoutArg = NOT_GIVEN,
    ) -> None:
        """Delete a user.

        Deletes a user asynchronously. Administrators only. Without `hard_delete`, contributions
        move to the ghost user and a user who is the sole owner of a group cannot be removed
        (409). Honours `If-Unmodified-Since` (412 when the user changed after that time).
        Granular token permission: `delete_user`.

        Args:
            id: Numeric ID of the user (the route only matches digits).
            hard_delete: Also delete contributions that would normally move to the ghost user, and
                groups owned solely by this user. Server default false.
            if_unmodified_since: HTTP date. When the resource changed after this time GitLab answers 412 and
                deletes nothing. Unparseable values are ignored.
            extra_headers: More headers for this call (not framing headers or credentials).
            extra_query: More query parameters for this call, for what the SDK does not model.
            extra_body: More body fields for this call (JSON values, or form values for an upload).
            sudo: Act as this user (ID or username) for this call; ``None`` disables the client's.
            timeout: Timeout for this call, overriding the client's.
        """
        from . import users_delete as _users_delete

        return await self._request(
            _users_delete.build_request(
                id,
                hard_delete=hard_delete,
                if_unmodified_since=if_unmodified_since,
                extra_headers=extra_headers,
                extra_query=extra_query,
                extra_body=extra_body,
            ),
            _users_delete.ANSWERS,
            sudo,
            timeout,
        )

    async def delete_identity(
        self,
        id: int,
        provider: str,
        *,
        if_unmodified_since: datetime.datetime | datetime.date | str | NotGiven = NOT_GIVEN,
        extra_headers: ExtraHeaders | None = None,
        extra_query: ExtraQuery | None = None,
        extra_body: ExtraBody | None = None,
        sudo: SudoArg = NOT_GIVEN,
        timeout: TimeoutArg = NOT_GIVEN,
    ) -> None:
        """Delete an authentication identity of a user.

        Removes the user's external authentication identity for the given provider.
        Administrators only. 404 when the user or the identity does not exist. Honours `If-
        Unmodified-Since`. Granular token permission: `delete_identity`.

        Args:
            id: Numeric ID of the user (the route only matches digits).
            provider: Name of the external authentication provider, for example `github` or
                `saml`.
            if_unmodified_since: HTTP date. When the resource changed after this time GitLab answers 412 and
                deletes nothing. Unparseable values are ignored.
            extra_headers: More headers for this call (not framing headers or credentials).
            extra_query: More query parameters for this call, for what the SDK does not model.
            extra_body: More body fields for this call (JSON values, or form values for an upload).
            sudo: Act as this user (ID or username) for this call; ``None`` disables the client's.
            timeout: Timeout for this call, overriding the client's.
        """
        from . import users_delete_identity as _users_delete_identity

        return await self._request(
            _users_delete_identity.build_request(
                id,
                provider,
                if_unmodified_since=if_unmodified_since,
                extra_headers=extra_headers,
                extra_query=extra_query,
                extra_body=extra_body,
            ),
            _users_delete_identity.ANSWERS,
            sudo,
            timeout,
        )

    async def disable_two_factor(
        self,
        id: int,
        *,
        extra_headers: ExtraHeaders | None = None,
        extra_query: ExtraQuery | None = None,
        extra_body: ExtraBody | None = None,
        sudo: SudoArg = NOT_GIVEN,
        timeout: TimeoutArg = NOT_GIVEN,
    ) -> None:
        """Disable two-factor authentication for a user.

        Turns off two-factor authentication for a user. Administrators only, and the target may
        not be an administrator (403; use the Rails console instead). 400 with the service
        message when it fails, for example when 2FA is not enabled. Granular token permission:
        `disable_two_factor_user`.

        Args:
            id: Numeric ID of the user (the route only matches digits).
            extra_headers: More headers for this call (not framing headers or credentials).
            extra_query: More query parameters for this call, for what the SDK does not model.
            extra_body: More body fields for this call (JSON values, or form values for an upload).
            sudo: Act as this user (ID or username) for this call; ``None`` disables the client's.
            timeout: Timeout for this call, overriding the client's.
        """
        from . import users_disable_two_factor as _users_disable_two_factor

        return await self._request(
            _users_disable_two_factor.build_request(
                id,
                extra_headers=extra_headers,
                extra_query=extra_query,
                extra_body=extra_body,
            ),
            _users_disable_two_factor.ANSWERS,
            sudo,
            timeout,
        )

    async def follow(
        self,
        id: int,
        *,
        extra_headers: ExtraHeaders | None = None,
        extra_query: ExtraQuery | None = None,
        extra_body: ExtraBody | None = None,
        sudo: SudoArg = NOT_GIVEN,
        timeout: TimeoutArg = NOT_GIVEN,
    ) -> UserBasic | None:
        """Follow a user.

        The authenticated user starts following the given user. Any signed-in user. Returns the
        followed user, or 304 with no body when it is already followed. Follow failures (for
        example the follow limit) give 400 with the messages joined into one string. Granular
        token permission: `follow_user`.

        Args:
            id: Numeric ID of the user (the route only matches digits).
            extra_headers: More headers for this call (not framing headers or credentials).
            extra_query: More query parameters for this call, for what the SDK does not model.
            extra_body: More body fields for this call (JSON values, or form values for an upload).
            sudo: Act as this user (ID or username) for this call; ``None`` disables the client's.
            timeout: Timeout for this call, overriding the client's.
        """
        from . import users_follow as _users_follow

        return await self._request(
            _users_follow.build_request(
                id,
                extra_headers=extra_headers,
                extra_query=extra_query,
                extra_body=extra_body,
            ),
            _users_follow.ANSWERS,
            sudo,
            timeout,
        )

    async def get(
        self,
        id: int,
        *,
        with_custom_attributes: bool | NotGiven = NOT_GIVEN,
        extra_headers: ExtraHeaders | None = None,
        extra_query: ExtraQuery | None = None,
        sudo: SudoArg = NOT_GIVEN,
        timeout: TimeoutArg = NOT_GIVEN,
    ) -> UserDetailsWithAdmin | UserProfile:
        """Get a user.

        Returns one user by numeric ID. Needs a signed-in user: an anonymous call gets 403 "Not
        authorized!", not 401. Regular users get `UserProfile`; administrators, auditors and
        custom admin roles with `read_admin_users` get `UserDetailsWithAdmin`. A user the caller
        may not read gives 404 "User Not Found". Rate limited per user by the `users_get_by_id`
        application limit (default 300 requests per 10 minutes; callers who can read all
        resources and allowlisted users are exempt). Granular token permission: `read_user`.

        Args:
            id: Numeric ID of the user (the route only matches digits).
            with_custom_attributes: Include the user's custom attributes (only honoured for administrators).
                Server default false.
            extra_headers: More headers for this call (not framing headers or credentials).
            extra_query: More query parameters for this call, for what the SDK does not model.
            sudo: Act as this user (ID or username) for this call; ``None`` disables the client's.
            timeout: Timeout for this call, overriding the client's.
        """
        from . import users_get as _users_get

        return await self._request(
            _users_get.build_request(
                id,
                with_custom_attributes=with_custom_attributes,
                extra_headers=extra_headers,
                extra_query=extra_query,
            ),
            _users_get.ANSWERS,
            sudo,
            timeout,
        )

    async def get_associations_count(
        self,
        id: int,
        *,
        extra_headers: ExtraHeaders | None = None,
        extra_query: ExtraQuery | None = None,
        sudo: SudoArg = NOT_GIVEN,
        timeout: TimeoutArg = NOT_GIVEN,
    ) -> UserAssociationsCount:
        """Get counts of a user's groups, projects, issues and merge requests.

        Returns how many groups, projects, issues and merge requests a user is associated with.
        A user may query themselves; administrators may query anyone (403 otherwise). Granular
        token permission: `read_user_association`.

        Args:
            id: Numeric ID of the user (the route only matches digits).
            extra_headers: More headers for this call (not framing headers or credentials).
            extra_query: More query parameters for this call, for what the SDK does not model.
            sudo: Act as this user (ID or username) for this call; ``None`` disables the client's.
            timeout: Timeout for this call, overriding the client's.
        """
        from . import users_get_associations_count as _users_get_associations_count

        return await self._request(
            _users_get_associations_count.build_request(
                id,
                extra_headers=extra_headers,
                extra_query=extra_query,
            ),
            _users_get_associations_count.ANSWERS,
            sudo,
            timeout,
        )

    async def get_status(
        self,
        user_id: int | str,
        *,
        extra_headers: ExtraHeaders | None = None,
        extra_query: ExtraQuery | None = None,
        sudo: SudoArg = NOT_GIVEN,
        timeout: TimeoutArg = NOT_GIVEN,
    ) -> UserStatus:
        """Get the status of a user.

        Returns a user's status. Public: no token needed (the instance may still restrict it).
        The user is given by ID or username. Every field is null when the user has no status.
        Rate limited by the `user_status` application limit (default 240 per minute, per user or
        IP). Granular token permission: `read_user_status`.

        Args:
            user_id: Numeric ID or username of the user. An all-digit value is always read as an
                ID, so an all-digit username can only be reached by its ID.
            extra_headers: More headers for this call (not framing headers or credentials).
            extra_query: More query parameters for this call, for what the SDK does not model.
            sudo: Act as this user (ID or username) for this call; ``None`` disables the client's.
            timeout: Timeout for this call, overriding the client's.
        """
        from . import users_get_status as _users_get_status

        return await self._request(
            _users_get_status.build_request(
                user_id,
                extra_headers=extra_headers,
                extra_query=extra_query,
            ),
            _users_get_status.ANSWERS,
            sudo,
            timeout,
        )

    async def get_support_pin(
        self,
        id: int,
        *,
        extra_headers: ExtraHeaders | None = None,
        extra_query: ExtraQuery | None = None,
        sudo: SudoArg = NOT_GIVEN,
        timeout: TimeoutArg = NOT_GIVEN,
    ) -> UserSupportPin:
        """Get the Support PIN of a user.

        Returns a user's current Support PIN and its expiry. Administrators only. 404 `404
        Support PIN not found or expired Not Found` when there is none; 422 when it cannot be
        read. Granular token permission: `read_user_support_pin`.

        Args:
            id: Numeric ID of the user (the route only matches digits).
            extra_headers: More headers for this call (not framing headers or credentials).
            extra_query: More query parameters for this call, for what the SDK does not model.
            sudo: Act as this user (ID or username) for this call; ``None`` disables the client's.
            timeout: Timeout for this call, overriding the client's.
        """
        from . import users_get_support_pin as _users_get_support_pin

        return await self._request(
            _users_get_support_pin.build_request(
                id,
                extra_headers=extra_headers,
                extra_query=extra_query,
            ),
            _users_get_support_pin.ANSWERS,
            sudo,
            timeout,
        )

    def list(
        self,
        *,
        username: str | NotGiven = NOT_GIVEN,
        public_email: str | NotGiven = NOT_GIVEN,
        extern_uid: str | NotGiven = NOT_GIVEN,
        provider: str | NotGiven = NOT_GIVEN,
        search: str | NotGiven = NOT_GIVEN,
        active: bool | NotGiven = NOT_GIVEN,
        humans: bool | NotGiven = NOT_GIVEN,
        external: bool | NotGiven = NOT_GIVEN,
        blocked: bool | NotGiven = NOT_GIVEN,
        created_after: datetime.datetime | datetime.date | str | NotGiven = NOT_GIVEN,
        created_before: datetime.datetime | datetime.date | str | NotGiven = NOT_GIVEN,
        without_projects: bool | NotGiven = NOT_GIVEN,
        without_project_bots: bool | NotGiven = NOT_GIVEN,
        admins: bool | NotGiven = NOT_GIVEN,
        two_factor: TwoFactorFilter | Literal["disabled", "enabled"] | NotGiven = NOT_GIVEN,
        exclude_active: bool | NotGiven = NOT_GIVEN,
        exclude_external: bool | NotGiven = NOT_GIVEN,
        exclude_humans: bool | NotGiven = NOT_GIVEN,
        exclude_internal: bool | NotGiven = NOT_GIVEN,
        order_by: UserOrderBy
        | Literal["created_at", "id", "name", "updated_at", "username"]
        | NotGiven = NOT_GIVEN,
        sort: SortDirection | Literal["asc", "desc"] | NotGiven = NOT_GIVEN,
        with_custom_attributes: bool | NotGiven = NOT_GIVEN,
        custom_attributes: Mapping[str, str] | NotGiven = NOT_GIVEN,
        skip_ldap: bool | NotGiven = NOT_GIVEN,
        auditors: bool | NotGiven = NOT_GIVEN,
        per_page: int = 100,
        page: int | NotGiven = NOT_GIVEN,
        pagination: PaginationMode = "auto",
        cursor: str | None = None,
        max_items: int | None = None,
        max_pages: int | None = None,
        extra_headers: ExtraHeaders | None = None,
        extra_query: ExtraQuery | None = None,
        sudo: SudoArg = NOT_GIVEN,
        timeout: TimeoutArg = NOT_GIVEN,
    ) -> AsyncPaginator[UserBasic | UserWithAdmin]:
        """List users.

        Lists or searches users. Anonymous callers may call it only with `username` (an exact,
        case-insensitive match returning zero or one user); otherwise a signed-in user allowed
        to read the users list is needed (403 "Not authorized to access /api/v4/users"
        otherwise). Regular users get `UserBasic` items; administrators, auditors and custom
        admin roles with `read_admin_users` get `UserWithAdmin` items. For non-admins GitLab
        drops `created_after`, `created_before`, `two_factor` and `without_projects` from the
        filters. With `search` and neither `order_by` nor `sort`, results keep search relevance
        order; otherwise the order is `order_by` (server default id) then `sort` (server default
        desc) with `id` as tie-breaker. Offset pagination is capped: when page times per_page
        exceeds the instance offset limit (default 50,000) GitLab answers 405 and keyset
        pagination (`pagination=keyset`, following the `Link` rel="next" URL, which carries
        `cursor`) must be used. Granular token permission: `read_user`. Scopes `read_user`,
        `read_api` or `api`.

        Args:
            username: Return the single user with this username (exact, case-insensitive match).
                The only filter an anonymous caller may use.
            public_email: Return the user whose public email is this address.
            extern_uid: External authentication provider UID. Must be sent together with `provider`;
                administrators only (403 otherwise).
            provider: External authentication provider name (for example `github`). Must be sent
                together with `extern_uid`; administrators only.
            search: Fuzzy search on name and username, and exact match on public email
                (administrators also match private emails).
            active: Only active users. `false` does not filter. Server default false.
            humans: Only regular users that are neither bots nor internal users. Server default
                false.
            external: Only external users. `false` does not filter. Server default false.
            blocked: Only blocked users. `false` does not filter. Server default false.
            created_after: Only users created after this time (ISO 8601). Ignored for non-admins.
            created_before: Only users created before this time (ISO 8601). Ignored for non-admins.
            without_projects: Only users without projects. Ignored for non-admins. Server default false.
            without_project_bots: Leave out project and group bot users. Server default false.
            admins: Only administrators. Server default false.
            two_factor: Two-factor authentication filter.
            exclude_active: Only users that are not active. Server default false.
            exclude_external: Only users that are not external. Server default false.
            exclude_humans: Only bot or internal users. Server default false.
            exclude_internal: Leave out internal users (alert bot, support bot, ...). Server default
                false.
            order_by: Field to order users by.
            sort: Sort direction.
            with_custom_attributes: Include each user's custom attributes (only honoured for administrators).
                Server default false.
            custom_attributes: Custom attribute filter, sent as deepObject query pairs
                `custom_attributes[key]=value`; every pair must match.
            skip_ldap: EE (Premium and Ultimate) only. Leave out LDAP users. Server default false.
            auditors: EE (Premium and Ultimate) only. Only auditor users. Server default false.
            per_page: Items per page (GitLab caps it at 100).
            page: Page to start from (offset pagination only).
            pagination: ``"auto"`` (keyset when GitLab can serve the order: it refuses offset
                pages past 50,000 rows), ``"offset"`` or ``"keyset"``.
            cursor: Start after the page whose ``next_cursor`` this is (resuming an earlier
                keyset listing with the same filters and order); implies keyset pagination.
            max_items: Stop after this many items.
            max_pages: Stop after this many pages.
            extra_headers: More headers for this call (not framing headers or credentials).
            extra_query: More query parameters for this call, for what the SDK does not model.
            sudo: Act as this user (ID or username) for this call; ``None`` disables the client's.
            timeout: Timeout for this call, overriding the client's.

        Returns:
            A lazy paginator: ``async for`` over items, ``.pages()``, ``.first_page()``, ``.to_list()``.
        """
        from . import users_list as _users_list

        return self._paginate(
            _users_list.build_request(
                username=username,
                public_email=public_email,
                extern_uid=extern_uid,
                provider=provider,
                search=search,
                active=active,
                humans=humans,
                external=external,
                blocked=blocked,
                created_after=created_after,
                created_before=created_before,
                without_projects=without_projects,
                without_project_bots=without_project_bots,
                admins=admins,
                two_factor=two_factor,
                exclude_active=exclude_active,
                exclude_external=exclude_external,
                exclude_humans=exclude_humans,
                exclude_internal=exclude_internal,
                order_by=order_by,
                sort=sort,
                with_custom_attributes=with_custom_attributes,
                custom_attributes=custom_attributes,
                skip_ldap=skip_ldap,
                auditors=auditors,
                extra_headers=extra_headers,
                extra_query=extra_query,
                per_page=per_page,
                page=page,
                cursor=NOT_GIVEN if cursor is None else cursor,
            ),
            _users_list.ANSWERS,
            keyset=Keyset(),
            pagination=pagination,
            max_items=max_items,
            max_pages=max_pages,
            sudo=sudo,
            timeout=timeout,
        )

    def list_contributed_projects(
        self,
        user_id: int | str,
        *,
        order_by: ProjectOrderBy
        | Literal[
            "created_at",
            "id",
            "last_activity_at",
            "name",
            "packages_size",
            "path",
            "repository_size",
            "similarity",
            "star_count",
            "storage_size",
            "updated_at",
            "wiki_size",
        ]
        | NotGiven = NOT_GIVEN,
        sort: SortDirection | Literal["asc", "desc"] | NotGiven = NOT_GIVEN,
        simple: bool | NotGiven = NOT_GIVEN,
        per_page: int = 100,
        page: int | NotGiven = NOT_GIVEN,
        max_items: int | None = None,
        max_pages: int | None = None,
        extra_headers: ExtraHeaders | None = None,
        extra_query: ExtraQuery | None = None,
        sudo: SudoArg = NOT_GIVEN,
        timeout: TimeoutArg = NOT_GIVEN,
    ) -> AsyncPaginator[BasicProjectDetails | ProjectWithAccess]:
        """List the projects a user contributed to.

        Lists the projects the given user (ID or username) contributed to in the last year and
        that the caller can see. Public. Items are `ProjectWithAccess` for signed-in callers and
        `BasicProjectDetails` for anonymous callers or with `simple=true`. Offset paginated.
        Rate limited by the `user_contributed_projects_api` application limit (per user or IP).

        Args:
            user_id: Numeric ID or username of the user. An all-digit value is always read as an
                ID, so an all-digit username can only be reached by its ID.
            order_by: Field to order projects by. The statistics columns are for administrators
                only; `similarity` only applies together with `search`.
            sort: Sort direction.
            simple: Return only the basic fields of each project (`BasicProjectDetails`). Server
                default false.
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
        from . import users_list_contributed_projects as _users_list_contributed_projects

        return self._paginate(
            _users_list_contributed_projects.build_request(
                user_id,
                order_by=order_by,
                sort=sort,
                simple=simple,
                extra_headers=extra_headers,
                extra_query=extra_query,
                per_page=per_page,
                page=page,
            ),
            _users_list_contributed_projects.ANSWERS,
            max_items=max_items,
            max_pages=max_pages,
            sudo=sudo,
            timeout=timeout,
        )

    def list_events(
        self,
        id: int | str,
        *,
        action: str | NotGiven = NOT_GIVEN,
        target_type: EventTargetType
        | Literal[
            "epic", "issue", "merge_request", "milestone", "note", "project", "snippet", "user"
        ]
        | NotGiven = NOT_GIVEN,
        before: datetime.date | str | NotGiven = NOT_GIVEN,
        after: datetime.date | str | NotGiven = NOT_GIVEN,
        sort: SortDirection | Literal["asc", "desc"] | NotGiven = NOT_GIVEN,
        per_page: int = 100,
        page: int | NotGiven = NOT_GIVEN,
        max_items: int | None = None,
        max_pages: int | None = None,
        extra_headers: ExtraHeaders | None = None,
        extra_query: ExtraQuery | None = None,
        sudo: SudoArg = NOT_GIVEN,
        timeout: TimeoutArg = NOT_GIVEN,
    ) -> AsyncPaginator[Event]:
        """List a user's contribution events.

        Lists the contribution events of the given user (ID or username), newest first by
        default. No token is needed (a token needs the `read_user` or `api` scope); events the
        caller may not see are left out, and a private profile the caller may not read yields an
        empty list. 404 `404 User Not Found` for an unknown user. Offset paginated.

        Args:
            id: Numeric ID or username of the user. An all-digit value is always read as an
                ID.
            action: Only events with this action name, for example `created`, `updated`,
                `closed`, `reopened`, `pushed`, `commented`, `merged`, `joined`, `left`,
                `destroyed`, `expired` or `approved`.
            target_type: Target type filter for events.
            before: Only events created before this date (YYYY-MM-DD).
            after: Only events created after this date (YYYY-MM-DD).
            sort: Sort direction.
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
        from . import users_list_events as _users_list_events

        return self._paginate(
            _users_list_events.build_request(
                id,
                action=action,
                target_type=target_type,
                before=before,
                after=after,
                sort=sort,
                extra_headers=extra_headers,
                extra_query=extra_query,
                per_page=per_page,
                page=page,
            ),
            _users_list_events.ANSWERS,
            max_items=max_items,
            max_pages=max_pages,
            sudo=sudo,
            timeout=timeout,
        )

    def list_followers(
        self,
        id: int,
        *,
        per_page: int = 100,
        page: int | NotGiven = NOT_GIVEN,
        max_items: int | None = None,
        max_pages: int | None = None,
        extra_headers: ExtraHeaders | None = None,
        extra_query: ExtraQuery | None = None,
        sudo: SudoArg = NOT_GIVEN,
        timeout: TimeoutArg = NOT_GIVEN,
    ) -> AsyncPaginator[UserBasic]:
        """List the followers of a user.

        Lists the users that follow the given user. Needs a signed-in user (an anonymous call
        gets 403). 404 when the caller may not read the user's profile. Offset paginated. Rate
        limited by the `user_followers` application limit (default 100 per minute). Granular
        token permission: `read_user_follower`.

        Args:
            id: Numeric ID of the user (the route only matches digits).
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
        from . import users_list_followers as _users_list_followers

        return self._paginate(
            _users_list_followers.build_request(
                id,
                extra_headers=extra_headers,
                extra_query=extra_query,
                per_page=per_page,
                page=page,
            ),
            _users_list_followers.ANSWERS,
            max_items=max_items,
            max_pages=max_pages,
            sudo=sudo,
            timeout=timeout,
        )

    def list_following(
        self,
        id: int,
        *,
        per_page: int = 100,
        page: int | NotGiven = NOT_GIVEN,
        max_items: int | None = None,
        max_pages: int | None = None,
        extra_headers: ExtraHeaders | None = None,
        extra_query: ExtraQuery | None = None,
        sudo: SudoArg = NOT_GIVEN,
        timeout: TimeoutArg = NOT_GIVEN,
    ) -> AsyncPaginator[UserBasic]:
        """List the accounts a user follows.

        Lists the users that the given user follows. Needs a signed-in user (an anonymous call
        gets 403). 404 when the caller may not read the user's profile (for example a private
        profile). Offset paginated. Rate limited by the `user_following` application limit
        (default 100 per minute; callers who can read all resources are exempt). Granular token
        permission: `read_user_following`.

        Args:
            id: Numeric ID of the user (the route only matches digits).
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
        from . import users_list_following as _users_list_following

        return self._paginate(
            _users_list_following.build_request(
                id,
                extra_headers=extra_headers,
                extra_query=extra_query,
                per_page=per_page,
                page=page,
            ),
            _users_list_following.ANSWERS,
            max_items=max_items,
            max_pages=max_pages,
            sudo=sudo,
            timeout=timeout,
        )

    def list_memberships(
        self,
        user_id: int,
        *,
        type_: MembershipType | Literal["Namespace", "Project"] | NotGiven = NOT_GIVEN,
        per_page: int = 100,
        page: int | NotGiven = NOT_GIVEN,
        max_items: int | None = None,
        max_pages: int | None = None,
        extra_headers: ExtraHeaders | None = None,
        extra_query: ExtraQuery | None = None,
        sudo: SudoArg = NOT_GIVEN,
        timeout: TimeoutArg = NOT_GIVEN,
    ) -> AsyncPaginator[Membership]:
        """List the direct memberships of a user.

        Lists the projects and groups the user is a direct member of (inherited memberships are
        not included). Administrators only. Offset paginated. Granular token permission:
        `read_user`.

        Args:
            user_id: Numeric ID of the user (a username is not accepted here).
            type_: Source type of a membership (`Namespace` means a group).
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
        from . import users_list_memberships as _users_list_memberships

        return self._paginate(
            _users_list_memberships.build_request(
                user_id,
                type_=type_,
                extra_headers=extra_headers,
                extra_query=extra_query,
                per_page=per_page,
                page=page,
            ),
            _users_list_memberships.ANSWERS,
            max_items=max_items,
            max_pages=max_pages,
            sudo=sudo,
            timeout=timeout,
        )

    def list_project_deploy_keys(
        self,
        user_id: int | str,
        *,
        per_page: int = 100,
        page: int | NotGiven = NOT_GIVEN,
        max_items: int | None = None,
        max_pages: int | None = None,
        extra_headers: ExtraHeaders | None = None,
        extra_query: ExtraQuery | None = None,
        sudo: SudoArg = NOT_GIVEN,
        timeout: TimeoutArg = NOT_GIVEN,
    ) -> AsyncPaginator[DeployKey]:
        """List the project deploy keys of a user.

        Lists the deploy keys the given user created in projects where both that user and the
        caller are Maintainers. The route does not require a token: an unknown user is 404 `404
        User Not Found` for anyone, and an anonymous caller (who maintains nothing) gets 403.
        The user is given by ID or username. 403 "No common authorized project found" when the
        two users share no such project. Offset paginated. Granular token permission:
        `read_user_project_deploy_key`.

        Args:
            user_id: Numeric ID or username of the user. An all-digit value is always read as an
                ID, so an all-digit username can only be reached by its ID.
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
        from . import users_list_project_deploy_keys as _users_list_project_deploy_keys

        return self._paginate(
            _users_list_project_deploy_keys.build_request(
                user_id,
                extra_headers=extra_headers,
                extra_query=extra_query,
                per_page=per_page,
                page=page,
            ),
            _users_list_project_deploy_keys.ANSWERS,
            max_items=max_items,
            max_pages=max_pages,
            sudo=sudo,
            timeout=timeout,
        )

    def list_projects(
        self,
        user_id: int | str,
        *,
        order_by: ProjectOrderBy
        | Literal[
            "created_at",
            "id",
            "last_activity_at",
            "name",
            "packages_size",
            "path",
            "repository_size",
            "similarity",
            "star_count",
            "storage_size",
            "updated_at",
            "wiki_size",
        ]
        | NotGiven = NOT_GIVEN,
        sort: SortDirection | Literal["asc", "desc"] | NotGiven = NOT_GIVEN,
        archived: bool | NotGiven = NOT_GIVEN,
        visibility: ProjectVisibility
        | Literal["internal", "private", "public"]
        | NotGiven = NOT_GIVEN,
        search: str | NotGiven = NOT_GIVEN,
        search_namespaces: bool | NotGiven = NOT_GIVEN,
        owned: bool | NotGiven = NOT_GIVEN,
        starred: bool | NotGiven = NOT_GIVEN,
        imported: bool | NotGiven = NOT_GIVEN,
        membership: bool | NotGiven = NOT_GIVEN,
        with_issues_enabled: bool | NotGiven = NOT_GIVEN,
        with_merge_requests_enabled: bool | NotGiven = NOT_GIVEN,
        with_programming_language: str | NotGiven = NOT_GIVEN,
        min_access_level: int | NotGiven = NOT_GIVEN,
        id_after: int | NotGiven = NOT_GIVEN,
        id_before: int | NotGiven = NOT_GIVEN,
        last_activity_after: datetime.datetime | datetime.date | str | NotGiven = NOT_GIVEN,
        last_activity_before: datetime.datetime | datetime.date | str | NotGiven = NOT_GIVEN,
        repository_storage: str | NotGiven = NOT_GIVEN,
        topic: str | NotGiven = NOT_GIVEN,
        topic_id: int | NotGiven = NOT_GIVEN,
        updated_before: datetime.datetime | datetime.date | str | NotGiven = NOT_GIVEN,
        updated_after: datetime.datetime | datetime.date | str | NotGiven = NOT_GIVEN,
        include_pending_delete: bool | NotGiven = NOT_GIVEN,
        marked_for_deletion_on: datetime.date | str | NotGiven = NOT_GIVEN,
        active: bool | NotGiven = NOT_GIVEN,
        simple: bool | NotGiven = NOT_GIVEN,
        statistics: bool | NotGiven = NOT_GIVEN,
        with_custom_attributes: bool | NotGiven = NOT_GIVEN,
        custom_attributes: Mapping[str, str] | NotGiven = NOT_GIVEN,
        per_page: int = 100,
        page: int | NotGiven = NOT_GIVEN,
        pagination: PaginationMode = "auto",
        max_items: int | None = None,
        max_pages: int | None = None,
        extra_headers: ExtraHeaders | None = None,
        extra_query: ExtraQuery | None = None,
        sudo: SudoArg = NOT_GIVEN,
        timeout: TimeoutArg = NOT_GIVEN,
    ) -> AsyncPaginator[BasicProjectDetails | ProjectWithAccess]:
        """List a user's projects.

        Lists the projects owned by the given user (ID or username) that the caller can see.
        Public: anonymous callers see public projects only, and a private profile gives an empty
        list. Items are `ProjectWithAccess` for signed-in callers and `BasicProjectDetails` for
        anonymous callers or with `simple=true`. Offset paginated; keyset pagination is
        available with `order_by=id`. Rate limited by the `user_projects_api` application limit
        (per user or IP).

        Args:
            user_id: Numeric ID or username of the user. An all-digit value is always read as an
                ID, so an all-digit username can only be reached by its ID.
            order_by: Field to order projects by. The statistics columns are for administrators
                only; `similarity` only applies together with `search`.
            sort: Sort direction.
            archived: Limit by archived status. Without it archived and unarchived projects are
                returned.
            visibility: Project visibility level.
            search: Only projects matching this search text.
            search_namespaces: Also match the namespace path when searching.
            owned: Only projects owned by the current user. Server default false.
            starred: Only projects starred by the current user. Server default false.
            imported: Only projects imported by the current user. Server default false.
            membership: Only projects the current user is a member of. Server default false.
            with_issues_enabled: Only projects with the issues feature enabled. Server default false.
            with_merge_requests_enabled: Only projects with the merge requests feature enabled. Server default false.
            with_programming_language: Only projects using this programming language.
            min_access_level: Only projects where the current user has at least this access level (5, 10,
                15, 20, 30, 40 or 50).
            id_after: Only projects with an ID greater than this.
            id_before: Only projects with an ID less than this.
            last_activity_after: Only projects with activity after this time.
            last_activity_before: Only projects with activity before this time.
            repository_storage: Only projects stored on this repository storage. Administrators only.
            topic: Only projects with all of these topics, as one comma-separated string
                (GitLab also accepts `topic[]` repeated; the SDK sends the csv form).
            topic_id: Only projects with the topic of this ID.
            updated_before: Only projects last updated before this time.
            updated_after: Only projects last updated after this time.
            include_pending_delete: Include projects pending deletion. Administrators only.
            marked_for_deletion_on: Only projects marked for deletion on this date (YYYY-MM-DD).
            active: Only active projects (`true`) or only archived or pending-deletion projects
                (`false`).
            simple: Return only the basic fields of each project (`BasicProjectDetails`). Server
                default false.
            statistics: Include project statistics (reporters and above). Server default false.
            with_custom_attributes: Include each project's custom attributes (only honoured for administrators).
                Server default false.
            custom_attributes: Custom attribute filter, sent as deepObject query pairs
                `custom_attributes[key]=value`; every pair must match.
            per_page: Items per page (GitLab caps it at 100).
            page: Page to start from (offset pagination only).
            pagination: ``"auto"`` (keyset when GitLab can serve the order: it refuses offset
                pages past 50,000 rows), ``"offset"`` or ``"keyset"``.
            max_items: Stop after this many items.
            max_pages: Stop after this many pages.
            extra_headers: More headers for this call (not framing headers or credentials).
            extra_query: More query parameters for this call, for what the SDK does not model.
            sudo: Act as this user (ID or username) for this call; ``None`` disables the client's.
            timeout: Timeout for this call, overriding the client's.

        Returns:
            A lazy paginator: ``async for`` over items, ``.pages()``, ``.first_page()``, ``.to_list()``.
        """
        from . import users_list_projects as _users_list_projects

        return self._paginate(
            _users_list_projects.build_request(
                user_id,
                order_by=order_by,
                sort=sort,
                archived=archived,
                visibility=visibility,
                search=search,
                search_namespaces=search_namespaces,
                owned=owned,
                starred=starred,
                imported=imported,
                membership=membership,
                with_issues_enabled=with_issues_enabled,
                with_merge_requests_enabled=with_merge_requests_enabled,
                with_programming_language=with_programming_language,
                min_access_level=min_access_level,
                id_after=id_after,
                id_before=id_before,
                last_activity_after=last_activity_after,
                last_activity_before=last_activity_before,
                repository_storage=repository_storage,
                topic=topic,
                topic_id=topic_id,
                updated_before=updated_before,
                updated_after=updated_after,
                include_pending_delete=include_pending_delete,
                marked_for_deletion_on=marked_for_deletion_on,
                active=active,
                simple=simple,
                statistics=statistics,
                with_custom_attributes=with_custom_attributes,
                custom_attributes=custom_attributes,
                extra_headers=extra_headers,
                extra_query=extra_query,
                per_page=per_page,
                page=page,
            ),
            _users_list_projects.ANSWERS,
            keyset=Keyset(by="order_by", default="created_at", serves=("id",)),
            pagination=pagination,
            max_items=max_items,
            max_pages=max_pages,
            sudo=sudo,
            timeout=timeout,
        )

    def list_starred_projects(
        self,
        user_id: int | str,
        *,
        order_by: ProjectOrderBy
        | Literal[
            "created_at",
            "id",
            "last_activity_at",
            "name",
            "packages_size",
            "path",
            "repository_size",
            "similarity",
            "star_count",
            "storage_size",
            "updated_at",
            "wiki_size",
        ]
        | NotGiven = NOT_GIVEN,
        sort: SortDirection | Literal["asc", "desc"] | NotGiven = NOT_GIVEN,
        archived: bool | NotGiven = NOT_GIVEN,
        visibility: ProjectVisibility
        | Literal["internal", "private", "public"]
        | NotGiven = NOT_GIVEN,
        search: str | NotGiven = NOT_GIVEN,
        search_namespaces: bool | NotGiven = NOT_GIVEN,
        owned: bool | NotGiven = NOT_GIVEN,
        starred: bool | NotGiven = NOT_GIVEN,
        imported: bool | NotGiven = NOT_GIVEN,
        membership: bool | NotGiven = NOT_GIVEN,
        with_issues_enabled: bool | NotGiven = NOT_GIVEN,
        with_merge_requests_enabled: bool | NotGiven = NOT_GIVEN,
        with_programming_language: str | NotGiven = NOT_GIVEN,
        min_access_level: int | NotGiven = NOT_GIVEN,
        id_after: int | NotGiven = NOT_GIVEN,
        id_before: int | NotGiven = NOT_GIVEN,
        last_activity_after: datetime.datetime | datetime.date | str | NotGiven = NOT_GIVEN,
        last_activity_before: datetime.datetime | datetime.date | str | NotGiven = NOT_GIVEN,
        repository_storage: str | NotGiven = NOT_GIVEN,
        topic: str | NotGiven = NOT_GIVEN,
        topic_id: int | NotGiven = NOT_GIVEN,
        updated_before: datetime.datetime | datetime.date | str | NotGiven = NOT_GIVEN,
        updated_after: datetime.datetime | datetime.date | str | NotGiven = NOT_GIVEN,
        include_pending_delete: bool | NotGiven = NOT_GIVEN,
        marked_for_deletion_on: datetime.date | str | NotGiven = NOT_GIVEN,
        active: bool | NotGiven = NOT_GIVEN,
        simple: bool | NotGiven = NOT_GIVEN,
        statistics: bool | NotGiven = NOT_GIVEN,
        per_page: int = 100,
        page: int | NotGiven = NOT_GIVEN,
        max_items: int | None = None,
        max_pages: int | None = None,
        extra_headers: ExtraHeaders | None = None,
        extra_query: ExtraQuery | None = None,
        sudo: SudoArg = NOT_GIVEN,
        timeout: TimeoutArg = NOT_GIVEN,
    ) -> AsyncPaginator[BasicProjectDetails | ProjectWithAccess]:
        """List the projects a user starred.

        Lists the projects starred by the given user (ID or username) that the caller can see;
        anonymous callers see public projects only. Public. Items are `ProjectWithAccess` for
        signed-in callers and `BasicProjectDetails` for anonymous callers or with `simple=true`.
        Offset paginated. This route does not declare the custom attribute parameters. Rate
        limited by the `user_starred_projects_api` application limit (per user or IP).

        Args:
            user_id: Numeric ID or username of the user. An all-digit value is always read as an
                ID, so an all-digit username can only be reached by its ID.
            order_by: Field to order projects by. The statistics columns are for administrators
                only; `similarity` only applies together with `search`.
            sort: Sort direction.
            archived: Limit by archived status. Without it archived and unarchived projects are
                returned.
            visibility: Project visibility level.
            search: Only projects matching this search text.
            search_namespaces: Also match the namespace path when searching.
            owned: Only projects owned by the current user. Server default false.
            starred: Only projects starred by the current user. Server default false.
            imported: Only projects imported by the current user. Server default false.
            membership: Only projects the current user is a member of. Server default false.
            with_issues_enabled: Only projects with the issues feature enabled. Server default false.
            with_merge_requests_enabled: Only projects with the merge requests feature enabled. Server default false.
            with_programming_language: Only projects using this programming language.
            min_access_level: Only projects where the current user has at least this access level (5, 10,
                15, 20, 30, 40 or 50).
            id_after: Only projects with an ID greater than this.
            id_before: Only projects with an ID less than this.
            last_activity_after: Only projects with activity after this time.
            last_activity_before: Only projects with activity before this time.
            repository_storage: Only projects stored on this repository storage. Administrators only.
            topic: Only projects with all of these topics, as one comma-separated string
                (GitLab also accepts `topic[]` repeated; the SDK sends the csv form).
            topic_id: Only projects with the topic of this ID.
            updated_before: Only projects last updated before this time.
            updated_after: Only projects last updated after this time.
            include_pending_delete: Include projects pending deletion. Administrators only.
            marked_for_deletion_on: Only projects marked for deletion on this date (YYYY-MM-DD).
            active: Only active projects (`true`) or only archived or pending-deletion projects
                (`false`).
            simple: Return only the basic fields of each project (`BasicProjectDetails`). Server
                default false.
            statistics: Include project statistics (reporters and above). Server default false.
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
        from . import users_list_starred_projects as _users_list_starred_projects

        return self._paginate(
            _users_list_starred_projects.build_request(
                user_id,
                order_by=order_by,
                sort=sort,
                archived=archived,
                visibility=visibility,
                search=search,
                search_namespaces=search_namespaces,
                owned=owned,
                starred=starred,
                imported=imported,
                membership=membership,
                with_issues_enabled=with_issues_enabled,
                with_merge_requests_enabled=with_merge_requests_enabled,
                with_programming_language=with_programming_language,
                min_access_level=min_access_level,
                id_after=id_after,
                id_before=id_before,
                last_activity_after=last_activity_after,
                last_activity_before=last_activity_before,
                repository_storage=repository_storage,
                topic=topic,
                topic_id=topic_id,
                updated_before=updated_before,
                updated_after=updated_after,
                include_pending_delete=include_pending_delete,
                marked_for_deletion_on=marked_for_deletion_on,
                active=active,
                simple=simple,
                statistics=statistics,
                extra_headers=extra_headers,
                extra_query=extra_query,
                per_page=per_page,
                page=page,
            ),
            _users_list_starred_projects.ANSWERS,
            max_items=max_items,
            max_pages=max_pages,
            sudo=sudo,
            timeout=timeout,
        )

    async def reject(
        self,
        id: int,
        *,
        extra_headers: ExtraHeaders | None = None,
        extra_query: ExtraQuery | None = None,
        extra_body: ExtraBody | None = None,
        sudo: SudoArg = NOT_GIVEN,
        timeout: TimeoutArg = NOT_GIVEN,
    ) -> RejectResult:
        """Reject a user.

        Rejects (and deletes) a user who is pending approval. Needs a signed-in user; the reject
        service decides on permission (in practice administrators). Answers 200 `{"message":
        "Success"}`. Service failures use the service's HTTP status; the docs name 403 for a
        non-admin and 409 for a user that is not pending approval. Granular token permission:
        `reject_user`.

        Args:
            id: Numeric ID of the user (the route only matches digits).
            extra_headers: More headers for this call (not framing headers or credentials).
            extra_query: More query parameters for this call, for what the SDK does not model.
            extra_body: More body fields for this call (JSON values, or form values for an upload).
            sudo: Act as this user (ID or username) for this call; ``None`` disables the client's.
            timeout: Timeout for this call, overriding the client's.
        """
        from . import users_reject as _users_reject

        return await self._request(
            _users_reject.build_request(
                id,
                extra_headers=extra_headers,
                extra_query=extra_query,
                extra_body=extra_body,
            ),
            _users_reject.ANSWERS,
            sudo,
            timeout,
        )

    async def revoke_support_pin(
        self,
        id: int,
        *,
        extra_headers: ExtraHeaders | None = None,
        extra_query: ExtraQuery | None = None,
        extra_body: ExtraBody | None = None,
        sudo: SudoArg = NOT_GIVEN,
        timeout: TimeoutArg = NOT_GIVEN,
    ) -> None:
        """Revoke the Support PIN of a user.

        Revokes a user's Support PIN. Administrators only. Answers 202 with no body. 404 when
        the user does not exist or has no PIN (`404 Support PIN not found or expired Not
        Found`). Granular token permission: `revoke_user_support_pin`.

        Args:
            id: Numeric ID of the user (the route only matches digits).
            extra_headers: More headers for this call (not framing headers or credentials).
            extra_query: More query parameters for this call, for what the SDK does not model.
            extra_body: More body fields for this call (JSON values, or form values for an upload).
            sudo: Act as this user (ID or username) for this call; ``None`` disables the client's.
            timeout: Timeout for this call, overriding the client's.
        """
        from . import users_revoke_support_pin as _users_revoke_support_pin

        return await self._request(
            _users_revoke_support_pin.build_request(
                id,
                extra_headers=extra_headers,
                extra_query=extra_query,
                extra_body=extra_body,
            ),
            _users_revoke_support_pin.ANSWERS,
            sudo,
            timeout,
        )

    async def unban(
        self,
        id: int,
        *,
        extra_headers: ExtraHeaders | None = None,
        extra_query: ExtraQuery | None = None,
        extra_body: ExtraBody | None = None,
        sudo: SudoArg = NOT_GIVEN,
        timeout: TimeoutArg = NOT_GIVEN,
    ) -> bool:
        """Unban a user.

        Lifts a ban. Administrators only. Answers 201 with `true`. A service failure uses the
        service's HTTP status; the docs name 403 when the user is not banned. Granular token
        permission: `unban_user`.

        Args:
            id: Numeric ID of the user (the route only matches digits).
            extra_headers: More headers for this call (not framing headers or credentials).
            extra_query: More query parameters for this call, for what the SDK does not model.
            extra_body: More body fields for this call (JSON values, or form values for an upload).
            sudo: Act as this user (ID or username) for this call; ``None`` disables the client's.
            timeout: Timeout for this call, overriding the client's.
        """
        from . import users_unban as _users_unban

        return await self._request(
            _users_unban.build_request(
                id,
                extra_headers=extra_headers,
                extra_query=extra_query,
                extra_body=extra_body,
            ),
            _users_unban.ANSWERS,
            sudo,
            timeout,
        )

    async def unblock(
        self,
        id: int,
        *,
        extra_headers: ExtraHeaders | None = None,
        extra_query: ExtraQuery | None = None,
        extra_body: ExtraBody | None = None,
        sudo: SudoArg = NOT_GIVEN,
        timeout: TimeoutArg = NOT_GIVEN,
    ) -> bool:
        """Unblock a user.

        Unblocks a user. Administrators only. Answers 201 with `true`, or 201 with `false` when
        the unblock service did not succeed. 403 for LDAP-blocked users and for deactivated
        users ("Deactivated users cannot be unblocked by the API"). Granular token permission:
        `unblock_user`.

        Args:
            id: Numeric ID of the user (the route only matches digits).
            extra_headers: More headers for this call (not framing headers or credentials).
            extra_query: More query parameters for this call, for what the SDK does not model.
            extra_body: More body fields for this call (JSON values, or form values for an upload).
            sudo: Act as this user (ID or username) for this call; ``None`` disables the client's.
            timeout: Timeout for this call, overriding the client's.
        """
        from . import users_unblock as _users_unblock

        return await self._request(
            _users_unblock.build_request(
                id,
                extra_headers=extra_headers,
                extra_query=extra_query,
                extra_body=extra_body,
            ),
            _users_unblock.ANSWERS,
            sudo,
            timeout,
        )

    async def unfollow(
        self,
        id: int,
        *,
        extra_headers: ExtraHeaders | None = None,
        extra_query: ExtraQuery | None = None,
        extra_body: ExtraBody | None = None,
        sudo: SudoArg = NOT_GIVEN,
        timeout: TimeoutArg = NOT_GIVEN,
    ) -> UserBasic | None:
        """Unfollow a user.

        The authenticated user stops following the given user. Any signed-in user. Returns the
        unfollowed user, or 304 with no body when it was not followed. Granular token
        permission: `unfollow_user`.

        Args:
            id: Numeric ID of the user (the route only matches digits).
            extra_headers: More headers for this call (not framing headers or credentials).
            extra_query: More query parameters for this call, for what the SDK does not model.
            extra_body: More body fields for this call (JSON values, or form values for an upload).
            sudo: Act as this user (ID or username) for this call; ``None`` disables the client's.
            timeout: Timeout for this call, overriding the client's.
        """
        from . import users_unfollow as _users_unfollow

        return await self._request(
            _users_unfollow.build_request(
                id,
                extra_headers=extra_headers,
                extra_query=extra_query,
                extra_body=extra_body,
            ),
            _users_unfollow.ANSWERS,
            sudo,
            timeout,
        )

    async def update(
        self,
        id: int,
        *,
        email: str | NotGiven = NOT_GIVEN,
        password: str | NotGiven = NOT_GIVEN,
        skip_reconfirmation: bool | NotGiven = NOT_GIVEN,
        name: str | NotGiven = NOT_GIVEN,
        username: str | NotGiven = NOT_GIVEN,
        linkedin: str | NotGiven = NOT_GIVEN,
        twitter: str | NotGiven = NOT_GIVEN,
        discord: str | NotGiven = NOT_GIVEN,
        website_url: str | NotGiven = NOT_GIVEN,
        github: str | NotGiven = NOT_GIVEN,
        organization: str | NotGiven = NOT_GIVEN,
        projects_limit: int | NotGiven = NOT_GIVEN,
        extern_uid: str | NotGiven = NOT_GIVEN,
        provider: str | NotGiven = NOT_GIVEN,
        bio: str | NotGiven = NOT_GIVEN,
        location: str | NotGiven = NOT_GIVEN,
        pronouns: str | NotGiven = NOT_GIVEN,
        public_email: str | NotGiven = NOT_GIVEN,
        commit_email: str | NotGiven = NOT_GIVEN,
        admin: bool | NotGiven = NOT_GIVEN,
        can_create_group: bool | NotGiven = NOT_GIVEN,
        external: bool | NotGiven = NOT_GIVEN,
        theme_id: int | NotGiven = NOT_GIVEN,
        color_scheme_id: int | NotGiven = NOT_GIVEN,
        private_profile: bool | NotGiven = NOT_GIVEN,
        note: str | NotGiven = NOT_GIVEN,
        view_diffs_file_by_file: bool | NotGiven = NOT_GIVEN,
        policy_advanced_editor: bool | NotGiven = NOT_GIVEN,
        shared_runners_minutes_limit: int | NotGiven = NOT_GIVEN,
        extra_shared_runners_minutes_limit: int | NotGiven = NOT_GIVEN,
        group_id_for_saml: int | NotGiven = NOT_GIVEN,
        auditor: bool | NotGiven = NOT_GIVEN,
        avatar: File | FileContent | NotGiven = NOT_GIVEN,
        extra_headers: ExtraHeaders | None = None,
        extra_query: ExtraQuery | None = None,
        extra_body: ExtraBody | None = None,
        sudo: SudoArg = NOT_GIVEN,
        timeout: TimeoutArg = NOT_GIVEN,
    ) -> UserWithAdmin:
        """Update a user.

        Modifies a user. Administrators only. Every attribute is optional; `extern_uid` and
        `provider` go together. When an administrator sets another user's password, the password
        is marked expired so the user must change it at the next sign-in. `organization` is
        stored as the user's company. Send `multipart/form-data` to upload an avatar. A new
        `email` only becomes the primary email once the user confirms it (until then it is the
        user's pending unconfirmed email) unless `skip_reconfirmation` is true. Returns 409 when
        the new username, or an email that is another user's primary or confirmed secondary
        email, is taken; 400 for other validation failures (an unconfirmed secondary email of
        someone, a weak password, an unknown theme or color scheme). Granular token permission:
        `update_user`.

        Args:
            id: Numeric ID of the user (the route only matches digits).
            email: New primary email address.
            password: New password.
            skip_reconfirmation: Change the email without asking the user to confirm it.
            name: Display name.
            username: Username.
            linkedin: LinkedIn username.
            twitter: X (formerly Twitter) account.
            discord: Discord user ID.
            website_url: Website URL.
            github: GitHub username.
            organization: Organization name (stored as the user's company). An empty string (or null)
                clears it.
            projects_limit: Number of personal projects the user may create.
            extern_uid: External authentication provider UID. Send together with `provider`.
            provider: External authentication provider name. Send together with `extern_uid`.
            bio: Biography.
            location: Location.
            pronouns: Pronouns.
            public_email: Public email; must be an already verified email of the user.
            commit_email: Commit email; `_private` selects the private commit email.
            admin: Make the user an administrator. Server default false on creation.
            can_create_group: Whether the user may create top-level groups.
            external: Mark the user as external. Server default false on creation.
            theme_id: GitLab UI theme ID.
            color_scheme_id: Syntax highlighting color scheme ID.
            private_profile: Whether the profile is private.
            note: Administrator note about the user.
            view_diffs_file_by_file: Show only one file diff per page.
            policy_advanced_editor: Use the advanced editor for security policies.
            shared_runners_minutes_limit: EE (Premium and Ultimate) only. Monthly compute minutes for the user; 0
                means unlimited.
            extra_shared_runners_minutes_limit: EE (Premium and Ultimate) only. Additional compute minutes for the user.
            group_id_for_saml: EE only. ID of the group whose SAML provider the identity belongs to.
            auditor: EE (Premium and Ultimate) only. Make the user an auditor.
            avatar: Avatar image file.
            extra_headers: More headers for this call (not framing headers or credentials).
            extra_query: More query parameters for this call, for what the SDK does not model.
            extra_body: More body fields for this call (JSON values, or form values for an upload).
            sudo: Act as this user (ID or username) for this call; ``None`` disables the client's.
            timeout: Timeout for this call, overriding the client's.
        """
        from ...._contract.models import build_body
        from ...models.update_user_multipart_request import UpdateUserMultipartRequest
        from ...models.update_user_request import UpdateUserRequest
        from . import users_update as _users_update

        body: UpdateUserRequest | UpdateUserMultipartRequest
        if not isinstance(avatar, NotGiven):
            body = build_body(
                UpdateUserMultipartRequest,
                {
                    "email": email,
                    "password": password,
                    "skip_reconfirmation": skip_reconfirmation,
                    "name": name,
                    "username": username,
                    "linkedin": linkedin,
                    "twitter": twitter,
                    "discord": discord,
                    "website_url": website_url,
                    "github": github,
                    "organization": organization,
                    "projects_limit": projects_limit,
                    "extern_uid": extern_uid,
                    "provider": provider,
                    "bio": bio,
                    "location": location,
                    "pronouns": pronouns,
                    "public_email": public_email,
                    "commit_email": commit_email,
                    "admin": admin,
                    "can_create_group": can_create_group,
                    "external": external,
                    "theme_id": theme_id,
                    "color_scheme_id": color_scheme_id,
                    "private_profile": private_profile,
                    "note": note,
                    "view_diffs_file_by_file": view_diffs_file_by_file,
                    "policy_advanced_editor": policy_advanced_editor,
                    "shared_runners_minutes_limit": shared_runners_minutes_limit,
                    "extra_shared_runners_minutes_limit": extra_shared_runners_minutes_limit,
                    "group_id_for_saml": group_id_for_saml,
                    "auditor": auditor,
                    "avatar": as_file(avatar),
                },
            )
        else:
            body = build_body(
                UpdateUserRequest,
                {
                    "email": email,
                    "password": password,
                    "skip_reconfirmation": skip_reconfirmation,
                    "name": name,
                    "username": username,
                    "linkedin": linkedin,
                    "twitter": twitter,
                    "discord": discord,
                    "website_url": website_url,
                    "github": github,
                    "organization": organization,
                    "projects_limit": projects_limit,
                    "extern_uid": extern_uid,
                    "provider": provider,
                    "bio": bio,
                    "location": location,
                    "pronouns": pronouns,
                    "public_email": public_email,
                    "commit_email": commit_email,
                    "admin": admin,
                    "can_create_group": can_create_group,
                    "external": external,
                    "theme_id": theme_id,
                    "color_scheme_id": color_scheme_id,
                    "private_profile": private_profile,
                    "note": note,
                    "view_diffs_file_by_file": view_diffs_file_by_file,
                    "policy_advanced_editor": policy_advanced_editor,
                    "shared_runners_minutes_limit": shared_runners_minutes_limit,
                    "extra_shared_runners_minutes_limit": extra_shared_runners_minutes_limit,
                    "group_id_for_saml": group_id_for_saml,
                    "auditor": auditor,
                },
            )
        return await self._request(
            _users_update.build_request(
                id,
                body=body,
                extra_headers=extra_headers,
                extra_query=extra_query,
                extra_body=extra_body,
            ),
            _users_update.ANSWERS,
            sudo,
            timeout,
        )

    async def update_credit_card_validation(
        self,
        user_id: int,
        *,
        credit_card_validated_at: datetime.datetime | datetime.date | str,
        credit_card_expiration_month: int,
        credit_card_expiration_year: int,
        credit_card_holder_name: str,
        credit_card_mask_number: str,
        credit_card_type: str,
        zuora_payment_method_xid: str | NotGiven = NOT_GIVEN,
        stripe_setup_intent_xid: str | NotGiven = NOT_GIVEN,
        stripe_payment_method_xid: str | NotGiven = NOT_GIVEN,
        stripe_card_fingerprint: str | NotGiven = NOT_GIVEN,
        extra_headers: ExtraHeaders | None = None,
        extra_query: ExtraQuery | None = None,
        extra_body: ExtraBody | None = None,
        sudo: SudoArg = NOT_GIVEN,
        timeout: TimeoutArg = NOT_GIVEN,
    ) -> UserCreditCardValidations:
        """Update the credit card validation of a user.

        Deprecated since GitLab 17.7: an internal billing hook. Note the singular `/user/`
        prefix. Administrators only (403 otherwise). Records that a user's credit card was
        validated. When the validation is rate limited GitLab answers 400 with the message.
        Granular token permission: `update_credit_card_validation`.

        Args:
            user_id: Numeric ID of the user.
            credit_card_validated_at: When the card was validated.
            credit_card_expiration_month: Expiry month of the card.
            credit_card_expiration_year: Expiry year of the card.
            credit_card_holder_name: Card holder name.
            credit_card_mask_number: Last digits of the card number.
            credit_card_type: Card type, for example `visa`.
            zuora_payment_method_xid: Zuora payment method ID.
            stripe_setup_intent_xid: Stripe setup intent ID.
            stripe_payment_method_xid: Stripe payment method ID.
            stripe_card_fingerprint: Stripe card fingerprint.
            extra_headers: More headers for this call (not framing headers or credentials).
            extra_query: More query parameters for this call, for what the SDK does not model.
            extra_body: More body fields for this call (JSON values, or form values for an upload).
            sudo: Act as this user (ID or username) for this call; ``None`` disables the client's.
            timeout: Timeout for this call, overriding the client's.
        """
        from ...._contract.models import build_body
        from ...models.update_credit_card_validation_request import (
            UpdateCreditCardValidationRequest,
        )
        from . import users_update_credit_card_validation as _users_update_credit_card_validation

        body = build_body(
            UpdateCreditCardValidationRequest,
            {
                "credit_card_validated_at": credit_card_validated_at,
                "credit_card_expiration_month": credit_card_expiration_month,
                "credit_card_expiration_year": credit_card_expiration_year,
                "credit_card_holder_name": credit_card_holder_name,
                "credit_card_mask_number": credit_card_mask_number,
                "credit_card_type": credit_card_type,
                "zuora_payment_method_xid": zuora_payment_method_xid,
                "stripe_setup_intent_xid": stripe_setup_intent_xid,
                "stripe_payment_method_xid": stripe_payment_method_xid,
                "stripe_card_fingerprint": stripe_card_fingerprint,
            },
        )
        return await self._request(
            _users_update_credit_card_validation.build_request(
                user_id,
                body=body,
                extra_headers=extra_headers,
                extra_query=extra_query,
                extra_body=extra_body,
            ),
            _users_update_credit_card_validation.ANSWERS,
            sudo,
            timeout,
        )


class UsersResourceWithRawResponse(RawResponseView[UsersResource]):
    """``UsersResource``'s operations, returning :class:`Response` objects (status,
    headers, parsed body); list operations return their first page."""

    @cached_property
    def custom_attributes(self) -> UsersCustomAttributesResourceWithRawResponse:
        """Sub-resource ``custom_attributes``."""
        return self._resource.custom_attributes.with_raw_response

    @cached_property
    def emails(self) -> UsersEmailsResourceWithRawResponse:
        """Sub-resource ``emails``."""
        return self._resource.emails.with_raw_response

    @cached_property
    def gpg_keys(self) -> UsersGpgKeysResourceWithRawResponse:
        """Sub-resource ``gpg_keys``."""
        return self._resource.gpg_keys.with_raw_response

    @cached_property
    def impersonation_tokens(self) -> UsersImpersonationTokensResourceWithRawResponse:
        """Sub-resource ``impersonation_tokens``."""
        return self._resource.impersonation_tokens.with_raw_response

    @cached_property
    def keys(self) -> UsersKeysResourceWithRawResponse:
        """Sub-resource ``keys``."""
        return self._resource.keys.with_raw_response

    @cached_property
    def personal_access_tokens(self) -> UsersPersonalAccessTokensResourceWithRawResponse:
        """Sub-resource ``personal_access_tokens``."""
        return self._resource.personal_access_tokens.with_raw_response

    activate = raw_response(UsersResource.activate)
    approve = raw_response(UsersResource.approve)
    ban = raw_response(UsersResource.ban)
    block = raw_response(UsersResource.block)
    create = raw_response(UsersResource.create)
    deactivate = raw_response(UsersResource.deactivate)
    delete = raw_response(UsersResource.delete)
    delete_identity = raw_response(UsersResource.delete_identity)
    disable_two_factor = raw_response(UsersResource.disable_two_factor)
    follow = raw_response(UsersResource.follow)
    get = raw_response(UsersResource.get)
    get_associations_count = raw_response(UsersResource.get_associations_count)
    get_status = raw_response(UsersResource.get_status)
    get_support_pin = raw_response(UsersResource.get_support_pin)
    list = raw_page(UsersResource.list)
    list_contributed_projects = raw_page(UsersResource.list_contributed_projects)
    list_events = raw_page(UsersResource.list_events)
    list_followers = raw_page(UsersResource.list_followers)
    list_following = raw_page(UsersResource.list_following)
    list_memberships = raw_page(UsersResource.list_memberships)
    list_project_deploy_keys = raw_page(UsersResource.list_project_deploy_keys)
    list_projects = raw_page(UsersResource.list_projects)
    list_starred_projects = raw_page(UsersResource.list_starred_projects)
    reject = raw_response(UsersResource.reject)
    revoke_support_pin = raw_response(UsersResource.revoke_support_pin)
    unban = raw_response(UsersResource.unban)
    unblock = raw_response(UsersResource.unblock)
    unfollow = raw_response(UsersResource.unfollow)
    update = raw_response(UsersResource.update)
    update_credit_card_validation = raw_response(UsersResource.update_credit_card_validation)
