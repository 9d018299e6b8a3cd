"""Errors named for the failure; every one derives from NewsfactsError."""


class NewsfactsError(Exception):
    """Base of every error newsfacts raises on purpose."""


class ConfigError(NewsfactsError):
    """The configuration is missing, malformed or names something unknown."""


class UsageError(NewsfactsError):
    """The command line asks for something that cannot be done."""


class InputError(NewsfactsError):
    """One input (file, URL, feed item) could not be turned into an article."""

    def __init__(self, source: str, reason: str) -> None:
        super().__init__(f"{source}: {reason}")
        self.source = source
        self.reason = reason


class EmptyArticle(InputError):
    """The input holds no readable text."""


class BinaryInput(InputError):
    """The input is not text (a binary file, an image, an archive)."""


class FetchError(InputError):
    """A URL could not be fetched (HTTP error, timeout, refused host, too large)."""
