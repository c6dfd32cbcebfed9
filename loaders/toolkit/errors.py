"""Errors a source file can raise while it is read; each carries a reason a user can act on."""


class SourceError(Exception):
    """A file could not be read as a document: empty, binary, truncated, encrypted, unknown encoding…

    The message is the reason, written for the person who gave us the file.
    """
