"""The rear view in words: the caption under it, the callouts on it and its alt text, and how far the
pelvis bar tilts in the picture (a hike on all fours shows foreshortened, and the words say so).
"""

from __future__ import annotations

import math

from ..model.anthropometrics import default_body
from ..model.pose import Pose
from .rear_geometry import RearShapes, bar_ends, rear_view_shapes

STILL = 0.5  # degrees: below this a turn or hike counts as none
MARK_KEYS = {  # the rear view's marks, in the key's order: what each line on the picture means
    "dimples": "Dark bar: hip bone to hip bone",
    "level": "grey dotted: level",
    "ghost": "grey dashed: the square, level pose",
    "through": "white dotted: the pelvis's edge behind the leg",
}


def rear_key(drawn: set[str]) -> str:
    """The key to the rear view's marks, one line naming each of `drawn` (names in MARK_KEYS), so a
    figure never explains a mark it does not show."""
    said = [words for name, words in MARK_KEYS.items() if name in drawn]
    if not said:
        return ""
    return "; ".join([said[0][0].upper() + said[0][1:], *said[1:]]) + "."


def seen_bar_tilt(shapes: RearShapes) -> float:
    """How far the pelvis bar tilts in the picture (degrees, working side up > 0). Standing, a hike
    tilts the pelvis across the line of sight and the bar shows all of it; on all fours the hike's axis
    is near vertical, so the working hip goes mostly away from the viewer and only its rise seen from
    above tilts the bar: a 12 degree hike shows as about half that (foreshortening, not a smaller hike)."""
    stance, working = bar_ends(shapes)
    return math.degrees(math.atan2(working[1] - stance[1], working[0] - stance[0]))


def is_square(pose: Pose) -> bool:
    """Whether the pelvis is neither turned nor hiked (within half a degree)."""
    return abs(pose.pelvic_rotation) < STILL and abs(pose.pelvic_hike) < STILL


def callout_words(pose: Pose, variant: str) -> list[tuple[str, str]]:
    """What the callouts name, each with what it points at: 'working_ankle', or the end of the bar
    across the back of the pelvis on one side ('bar_working', 'bar_stance'). Short: on all fours a
    hike's two angles (the hike, the bar's smaller tilt in the picture) are one fact, told together in
    the caption (`rear_view_words` with `seen_tilt`), not split between caption and label."""
    standing = variant != "bodyweight"
    if abs(pose.pelvic_rotation) >= STILL:
        opening = pose.pelvic_rotation > 0
        hip = (
            ("working\nhip turns\nback" if standing else "working\nhip\nrolls up")
            if opening
            else "working\nhip\nturns in"
        )
        leg = "leg drifts\nout" if opening else "leg drifts\nin"
        labels = [(hip, "bar_working"), (leg, "working_ankle")]  # standing the bar's first: less room
        return labels if standing else labels[::-1]  # on all fours the leg's, above the arms
    if abs(pose.pelvic_hike) >= STILL:
        if not standing:
            toward = "to the ribs" if pose.pelvic_hike > 0 else "away from\nthe ribs"
            return [(f"working hip\n{toward}", "bar_working")]  # the caption gives both angles
        return [
            ("working\nside\nhikes up" if pose.pelvic_hike > 0 else "working\nside\ndrops", "bar_working")
        ]
    return [("back of\npelvis\nlevel", "bar_stance")]


def rear_view_words(pose: Pose, variant: str = "cable", seen_tilt: float | None = None) -> str:
    """What the rear view shows, in two short lines: the turn and the hike, each named or ruled out.
    On all fours a hike draws the working hip toward the ribs (away from the viewer), and says so.

    `seen_tilt` (degrees), the bar's tilt in the picture, where given: a hike on all fours (and no
    turn) is then told in three lines, the hike and the bar's smaller tilt from behind as one fact."""
    if is_square(pose):
        return "pelvis level\nand square"
    if seen_tilt is not None and variant == "bodyweight" and abs(pose.pelvic_rotation) < STILL:
        if abs(pose.pelvic_hike) >= STILL:
            hip = "working" if pose.pelvic_hike > 0 else "stance"
            return (
                f"pelvis hiked {abs(pose.pelvic_hike):.0f}°: the {hip} hip\nis drawn toward the ribs;"
                f"\nfrom behind the bar tilts only {abs(seen_tilt):.0f}°"
            )
    hike = ""
    if abs(pose.pelvic_hike) >= STILL:
        if variant == "bodyweight":
            side = "working hip to ribs" if pose.pelvic_hike > 0 else "stance hip to ribs"
        else:
            side = "working side up" if pose.pelvic_hike > 0 else "stance side up"
        hike = f"hiked {abs(pose.pelvic_hike):.0f}° ({side})"
    opening = "open" if pose.pelvic_rotation > 0 else "closed"
    turn = f"turned {abs(pose.pelvic_rotation):.0f}° {opening}" if abs(pose.pelvic_rotation) >= STILL else ""
    if hike and turn:
        return f"pelvis {hike}\n{turn}"
    return f"pelvis {hike}\nnot turned" if hike else f"pelvis {turn}\nnot hiked"


def _hike_seen(pose: Pose, standing: bool) -> str:
    """What a hike looks like from behind, in words."""
    higher = "working" if pose.pelvic_hike > 0 else "stance"
    if standing:
        return f"the {higher} side of the pelvis sits higher, so the line across its back tilts"
    seen = abs(seen_bar_tilt(rear_view_shapes(pose, default_body(), "bodyweight")))
    return (
        f"the {higher} hip is drawn toward the ribs, away from the viewer, and that knee shifts toward "
        "the head (the arrow runs into the picture along the mat); seen from behind the line across the "
        f"back of the pelvis tilts only {seen:.0f} "
        "degrees, because the hip moves mostly away from the viewer"
    )


def rear_view_description(pose: Pose, variant: str) -> str:
    """The rear view in a sentence, for alt text: what a sighted learner sees move."""
    first, second = rear_view_words(pose, variant).replace("°", " degrees").split("\n")
    words = f"{first} {second}" if second.startswith("and") else f"{first}, {second}"
    standing = variant != "bodyweight"
    if is_square(pose):
        where = "" if standing else " (seen from behind and a little above, on the mat)"
        return f"{words}{where}: the back of the pelvis is level, the blue leg goes straight back"
    seen = []
    if abs(pose.pelvic_rotation) >= STILL:
        opening = pose.pelvic_rotation > 0
        if standing:
            seen.append(
                f"the working hip turns {'back toward' if opening else 'away from'} the viewer and the back "
                f"of the pelvis shifts to the {'stance' if opening else 'working'} side"
            )
        else:
            seen.append(
                f"the working hip rolls {'up' if opening else 'down'}, so the line across the back of the "
                "pelvis tilts"
            )
        seen.append(
            f"the trunk follows part way and the blue leg drifts {'out' if opening else 'in'} to the side"
        )
    if abs(pose.pelvic_hike) >= STILL:
        seen.append(_hike_seen(pose, standing))
    return f"{words}: {'; '.join(seen)}, against a dashed grey ghost of the square, level pose"
