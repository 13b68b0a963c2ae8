"""The errors a build reports as one line: what went wrong and where, never a traceback."""


class SourceError(Exception):
    """A source that cannot be read; the message names the file and the problem."""


class BuildError(Exception):
    """A build that cannot start or finish; the message says why."""
