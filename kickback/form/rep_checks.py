"""The checks run on each rep of a recorded set, and on the set as a whole (load and range over the reps).

Everything a check needs travels in `_SetData`, the person's own hip range included: no check reads
module state.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass

import numpy as np

from ..model.variants import QUADRUPED
from .findings import (
    CannotJudge,
    Finding,
    _arched,
    _finding,
    _pelvis,
    _short_top,
)
from .reps import (
    Rep,
)
from .shown_numbers import measured_words
from .thresholds import personal_hip_range, threshold

# --- the checks on a set ---------------------------------------------------------------------------


@dataclass(frozen=True)
class _SetData:
    """What every per-rep check reads: the smoothed angles on an even grid and where they are missing.

    `hip_range` is the person's own hip extension range (degrees), checked; None for the course's.
    """

    variant: str
    step: float
    angles: dict[str, np.ndarray]
    missing: dict[str, np.ndarray]
    side_view: bool
    hip_range: float | None = None

    def __post_init__(self) -> None:
        if self.hip_range is not None:
            object.__setattr__(self, "hip_range", personal_hip_range(self.hip_range))

    def window(self, name: str, rep: Rep) -> np.ndarray | None:
        """One angle over a rep (start to end), or None if the angle is absent or has a long gap there."""
        if name not in self.angles:
            return None
        part = slice(rep.start_index, rep.end_index + 1)
        if self.missing[name][part].any():
            return None
        return self.angles[name][part]


def _check_arched(data: _SetData, rep: Rep) -> list[Finding]:
    hip = data.window("hip_extension", rep)
    lumbar = data.window("lumbar_extension", rep)
    thigh_to_trunk = hip + lumbar if lumbar is not None else hip
    return _arched(
        rep.number,
        None if lumbar is None else float(lumbar.max()),
        float(thigh_to_trunk.max()),
        data.side_view,
        data.hip_range,
    )


def _furthest(values: np.ndarray) -> float:
    """The value furthest from 0 (degrees), with its sign."""
    return float(values[np.argmax(np.abs(values))])


def _check_rotation(data: _SetData, rep: Rep) -> list[Finding]:
    return _pelvis(rep.number, _furthest(data.window("pelvic_rotation", rep)))


def _check_hike(data: _SetData, rep: Rep) -> list[Finding]:
    """pelvic_rotation ("tilt or rotate"): a hip hike in a set, judged as `check_pose` judges one pose."""
    return _pelvis(rep.number, 0.0, _furthest(data.window("pelvic_hike", rep)))


def _check_trunk(data: _SetData, rep: Rep) -> list[Finding]:
    trunk = data.window("trunk_lean", rep)
    moved = float(trunk.max() - trunk.min())
    limit = threshold("trunk_excursion_max")
    if moved <= limit:
        return []
    message = (
        f"Rep {rep.number}: the trunk moved through {moved:.0f}° while the leg worked "
        f"(up to {limit:.0f}° is allowed); the core did not hold it still."
    )
    if data.side_view:
        message += (
            " From the side this can also be the lower back arching, which tilts the shoulder-hip line."
        )
    return [_finding("weak_core", "trunk_excursion", rep.number, moved, limit, "deg", limit, message)]


# On all fours the trunk's lean is held by the hands and knees on the floor: a core that does not hold
# shows in the lower back sagging and the pelvis dropping on the unsupported side as the leg rises.
_CORE_PARTS: dict[str, tuple[str, str, str]] = {
    # angle -> (check id, what moved in words, the position limit beyond which it is the other mistake)
    "lumbar_extension": ("lumbar_excursion", "the lower back sagged and rose", "lumbar_extension_max"),
    "pelvic_hike": ("pelvic_hike_excursion", "the pelvis dropped and rose on one side", "pelvic_hike_max"),
}


def _check_core_part(data: _SetData, rep: Rep, angle: str) -> list[Finding]:
    """weak_core on all fours: the lower back or the pelvis moved with the leg, inside the position limits.

    A lower back that passed the arched-back limit (or a pelvis past the hike limit) is that mistake,
    reported by its own check; within the limits, movement of more than `trunk_excursion_max` within a
    rep is the wobble a core that does not hold lets through.
    """
    values = data.window(angle, rep)
    check, words, position_limit = _CORE_PARTS[angle]
    moved = float(values.max() - values.min())
    limit = threshold("trunk_excursion_max")
    if moved <= limit or float(np.abs(values).max()) > threshold(position_limit):
        return []
    message = (
        f"Rep {rep.number}: {words} through {moved:.0f}° while the leg worked "
        f"(up to {limit:.0f}° is allowed); "
        "on all fours the core did not hold the trunk still."
    )
    return [_finding("weak_core", check, rep.number, moved, limit, "deg", limit, message)]


def _check_sag(data: _SetData, rep: Rep) -> list[Finding]:
    return _check_core_part(data, rep, "lumbar_extension")


def _check_drop(data: _SetData, rep: Rep) -> list[Finding]:
    return _check_core_part(data, rep, "pelvic_hike")


def _check_range(data: _SetData, rep: Rep) -> list[Finding]:
    return _short_top(rep.number, rep.peak_hip_extension_deg, data.variant, data.side_view, data.hip_range)


def _check_lowering(data: _SetData, rep: Rep) -> list[Finding]:
    limit = threshold("eccentric_min_s")
    if rep.eccentric_s >= limit:
        return []
    message = (
        f"Rep {rep.number}: the leg came down in {measured_words(rep.eccentric_s, limit, 's')} s "
        f"(at least {limit:.0f} s, ideally 3 s); the lowering was not controlled."
    )
    return [
        _finding(
            "incomplete_rom", "lowering_time", rep.number, rep.eccentric_s, limit, "s", limit / 2, message
        )
    ]


def _check_lift(data: _SetData, rep: Rep) -> list[Finding]:
    """momentum: a lift that is too quick, or a burst of speed within it."""
    found = []
    limit = threshold("concentric_min_s")
    if rep.concentric_s < limit:
        message = (
            f"Rep {rep.number}: the lift took {measured_words(rep.concentric_s, limit, 's')} s "
            f"(at least {limit:.0f} s); "
            "likely momentum."
        )
        found.append(
            _finding("momentum", "lift_time", rep.number, rep.concentric_s, limit, "s", limit / 2, message)
        )
    speed_limit = threshold("peak_speed_factor") * max(rep.range_deg, 0.0) / limit
    if rep.range_deg > 0 and rep.peak_speed_deg_s > speed_limit:
        message = (
            f"Rep {rep.number}: the leg peaked at {rep.peak_speed_deg_s:.0f}°/s, "
            f"faster than {speed_limit:.0f}°/s "
            f"for its {rep.range_deg:.0f}° range: a kick, not a squeeze."
        )
        found.append(
            _finding(
                "momentum",
                "peak_speed",
                rep.number,
                rep.peak_speed_deg_s,
                speed_limit,
                "deg/s",
                speed_limit / 2,
                message,
            )
        )
    return found


def _check_hold(data: _SetData, rep: Rep) -> list[Finding]:
    limit = threshold("top_hold_min_s")
    if rep.top_hold_s >= limit:
        return []
    message = (
        f"Rep {rep.number}: no pause at the top ({measured_words(rep.top_hold_s, limit, 's')} s; "
        f"at least {limit:.1f} s): "
        "the leg swung through."
    )
    return [_finding("momentum", "top_hold", rep.number, rep.top_hold_s, limit, "s", limit / 2, message)]


def _arrival_fraction(data: _SetData, previous: Rep, rep: Rep) -> float:
    """How fast the leg arrived at the bottom before `rep`.

    As a fraction of the previous rep's fastest lowering.
    """
    hip = data.angles["hip_extension"]
    bottom = previous.lower_peak_index + int(
        np.argmin(hip[previous.lower_peak_index : rep.lift_peak_index + 1])
    )
    window = max(1, int(round(threshold("rebound_window_s") / data.step)))
    first = max(previous.lower_peak_index, bottom - window)
    speeds = -np.diff(hip[first : bottom + 1]) / data.step
    return float(speeds.mean()) / previous.peak_lowering_speed_deg_s if len(speeds) else 0.0


def _check_rebound(data: _SetData, rep: Rep, previous: Rep | None) -> list[Finding]:
    """momentum: the leg was not braked at the bottom but bounced into this rep's lift."""
    if previous is None or previous.peak_lowering_speed_deg_s <= 0:
        return []
    fraction = _arrival_fraction(data, previous, rep)
    limit = threshold("rebound_speed_fraction")
    if fraction <= limit:
        return []
    message = (
        f"Rep {rep.number}: the leg reached the bottom still moving at {fraction:.0%} "
        "of its fastest lowering speed "
        f"(up to {limit:.0%} is allowed) and bounced into the lift."
    )
    return [_finding("momentum", "rebound", rep.number, fraction, limit, "fraction", 0.2, message)]


