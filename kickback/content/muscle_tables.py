"""The muscle tables a lesson shows: roles, measured activity, moment arms by hip angle, the levers ranked."""

from __future__ import annotations

from ..data_files import read_table
from ..model.muscles import LEVER_PARTS, ROLES, force_capacity, muscle_moment_arm, rank_levers, read_muscles
from ..model.strength import hip_extension_strength, strength_groups, strongest_hip_angle
from ..table import Table
from ..validate import check_choice

# --- tables for the lessons -----------------------------------------------------------------

ROLE_NAMES: dict[str, str] = {
    "primary_mover": "primary mover",
    "synergist": "synergist",
    "stabilizer": "stabilizer",
}


def show_muscles(role: str | None = None) -> Table:
    """The muscles (of one role, or all) with origin, insertion and action, as a table for a notebook.

    Parameters
    ----------
    role : str or None, optional
        "primary_mover", "synergist" or "stabilizer"; None for all.

    Returns
    -------
    Table
        Muscle, role, origin, insertion and what it does.
    """
    if role is not None:
        check_choice("role", role, ROLES)
    chosen = [m for m in read_muscles() if role is None or m.role == role]
    rows = [(m.name, ROLE_NAMES[m.role], m.origin, m.insertion, m.action) for m in chosen]
    return Table(
        ("muscle", "role", "origin", "insertion", "what it does"),
        rows,
        (
            "Roles as the course article names them; "
            "anatomy from OpenStax Anatomy and Physiology 2e, chapter 11."
        ),
    )


def _activity(row: dict[str, str]) -> str:
    """A %MVIC cell in words: "52 ± 15", or "about 30" where the source gives no SD."""
    if not row["sd"]:
        return f"about {float(row['mean']):g}"
    return f"{float(row['mean']):g} ± {float(row['sd']):g}"


def show_muscle_activity(study: str | None = None) -> Table:
    """Measured muscle activity (%MVIC, mean ± SD) from data/muscle_activity.csv, as a table.

    %MVIC is muscle activity as a share of the muscle's maximum voluntary isometric contraction,
    measured with surface EMG (electrodes on the skin). Each study sets its own 100 %, so the table
    says to compare rows only within one study.

    Parameters
    ----------
    study : str or None, optional
        One study of the table; None for all.

    Returns
    -------
    Table
        Study, exercise, condition, muscle, activity (% of maximal voluntary isometric
        contraction, mean ± SD) and a note on what was measured.
    """
    rows = [row for row in read_table("muscle_activity") if study is None or row["study"] == study]
    if not rows:
        studies = sorted({row["study"] for row in read_table("muscle_activity")})
        check_choice("study", study, studies)
    table_rows = [
        (r["study"], r["exercise"], r["condition"] or "-", r["muscle"], _activity(r), r.get("note", ""))
        for r in rows
    ]
    sources = "; ".join(sorted({r["source"] for r in rows}))
    return Table(
        ("study", "exercise", "condition", "muscle", "%MVIC (mean ± SD)", "what was measured"),
        table_rows,
        (
            "Surface EMG. Compare numbers only within one study: each study measures its own 100 % "
            f"(maximum test), so a number from one study says nothing next to another's. Sources: {sources}."
        ),
    )


MODEL_WORDS: dict[str, str] = {
    "rajagopal2016": "Rajagopal et al. 2016",
    "gait2392": "gait2392 (older model)",
}
"""The two musculoskeletal models in plain words (data/moment_arms.csv names them by their ids)."""

MUSCLE_WORDS: dict[str, str] = {
    "glmax1": "gluteus maximus, upper part",
    "glmax2": "gluteus maximus, middle part",
    "glmax3": "gluteus maximus, lower part",
    "glmax": "gluteus maximus",
    "bflh": "biceps femoris (long head)",
    "semiten": "semitendinosus",
    "semimem": "semimembranosus",
}
"""The model's muscle ids in plain words."""


def _hip_words(angle: float) -> str:
    """A hip angle as a column heading: "hip flexed 90°", "hip neutral", "hip extended 20°"."""
    if angle == 0:
        return "hip neutral (0°)"
    return f"hip {'flexed' if angle < 0 else 'extended'} {abs(angle):g}°"


