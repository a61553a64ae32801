"""Appeals, their versions (v1, v2, …) and chat messages, kept in SQLite under the data dir.

Each version records the letter, the structured appeal, the scorecard and what led to it (the
notice, or the rejection that asked for a revision). Every write is its own transaction, so a
crash loses nothing already saved; each call opens its own connection (safe from any thread).
"""

from __future__ import annotations

import json
import sqlite3
from collections.abc import Iterator
from contextlib import closing, contextmanager
from dataclasses import dataclass
from datetime import UTC, date, datetime
from pathlib import Path
from typing import Any

from poa.core.errors import UserError
from poa.core.paths import file_problem, usable_dir

SCHEMA = """
CREATE TABLE IF NOT EXISTS appeals (
    id INTEGER PRIMARY KEY,
    title TEXT NOT NULL,
    violation_type TEXT NOT NULL DEFAULT 'other',
    created TEXT NOT NULL,
    updated TEXT NOT NULL,
    state TEXT NOT NULL DEFAULT '{}'
);
CREATE TABLE IF NOT EXISTS versions (
    id INTEGER PRIMARY KEY,
    appeal_id INTEGER NOT NULL REFERENCES appeals(id) ON DELETE CASCADE,
    number INTEGER NOT NULL,
    letter TEXT NOT NULL,
    appeal_json TEXT,
    trigger_kind TEXT NOT NULL,
    trigger_text TEXT NOT NULL DEFAULT '',
    source TEXT NOT NULL,
    scorecard_json TEXT,
    note TEXT NOT NULL DEFAULT '',
    created TEXT NOT NULL,
    UNIQUE (appeal_id, number)
);
CREATE TABLE IF NOT EXISTS submissions (
    id INTEGER PRIMARY KEY,
    appeal_id INTEGER NOT NULL REFERENCES appeals(id) ON DELETE CASCADE,
    kind TEXT NOT NULL,
    version INTEGER,
    on_day TEXT NOT NULL,
    text TEXT NOT NULL DEFAULT '',
    created TEXT NOT NULL
);
CREATE TABLE IF NOT EXISTS messages (
    id INTEGER PRIMARY KEY,
    appeal_id INTEGER NOT NULL REFERENCES appeals(id) ON DELETE CASCADE,
    role TEXT NOT NULL,
    content TEXT NOT NULL,
    created TEXT NOT NULL
);
"""


def _now() -> str:
    return datetime.now(UTC).isoformat(timespec="seconds")


@dataclass(frozen=True)
class AppealRecord:
    id: int
    title: str
    violation_type: str
    created: str
    updated: str
    versions: int


@dataclass(frozen=True)
class Version:
    appeal_id: int
    number: int
    letter: str
    appeal: dict[str, Any] | None
    trigger_kind: str  # notice | rejection | edit | imported
    trigger_text: str
    source: str  # offline | openai | seller | revision-offline | revision-openai
    scorecard: dict[str, Any] | None
    note: str
    created: str

    def to_json(self) -> dict[str, Any]:
        return self.__dict__.copy()


@dataclass(frozen=True)
class Submission:
    """An appeal the seller marked as sent, or a rejection that came back, with its day."""

    kind: str  # sent | rejected
    on: date
    version: int | None = None  # the version sent (for a rejection: the one it answered)
    text: str = ""  # a rejection's text

    def to_json(self) -> dict[str, Any]:
        return {"kind": self.kind, "on": self.on.isoformat(), "version": self.version}


