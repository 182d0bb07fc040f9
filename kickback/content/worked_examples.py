"""The lessons' worked examples: one call each, with a plain name, that answers in words or a table.

A learner who does not code should never have to read a loop, an f-string or a try/except to follow a
lesson. Each example that once needed such a cell is a function here: it runs the model and says the
result in plain words (a `Said`) or as a `kickback.table.Table`. Nothing here draws.
"""

from __future__ import annotations

from dataclasses import dataclass

from ..form.recordings import RECORDINGS_DIR, list_recordings
from ..model.anthropometrics import default_body
from ..model.loads import MachineLoad, default_load, measure_pad_force
from ..model.muscles import muscle_length, muscle_moment_arm
from ..model.pose import POSE_FIELDS, Pose, start_pose, top_pose
from ..model.torque import glute_force_estimate, hip_extension_torque, measure_line_of_pull, split_hip_torque
from ..model.variants import check_variant
from ..table import Table
from ..validate import check_choice, check_in_range
from .tempo import parse_tempo, to_article_notation, to_four_digit
from .tempo_check import compare_with_recording, show_comparison

G = 9.81  # m/s², to say a force in newtons as the weight of a mass in kilograms

# Plain words for the form checker's threshold ids (data/thresholds.csv), for tables a learner reads.
THRESHOLD_WORDS: dict[str, str] = {
    "lumbar_extension_max": "most the lower back may arch beyond neutral",
    "thigh_trunk_margin": "margin beyond the hip's own range before a side view infers an arch",
    "rom_shortfall_max": "how far short of the target top a rep may stop",
    "concentric_min_s": "shortest lift (seconds) before it counts as a swing",
    "eccentric_min_s": "shortest lowering (seconds) before it counts as a drop",
    "peak_speed_factor": "fastest the leg may move, in rep ranges per second",
    "top_hold_min_s": "shortest hold at the top (seconds)",
    "rebound_window_s": "time at the bottom in which a bounce is looked for (seconds)",
    "rebound_speed_fraction": "speed at the bottom, as a share of the lowering's top speed, that is a bounce",
    "trunk_excursion_max": "most the trunk may rock during a rep",
    "pelvic_rotation_max": "most the pelvis may turn open",
    "pelvic_hike_max": "most the working side of the pelvis may rise (hike)",
    "load_min_reps": "fewest reps before the checker judges whether the load is too heavy",
    "load_rom_drop_deg": "how far the top may sink from the first reps to the last",
}


@dataclass(frozen=True)
class Said:
    """A result in plain words: a notebook shows the sentence, nothing else."""

    text: str

    def __repr__(self) -> str:
        return self.text

    def __str__(self) -> str:
        return self.text


def plain_words(threshold_id: str) -> str:
    """The plain-words name of a form threshold id, or the id itself when none is written."""
    return THRESHOLD_WORDS.get(threshold_id, threshold_id.replace("_", " "))


def try_pose(**angles: float) -> Said:
    """Try a pose and say whether the model accepts it, and if not, why.

    Parameters
    ----------
    **angles : float
        Any of the pose's angles (degrees): trunk_lean, lumbar_extension, hip_extension, knee_flexion, ...

    Returns
    -------
    Said
        "Accepted: ..." with the angles, or "Not accepted: ..." with the field, the allowed range and
        the value given.

    >>> try_pose(hip_extension=15)
    Accepted: trunk lean 0°, lumbar extension 0°, hip extension 15°, ...
    >>> try_pose(hip_extension=400)
    Not accepted: hip_extension ... got 400
    """
    unknown = sorted(set(angles) - set(POSE_FIELDS))
    if unknown:
        return Said(
            f"Not accepted: a pose has no angle called {unknown[0]!r}; "
            f"its angles are {', '.join(POSE_FIELDS)}."
        )
    try:
        pose = Pose(**angles)
    except ValueError as error:
        return Said(f"Not accepted: {error}")
    words = ", ".join(f"{name.replace('_', ' ')} {value:.0f}°" for name, value in pose.as_dict().items())
    return Said(f"Accepted: {words}.")


def compare_cable_taut_and_resting() -> Table:
    """Hip torque (N·m) at the start of a standing cable rep, cable taut versus stack resting.

    Uses the course's reference body (1.75 m, 75 kg) and the default 10 kg stack (data/loads.csv).

    Returns
    -------
    Table
        Two rows: the torque the hip extensors must make (N·m) with the cable taut, and with the
        stack resting so that only the leg's own weight is left.
    """
    load = default_load("cable")
    parts = split_hip_torque(start_pose("cable"), default_body(), "cable", load=load)
    return Table(
        ("at the start of a rep", "the hip extensors must make"),
        [
            (f"cable taut ({load.stack_mass_kg:.0f} kg stack)", f"{parts.total:.0f} N·m"),
            ("stack resting on the pile", f"{parts.leg:.0f} N·m (the leg's own weight only)"),
        ],
        "Model: Winter's proportions for 1.75 m and 75 kg; the stack is a teaching default.",
    )


