"""What every command reads and writes: settings, input files (or stdin), output paths, the
knowledge index, the history."""

from __future__ import annotations

import os
import sys
import unicodedata
from pathlib import Path
from typing import Any

from poa.core.errors import UserError

STDIN = "-"
BOM_BYTES = 3  # a UTF-8 byte order mark, dropped when present
CONTROL_SHARE = 0.1  # text with more control characters than this is binary data


def load_cli_settings() -> Any:
    """Settings from the environment and .env; a bad value is a UserError naming it."""
    from poa.core.config import load_settings

    return load_settings()


def shown(path: str | Path) -> str:
    """A path as it goes into a one-line message (quoted when it holds a newline or the like)."""
    text = str(path)
    return text if text.isprintable() else repr(text)


def read_input(path: str, what: str, limit: int) -> str:
    """Text from a file or from stdin ('-'), refused in one sentence when it is unreadable, not
    UTF-8, binary, empty or longer than `limit` characters. A UTF-8 byte order mark is dropped."""
    where = f"The {what} on standard input" if path == STDIN else f"The {what} file {shown(path)}"
    most = 4 * limit + BOM_BYTES  # UTF-8 takes at most 4 bytes a character
    raw = _read_raw(path, what, where, most + 1)
    if len(raw) > most:
        raise UserError(
            f"{where} is longer than {limit:,} characters, the limit (POA_INPUT_LIMIT)."
        )
    text = _decoded(raw, where)
    if _is_binary(text):
        raise UserError(f"{where} is not text (it holds binary data).")
    if not text.strip():
        raise UserError(f"The {what} is empty.")
    if len(text) > limit:
        raise UserError(
            f"The {what} has {len(text):,} characters; the limit is {limit:,} (POA_INPUT_LIMIT)."
        )
    return text


def _read_raw(path: str, what: str, where: str, size: int) -> bytes | str:
    """At most `size` bytes of the file, or of stdin (its characters when it has no byte buffer)."""
    if path != STDIN:
        try:
            with open(path, "rb") as handle:
                return handle.read(size)
        except OSError as error:
            raise UserError(
                f"Cannot read the {what} file {shown(path)}: {error.strerror or error}."
            ) from None
    if sys.stdin is None:
        raise UserError(f"There is no standard input to read the {what} from.")
    buffer = getattr(sys.stdin, "buffer", None)
    try:
        return buffer.read(size) if buffer is not None else sys.stdin.read(size)
    except UnicodeDecodeError:  # a text stream that could not decode its bytes
        raise UserError(f"{where} is not UTF-8 text.") from None
    except OSError as error:
        raise UserError(
            f"Cannot read the {what} from standard input: {error.strerror or error}."
        ) from None


def _decoded(raw: bytes | str, where: str) -> str:
    """Strict UTF-8 (a text stream's characters must encode back to it)."""
    try:
        text = raw.decode("utf-8-sig") if isinstance(raw, bytes) else raw.encode("utf-8").decode()
    except UnicodeError:
        raise UserError(f"{where} is not UTF-8 text.") from None
    return text.removeprefix("\ufeff")


def _is_binary(text: str) -> bool:
    """NUL bytes, or control characters (but tabs and line breaks) in more than one in ten."""
    if "\x00" in text:
        return True
    controls = sum(1 for ch in text if ch not in "\t\n\r\f\v" and unicodedata.category(ch) == "Cc")
    return controls > CONTROL_SHARE * len(text)


def one_stdin(*paths: str | None) -> None:
    """Standard input can be read once: refuse two inputs that both say '-'."""
    if sum(path == STDIN for path in paths) > 1:
        raise UserError(
            "Only one input can come from standard input (-); pass the others as files."
        )


def check_writable(path: str, option: str) -> None:
    """Refuse an output file that cannot be written, before any work is done."""
    target = Path(path)
    if target.is_dir():
        raise UserError(f"{option} {shown(path)} is a folder; give a file name.")
    folder = target.parent
    if not folder.is_dir():
        raise UserError(
            f"Cannot write {option} {shown(path)}: the folder {shown(folder)} does not exist."
        )
    if not os.access(target if target.exists() else folder, os.W_OK):
        raise UserError(f"Cannot write {option} {shown(path)}: permission denied.")


def check_folder(path: Path, option: str) -> None:
    """Refuse an output folder that cannot be made or written, before any work is done."""
    existing = path
    while not existing.exists() and existing != existing.parent:
        existing = existing.parent
    if not existing.is_dir():
        raise UserError(f"Cannot write {option} {shown(path)}: {shown(existing)} is not a folder.")
    if not os.access(existing, os.W_OK):
        raise UserError(f"Cannot write {option} {shown(path)}: permission denied.")


def write_output(path: str, text: str, option: str, done: str = "") -> None:
    """Write `text`; a failure says what was already done (e.g. 'saved as appeal 7')."""
    try:
        with open(path, "w", encoding="utf-8") as handle:
            handle.write(text)
    except OSError as error:
        but = f"{done}, but could not" if done else "Could not"
        raise UserError(f"{but} write {option} {shown(path)}: {error.strerror or error}.") from None


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