def show_moment_arms(
    angles: tuple[float, ...] = (-90, -60, -30, 0, 20), *, knee_flexion: float = 0.0
) -> Table:
    """Hip-extension moment arms (mm) of the gluteus maximus parts and hamstrings, both models.

    Parameters
    ----------
    angles : tuple of float, optional
        Hip extension angles (degrees), -100 to 20.
    knee_flexion : float, optional
        Knee flexion (degrees), 0 to 90.

    Returns
    -------
    Table
        One row per model and muscle; moment arms in millimetres.
    """
    rows = []
    for model, muscles in (
        ("rajagopal2016", ("glmax1", "glmax2", "glmax3", "bflh", "semiten", "semimem")),
        ("gait2392", ("glmax",)),
    ):
        for muscle in muscles:
            values = [
                format(
                    muscle_moment_arm(muscle, hip_extension=a, knee_flexion=knee_flexion, model=model) * 1000,
                    ".0f",
                )
                for a in angles
            ]
            rows.append((MODEL_WORDS[model], MUSCLE_WORDS[muscle], *values))
    headers = ("model", "muscle", *(_hip_words(a) for a in angles))
    return Table(
        headers,
        rows,
        (
            f"Moment arm in mm, knee at {knee_flexion:g}°; from the Rajagopal et al. 2016 and "
            "gait2392 models (OpenSim 4.6); the older model's gluteus maximus is the mean of its three parts."
        ),
    )


def show_levers(*, hip_extension: float, knee_flexion: float = 0.0) -> Table:
    """The hip extensors ranked by effective lever at one hip and knee angle, with the rule in words.

    Parameters
    ----------
    hip_extension : float
        Hip extension (degrees), -100 to 20.
    knee_flexion : float, optional
        Knee flexion (degrees), 0 to 90.

    Returns
    -------
    Table
        Muscle, moment arm (mm), how hard it can pull at its present length (% of its greatest
        force) and the effective lever (mm): moment arm × that share.
    """
    names = {muscle.id: muscle.name for muscle in read_muscles()}
    rows = []
    for muscle, lever in rank_levers(hip_extension=hip_extension, knee_flexion=knee_flexion):
        parts = LEVER_PARTS[muscle]
        arm = sum(muscle_moment_arm(p, hip_extension=hip_extension, knee_flexion=knee_flexion) for p in parts)
        share = sum(force_capacity(p, hip_extension=hip_extension, knee_flexion=knee_flexion) for p in parts)
        rows.append(
            (
                names.get(muscle, muscle),
                f"{arm / len(parts) * 1000:.0f}",
                f"{share / len(parts) * 100:.0f} %",
                f"{lever * 1000:.0f}",
            )
        )
    return Table(
        ("muscle", "moment arm (mm)", "can pull at this length", "effective lever (mm)"),
        rows,
        (
            f"Hip {hip_extension:g}°, knee {knee_flexion:g}°. Effective lever = moment arm × how hard the "
            "muscle can still pull at its present length. The hamstrings cross the knee too: bending the "
            "knee (on all fours, on the machine) shortens them, and with the hip extended they are so short "
            "that they pull weakly, so the gluteus maximus, which does not cross the knee, does more of the "
            "work. Moment arms and muscle lengths: Rajagopal et al. 2016 model; "
            "force-length curve after Thelen 2003. The tendon is taken not to "
            "stretch (a teaching simplification): read it as a ranking, not as forces. "
            "Adductor magnus: its back (ischial) part, the part that extends the hip."
        ),
    )


def show_strength_curve() -> Table:
    """Where the hip extensors are strongest, and how strong they still are standing straight.

    Returns
    -------
    Table
        One row per measured group: the hip angle of peak strength and the strength at 0 degrees (standing
        straight) as a share of that peak, from Anderson et al. (2007).
    """
    rows = []
    for sex, age_group in strength_groups():
        peak = strongest_hip_angle(sex=sex, age_group=age_group)
        upright = hip_extension_strength(0.0, sex=sex, age_group=age_group)
        rows.append((f"{sex}, {age_group}", _hip_words(float(round(peak))), f"{upright:.0%}"))
    return Table(
        ("group", "strongest at", "strength standing straight (share of peak)"),
        rows,
        "Measured maximal isometric hip extension (Anderson, Madigan & Nussbaum 2007, J Biomech 40:3105). "
        "The course reads the fitted curve from hip flexed 90° to standing "
        "straight, never past it.",
    )
