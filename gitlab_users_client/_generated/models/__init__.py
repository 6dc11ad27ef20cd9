"""Every generated model and enum, imported lazily on first attribute access (generated; do not edit).

Building ~60 pydantic models costs tens of milliseconds; an application that uses
three of them should not pay for all of them at import time.
"""

from __future__ import annotations

import importlib
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from .application import Application
    from .application_with_secret import ApplicationWithSecret
    from .approve_result import ApproveResult
    from .avatar import Avatar
    from .basic_project_details import BasicProjectDetails
    from .clear_status_after import ClearStatusAfter
    from .create_application_request import CreateApplicationRequest
    from .create_email_request import CreateEmailRequest
    from .create_gpg_key_request import CreateGpgKeyRequest
    from .create_impersonation_token_request import CreateImpersonationTokenRequest
    from .create_own_email_request import CreateOwnEmailRequest
    from .create_own_personal_access_token_request import CreateOwnPersonalAccessTokenRequest
    from .create_personal_access_token_request import CreatePersonalAccessTokenRequest
    from .create_runner_request import CreateRunnerRequest
    from .create_ssh_key_request import CreateSshKeyRequest
    from .create_user_multipart_request import CreateUserMultipartRequest
    from .create_user_request import CreateUserRequest
    from .custom_attribute import CustomAttribute
    from .custom_attributes_filter import CustomAttributesFilter
    from .deploy_key import DeployKey
    from .email import Email
    from .error_message import ErrorMessage
    from .event import Event
    from .event_note import EventNote
    from .event_push_data import EventPushData
    from .event_target_type import EventTargetType
    from .event_wiki_page import EventWikiPage
    from .gpg_key import GpgKey
    from .granular_scope_input import GranularScopeInput
    from .grape_error import GrapeError
    from .group_association_details import GroupAssociationDetails
    from .identity import Identity
    from .impersonation_token import ImpersonationToken
    from .impersonation_token_state import ImpersonationTokenState
    from .impersonation_token_with_token import ImpersonationTokenWithToken
    from .keyset_pagination import KeysetPagination
    from .membership import Membership
    from .membership_type import MembershipType
    from .nested_error_message import NestedErrorMessage
    from .nested_error_message_body import NestedErrorMessageBody
    from .o_auth_error import OAuthError
    from .own_personal_access_token_scope import OwnPersonalAccessTokenScope
    from .personal_access_token import PersonalAccessToken
    from .personal_access_token_associations import PersonalAccessTokenAssociations
    from .personal_access_token_granular_scope import PersonalAccessTokenGranularScope
    from .personal_access_token_sort import PersonalAccessTokenSort
    from .personal_access_token_state import PersonalAccessTokenState
    from .personal_access_token_with_token import PersonalAccessTokenWithToken
    from .project_association_access_levels import ProjectAssociationAccessLevels
    from .project_association_details import ProjectAssociationDetails
    from .project_identity import ProjectIdentity
    from .project_member_access import ProjectMemberAccess
    from .project_namespace import ProjectNamespace
    from .project_order_by import ProjectOrderBy
    from .project_permissions import ProjectPermissions
    from .project_visibility import ProjectVisibility
    from .project_with_access import ProjectWithAccess
    from .reject_result import RejectResult
    from .rotate_personal_access_token_request import RotatePersonalAccessTokenRequest
    from .runner_access_level import RunnerAccessLevel
    from .runner_registration_details import RunnerRegistrationDetails
    from .runner_type import RunnerType
    from .scim_identity import ScimIdentity
    from .set_custom_attribute_request import SetCustomAttributeRequest
    from .set_user_status_request import SetUserStatusRequest
    from .sort_direction import SortDirection
    from .ssh_key import SshKey
    from .ssh_key_usage_type import SshKeyUsageType
    from .two_factor_filter import TwoFactorFilter
    from .update_application_request import UpdateApplicationRequest
    from .update_credit_card_validation_request import UpdateCreditCardValidationRequest
    from .update_user_multipart_request import UpdateUserMultipartRequest
    from .update_user_preferences_request import UpdateUserPreferencesRequest
    from .update_user_request import UpdateUserRequest
    from .upload_avatar_request import UploadAvatarRequest
    from .user import User
    from .user_activity import UserActivity
    from .user_associations_count import UserAssociationsCount
    from .user_availability import UserAvailability
    from .user_basic import UserBasic
    from .user_counts import UserCounts
    from .user_credit_card_validations import UserCreditCardValidations
    from .user_details_with_admin import UserDetailsWithAdmin
    from .user_order_by import UserOrderBy
    from .user_preferences import UserPreferences
    from .user_profile import UserProfile
    from .user_public import UserPublic
    from .user_safe import UserSafe
    from .user_state import UserState
    from .user_status import UserStatus
    from .user_support_pin import UserSupportPin
    from .user_with_admin import UserWithAdmin
    from .validation_error_message import ValidationErrorMessage
    from .validation_errors import ValidationErrors

