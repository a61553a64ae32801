"""The data folder: made when missing, and one clear line when it cannot be used.

Everything the product writes (the knowledge index, the history database, locks) lives under
POA_DATA_DIR; a folder that is a file, read-only or not permitted is named with the problem
instead of a traceback from SQLite or Chroma.
"""

from __future__ import annotations

import errno
import os
from pathlib import Path

from poa.core.errors import UserError

SETTING = "POA_DATA_DIR"


def usable_dir(path: Path, what: str = "data folder") -> Path:
    """`path` as an existing, writable folder (created when missing), else a UserError."""
    where = f"{SETTING}={path}" if what == "data folder" else str(path)
    for parent in [path, *path.parents]:
        if parent.exists() and not parent.is_dir():
            raise UserError(f"The {what} {where} cannot be used: {parent} is a file, not a folder.")
        if parent.exists():
            break
    try:
        path.mkdir(parents=True, exist_ok=True)
    except OSError as error:
        raise UserError(f"The {what} {where} cannot be created: {_reason(error)}.") from None
    if not os.access(path, os.W_OK | os.X_OK):
        raise UserError(f"The {what} {where} is not writable (read-only or no permission).")
    return path


def _reason(error: OSError) -> str:
    if error.errno == errno.EROFS:
        return "the file system is read-only"
    if error.errno in (errno.EACCES, errno.EPERM):
        return "permission denied"
    return error.strerror or str(error)


def file_problem(error: OSError, path: Path) -> UserError:
    """One line for a file under the data folder that could not be opened or written."""
    return UserError(f"Cannot use {path} ({SETTING}={path.parent}): {_reason(error)}.")
