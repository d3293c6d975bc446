"""The import graph between PlanQA's packages, read with `ast` (lazy imports inside functions count too).

Rules:
- the core (`planqa`) imports no consumer (`ingest`, `qa_service`, `ui`, `eval`, `planqa_cli`);
- no module imports a private (underscore) name or module of another package;
- no circle between packages;
- no module over 250 lines (tests and migrations aside), no function in `qa_service` over 40 lines (ruff keeps
  every function to 12 branches: C901 and PLR0912 in pyproject.toml).
"""

from __future__ import annotations

import ast
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
CORE = "planqa"
PACKAGES = (CORE, "ingest", "qa_service", "ui", "eval", "planqa_cli")
SIZED = (*PACKAGES, "scripts")  # folders whose modules are held to MAX_MODULE_LINES
NOT_SIZED = ("planqa/migrations",)  # revisions are frozen once written
MAX_MODULE_LINES = 250
MAX_FUNCTION_LINES = 40  # in qa_service


@dataclass(frozen=True)
class Import:
    source: str  # the importing module, dotted
    path: str  # its file, relative to the root
    line: int
    target: str  # the imported module, dotted
    names: tuple[str, ...]  # names taken from it (`from target import a, b`); empty for `import target`

    @property
    def source_package(self) -> str:
        return self.source.split(".")[0]

    @property
    def target_package(self) -> str:
        return self.target.split(".")[0]

    def where(self) -> str:
        return f"{self.path}:{self.line}"


def module_name(root: Path, file: Path) -> str:
    parts = list(file.relative_to(root).with_suffix("").parts)
    if parts[-1] == "__init__":
        parts.pop()
    return ".".join(parts)


def imports_in(root: Path, file: Path) -> Iterator[Import]:
    source = module_name(root, file)
    is_package = file.name == "__init__.py"
    tree = ast.parse(file.read_text(encoding="utf-8"), filename=str(file))
    rel = str(file.relative_to(root))
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            for alias in node.names:
                yield Import(source, rel, node.lineno, alias.name, ())
        elif isinstance(node, ast.ImportFrom):
            if node.level:  # relative: resolve against the importing module's package
                base = source.split(".")
                base = base if is_package else base[:-1]
                base = base[: len(base) - (node.level - 1)]
                target = ".".join([*base, node.module] if node.module else base)
            else:
                target = node.module or ""
            yield Import(source, rel, node.lineno, target, tuple(a.name for a in node.names))


def package_imports(root: Path, packages: tuple[str, ...] = PACKAGES) -> list[Import]:
    found: list[Import] = []
    for package in packages:
        for file in sorted((root / package).rglob("*.py")):
            found.extend(i for i in imports_in(root, file) if i.target_package in packages)
    return found


def core_violations(imports: list[Import], core: str = CORE) -> list[str]:
    return [
        f"{i.where()}: the core imports the consumer {i.target}"
        for i in imports
        if i.source_package == core and i.target_package != core
    ]


def _private(name: str) -> bool:
    return name.startswith("_") and not (name.startswith("__") and name.endswith("__"))


def private_violations(imports: list[Import]) -> list[str]:
    out = []
    for i in imports:
        if i.source_package == i.target_package:
            continue
        private_modules = [part for part in i.target.split(".") if _private(part)]
        private_names = [n for n in i.names if _private(n)]
        for name in private_modules + private_names:
            out.append(f"{i.where()}: {i.source} imports the private {name} of {i.target}")
    return out


def package_graph(imports: list[Import]) -> dict[str, dict[str, Import]]:
    """package → {package it imports: one import that shows it}."""
    graph: dict[str, dict[str, Import]] = {}
    for i in imports:
        if i.source_package != i.target_package:
            graph.setdefault(i.source_package, {}).setdefault(i.target_package, i)
    return graph


def cycles(graph: dict[str, dict[str, Import]]) -> list[list[str]]:
    """Each elementary circle once, as the list of packages along it (first repeated at the end)."""
    found: list[list[str]] = []
    nodes = sorted(set(graph) | {t for targets in graph.values() for t in targets})

    def walk(start: str, node: str, path: list[str]) -> None:
        for nxt in sorted(graph.get(node, {})):
            if nxt == start:
                found.append([*path, start])
            elif nxt not in path and nodes.index(nxt) > nodes.index(start):
                walk(start, nxt, [*path, nxt])

    for start in nodes:
        walk(start, start, [start])
    return found


def cycle_violations(imports: list[Import]) -> list[str]:
    graph = package_graph(imports)
    out = []
    for circle in cycles(graph):
        steps = [f"{a} -> {b} ({graph[a][b].where()})" for a, b in zip(circle, circle[1:], strict=False)]
        out.append("circle between packages: " + ", ".join(steps))
    return out


def modules(root: Path, folders: tuple[str, ...], exempt: tuple[str, ...] = NOT_SIZED) -> Iterator[Path]:
    for folder in folders:
        for file in sorted((root / folder).rglob("*.py")):
            rel = file.relative_to(root).as_posix()
            if not any(rel.startswith(f"{e}/") for e in exempt):
                yield file