class History:
    def __init__(self, path: Path) -> None:
        self.path = path
        usable_dir(path.parent)
        try:
            with closing(sqlite3.connect(self.path, timeout=30)) as db:
                db.executescript(SCHEMA)  # executescript manages its own transaction
        except sqlite3.DatabaseError as error:  # not a database, malformed, read-only, locked
            raise UserError(
                f"The history database {path} cannot be used ({error}); move it away to start"
                " afresh (your appeals are in it: keep a copy)."
            ) from None
        except OSError as error:
            raise file_problem(error, path) from None

    @contextmanager
    def _connect(self) -> Iterator[sqlite3.Connection]:
        """One transaction that holds the write lock from the start (BEGIN IMMEDIATE), so two
        writers never read the same next version number; committed on success, else rolled back."""
        with closing(sqlite3.connect(self.path, timeout=30, isolation_level=None)) as db:
            db.execute("PRAGMA foreign_keys = ON")
            db.execute("PRAGMA journal_mode = WAL")
            db.row_factory = sqlite3.Row
            db.execute("BEGIN IMMEDIATE")
            try:
                yield db
            except BaseException:
                db.execute("ROLLBACK")
                raise
            db.execute("COMMIT")

    # --- appeals ---------------------------------------------------------------------------

    def create_appeal(
        self, title: str, violation_type: str = "other", state: dict[str, Any] | None = None
    ) -> int:
        now = _now()
        with self._connect() as db:
            cursor = db.execute(
                "INSERT INTO appeals (title, violation_type, created, updated, state) VALUES (?, ?, ?, ?, ?)",
                (
                    title.strip()[:120] or "Untitled appeal",
                    violation_type,
                    now,
                    now,
                    json.dumps(state or {}),
                ),
            )
            return int(cursor.lastrowid)

    def appeals(self) -> list[AppealRecord]:
        """Most recently updated first."""
        with self._connect() as db:
            rows = db.execute(
                "SELECT a.*, COUNT(v.id) AS versions FROM appeals a LEFT JOIN versions v ON v.appeal_id = a.id "
                "GROUP BY a.id ORDER BY a.updated DESC, a.id DESC"
            ).fetchall()
        return [
            AppealRecord(
                r["id"], r["title"], r["violation_type"], r["created"], r["updated"], r["versions"]
            )
            for r in rows
        ]

    def appeal(self, appeal_id: int) -> AppealRecord:
        with self._connect() as db:
            r = db.execute(
                "SELECT a.*, COUNT(v.id) AS versions FROM appeals a LEFT JOIN versions v ON v.appeal_id = a.id "
                "WHERE a.id = ? GROUP BY a.id",
                (appeal_id,),
            ).fetchone()
        if r is None:
            raise UserError(f"There is no appeal {appeal_id}; `poa history` lists them.")
        return AppealRecord(
            r["id"], r["title"], r["violation_type"], r["created"], r["updated"], r["versions"]
        )

    def update_appeal(
        self, appeal_id: int, *, title: str | None = None, violation_type: str | None = None
    ) -> None:
        with self._connect() as db:
            if title is not None:
                db.execute(
                    "UPDATE appeals SET title = ? WHERE id = ?", (title.strip()[:120], appeal_id)
                )
            if violation_type is not None:
                db.execute(
                    "UPDATE appeals SET violation_type = ? WHERE id = ?",
                    (violation_type, appeal_id),
                )
            db.execute("UPDATE appeals SET updated = ? WHERE id = ?", (_now(), appeal_id))

    def delete_appeal(self, appeal_id: int) -> None:
        with self._connect() as db:
            db.execute("DELETE FROM appeals WHERE id = ?", (appeal_id,))

    def state(self, appeal_id: int) -> dict[str, Any]:
        with self._connect() as db:
            row = db.execute("SELECT state FROM appeals WHERE id = ?", (appeal_id,)).fetchone()
        if row is None:
            raise UserError(f"There is no appeal {appeal_id}.")
        return json.loads(row["state"])

    def save_state(self, appeal_id: int, state: dict[str, Any]) -> None:
        with self._connect() as db:
            db.execute(
                "UPDATE appeals SET state = ?, updated = ? WHERE id = ?",
                (json.dumps(state), _now(), appeal_id),
            )

    # --- versions --------------------------------------------------------------------------

    def add_version(
        self,
        appeal_id: int,
        letter: str,
        *,
        trigger_kind: str,
        source: str,
        trigger_text: str = "",
        appeal: dict[str, Any] | None = None,
        scorecard: dict[str, Any] | None = None,
        note: str = "",
    ) -> Version:
        now = _now()
        with self._connect() as db:
            if db.execute("SELECT 1 FROM appeals WHERE id = ?", (appeal_id,)).fetchone() is None:
                raise UserError(f"There is no appeal {appeal_id}.")
            number = db.execute(
                "SELECT COALESCE(MAX(number), 0) + 1 FROM versions WHERE appeal_id = ?",
                (appeal_id,),
            ).fetchone()[0]
            db.execute(
                "INSERT INTO versions (appeal_id, number, letter, appeal_json, trigger_kind, trigger_text, source, "
                "scorecard_json, note, created) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                (
                    appeal_id,
                    number,
                    letter,
                    json.dumps(appeal) if appeal else None,
                    trigger_kind,
                    trigger_text,
                    source,
                    json.dumps(scorecard) if scorecard else None,
                    note,
                    now,
                ),
            )
            db.execute("UPDATE appeals SET updated = ? WHERE id = ?", (now, appeal_id))
        return self.version(appeal_id, number)

    def versions(self, appeal_id: int) -> list[Version]:
        with self._connect() as db:
            rows = db.execute(
                "SELECT * FROM versions WHERE appeal_id = ? ORDER BY number", (appeal_id,)
            ).fetchall()
        return [self._version(row) for row in rows]

    def version_numbers(self, appeal_id: int) -> list[int]:
        """The numbers of an appeal's versions, oldest first, without reading the versions."""
        with self._connect() as db:
            rows = db.execute(
                "SELECT number FROM versions WHERE appeal_id = ? ORDER BY number", (appeal_id,)
            ).fetchall()
        return [row["number"] for row in rows]

    def version(self, appeal_id: int, number: int | None = None) -> Version:
        """One version; the latest when `number` is None. One row is read, not all of them: the
        app asks for a version on every rerun, however many the appeal has."""
        with self._connect() as db:
            if number is None:
                row = db.execute(
                    "SELECT * FROM versions WHERE appeal_id = ? ORDER BY number DESC LIMIT 1",
                    (appeal_id,),
                ).fetchone()
            else:
                row = db.execute(
                    "SELECT * FROM versions WHERE appeal_id = ? AND number = ?",
                    (appeal_id, number),
                ).fetchone()
            last = db.execute(
                "SELECT MAX(number) FROM versions WHERE appeal_id = ?", (appeal_id,)
            ).fetchone()[0]
        if row is not None:
            return self._version(row)
        if last is None:
            raise UserError(f"Appeal {appeal_id} has no versions yet.")
        raise UserError(f"Appeal {appeal_id} has no version {number} (it has v1–v{last}).")

    @staticmethod
    def _version(row: sqlite3.Row) -> Version:
        return Version(
            appeal_id=row["appeal_id"],
            number=row["number"],
            letter=row["letter"],
            appeal=json.loads(row["appeal_json"]) if row["appeal_json"] else None,
            trigger_kind=row["trigger_kind"],
            trigger_text=row["trigger_text"],
            source=row["source"],
            scorecard=json.loads(row["scorecard_json"]) if row["scorecard_json"] else None,
            note=row["note"],
            created=row["created"],
        )

    # --- what was sent to Amazon, and what came back ------------------------------------------

    def add_submission(
        self, appeal_id: int, kind: str, on: date, *, version: int | None = None, text: str = ""
    ) -> Submission:
        if kind not in ("sent", "rejected"):
            raise ValueError(f"unknown submission kind {kind!r}")
        with self._connect() as db:
            if db.execute("SELECT 1 FROM appeals WHERE id = ?", (appeal_id,)).fetchone() is None:
                raise UserError(f"There is no appeal {appeal_id}.")
            if (
                version is not None
                and not db.execute(
                    "SELECT 1 FROM versions WHERE appeal_id = ? AND number = ?",
                    (appeal_id, version),
                ).fetchone()
            ):
                raise UserError(f"Appeal {appeal_id} has no version {version}.")
            if (
                kind == "sent"
                and db.execute(  # inside the lock: two tabs cannot both send it
                    "SELECT 1 FROM submissions WHERE appeal_id = ? AND kind = 'sent' AND version = ?",
                    (appeal_id, version),
                ).fetchone()
            ):
                raise UserError(f"v{version} is already marked as sent.")
            db.execute(
                "INSERT INTO submissions (appeal_id, kind, version, on_day, text, created) "
                "VALUES (?, ?, ?, ?, ?, ?)",
                (appeal_id, kind, version, on.isoformat(), text, _now()),
            )
            db.execute("UPDATE appeals SET updated = ? WHERE id = ?", (_now(), appeal_id))
        return Submission(kind, on, version, text)

    def submissions(self, appeal_id: int) -> list[Submission]:
        """Oldest first, in the order they were recorded on the same day."""
        with self._connect() as db:
            rows = db.execute(
                "SELECT * FROM submissions WHERE appeal_id = ? ORDER BY on_day, id", (appeal_id,)
            ).fetchall()
        return [
            Submission(r["kind"], date.fromisoformat(r["on_day"]), r["version"], r["text"])
            for r in rows
        ]

    # --- chat messages ---------------------------------------------------------------------

    def add_message(self, appeal_id: int, role: str, content: str) -> None:
        with self._connect() as db:
            db.execute(
                "INSERT INTO messages (appeal_id, role, content, created) VALUES (?, ?, ?, ?)",
                (appeal_id, role, content, _now()),
            )
            db.execute("UPDATE appeals SET updated = ? WHERE id = ?", (_now(), appeal_id))

    def messages(self, appeal_id: int) -> list[dict[str, str]]:
        with self._connect() as db:
            rows = db.execute(
                "SELECT role, content FROM messages WHERE appeal_id = ? ORDER BY id", (appeal_id,)
            ).fetchall()
        return [{"role": r["role"], "content": r["content"]} for r in rows]
