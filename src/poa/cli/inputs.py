"""What every command reads: settings, input files (or stdin), the knowledge index, the history."""

from __future__ import annotations

import sys
from typing import Any

from poa.core.errors import UserError


def load_cli_settings() -> Any:
    """Settings from the environment and .env; a bad value is a UserError naming it."""
    from poa.core.config import load_settings

    return load_settings()


def read_input(path: str, what: str, limit: int) -> str:
    """Text from a file or from stdin ('-'); a clear error when it is missing, empty or too long."""
    try:
        text = sys.stdin.read() if path == "-" else open(path, encoding="utf-8").read()  # noqa: SIM115
    except OSError as error:
        raise UserError(f"Cannot read the {what} file {path}: {error.strerror}.") from None
    except UnicodeDecodeError:
        raise UserError(f"The {what} file {path} is not UTF-8 text.") from None
    if not text.strip():
        raise UserError(f"The {what} is empty.")
    if len(text) > limit:
        raise UserError(
            f"The {what} has {len(text):,} characters; the limit is {limit:,} (POA_INPUT_LIMIT)."
        )
    return text


def open_store(settings: Any) -> Any:
    """The knowledge index, or None when it has not been built (rules still work without it)."""
    from poa.kb.store import KnowledgeStore

    store = KnowledgeStore(settings)
    if store.count() == 0:
        print(
            "poa: the knowledge index is empty; run `poa ingest` for better results",
            file=sys.stderr,
        )
        return None
    return store


def open_history(settings: Any) -> Any:
    """The saved appeals and versions (SQLite under the data dir)."""
    from poa.storage.history import History

    return History(settings.db_path)
