"""Walking list operations: offset and keyset pages (``pagination``) and the RFC 8288
``Link`` header with the guard against pagination loops (``links``).

This ``__init__`` imports nothing, so that importing one module does not import the other.
"""
