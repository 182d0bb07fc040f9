"""The package's layers: what each may import, no import cycles, short modules, doctests that hold.

The layers, each importing only from those before it (DESIGN of issue 9, README "How the code is laid out"):
base modules (validate, data_files, table) -> model -> form -> content -> draw -> widgets.
`kickback/__init__.py` loads every public name lazily, so `import kickback` alone stays light.
"""

import ast
import doctest
import importlib
import json
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
PACKAGE = ROOT / "kickback"
LAYERS = ("base", "model", "form", "content", "draw", "widgets")
HEAVY = ("matplotlib", "ipywidgets", "IPython")
MAX_MODULE_LINES = 450


def module_name(path: Path) -> str:
    """kickback/form/reps.py -> kickback.form.reps; kickback/draw/__init__.py -> kickback.draw."""
    parts = list(path.relative_to(ROOT).with_suffix("").parts)
    if parts[-1] == "__init__":
        parts.pop()
    return ".".join(parts)


MODULES = sorted(module_name(path) for path in PACKAGE.rglob("*.py"))


def layer_of(module: str) -> str:
    """The layer a module belongs to: its subpackage, or "base" for the package's own small modules."""
    parts = module.split(".")
    if len(parts) > 1 and parts[1] in LAYERS:
        return parts[1]
    return "top" if module in ("kickback", "kickback.__main__") else "base"


def imported_modules(module: str) -> set[str]:
    """Every kickback module that `module` imports, at the top or inside a function."""
    path = PACKAGE.joinpath(*module.split(".")[1:])
    path = path / "__init__.py" if path.is_dir() else path.with_suffix(".py")
    package = module if path.name == "__init__.py" else module.rsplit(".", 1)[0]
    found = set()
    for node in ast.walk(ast.parse(path.read_text())):
        if isinstance(node, ast.ImportFrom):
            if node.level:
                base = package.split(".")
                base = base[: len(base) - node.level + 1]
                target = ".".join(base + ([node.module] if node.module else []))
            else:
                target = node.module or ""
            candidates = [target] + [f"{target}.{alias.name}" for alias in node.names]
        elif isinstance(node, ast.Import):
            candidates = [alias.name for alias in node.names]
        else:
            continue
        found |= {name for name in candidates if name in MODULES and name != module}
    return found


GRAPH = {module: imported_modules(module) for module in MODULES}


def test_every_module_is_in_a_layer_and_the_four_rooms_exist():
    for room in ("model", "form", "draw", "widgets", "content"):
        assert (PACKAGE / room / "__init__.py").exists()
    assert {layer_of(module) for module in MODULES} <= set(LAYERS) | {"top"}


@pytest.mark.parametrize("module", [m for m in MODULES if layer_of(m) in LAYERS])
def test_a_module_imports_only_from_its_own_layer_or_those_below_it(module):
    allowed = LAYERS[: LAYERS.index(layer_of(module)) + 1]
    wrong = sorted(name for name in GRAPH[module] if layer_of(name) not in allowed)
    assert not wrong, f"{module} ({layer_of(module)}) imports from a later layer: {wrong}"


def test_there_is_no_import_cycle_anywhere():
    """Depth-first search over every import, function-level imports included."""
    state: dict[str, str] = {}
    path: list[str] = []

    def visit(module: str) -> list[str] | None:
        state[module] = "open"
        path.append(module)
        for name in sorted(GRAPH[module]):
            if state.get(name) == "open":
                return path[path.index(name) :] + [name]
            if name not in state and (cycle := visit(name)):
                return cycle
        path.pop()
        state[module] = "done"
        return None

    for module in MODULES:
        if module not in state:
            cycle = visit(module)
            assert cycle is None, "import cycle: " + " -> ".join(cycle)


def test_the_cycle_finder_finds_a_cycle():
    """The search above is not vacuous: a made-up cycle is reported."""
    saved = dict(GRAPH)
    try:
        GRAPH["kickback.model.pose"] = GRAPH["kickback.model.pose"] | {"kickback.form.findings"}
        with pytest.raises(AssertionError, match="import cycle"):
            test_there_is_no_import_cycle_anywhere()
    finally:
        GRAPH.clear()
        GRAPH.update(saved)


def heavy_modules_after_importing(module: str) -> list[str]:
    """Which of matplotlib, ipywidgets and IPython a fresh interpreter holds after importing `module`."""
    code = (
        f"import sys, {module}; print(__import__('json').dumps([m for m in {HEAVY!r} if m in sys.modules]))"
    )
    result = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, cwd=ROOT, check=True
    )
    return json.loads(result.stdout)


LIGHT_MODULES = [m for m in MODULES if layer_of(m) in ("base", "model", "form", "content")]


@pytest.mark.parametrize("module", ["kickback", *LIGHT_MODULES])
def test_the_model_form_and_content_load_neither_matplotlib_nor_widgets(module):
    assert heavy_modules_after_importing(module) == []


@pytest.mark.parametrize("module", [m for m in MODULES if layer_of(m) == "draw"])
def test_drawing_never_loads_widgets(module):
    assert "ipywidgets" not in heavy_modules_after_importing(module)


def test_the_lazy_namespace_names_only_what_exists():
    import kickback

    for name in kickback.__all__:
        assert getattr(kickback, name) is not None
    with pytest.raises(AttributeError, match="no attribute 'nonsense'"):
        kickback.nonsense  # noqa: B018


@pytest.mark.parametrize("module", MODULES)
def test_no_module_holds_two_concepts(module):
    path = PACKAGE.joinpath(*module.split(".")[1:])
    path = path / "__init__.py" if path.is_dir() else path.with_suffix(".py")
    lines = len(path.read_text().splitlines())
    assert lines <= MAX_MODULE_LINES, (
        f"{path.relative_to(ROOT)} has {lines} lines (at most {MAX_MODULE_LINES})"
    )


DOCTESTED = [m for m in MODULES if m != "kickback.__main__"]


@pytest.mark.parametrize("module", DOCTESTED)
def test_the_docstring_examples_hold(module):
    result = doctest.testmod(importlib.import_module(module), optionflags=doctest.ELLIPSIS, verbose=False)
    assert result.failed == 0


def test_the_package_has_docstring_examples_to_check():
    attempted = sum(doctest.testmod(importlib.import_module(m), verbose=False).attempted for m in DOCTESTED)
    assert attempted >= 30


def test_lessons_import_the_course_in_one_way_only():
    """A lesson says `import kickback as kb` and nothing else: no other import a learner must parse."""
    for notebook in sorted((ROOT / "notebooks").rglob("*.ipynb")):
        for cell in json.loads(notebook.read_text())["cells"]:
            if cell["cell_type"] != "code":
                continue
            for line in "".join(cell["source"]).splitlines():
                words = line.split()
                if words[:1] in (["import"], ["from"]):
                    assert line.strip() == "import kickback as kb", f"{notebook.name}: {line.strip()!r}"
