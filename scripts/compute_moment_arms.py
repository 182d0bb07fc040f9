"""Compute hip-extension moment arms and muscle-tendon lengths from two OpenSim models.

Writes `data/moment_arms.csv` (long format, one row per model, muscle, knee angle and hip angle).

Steps:
1. load each model (Rajagopal2016, gait2392) from `<repo>/../shared/data/opensim/` (or `--models DIR`);
2. set the right knee (`knee_angle_r`) to 0 or 90 degrees of flexion, minding each model's sign;
3. step the right hip (`hip_flexion_r`) from -20 to +100 degrees of flexion in 5-degree steps;
4. for each muscle read its length and its moment arm about `hip_flexion_r`; the hip-EXTENSION
   moment arm is the negative of the flexion one;
5. check every moment arm against a central finite difference of the length (+/-0.5 degree);
6. write the rows, rounded to 6 decimals, under `#` notes that name the models and the method.

Needs the optional `opensim` package (the project's `opensim` extra), not a course dependency:

    python -m venv /tmp/opensim-venv && /tmp/opensim-venv/bin/pip install opensim==4.6
    /tmp/opensim-venv/bin/python scripts/compute_moment_arms.py
"""

from __future__ import annotations

import argparse
import csv
import hashlib
import io
import math
import sys
import time
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
DEFAULT_MODELS = REPO.parent / "shared" / "data" / "opensim"
DEFAULT_OUT = REPO / "data" / "moment_arms.csv"

UPSTREAM_REPO = "opensim-org/opensim-models"
UPSTREAM_COMMIT = "20a888b9655e73fb84963d6e03eee3752cf6074b"

# model id -> (file, path in the upstream repository, muscles without the "_r" side suffix)
MODELS: dict[str, tuple[str, str, tuple[str, ...]]] = {
    "rajagopal2016": (
        "Rajagopal2016.osim",
        "Models/Rajagopal/Rajagopal2016.osim",
        (
            "glmax1",
            "glmax2",
            "glmax3",
            "bflh",
            "semiten",
            "semimem",
            "glmed1",
            "glmed2",
            "glmed3",
            "glmin1",
            "glmin2",
            "glmin3",
            "addmagDist",
            "addmagIsch",
            "addmagMid",
            "addmagProx",
        ),
    ),
    "gait2392": (
        "gait2392_millard2012muscle.osim",
        "Models/Gait2392_Simbody/gait2392_millard2012muscle.osim",
        (
            "glut_max1",
            "glut_max2",
            "glut_max3",
            "bifemlh",
            "semiten",
            "semimem",
            "glut_med1",
            "glut_med2",
            "glut_med3",
            "glut_min1",
            "glut_min2",
            "glut_min3",
            "add_mag1",
            "add_mag2",
            "add_mag3",
        ),
    ),
}
CITATIONS = {
    "rajagopal2016": (
        "Rajagopal A, Dembia CL, DeMers MS, Delp DD, Hicks JL, Delp SL (2016) Full-body musculoskeletal "
        "model for muscle-driven simulation of human gait. IEEE Trans Biomed Eng 63(10):2068-2079, "
        "doi:10.1109/TBME.2016.2586891"
    ),
    "gait2392": (
        "Delp SL, Loan JP, Hoy MG, Zajac FE, Topp EL, Rosen JM (1990) An interactive graphics-based model "
        "of the lower extremity to study orthopaedic surgical procedures. "
        "IEEE Trans Biomed Eng 37(8):757-767 "
        "(lower-limb geometry of OpenSim's gait2392 model)"
    ),
}

HIP_COORDINATE = "hip_flexion_r"
KNEE_COORDINATE = "knee_angle_r"
KNEE_FLEXIONS_DEG = (0, 90)
HIP_FLEXIONS_DEG = tuple(range(-20, 101, 5))
FD_STEP_DEG = 0.5
DECIMALS = 6
COLUMNS = (
    "model",
    "muscle",
    "knee_flexion_deg",
    "hip_flexion_deg",
    "hip_extension_deg",
    "length_m",
    "moment_arm_m",
    "fd_moment_arm_m",
)


def parse_args(argv: list[str] | None = None) -> argparse.Namespace:
    """Command-line options: where the models are and where the table goes."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--models", type=Path, default=DEFAULT_MODELS, help="folder holding the .osim files")
    parser.add_argument("--out", type=Path, default=DEFAULT_OUT, help="CSV file to write")
    return parser.parse_args(argv)


def hash_file(path: Path) -> str:
    """First 16 hex digits of the file's SHA-256, to tell which copy of a model was used."""
    return hashlib.sha256(path.read_bytes()).hexdigest()[:16]