@dataclass(frozen=True)
class _RepCheck:
    """One per-rep check: the mistake, the check's id, the angles it needs, the function, and the
    variants it applies to (None: every variant)."""

    mistake: str
    check: str
    needs: tuple[str, ...]
    function: Callable[[_SetData, Rep], list[Finding]]
    variants: tuple[str, ...] | None = None

    def applies(self, data: _SetData) -> bool:
        """True when the set's variant is one the check judges and every angle it needs was recorded."""
        wanted = self.variants is None or data.variant in self.variants
        return wanted and all(name in data.angles for name in self.needs)


_REP_CHECKS: tuple[_RepCheck, ...] = (
    _RepCheck("arched_back", "arched_back", ("hip_extension",), _check_arched),
    _RepCheck("momentum", "lift", ("hip_extension",), _check_lift),
    _RepCheck("momentum", "top_hold", ("hip_extension",), _check_hold),
    _RepCheck("incomplete_rom", "top_position", ("hip_extension",), _check_range),
    _RepCheck("incomplete_rom", "lowering_time", ("hip_extension",), _check_lowering),
    _RepCheck("weak_core", "trunk_excursion", ("trunk_lean",), _check_trunk),
    _RepCheck("weak_core", "lumbar_excursion", ("lumbar_extension",), _check_sag, (QUADRUPED,)),
    _RepCheck("weak_core", "pelvic_hike_excursion", ("pelvic_hike",), _check_drop, (QUADRUPED,)),
    _RepCheck("pelvic_rotation", "pelvic_rotation", ("pelvic_rotation",), _check_rotation),
    _RepCheck("pelvic_rotation", "pelvic_hike", ("pelvic_hike",), _check_hike),
)


