"""Errors that end a command with one line saying why, never a traceback."""


class CommandError(Exception):
    """The command cannot do what was asked; the message says why, and nothing was written."""