def find_knee_sign(knee) -> float:
    """+1 if the model's knee coordinate grows with flexion, -1 if flexion is negative.

    Read from the coordinate's range: the side with more room is flexion (Rajagopal 0 to 120
    degrees, gait2392 -120 to 10 degrees).
    """
    return 1.0 if abs(knee.getRangeMax()) >= abs(knee.getRangeMin()) else -1.0


def set_angles(
    model, state, hip, knee, hip_flexion_deg: float, knee_flexion_deg: float, knee_sign: float
) -> None:
    """Set the hip and knee (degrees, our signs), satisfy the model's constraints, realize position."""
    hip.setValue(state, math.radians(hip_flexion_deg), False)
    knee.setValue(state, knee_sign * math.radians(knee_flexion_deg), False)
    model.assemble(state)
    model.realizePosition(state)
    for coordinate, wanted in ((hip, hip_flexion_deg), (knee, knee_sign * knee_flexion_deg)):
        got = math.degrees(coordinate.getValue(state))
        if abs(got - wanted) > 1e-6:
            raise RuntimeError(f"{coordinate.getName()} was set to {wanted} deg but reads {got} deg")


def to_text(value: float) -> str:
    """A number rounded to DECIMALS places, never written as -0.000000."""
    return f"{round(value, DECIMALS) + 0.0:.{DECIMALS}f}"  # adding 0.0 turns -0.0 into 0.0


def compute_model(osim, model_id: str, models_dir: Path) -> list[dict[str, object]]:
    """Rows (unrounded) of length, moment arm and finite-difference moment arm for one model."""
    filename, _, muscle_names = MODELS[model_id]
    model = osim.Model(str(models_dir / filename))
    coordinates = model.getCoordinateSet()
    hip, knee = coordinates.get(HIP_COORDINATE), coordinates.get(KNEE_COORDINATE)
    for coordinate in (hip, knee):
        # Unlocked so they can be set; unclamped because the assembler keeps a clamped coordinate
        # a hair off its limit (Rajagopal's knee read 0.0005 deg when set to 0). Every angle used
        # lies inside both models' ranges anyway.
        coordinate.set_locked(False)
        coordinate.set_clamped(False)
    state = model.initSystem()
    knee_sign = find_knee_sign(knee)
    all_muscles = model.getMuscles()
    present = {all_muscles.get(i).getName() for i in range(all_muscles.getSize())}
    muscles = [(name, all_muscles.get(f"{name}_r")) for name in muscle_names if f"{name}_r" in present]

    step = FD_STEP_DEG
    rows = []
    for knee_deg in KNEE_FLEXIONS_DEG:
        for hip_deg in HIP_FLEXIONS_DEG:
            set_angles(model, state, hip, knee, hip_deg + step, knee_deg, knee_sign)
            longer = {name: muscle.getLength(state) for name, muscle in muscles}
            set_angles(model, state, hip, knee, hip_deg - step, knee_deg, knee_sign)
            shorter = {name: muscle.getLength(state) for name, muscle in muscles}
            set_angles(model, state, hip, knee, hip_deg, knee_deg, knee_sign)
            for name, muscle in muscles:
                rows.append(
                    {
                        "model": model_id,
                        "muscle": name,
                        "knee_flexion_deg": knee_deg,
                        "hip_flexion_deg": hip_deg,
                        "hip_extension_deg": -hip_deg,
                        "length_m": muscle.getLength(state),
                        "moment_arm_m": -muscle.computeMomentArm(state, hip),
                        "fd_moment_arm_m": (longer[name] - shorter[name]) / math.radians(2 * step),
                    }
                )
    check_knee_sign(rows, model_id)
    return rows


def check_knee_sign(rows: list[dict[str, object]], model_id: str) -> None:
    """Hamstrings must be shorter with the knee bent: a guard on the knee's sign convention."""
    hamstring = "bflh" if model_id == "rajagopal2016" else "bifemlh"
    length = {
        (r["knee_flexion_deg"], r["hip_flexion_deg"]): r["length_m"] for r in rows if r["muscle"] == hamstring
    }
    if not length[(90, 0)] < length[(0, 0)]:
        raise RuntimeError(
            f"{model_id}: {hamstring} is not shorter with the knee bent; check the knee's sign"
        )


