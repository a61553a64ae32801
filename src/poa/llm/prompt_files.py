"""Prompt files in `prompts/`: plain text with `$name` variables (Python's string.Template).

A prompt that references a variable the caller did not pass fails loudly, naming the file and
the variable; so does passing a variable the prompt does not use (a sign the two drifted apart).
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache
from pathlib import Path
from string import Template

from poa.core.errors import UserError


class PromptError(UserError):
    """A prompt file and the values given for it do not match."""


@dataclass(frozen=True)
class Prompt:
    path: Path
    template: Template

    @property
    def variables(self) -> set[str]:
        return set(self.template.get_identifiers())

    def render(self, **values: object) -> str:
        missing = sorted(self.variables - set(values))
        if missing:
            raise PromptError(f"{self.path.name}: missing variable(s) {', '.join(missing)}")
        unused = sorted(set(values) - self.variables)
        if unused:
            raise PromptError(f"{self.path.name}: unknown variable(s) {', '.join(unused)}")
        return self.template.substitute({key: str(value) for key, value in values.items()})


@cache
def _load(path: str, mtime: float) -> Prompt:
    file = Path(path)
    template = Template(file.read_text(encoding="utf-8"))
    if not template.is_valid():
        raise PromptError(f"{file.name}: invalid placeholder (write $$ for a literal dollar sign)")
    return Prompt(file, template)


def load_prompt(prompts_dir: Path, name: str) -> Prompt:
    path = prompts_dir / name
    if not path.is_file():
        raise PromptError(f"prompt file not found: {path}")
    return _load(str(path), path.stat().st_mtime)
