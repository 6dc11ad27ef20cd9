"""The root of the SDK's exceptions, and those the generated layer raises itself
(generated; do not edit)."""


class GitLabError(Exception):
    """Base class of every exception this SDK raises."""


class InvalidRequestError(GitLabError, ValueError):
    """The arguments cannot make a valid request; raised before anything is sent."""


class UnexpectedStatusError(ValueError):
    """The server answered with a status this operation does not document."""

    def __init__(self, status_code: int) -> None:
        super().__init__(f"undocumented status {status_code}")
        self.status_code = status_code
