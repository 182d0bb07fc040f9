"""Is this the exercise? The gate applied to a recording file: what the command line and lesson 09 call.

Steps: read the file once, as the checker does (`read_recording`, which bounds and checks every cell and
refuses a bad file in one line); for a keypoints file the recording carries every joint the gate looks
at (both shoulders, hips, knees, ankles and wrists, and the people count where the file has one); then
run the gate (`kickback.form.exercise_gate`) and refuse, in one line, a recording that does not show the
variant named.
"""

from __future__ import annotations

from pathlib import Path

from ..model.variants import check_variant
from .exercise_gate import GateVerdict, judge_angles, judge_keypoint_frames, refuse_unless_passed
from .recordings import RECORDINGS_DIR, Recording, guess_format, read_recording
from .video_findings import jumps_note, person_jumps


def judge_recording(recording: Recording, variant: str) -> GateVerdict:
    """The gate's verdict on a recording already read: its keypoints where it has them, else its angles.

    Parameters
    ----------
    recording : Recording
        From `read_recording` (a keypoints file's Recording carries its `keypoints`).
    variant : str
        "cable", "machine" or "bodyweight".

    Returns
    -------
    GateVerdict
        `reason` None when the recording looks like the variant. A bad `variant` is refused by the
        gate it is passed to, before anything is judged.
    """
    if recording.keypoints is None:
        return judge_angles(recording, variant)
    return judge_keypoint_frames(recording.keypoints, recording.side or "right", variant)


def who_was_judged(recording: Recording, verdict: GateVerdict) -> tuple[str, ...]:
    """The notes on who was judged in a keypoints recording: the gate's, then where the skeleton jumped.

    The one place these notes are gathered, for every report that shows them: `analyze_set`'s (and so
    the command line's text and JSON) and the video report's "Who was judged". The people seen come
    from the gate (`people_note`, from the file's `people_seen` column); the jumps from
    `person_jumps` on the side judged. An angles recording has no person to follow: ().

    Parameters
    ----------
    recording : Recording
        As read; a keypoints file's Recording carries its `keypoints`.
    verdict : GateVerdict
        The gate's verdict on `recording` (`judge_recording`), passed or not.

    Returns
    -------
    tuple of str
        Whole sentences, each once, in the order the reports show them.
    """
    if recording.keypoints is None:
        return ()
    jumps = jumps_note(person_jumps(recording.keypoints, recording.side or "right"))
    notes = tuple(verdict.notes) + ((jumps,) if jumps else ())
    return tuple(dict.fromkeys(notes))


def judge_file(
    path: str | Path, variant: str, *, format: str = "angles", side: str | None = None
) -> GateVerdict:
    """The gate's verdict on a recording file (angles or keypoints), without raising.

    Parameters
    ----------
    path : str or Path
        The CSV file.
    variant : str
        "cable", "machine" or "bodyweight".
    format : str, optional
        "angles" or a keypoint skeleton ("coco17", "mediapipe33", "halpe26", "body25").
    side : str or None, optional
        For keypoints: "left" or "right", the side facing the camera.

    Returns
    -------
    GateVerdict
        `reason` None when the recording looks like the variant.
    """
    check_variant(variant)
    return judge_recording(read_recording(path, format=format, side=side), variant)


def check_exercise_file(
    path: str | Path, variant: str, *, format: str = "angles", side: str | None = None
) -> GateVerdict:
    """Refuse a recording file that does not show the variant named (one line); else its verdict.

    Raises
    ------
    NotTheExerciseError
        A ValueError such as "this does not look like a quadruped kickback: the trunk is upright in
        96 % of frames (...)".

    >>> from kickback.form.recordings import RECORDINGS_DIR
    >>> check_exercise_file(RECORDINGS_DIR / "cable_good_angles.csv", "cable").passed
    True
    """
    return refuse_unless_passed(judge_file(path, variant, format=format, side=side))


def is_this_the_exercise(
    recording: str | Path, variant: str, *, format: str | None = None, side: str | None = None
) -> GateVerdict:
    """Ask the gate about a shipped example (by name, e.g. "bodyweight_good_angles.csv") or any CSV file.

    Parameters
    ----------
    recording : str or Path
        A name from `list_recordings()` or the path of a CSV file.
    variant : str
        The variant it is said to show: "cable", "machine" or "bodyweight".
    format : str or None, optional
        "angles" or a keypoint skeleton; None guesses it from the name.
    side : str or None, optional
        For keypoints, the side facing the camera (the shipped examples: "right").

    Returns
    -------
    GateVerdict
        Prints as a sentence with a tick or a cross.

    >>> print(is_this_the_exercise("bodyweight_good_angles.csv", "cable"))  # doctest: +ELLIPSIS
    ✗ This does not look like a cable kickback: the trunk is near horizontal in 100 % of frames ...
    """
    path = Path(recording)
    if not path.exists() and (RECORDINGS_DIR / path.name).exists():
        path = RECORDINGS_DIR / path.name
    format = format or guess_format(path.name)
    if format != "angles" and side is None:
        side = "right"
    return judge_file(path, variant, format=format, side=side)
