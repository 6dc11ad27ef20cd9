"""The contract between the generated code and the hand-written SDK.

Everything ``_generated/`` imports from the SDK lives in this folder, and nothing else
(``tests/contract/test_seam.py`` checks it): the resource base class and its raw views
(``resource``), the request an operation builds (``request``), the types of its answers
(``response``), the argument encoders (``encoding``), per-call extras (``extras``), date
handling (``dates``), the pydantic model base, parsing and request bodies (``models``) and
the small public types (``types``). This ``__init__`` imports nothing, so that importing
one of them does not import the others.

Generated code hands the client data, never a function to call back: an ``ApiRequest``
and the operation's ``ResponseTypes``; the client parses the body itself.
"""