def build_notes(osim_version: str, models_dir: Path, max_gap: dict[str, float]) -> list[str]:
    """The `#` header lines: models, sources, software and method. No date, so reruns match."""
    notes = [
        (
            "Hip-extension moment arms and muscle-tendon lengths of the right leg from two generic, "
            "unscaled OpenSim models."
        ),
        "Written by scripts/compute_moment_arms.py; do not edit by hand.",
    ]
    for model_id, (filename, upstream_path, _) in MODELS.items():
        notes.append(
            f"Model {model_id}: {filename} (sha256 {hash_file(models_dir / filename)}...), "
            "copied unchanged from "
            f"{UPSTREAM_REPO} at commit {UPSTREAM_COMMIT}, {upstream_path}."
        )
        notes.append(f"Model {model_id} source: {CITATIONS[model_id]}.")
    notes += [
        f"Software: the opensim Python package, version {osim_version}.",
        (
            f"Method: {KNEE_COORDINATE} set to 0 and 90 degrees of knee flexion "
            "(gait2392 counts flexion as negative, "
            "Rajagopal2016 as positive; both are written here as positive knee_flexion_deg); "
            f"{HIP_COORDINATE} from "
            f"{HIP_FLEXIONS_DEG[0]} to {HIP_FLEXIONS_DEG[-1]} degrees in "
            f"{HIP_FLEXIONS_DEG[1] - HIP_FLEXIONS_DEG[0]}-degree "
            "steps; every other coordinate at its default; the two coordinates set are unlocked and "
            "unclamped (all angles "
            "lie inside the models' ranges); constraints assembled (Rajagopal2016's patella follows "
            "the knee), then position realized."
        ),
        (
            "length_m: Muscle.getLength (muscle-tendon length, m). "
            "moment_arm_m: -Muscle.computeMomentArm about "
            f"{HIP_COORDINATE} (m); positive means the muscle extends the hip. "
            "hip_extension_deg = -hip_flexion_deg."
        ),
        (
            "fd_moment_arm_m: check by central difference, "
            f"(L(theta+{FD_STEP_DEG}) - L(theta-{FD_STEP_DEG})) / "
            f"{2 * FD_STEP_DEG} degree in radians, which equals the hip-extension moment arm "
            "because the flexion "
            "moment arm is -dL/dtheta."
        ),
    ]
    for model_id, gap in max_gap.items():
        notes.append(f"Largest |moment_arm_m - fd_moment_arm_m| in {model_id}: {gap * 1000:.3f} mm.")
    notes.append(
        f"All values rounded to {DECIMALS} decimals. "
        "Muscle names are the models' own, without the '_r' side suffix."
    )
    return notes


def format_table(notes: list[str], rows: list[dict[str, object]]) -> str:
    """The CSV text: notes as `#` lines, then the header and the rounded rows."""
    buffer = io.StringIO()
    for note in notes:
        buffer.write(f"# {note}\n")
    writer = csv.writer(buffer, lineterminator="\n")
    writer.writerow(COLUMNS)
    for row in rows:
        writer.writerow(
            [
                row[c] if isinstance(row[c], (str, int)) else to_text(float(row[c]))  # type: ignore[arg-type]
                for c in COLUMNS
            ]
        )
    return buffer.getvalue()


def main(argv: list[str] | None = None) -> int:
    """Compute both models' tables and write the CSV; print the time taken and the FD check."""
    args = parse_args(argv)
    try:
        import opensim as osim
    except ImportError:
        print(
            "error: the opensim package is missing; install it in a separate venv: pip install opensim==4.6",
            file=sys.stderr,
        )
        return 2
    osim.Logger.setLevelString("error")
    models_dir = args.models.resolve()
    missing = [f for f, _, _ in MODELS.values() if not (models_dir / f).is_file()]
    if missing:
        print(f"error: model files not found in {models_dir}: {', '.join(missing)}", file=sys.stderr)
        return 2

    started = time.perf_counter()
    rows: list[dict[str, object]] = []
    max_gap: dict[str, float] = {}
    for model_id in MODELS:
        model_rows = compute_model(osim, model_id, models_dir)
        max_gap[model_id] = max(
            abs(round(float(r["moment_arm_m"]), DECIMALS) - round(float(r["fd_moment_arm_m"]), DECIMALS))  # type: ignore[arg-type]
            for r in model_rows
        )
        rows += model_rows
    text = format_table(build_notes(osim.__version__, models_dir, max_gap), rows)
    args.out.parent.mkdir(parents=True, exist_ok=True)
    temporary = args.out.with_suffix(".csv.tmp")
    temporary.write_text(text, encoding="utf-8")
    temporary.replace(args.out)
    elapsed = time.perf_counter() - started
    print(
        f"wrote {len(rows)} rows to {args.out} in {elapsed:.1f} s; "
        + "; ".join(f"{m}: max FD gap {g * 1000:.3f} mm" for m, g in max_gap.items())
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