def _absent_reasons(data: _SetData) -> list[CannotJudge]:
    """What cannot be judged at all because an angle was not measured."""
    items = []
    if "lumbar_extension" not in data.angles:
        if data.side_view:
            reason = (
                "From a side view the lumbar spine is not seen: its arch is not measured. "
                "arched_back is judged "
                "from the thigh's angle to the trunk line instead "
                "(beyond the hip's own range the back lent the rest)."
            )
        else:
            reason = (
                "No lumbar_extension_deg column: the lower back's arch was not measured. "
                "arched_back is judged "
                "from the hip angle alone (beyond the hip's own range the back lent the rest)."
            )
        items.append(CannotJudge("arched_back", "lumbar_extension", reason))
    if "trunk_lean" not in data.angles:
        items.append(
            CannotJudge(
                "weak_core",
                "trunk_excursion",
                "No trunk_lean_deg column: how still the trunk stayed was not measured.",
            )
        )
    if "pelvic_rotation" not in data.angles:
        reason = (
            "A side view cannot see the pelvis turn: it turns across the camera's line of sight."
            if data.side_view
            else "No pelvic_rotation_deg column: the pelvis's turning was not measured."
        )
        items.append(CannotJudge("pelvic_rotation", "pelvic_rotation", reason))
    if "pelvic_hike" not in data.angles:
        reason = (
            "A side view cannot see the pelvis tilt side to side (a hip hike): that needs a view from behind."
            if data.side_view
            else "No pelvic_hike_deg column: whether one side of the pelvis hiked up was not measured."
        )
        items.append(CannotJudge("pelvic_rotation", "pelvic_hike", reason))
    if data.variant == QUADRUPED and not {"lumbar_extension", "pelvic_hike"} & set(data.angles):
        reason = (
            "On all fours a core that does not hold shows in the lower back sagging and the pelvis dropping "
            "on one side; "
            + (
                "a side view sees neither, only the shoulder-hip line"
                if data.side_view
                else "neither was measured (no lumbar_extension_deg or pelvic_hike_deg column)"
            )
            + ", so only the trunk's lean is judged."
        )
        items.append(CannotJudge("weak_core", "lower_back_and_pelvis", reason))
    return items


