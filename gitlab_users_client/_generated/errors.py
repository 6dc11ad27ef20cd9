"""Exceptions raised by the generated layer itself (generated; do not edit)."""


class InvalidRequestError(ValueError):
    """The arguments cannot make a valid request; raised before anything is sent."""


class UnexpectedStatusError(ValueError):
    """The server answered with a status this operation does not document."""

    def __init__(self, status_code: int) -> None:
        super().__init__(f"undocumented status {status_code}")
        self.status_code = status_code
