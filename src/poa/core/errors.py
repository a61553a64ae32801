"""Errors the user can cause and fix. The CLI prints their message (one line) and exits 2."""


class UserError(ValueError):
    """Bad input, a bad setting or a bad knowledge file; the message says what and where."""