_MODULES: dict[str, str] = {
    "Application": "application",
    "ApplicationWithSecret": "application_with_secret",
    "ApproveResult": "approve_result",
    "Avatar": "avatar",
    "BasicProjectDetails": "basic_project_details",
    "ClearStatusAfter": "clear_status_after",
    "CreateApplicationRequest": "create_application_request",
    "CreateEmailRequest": "create_email_request",
    "CreateGpgKeyRequest": "create_gpg_key_request",
    "CreateImpersonationTokenRequest": "create_impersonation_token_request",
    "CreateOwnEmailRequest": "create_own_email_request",
    "CreateOwnPersonalAccessTokenRequest": "create_own_personal_access_token_request",
    "CreatePersonalAccessTokenRequest": "create_personal_access_token_request",
    "CreateRunnerRequest": "create_runner_request",
    "CreateSshKeyRequest": "create_ssh_key_request",
    "CreateUserMultipartRequest": "create_user_multipart_request",
    "CreateUserRequest": "create_user_request",
    "CustomAttribute": "custom_attribute",
    "CustomAttributesFilter": "custom_attributes_filter",
    "DeployKey": "deploy_key",
    "Email": "email",
    "ErrorMessage": "error_message",
    "Event": "event",
    "EventNote": "event_note",
    "EventPushData": "event_push_data",
    "EventTargetType": "event_target_type",
    "EventWikiPage": "event_wiki_page",
    "GpgKey": "gpg_key",
    "GranularScopeInput": "granular_scope_input",
    "GrapeError": "grape_error",
    "GroupAssociationDetails": "group_association_details",
    "Identity": "identity",
    "ImpersonationToken": "impersonation_token",
    "ImpersonationTokenState": "impersonation_token_state",
    "ImpersonationTokenWithToken": "impersonation_token_with_token",
    "KeysetPagination": "keyset_pagination",
    "Membership": "membership",
    "MembershipType": "membership_type",
    "NestedErrorMessage": "nested_error_message",
    "NestedErrorMessageBody": "nested_error_message_body",
    "OAuthError": "o_auth_error",
    "OwnPersonalAccessTokenScope": "own_personal_access_token_scope",
    "PersonalAccessToken": "personal_access_token",
    "PersonalAccessTokenAssociations": "personal_access_token_associations",
    "PersonalAccessTokenGranularScope": "personal_access_token_granular_scope",
    "PersonalAccessTokenSort": "personal_access_token_sort",
    "PersonalAccessTokenState": "personal_access_token_state",
    "PersonalAccessTokenWithToken": "personal_access_token_with_token",
    "ProjectAssociationAccessLevels": "project_association_access_levels",
    "ProjectAssociationDetails": "project_association_details",
    "ProjectIdentity": "project_identity",
    "ProjectMemberAccess": "project_member_access",
    "ProjectNamespace": "project_namespace",
    "ProjectOrderBy": "project_order_by",
    "ProjectPermissions": "project_permissions",
    "ProjectVisibility": "project_visibility",
    "ProjectWithAccess": "project_with_access",
    "RejectResult": "reject_result",
    "RotatePersonalAccessTokenRequest": "rotate_personal_access_token_request",
    "RunnerAccessLevel": "runner_access_level",
    "RunnerRegistrationDetails": "runner_registration_details",
    "RunnerType": "runner_type",
    "ScimIdentity": "scim_identity",
    "SetCustomAttributeRequest": "set_custom_attribute_request",
    "SetUserStatusRequest": "set_user_status_request",
    "SortDirection": "sort_direction",
    "SshKey": "ssh_key",
    "SshKeyUsageType": "ssh_key_usage_type",
    "TwoFactorFilter": "two_factor_filter",
    "UpdateApplicationRequest": "update_application_request",
    "UpdateCreditCardValidationRequest": "update_credit_card_validation_request",
    "UpdateUserMultipartRequest": "update_user_multipart_request",
    "UpdateUserPreferencesRequest": "update_user_preferences_request",
    "UpdateUserRequest": "update_user_request",
    "UploadAvatarRequest": "upload_avatar_request",
    "User": "user",
    "UserActivity": "user_activity",
    "UserAssociationsCount": "user_associations_count",
    "UserAvailability": "user_availability",
    "UserBasic": "user_basic",
    "UserCounts": "user_counts",
    "UserCreditCardValidations": "user_credit_card_validations",
    "UserDetailsWithAdmin": "user_details_with_admin",
    "UserOrderBy": "user_order_by",
    "UserPreferences": "user_preferences",
    "UserProfile": "user_profile",
    "UserPublic": "user_public",
    "UserSafe": "user_safe",
    "UserState": "user_state",
    "UserStatus": "user_status",
    "UserSupportPin": "user_support_pin",
    "UserWithAdmin": "user_with_admin",
    "ValidationErrorMessage": "validation_error_message",
    "ValidationErrors": "validation_errors",
}

