"""Static checks on every notebook as stored: what nbval strict alone cannot see.

nbval passes a notebook whose cells were never run (nothing stored, nothing to compare), so
these checks make sure each notebook was run top to bottom, stores its outputs, shows no
unexpected error and no path of the machine it was run on, and explains every output that
nbval is told to ignore. Each check runs once per notebook, named by its path.
"""

from __future__ import annotations

import ast
import re
import sys
import tempfile
from pathlib import Path

import nbformat
from conftest import REPO_ROOT, notebook_paths

# Pictures are base64; everything else an output holds is text a reader may see.
BINARY_MIME_TYPES = {"image/png", "image/jpeg", "image/gif", "application/pdf"}

NBVAL_MARKERS = ("NBVAL_IGNORE_OUTPUT", "NBVAL_SKIP")
# nbval also honours these cell tags; a tag cannot say why, so the commented marker is required.
NBVAL_TAGS = {"nbval-ignore-output", "nbval-skip"}


def machine_paths() -> list[str]:
    """Absolute paths that would only be true on the machine that ran the notebook."""
    paths = {
        "/work/",
        "/root/",
        "/tmp/",
        "/home/",
        "/Users/",
        "C:\\Users\\",
        "C:\\\\Users\\\\",
        str(REPO_ROOT) + "/",
        tempfile.gettempdir() + "/",
    }
    for prefix in (sys.prefix, sys.base_prefix, sys.exec_prefix):
        if prefix and prefix != "/":
            paths.add(prefix.rstrip("/") + "/")
    return sorted(paths)


def read(path: Path) -> nbformat.NotebookNode:
    return nbformat.read(path, as_version=nbformat.NO_CONVERT)


def code_cells(nb: nbformat.NotebookNode) -> list[tuple[int, nbformat.NotebookNode]]:
    return [(number, cell) for number, cell in enumerate(nb.cells, start=1) if cell.cell_type == "code"]


def source_of(cell: nbformat.NotebookNode) -> str:
    source = cell.get("source", "")
    return "".join(source) if isinstance(source, list) else source


def tags_of(cell: nbformat.NotebookNode) -> list[str]:
    return list(cell.get("metadata", {}).get("tags", []))


def visible_text(value) -> list[str]:
    """Every string inside an output or metadata value, pictures left out."""
    if isinstance(value, str):
        return [value]
    if isinstance(value, list):
        return [text for item in value for text in visible_text(item)]
    if isinstance(value, dict):
        return [
            text for key, item in value.items() if key not in BINARY_MIME_TYPES for text in visible_text(item)
        ]
    return []


def test_there_are_notebooks(notebooks_root):
    paths = notebook_paths()
    assert paths, f"no notebooks found under {notebooks_root}"
    assert any(path.name == "00_start_here.ipynb" for path in paths), (
        "notebooks/00_start_here.ipynb is missing"
    )


def test_valid_nbformat(notebook: Path):
    nb = read(notebook)
    nbformat.validate(nb)
    assert nb.nbformat == 4, f"nbformat {nb.nbformat}, expected 4"


def test_kernelspec_is_python3(notebook: Path):
    kernelspec = read(notebook).metadata.get("kernelspec", {})
    assert kernelspec.get("name") == "python3", (
        f"kernelspec name is {kernelspec.get('name')!r}; it must be 'python3' so the notebook opens "
        "with the course's own Python (JupyterLab, nbval --nbval-current-env, Binder)"
    )


def test_every_code_cell_ran_in_order(notebook: Path):
    """Counts 1..n over the code cells that have source: the notebook was run top to bottom, once."""
    with_source = [(number, cell) for number, cell in code_cells(read(notebook)) if source_of(cell).strip()]
    if notebook.name in MARKDOWN_ONLY:
        assert not with_source, "a words-only notebook (the glossary) must hold no code"
        return
    assert with_source, "the notebook has no code cells"
    counts = [cell.get("execution_count") for _number, cell in with_source]
    never_run = [number for number, cell in with_source if cell.get("execution_count") is None]
    assert not never_run, (
        f"code cells never run (no execution count): cells {never_run}; run the whole notebook and save it"
    )
    expected = list(range(1, len(with_source) + 1))
    assert counts == expected, (
        f"execution counts are {counts}, expected {expected}: restart the kernel, run all cells once and save"
    )


def test_outputs_are_stored(notebook: Path):
    """A viewer without a kernel sees every result: the notebook must store its outputs."""
    cells = code_cells(read(notebook))
    if notebook.name in MARKDOWN_ONLY:
        assert not cells, "a words-only notebook (the glossary) must hold no code"
        return
    outputs = sum(len(cell.get("outputs", [])) for _number, cell in cells)
    assert outputs > 0, "no outputs are stored: run the notebook and save it with its outputs"


