"""The resistance-profile table in one call: every load the course compares, on the standard body.

The table itself is computed in `curves` (it shares the curves the figure draws); this wrapper gives
the lesson a call without arguments and a caption that names the sources without file paths.
"""

from __future__ import annotations

from ..model.anthropometrics import Body, default_body
from ..table import Table
from . import curves
from .curves import ProfileCase, profile_cases


def show_profiles(cases: list[ProfileCase] | None = None, body: Body | None = None) -> Table:
    """Where each way of loading the kickback is hardest and easiest, as a table.

    Parameters
    ----------
    cases : list of ProfileCase, optional
        The loads to compare; by default the six the course draws (bodyweight, mini band, band in
        front, dumbbell, cable, machine) at their teaching defaults.
    body : Body, optional
        Segment lengths (m) and masses (kg); by default a 1.75 m, 75 kg person.

    Returns
    -------
    Table
        Per load: the curve's shape, and its hardest and easiest points (N·m at degrees of hip
        extension).
    """
    cases = profile_cases() if cases is None else list(cases)
    body = default_body() if body is None else body
    if not all(isinstance(case, ProfileCase) for case in cases):
        raise ValueError(f"cases must be a list of ProfileCase (e.g. profile_cases()); got {cases!r}")
    if not isinstance(body, Body):
        raise ValueError(f"body must be a Body (e.g. default_body()); got {body!r}")
    table = curves.show_profiles(cases, body)
    caption = (
        f"Model: a {body.height:.2f} m, {body.mass:.0f} kg body (Winter's segment table); "
        "the loads are the course's teaching defaults, not measured machines."
    )
    return Table(table.headers, table.rows, caption)