__all__ = (
    "Application",
    "ApplicationWithSecret",
    "ApproveResult",
    "Avatar",
    "BasicProjectDetails",
    "ClearStatusAfter",
    "CreateApplicationRequest",
    "CreateEmailRequest",
    "CreateGpgKeyRequest",
    "CreateImpersonationTokenRequest",
    "CreateOwnEmailRequest",
    "CreateOwnPersonalAccessTokenRequest",
    "CreatePersonalAccessTokenRequest",
    "CreateRunnerRequest",
    "CreateSshKeyRequest",
    "CreateUserMultipartRequest",
    "CreateUserRequest",
    "CustomAttribute",
    "CustomAttributesFilter",
    "DeployKey",
    "Email",
    "ErrorMessage",
    "Event",
    "EventNote",
    "EventPushData",
    "EventTargetType",
    "EventWikiPage",
    "GpgKey",
    "GranularScopeInput",
    "GrapeError",
    "GroupAssociationDetails",
    "Identity",
    "ImpersonationToken",
    "ImpersonationTokenState",
    "ImpersonationTokenWithToken",
    "KeysetPagination",
    "Membership",
    "MembershipType",
    "NestedErrorMessage",
    "NestedErrorMessageBody",
    "OAuthError",
    "OwnPersonalAccessTokenScope",
    "PersonalAccessToken",
    "PersonalAccessTokenAssociations",
    "PersonalAccessTokenGranularScope",
    "PersonalAccessTokenSort",
    "PersonalAccessTokenState",
    "PersonalAccessTokenWithToken",
    "ProjectAssociationAccessLevels",
    "ProjectAssociationDetails",
    "ProjectIdentity",
    "ProjectMemberAccess",
    "ProjectNamespace",
    "ProjectOrderBy",
    "ProjectPermissions",
    "ProjectVisibility",
    "ProjectWithAccess",
    "RejectResult",
    "RotatePersonalAccessTokenRequest",
    "RunnerAccessLevel",
    "RunnerRegistrationDetails",
    "RunnerType",
    "ScimIdentity",
    "SetCustomAttributeRequest",
    "SetUserStatusRequest",
    "SortDirection",
    "SshKey",
    "SshKeyUsageType",
    "TwoFactorFilter",
    "UpdateApplicationRequest",
    "UpdateCreditCardValidationRequest",
    "UpdateUserMultipartRequest",
    "UpdateUserPreferencesRequest",
    "UpdateUserRequest",
    "UploadAvatarRequest",
    "User",
    "UserActivity",
    "UserAssociationsCount",
    "UserAvailability",
    "UserBasic",
    "UserCounts",
    "UserCreditCardValidations",
    "UserDetailsWithAdmin",
    "UserOrderBy",
    "UserPreferences",
    "UserProfile",
    "UserPublic",
    "UserSafe",
    "UserState",
    "UserStatus",
    "UserSupportPin",
    "UserWithAdmin",
    "ValidationErrorMessage",
    "ValidationErrors",
)


def __getattr__(name: str) -> Any:
    module_name = _MODULES.get(name)
    if module_name is None:
        raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
    value = getattr(importlib.import_module(f".{module_name}", __name__), name)
    globals()[name] = value
    return value


def __dir__() -> list[str]:
    return list(__all__)