def test_no_unexpected_errors(notebook: Path):
    problems = []
    for number, cell in code_cells(read(notebook)):
        if "raises-exception" in tags_of(cell):
            continue
        for output in cell.get("outputs", []):
            if output.get("output_type") == "error":
                problems.append(f"cell {number}: {output.get('ename')}: {output.get('evalue')}")
            elif output.get("output_type") == "stream" and output.get("name") == "stderr":
                text = "".join(visible_text(output.get("text", "")))
                if "Traceback" in text:
                    problems.append(f"cell {number}: a traceback on stderr")
    assert not problems, (
        "stored error output (tag the cell `raises-exception` if it raises on purpose):\n  "
        + "\n  ".join(problems)
    )


def test_no_machine_paths(notebook: Path):
    """No absolute path of the machine that ran it, in any source, output or metadata."""
    nb = read(notebook)
    places = [("notebook metadata", nb.get("metadata", {}))]
    for number, cell in enumerate(nb.cells, start=1):
        places.append((f"cell {number} source", source_of(cell)))
        places.append((f"cell {number} metadata", cell.get("metadata", {})))
        for index, output in enumerate(cell.get("outputs", []), start=1):
            places.append((f"cell {number} output {index}", output))
    found = []
    for where, value in places:
        for text in visible_text(value):
            for path in machine_paths():
                if path in text:
                    at = text.index(path)
                    found.append(f"{where}: {text[max(0, at - 30) : at + 60]!r}")
    assert not found, "absolute paths of this machine are stored:\n  " + "\n  ".join(sorted(set(found)))


def is_nbval_marker_line(line: str, marker: str) -> bool:
    """What nbval 0.11 honours: a line that is `# MARKER` and nothing else (find_comment_markers)."""
    stripped = line.strip()
    return stripped.startswith("#") and stripped.lstrip("#").strip() == marker


def reason_in(line: str) -> bool:
    """A comment line with at least two words that are not an nbval marker."""
    stripped = line.strip()
    if not stripped.startswith("#"):
        return False
    text = stripped.lstrip("#")
    for marker in NBVAL_MARKERS:
        text = text.replace(marker, " ")
    return len(re.findall(r"[A-Za-z]{2,}", text)) >= 2


def test_nbval_markers_say_why(notebook: Path):
    """Every NBVAL_IGNORE_OUTPUT (and NBVAL_SKIP) is one nbval honours and has a # comment saying why.

    nbval only honours a marker on a line of its own (`# NBVAL_IGNORE_OUTPUT`, nothing else on
    the line: `# NBVAL_IGNORE_OUTPUT: why` is silently not a marker), so the reason goes on the
    comment line just above or just below it.
    """
    problems = []
    for number, cell in code_cells(read(notebook)):
        for tag in sorted(set(tags_of(cell)) & NBVAL_TAGS):
            problems.append(
                f"cell {number}: tag {tag!r}; use a `# {tag.upper().replace('-', '_')}` line "
                "with a `# why` comment line next to it instead, so the reason is in the cell"
            )
        lines = source_of(cell).splitlines()
        for index, line in enumerate(lines):
            for marker in NBVAL_MARKERS:
                if marker not in line:
                    continue
                if not is_nbval_marker_line(line, marker):
                    problems.append(
                        f"cell {number}: {line.strip()!r} is not a marker nbval honours; "
                        f"write `# {marker}` alone on its line and the reason on the line above"
                    )
                    continue
                neighbours = lines[max(0, index - 1) : index] + lines[index + 1 : index + 2]
                if not any(reason_in(neighbour) for neighbour in neighbours):
                    problems.append(
                        f"cell {number}: `# {marker}` without a reason: put a `# why` comment "
                        f"on the line just above or below it (e.g. `# timings differ on every run`)"
                    )
    assert not problems, "\n".join(problems)


# --- lessons a non-programmer can read (issue 12) ---------------------------------------------------

# A notebook of words only: nothing to run, so the run-order and stored-output checks do not apply to it.
MARKDOWN_ONLY = {"glossary.ipynb"}

# Names in the kb namespace that hand back raw numbers, files or plumbing: fine in scripts, not in a lesson,
# where every call should answer in words or a table.
NOT_FOR_LESSONS = {
    "plan_to_html",
    "plan_to_csv",
    "answer_key_markdown",
    "load_quiz",
    "read_recording",
    "build_skeleton",
    "pose_joints",
    "hip_extension_torque",
    "split_hip_torque",
    "torque_curve",
    "measure_line_of_pull",
    "measure_pad_force",
    "glute_force_estimate",
    "muscle_moment_arm",
    "muscle_length",
}
ALLOWED_NODES = (
    ast.Module,
    ast.Expr,
    ast.Assign,
    ast.Import,
    ast.alias,
    ast.Call,
    ast.Attribute,
    ast.Name,
    ast.Load,
    ast.Store,
    ast.Constant,
    ast.keyword,
    ast.List,
    ast.Tuple,
    ast.UnaryOp,
    ast.USub,
)