def _judge_reps(data: _SetData, reps: Sequence[Rep]) -> tuple[list[Finding], list[CannotJudge]]:
    """Run every per-rep check on every rep.

    A rep with a long gap in an angle a check needs is not judged by it.
    """
    findings: list[Finding] = []
    unjudged: list[CannotJudge] = []
    for i, rep in enumerate(reps):
        for item in _REP_CHECKS:
            if not item.applies(data):
                continue
            if any(data.window(name, rep) is None for name in item.needs):
                unjudged.append(CannotJudge(item.mistake, item.check, _gap_reason(item.needs), rep.number))
                continue
            findings += item.function(data, rep)
        if data.window("hip_extension", rep) is not None:
            findings += _check_rebound(data, rep, reps[i - 1] if i else None)
    return findings, unjudged


def _gap_reason(needs: Iterable[str]) -> str:
    gap = threshold("gap_fill_max_s")
    return f"{' and '.join(needs)} is missing (or low-confidence) for more than {gap:g} s in this rep."


def _load_trend(
    data: _SetData, reps: Sequence[Rep], findings: Sequence[Finding]
) -> tuple[list[Finding], list[CannotJudge]]:
    """excessive_load: the range shrinking, or compensations appearing, late in the set.

    The compensations are arching, momentum or a moving trunk.
    """
    needed = int(threshold("load_min_reps"))
    if len(reps) < needed:
        reason = f"{len(reps)} reps: a trend over the set needs at least {needed}."
        return [], [CannotJudge("excessive_load", "load_trend", reason)]
    k = max(2, len(reps) // 3)
    early, late = reps[:k], reps[-k:]
    found = _range_drop(early, late) + _appearing(early, late, findings)
    return found, []


def _range_drop(early: Sequence[Rep], late: Sequence[Rep]) -> list[Finding]:
    first = float(np.mean([rep.peak_hip_extension_deg for rep in early]))
    last = float(np.mean([rep.peak_hip_extension_deg for rep in late]))
    drop, limit = first - last, threshold("load_rom_drop_deg")
    if drop <= limit:
        return []
    message = (
        f"The hip's peak fell from {first:.0f}° in the first {len(early)} reps "
        f"to {last:.0f}° in the last {len(late)} "
        f"({drop:.0f}° less; up to {limit:.0f}° is allowed): the load outlasted the glute."
    )
    return [_finding("excessive_load", "range_drop", None, drop, limit, "deg", limit, message)]


_SHOWN_AS = {
    "arched_back": "An arched back",
    "momentum": "Momentum",
    "weak_core": "A trunk the core did not hold still",
}


def _appearing(early: Sequence[Rep], late: Sequence[Rep], findings: Sequence[Finding]) -> list[Finding]:
    """A compensation seen in the last third of the set but not in the first."""
    found = []
    early_numbers = {rep.number for rep in early}
    late_numbers = {rep.number for rep in late}
    for mistake, words in _SHOWN_AS.items():
        reps_with = {f.rep for f in findings if f.mistake == mistake}
        showing = sorted(reps_with & late_numbers)
        if showing and not reps_with & early_numbers:
            listed = ", ".join(str(n) for n in showing)
            message = (
                f"{words} showed in the last {len(late)} reps (rep {listed}; first seen in rep "
                f"{min(reps_with)}) but not in the first {len(early)}: the load grew heavier than your form."
            )
            found.append(
                _finding(
                    "excessive_load",
                    f"{mistake}_appearing",
                    None,
                    len(showing),
                    0,
                    "reps",
                    len(late),
                    message,
                )
            )
    return found
