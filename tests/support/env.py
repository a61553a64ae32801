"""Paths of the test tree, and the environment for child processes (network guard on)."""

from __future__ import annotations

import os
from pathlib import Path

TESTS = Path(__file__).resolve().parents[1]
GUARD_DIR = TESTS / "support" / "netguard"
FIXTURES = TESTS / "fixtures"
NOTICES = FIXTURES / "notices"
ARTIFACTS = TESTS / "artifacts"


def subprocess_env(**extra: str) -> dict[str, str]:
    """Environment for a child process: the network guard on, plus `extra`."""
    env = {k: v for k, v in os.environ.items() if not k.startswith(("POA_", "OPENAI_"))}
    env["PYTHONPATH"] = os.pathsep.join([str(GUARD_DIR), env.get("PYTHONPATH", "")]).rstrip(
        os.pathsep
    )
    env["ANONYMIZED_TELEMETRY"] = "False"
    env.update(extra)
    return env
