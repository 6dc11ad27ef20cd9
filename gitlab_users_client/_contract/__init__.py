"""The contract between the generated code and the hand-written SDK.

Everything ``_generated/`` imports from the SDK lives in this folder: the resource base class and its raw views
(``resource``), the request an operation builds (``request``), the argument encoders
(``encoding``), per-call extras (``extras``), date handling (``dates``), the pydantic
model base, parsing and request bodies (``models``) and the small public types
(``types``). This ``__init__`` imports nothing, so that importing one of them does not
import the others.
"""
