"""Not used: openapi-python-client always writes this module. The runtime the generated
code imports is hand-written: ``gitlab_users_client._runtime``, ``_encoding``, ``_request``."""
