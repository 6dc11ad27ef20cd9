"""Not used: openapi-python-client always writes this module. What the generated code
imports from the SDK is hand-written, in ``gitlab_users_client._contract``."""