def compare_pad_positions(positions: tuple[float, ...] = (0.85, 0.6), *, mass_kg: float = 20.0) -> Table:
    """How hard a kickback machine's pad presses on the thigh, for pads set at different heights.

    Parameters
    ----------
    positions : tuple of float, optional
        Where the pad sits, as a fraction of the thigh's length from the hip (0.85 = near the knee).
    mass_kg : float, optional
        The stack on a cam machine (kg).

    Returns
    -------
    Table
        Per pad position: the pad's force on the thigh (N) and the machine's torque (N·m), which is
        the same for every position.
    """
    mass = check_in_range("mass_kg", mass_kg, 0, 200, "kg")
    load = MachineLoad(mass)
    body = default_body()
    rows = []
    for spot in positions:
        force = measure_pad_force(load, body, pad_position=spot)
        rows.append(
            (
                f"{spot:.0%} of the way from hip to knee",
                f"{force:.0f} N (the weight of about {force / G:.0f} kg)",
                f"{load.get_torque(90.0):.0f} N·m",
            )
        )
    return Table(
        ("pad position", "the pad presses on the thigh with", "the machine's torque"),
        rows,
        f"A {mass:.0f} kg cam machine, thigh parallel to the floor; body 1.75 m, 75 kg (Winter's table).",
    )


def _hip_angles(variant: str, steps: int = 3) -> list[float]:
    """Hip extension angles (degrees) from the variant's start pose to its correct top, evenly spaced."""
    low, high = start_pose(variant).hip_extension, top_pose(variant).hip_extension
    return [low + (high - low) * i / (steps - 1) for i in range(steps)]


def show_machine_resistance() -> Table:
    """The machine kickback's torque split into the machine's part and the leg's part, start to top.

    Returns
    -------
    Table
        At the start, the middle and the correct top: hip extension (degrees), the machine's part, the
        leg's own weight and the total the hip extensors must make (all N·m).
    """
    body, load = default_body(), default_load("machine")
    base = start_pose("machine")
    rows = []
    for angle in _hip_angles("machine"):
        parts = split_hip_torque(base.replace(hip_extension=angle), body, "machine", load=load)
        rows.append(
            (f"{angle:.0f}°", f"{parts.load:.0f} N·m", f"{parts.leg:.0f} N·m", f"{parts.total:.0f} N·m")
        )
    return Table(
        ("hip extension", "the machine's part", "the leg's own weight", "total"),
        rows,
        "Model: a 20 kg cam machine (a teaching default); body 1.75 m, 75 kg (Winter).",
    )


def compare_machine_kinds(mass_kg: float = 20.0) -> Table:
    """A cam machine against a plate-loaded lever of the same mass: the machine's part of the torque.

    Parameters
    ----------
    mass_kg : float, optional
        The stack or the plates (kg).

    Returns
    -------
    Table
        At the start, the middle and the correct top of the machine kickback: hip extension (degrees),
        the cam machine's part and the plate-loaded lever's part (N·m).
    """
    mass = check_in_range("mass_kg", mass_kg, 0, 200, "kg")
    body, base = default_body(), start_pose("machine")
    rows = []
    for angle in _hip_angles("machine"):
        pose = base.replace(hip_extension=angle)
        cam = split_hip_torque(pose, body, "machine", load=MachineLoad(mass, kind="cam")).load
        plate = split_hip_torque(pose, body, "machine", load=MachineLoad(mass, kind="plate")).load
        rows.append((f"{angle:.0f}°", f"{cam:.0f} N·m", f"{plate:.0f} N·m"))
    return Table(
        ("hip extension", "cam machine", "plate-loaded lever"),
        rows,
        f"The machine's part only, {mass:.0f} kg each (model idealisations); "
        "the leg's own weight comes on top.",
    )


def show_torque_by_angle(
    variant: str = "bodyweight", hip_extension: tuple[float, ...] = (-80, -40, 0, 10)
) -> Table:
    """The torque the leg's own weight asks of the hip extensors, at a few hip angles.

    Parameters
    ----------
    variant : str, optional
        "cable", "machine" or "bodyweight" (the load is left off: the leg's weight only).
    hip_extension : tuple of float, optional
        Hip extension angles (degrees); negative means the thigh is in front of the trunk line.

    Returns
    -------
    Table
        Per angle: where the thigh is, and the torque (N·m).
    """
    check_variant(variant)
    body, base = default_body(), start_pose(variant)
    rows = []
    for angle in hip_extension:
        torque = hip_extension_torque(base.replace(hip_extension=angle), body, variant)
        place = "in line with the trunk" if angle == 0 else ("in front of" if angle < 0 else "behind")
        where = place if angle == 0 else f"{abs(angle):.0f}° {place} the trunk line"
        rows.append((f"{angle:.0f}°", where, f"{torque:.0f} N·m"))
    return Table(
        ("hip extension", "the thigh is", "torque the leg's weight asks for"),
        rows,
        f"{variant}, no added load; body 1.75 m, 75 kg (Winter's proportions).",
    )


