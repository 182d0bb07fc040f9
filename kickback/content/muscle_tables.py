"""The muscle tables a lesson shows: roles, measured activity, moment arms by hip angle."""

from __future__ import annotations

from ..data_files import read_table
from ..model.muscles import ROLES, muscle_moment_arm, read_muscles
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
            "anatomy from OpenStax Anatomy and Physiology 2e, chapter 11 (data/muscles.csv)."
        ),
    )


def show_muscle_activity(study: str | None = None) -> Table:
    """Measured muscle activity (%MVIC, mean ± SD) from data/muscle_activity.csv, as a table.

    Parameters
    ----------
    study : str or None, optional
        One study of the table; None for all.

    Returns
    -------
    Table
        Study, exercise, condition, muscle and activity (% of maximal voluntary isometric
        contraction, mean ± SD).
    """
    rows = [row for row in read_table("muscle_activity") if study is None or row["study"] == study]
    if not rows:
        studies = sorted({row["study"] for row in read_table("muscle_activity")})
        check_choice("study", study, studies)
    table_rows = [
        (
            r["study"],
            r["exercise"],
            r["condition"] or "-",
            r["muscle"],
            f"{float(r['mean']):g} ± {float(r['sd']):g}",
        )
        for r in rows
    ]
    sources = "; ".join(sorted({r["source"] for r in rows}))
    return Table(
        ("study", "exercise", "condition", "muscle", "%MVIC (mean ± SD)"),
        table_rows,
        f"Surface EMG. Sources: {sources}.",
    )


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
            rows.append((model, muscle, *values))
    headers = ("model", "muscle", *(f"hip {a:g}°" for a in angles))
    return Table(
        headers,
        rows,
        (
            f"Moment arm in mm, knee at {knee_flexion:g}°; from data/moment_arms.csv (OpenSim 4.6); "
            "'glmax' in gait2392 is the mean of its three parts."
        ),
    )