def long_modules(
    root: Path, folders: tuple[str, ...] = SIZED, most: int = MAX_MODULE_LINES, exempt: tuple[str, ...] = NOT_SIZED
) -> list[str]:
    out = []
    for file in modules(root, folders, exempt):
        lines = len(file.read_text(encoding="utf-8").splitlines())
        if lines > most:
            out.append(f"{file.relative_to(root).as_posix()}: {lines} lines, over {most}; split it")
    return out


def long_functions(root: Path, folders: tuple[str, ...] = ("qa_service",), most: int = MAX_FUNCTION_LINES) -> list[str]:
    """Functions and methods (nested ones too) from their `def` line to their last line."""
    out = []
    for file in modules(root, folders):
        tree = ast.parse(file.read_text(encoding="utf-8"), filename=str(file))
        functions = [n for n in ast.walk(tree) if isinstance(n, ast.FunctionDef | ast.AsyncFunctionDef)]
        for node in sorted(functions, key=lambda n: n.lineno):
            lines = node.end_lineno - node.lineno + 1
            if lines > most:
                where = f"{file.relative_to(root).as_posix()}:{node.lineno}"
                out.append(f"{where}: {node.name} is {lines} lines, over {most}; extract a helper")
    return out


# The project itself.


def test_every_package_is_read():
    imports = package_imports(ROOT)
    assert {i.source_package for i in imports} == set(PACKAGES)


def test_the_core_imports_no_consumer():
    assert core_violations(package_imports(ROOT)) == []


def test_no_package_imports_a_private_name_of_another():
    assert private_violations(package_imports(ROOT)) == []


def test_no_circle_between_packages():
    assert cycle_violations(package_imports(ROOT)) == []


def test_no_module_is_too_long():
    assert long_modules(ROOT) == []


def test_no_function_in_qa_service_is_too_long():
    assert long_functions(ROOT) == []


# The checker catches what it should (a made-up tree).


def _tree(tmp_path: Path, files: dict[str, str]) -> list[Import]:
    for name, text in files.items():
        path = tmp_path / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, encoding="utf-8")
    return package_imports(tmp_path, ("core", "app", "web"))


def test_checker_finds_a_core_import_of_a_consumer_even_inside_a_function(tmp_path):
    imports = _tree(tmp_path, {
        "core/__init__.py": "",
        "core/cli.py": "def main():\n    from app.cli import register\n",
        "app/__init__.py": "", "app/cli.py": "import core\n",
        "web/__init__.py": "",
    })
    assert core_violations(imports, core="core") == ["core/cli.py:2: the core imports the consumer app.cli"]


def test_checker_finds_private_names_and_modules_across_packages_only(tmp_path):
    imports = _tree(tmp_path, {
        "core/__init__.py": "", "core/_impl.py": "", "core/cli.py": "from ._impl import helper\n",
        "app/__init__.py": "from core.cli import _settings, __version__\nimport core._impl\n",
        "web/__init__.py": "",
    })
    assert private_violations(imports) == [
        "app/__init__.py:1: app imports the private _settings of core.cli",
        "app/__init__.py:2: app imports the private _impl of core._impl",
    ]


def test_checker_finds_a_circle_with_the_imports_that_make_it(tmp_path):
    imports = _tree(tmp_path, {
        "core/__init__.py": "",
        "app/__init__.py": "from web import views\n",
        "web/__init__.py": "", "web/views.py": "import core\n\n\ndef f():\n    import app.x\n",
    })
    assert cycle_violations(imports) == [
        "circle between packages: app -> web (app/__init__.py:1), web -> app (web/views.py:5)"
    ]


def test_checker_finds_long_modules_but_not_exempt_ones(tmp_path):
    _tree(tmp_path, {
        "core/__init__.py": "", "core/big.py": "x = 1\n" * 4, "core/ok.py": "x = 1\n" * 3,
        "core/migrations/v1.py": "x = 1\n" * 9, "app/__init__.py": "", "web/__init__.py": "",
    })
    assert long_modules(tmp_path, ("core", "app"), most=3, exempt=("core/migrations",)) == [
        "core/big.py: 4 lines, over 3; split it"
    ]


LONG_AND_SHORT = """\
def short():
    return 1


class C:
    async def long(self):
        a = 1
        b = 2
        c = 3
        return a + b + c


def outer():
    def inner():
        return 1

    return inner
"""


def test_checker_finds_long_functions_and_methods_nested_or_not(tmp_path):
    _tree(tmp_path, {"app/__init__.py": "", "app/m.py": LONG_AND_SHORT, "core/__init__.py": "", "web/__init__.py": ""})
    assert long_functions(tmp_path, ("app",), most=4) == [
        "app/m.py:6: long is 5 lines, over 4; extract a helper",
        "app/m.py:13: outer is 5 lines, over 4; extract a helper",
    ]