def show_leg_weight_torque(variant: str = "bodyweight") -> Said:
    """The torque (N·m) the leg's own weight asks of the hip extensors at the variant's correct top."""
    check_variant(variant)
    torque = hip_extension_torque(top_pose(variant), default_body(), variant)
    return Said(
        f"At the correct top ({variant}), the leg's own weight asks the hip extensors for {torque:.1f} N·m "
        "(body 1.75 m, 75 kg)."
    )


def show_cable_line_of_pull() -> Said:
    """Tension (N) × distance from the hip to the cable (m) = torque (N·m), at the cable's correct top."""
    load = default_load("cable")
    pull = measure_line_of_pull(top_pose("cable"), default_body(), "cable", load)
    return Said(
        f"Cable tension {pull.force_n:.1f} N × distance from the hip to the cable "
        f"{pull.moment_arm_m * 100:.1f} cm "
        f"= {pull.torque_nm:.1f} N·m (a {load.stack_mass_kg:.0f} kg stack, at the correct top)."
    )


def estimate_glute_force(variant: str = "bodyweight") -> Said:
    """An upper estimate of the gluteus maximus force (N) at the correct top, if it worked alone."""
    check_variant(variant)
    force = glute_force_estimate(top_pose(variant), default_body(), variant)
    return Said(
        f"About {force:.0f} N, roughly the weight of {force / G:.0f} kg, if the gluteus maximus did all the "
        "work; the hamstrings and the adductor magnus share it, so the real figure is lower."
    )


def compare_knee_angles(hip_extension: float = 10.0) -> Table:
    """What bending the knee to 90° changes at the top of a kickback: muscle lengths and levers.

    Parameters
    ----------
    hip_extension : float, optional
        The hip angle to compare at (degrees); 10° is the bodyweight kickback's correct top.

    Returns
    -------
    Table
        For the gluteus maximus (middle part) and the long head of biceps femoris (a hamstring): the
        muscle–tendon length (cm) and the hip-extension moment arm (cm) with the knee straight and
        bent 90° (Rajagopal et al. 2016 model).
    """
    hip = check_in_range("hip_extension", hip_extension, -90, 30, "degrees")
    rows = []
    for muscle, name in (("glmax2", "gluteus maximus (middle part)"), ("bflh", "biceps femoris, long head")):
        straight = muscle_length(muscle, hip_extension=hip, knee_flexion=0)
        bent = muscle_length(muscle, hip_extension=hip, knee_flexion=90)
        arm_straight = muscle_moment_arm(muscle, hip_extension=hip, knee_flexion=0)
        arm_bent = muscle_moment_arm(muscle, hip_extension=hip, knee_flexion=90)
        rows.append(
            (
                name,
                f"{straight * 100:.1f} cm → {bent * 100:.1f} cm ({(bent - straight) * 100:+.1f} cm)",
                f"{arm_straight * 100:.1f} cm → {arm_bent * 100:.1f} cm",
            )
        )
    return Table(
        ("muscle", "length, knee straight → bent 90°", "lever at the hip, knee straight → bent 90°"),
        rows,
        f"Hip extended {hip:.0f}°. Rajagopal et al. 2016 musculoskeletal model.",
    )


def write_tempo_both_ways(tempo: str = "2-1-3") -> Said:
    """A tempo in the article's up-hold-down notation, written also in the four-digit notation."""
    prescription = parse_tempo(tempo)
    four = to_four_digit(tempo)
    return Said(
        f"{to_article_notation(four)} (up {prescription.up_s} s, hold {prescription.hold_s} s, down "
        f"{prescription.down_s} s) is {four} in gym notation, which starts with the lowering (down, pause at "
        "the bottom, up, hold at the top)."
    )


def _example_files() -> dict[str, str]:
    """The shipped angle recordings by plain name ("cable_momentum" for cable_momentum_angles.csv)."""
    return {
        name.removesuffix("_angles.csv"): name for name in list_recordings() if name.endswith("_angles.csv")
    }


def compare_example_set(example: str = "cable_momentum", tempo: str = "2-1-3") -> Table:
    """One of the course's simulated example sets, phase by phase, against a tempo.

    Parameters
    ----------
    example : str, optional
        A shipped example, named without its file ending, e.g. "cable_momentum" or "cable_good".
    tempo : str, optional
        The tempo the set should have followed, in seconds up-hold-down ("2-1-3").

    Returns
    -------
    Table
        Per phase: seconds asked, seconds measured (the median over the reps) and a verdict in words.
    """
    files = _example_files()
    check_choice("example", example, tuple(files))
    variant = example.split("_", 1)[0]
    return show_comparison(compare_with_recording(tempo, RECORDINGS_DIR / files[example], variant))
