"""The package layout of README "Where things live": one folder per stage, imports flow one way."""

import ast
from pathlib import Path

from poa.core.config import PROJECT_ROOT

SRC = PROJECT_ROOT / "src"
# Each stage may import only the stages before it (DESIGN.md's data flow, lowest first).
LAYERS = [
    "core",
    "text",
    "kb",
    "llm",
    "reading",
    "scoring",
    "drafting",
    "revision",
    "storage",
    "tracking",
    "conversation",
    "evals",
    "cli",
]
MAX_LINES = 450


def _modules() -> dict[str, Path]:
    found = {}
    for path in (SRC / "poa").rglob("*.py"):
        name = ".".join(path.relative_to(SRC).with_suffix("").parts).removesuffix(".__init__")
        found[name] = path
    return found


def _imports(path: Path) -> set[str]:
    """Every poa module this file imports, at the top or inside a function."""
    names = set()
    for node in ast.walk(ast.parse(path.read_text())):
        if isinstance(node, ast.ImportFrom) and node.module and node.module.startswith("poa"):
            names |= {node.module} | {f"{node.module}.{alias.name}" for alias in node.names}
        elif isinstance(node, ast.Import):
            names |= {alias.name for alias in node.names if alias.name.startswith("poa")}
    return names


def _stage(module: str) -> str:
    return module.split(".")[1]


def test_every_module_is_in_a_stage_folder_with_a_docstring_and_a_modest_size():
    for name, path in _modules().items():
        if name == "poa":
            continue
        assert _stage(name) in LAYERS, f"{name} is outside the stage folders"
        text = path.read_text()
        if path.name != "__main__.py":
            assert ast.get_docstring(ast.parse(text)), f"{name} has no docstring saying its job"
        assert text.count("\n") <= MAX_LINES, f"{name} has {text.count(chr(10))} lines"


def test_stages_import_only_earlier_stages_and_no_module_imports_itself_back():
    modules = _modules()
    graph = {
        name: {target for target in _imports(path) if target in modules and target != name}
        for name, path in modules.items()
    }
    for name, targets in graph.items():
        if name == "poa":
            continue
        for target in targets:
            assert LAYERS.index(_stage(target)) <= LAYERS.index(_stage(name)), (
                f"{name} imports {target}: {_stage(target)} comes after {_stage(name)}"
            )

    def reaches(start: str, goal: str, seen: set[str]) -> bool:
        for nxt in graph[start]:
            if nxt == goal or (nxt not in seen and (seen.add(nxt) or reaches(nxt, goal, seen))):
                return True
        return False

    cycles = [name for name in graph if reaches(name, name, set())]
    assert not cycles, f"import cycles through {cycles}"


def test_no_two_modules_share_a_confusable_name():
    """`causes`/`rootcause`, `draft`/`drafting`: a newcomer should not have to guess."""
    stems = {}
    for name in _modules():
        stem = name.rsplit(".", 1)[-1].replace("_", "")
        stems.setdefault(stem, []).append(name)
    allowed = {"llm", "offline", "pipeline", "init"}  # the same job in different stages
    clashes = {s: n for s, n in stems.items() if len(n) > 1 and s not in allowed}
    assert not clashes, clashes
