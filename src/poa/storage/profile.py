"""The seller's name and store name, asked once and kept for the letter's sign-off.

Kept as a small JSON file in the data folder, written atomically so a crash mid-write leaves the
old file. The names are the seller's own input: the sign-off says nothing else.
"""

from __future__ import annotations

import json
import os
from dataclasses import asdict, dataclass
from pathlib import Path

from poa.core.errors import UserError
from poa.core.paths import usable_dir

MAX_NAME = 120


@dataclass(frozen=True)
class Profile:
    name: str = ""
    store: str = ""

    def sign_off(self) -> list[str]:
        """The letter's last lines: "Regards," then the name and the store, as given."""
        names = [part for part in (self.name, self.store) if part]
        return ["Regards,", *names] if names else []


def _clean(value: str, what: str) -> str:
    value = " ".join(value.split())
    if len(value) > MAX_NAME:
        raise UserError(f"The {what} has {len(value)} characters; up to {MAX_NAME} fit a sign-off.")
    return value


def make_profile(name: str = "", store: str = "") -> Profile:
    """A profile from what the seller typed: one line each, not too long."""
    return Profile(_clean(name, "name"), _clean(store, "store name"))


def profile_path(data_dir: Path) -> Path:
    return data_dir / "profile.json"


def load_profile(data_dir: Path) -> Profile:
    """The saved profile; an empty one when none is saved or the file cannot be read."""
    try:
        data = json.loads(profile_path(data_dir).read_text(encoding="utf-8"))
        return make_profile(str(data.get("name", "")), str(data.get("store", "")))
    except (OSError, ValueError, AttributeError, UserError):
        return Profile()


def save_profile(data_dir: Path, profile: Profile) -> None:
    usable_dir(data_dir)
    path = profile_path(data_dir)
    temporary = path.with_suffix(".json.tmp")
    temporary.write_text(json.dumps(asdict(profile), ensure_ascii=False), encoding="utf-8")
    os.replace(temporary, path)