def lesson_paths() -> list[Path]:
    return sorted((REPO_ROOT / "notebooks").glob("[0-9][0-9]_*.ipynb"))


def code_lines(source: str) -> list[str]:
    """The lines of a cell a reader has to read as code: not blank, not a comment."""
    return [line for line in source.splitlines() if line.strip() and not line.strip().startswith("#")]


def statement_problems(statement: ast.stmt, assigned: set[str]) -> list[str]:
    """What in one statement of a lesson cell a non-programmer could not read (see plain_cell_problems)."""
    import kickback

    problems = []
    for node in ast.walk(statement):
        if not isinstance(node, ALLOWED_NODES):
            problems.append(f"{type(node).__name__} (e.g. a loop, try/except, f-string or operator)")
        elif isinstance(node, ast.Import) and [(a.name, a.asname) for a in node.names] != [
            ("kickback", "kb")
        ]:
            problems.append("an import other than `import kickback as kb`")
        elif isinstance(node, ast.Assign) and not (
            len(node.targets) == 1 and isinstance(node.targets[0], ast.Name)
        ):
            problems.append("an assignment to something other than one plain name")
        elif isinstance(node, ast.Attribute):
            if not (isinstance(node.value, ast.Name) and node.value.id == "kb"):
                problems.append(f"attribute .{node.attr} of a result, not of kb")
            elif node.attr not in kickback._WHERE:
                problems.append(f"kb.{node.attr} is not a public name in kickback._WHERE")
            elif node.attr in NOT_FOR_LESSONS:
                problems.append(f"kb.{node.attr} returns plumbing, not words")
        elif (
            isinstance(node, ast.Name) and isinstance(node.ctx, ast.Load) and node.id not in assigned | {"kb"}
        ):
            problems.append(f"the name {node.id!r} is not set earlier in the lesson")
        elif (
            isinstance(node, ast.Constant) and isinstance(node.value, str) and re.search(r"[/\\]", node.value)
        ):
            problems.append(f"a file path {node.value!r}")
    return problems


def plain_cell_problems(source: str, assigned: set[str]) -> list[str]:
    """Why a lesson's code cell is more than one plain call on kb (empty when it is fine).

    Allowed: up to three lines; `import kickback as kb`; expressions and `name = ...` made only of calls
    on public kb names whose arguments are numbers, words, lists of them, names set earlier in the lesson
    or further kb calls. Not allowed: try/except, loops, f-strings, comprehensions, attribute access on a
    result, file paths, private or plumbing names.
    """
    problems = []
    if len(code_lines(source)) > 3:
        problems.append(f"{len(code_lines(source))} lines of code (at most 3)")
    for statement in ast.parse(source).body:
        problems += statement_problems(statement, assigned)
        if isinstance(statement, ast.Assign) and isinstance(statement.targets[0], ast.Name):
            assigned.add(statement.targets[0].id)
    return problems


def test_the_plain_cell_check_catches_what_a_non_programmer_cannot_read():
    """The checker below rejects each construct the issue names, and accepts the calls lessons make."""
    bad = {
        "try:\n    kb.Pose(hip_extension=400)\nexcept ValueError as error:\n    print(error)": "Try",
        'print(f"{kb.default_body()}")': "JoinedStr",
        "for spot in (0.8, 0.6):\n    kb.compare_pad_positions()": "For",
        "while False:\n    kb.quiz('02_hip_extension')": "While",
        'kb.show_comparison(kb.compare_with_recording("2-1-3", "../data/x.csv", "cable"))': "file path",
        "kb.plan_to_html(kb.plan_progression('new', 'none', 'activation'))": "plumbing",
        "parts = kb.split_leg_height(kb.Pose())\nparts.hip": "attribute .hip",
        "kb._WHERE": "not a public name",
        "kb.show_plan(plan)": "not set earlier",
    }
    for source, why in bad.items():
        found = plain_cell_problems(source, set())
        assert any(why in problem for problem in found), (source, found)
    good = ["import kickback as kb", "kb.try_pose(hip_extension=400)", 'kb.show_figure("cable_form")']
    good.append("pose = kb.Pose(trunk_lean=20, hip_extension=15)\nkb.split_leg_height(pose)")
    for source in good:
        assert plain_cell_problems(source, set()) == [], source


def test_lesson_code_cells_are_plain_calls():
    problems = []
    for path in lesson_paths():
        assigned: set[str] = set()
        for number, cell in code_cells(read(path)):
            for problem in plain_cell_problems(source_of(cell), assigned):
                problems.append(f"{path.name} cell {number}: {problem}")
    assert not problems, "code a non-programmer would have to parse:\n  " + "\n  ".join(problems)


def test_markdown_only_notebooks_hold_no_code(notebooks_root):
    for name in MARKDOWN_ONLY:
        nb = read(notebooks_root / name)
        assert nb.cells and all(cell.cell_type == "markdown" for cell in nb.cells), name
