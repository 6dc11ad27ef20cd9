"""Code generated from ``openapi/gitlab-users.yaml`` by openapi-python-client with the
templates in ``openapi/templates``. Never edit it by hand: change the document or a
template and run ``make generate``.
"""
