"""The report of a checked video: one self-contained HTML page (no network) with stills and a contact sheet.

Steps (what `python3 run.py video` runs, in the course's environment):
1. `plan`: read the keypoints CSV (once, through the course's bounded reader), ask the gate whether
   it shows the variant (exit 2 with one line if not), check the set, and print the frame numbers
   the report will show (JSON);
2. the pose environment writes those frames as PNG files;
3. `build`: draw each finding's worst frame beside the course's body at the same angles, a contact
   sheet, and write report.html (images inside the page, so it can be mailed or shared as one file)
   with the PNG files beside it.
"""

from __future__ import annotations

import argparse
import base64
import html
import json
import sys
from pathlib import Path

import numpy as np

from ..form.analysis import analyze_set
from ..form.exercise_check import who_was_judged
from ..form.exercise_gate import exercise_name, judge_keypoint_frames, refuse_unless_passed
from ..form.keypoint_frames import KeypointFrames, people_counts, read_keypoint_frames
from ..form.keypoints import ROLES, SIDES, joint_name
from ..form.recordings import Recording, recording_from_keypoints
from ..form.report import SetReport
from ..form.video_findings import (
    CAMERA_LIMITS,
    VideoFinding,
    camera_error,
    contact_frames,
    frames_to_show,
    locate_findings,
    person_jumps,
    rep_top_frames,
)
from .style import save_figure
from .video_stills import draw_contact_sheet, draw_still
from .video_verdicts import frame_verdicts, judged_why

MISTAKE_WORDS = {
    "arched_back": "arched back",
    "momentum": "momentum",
    "excessive_load": "excessive load",
    "incomplete_rom": "incomplete range of motion",
    "weak_core": "weak core",
    "pelvic_rotation": "pelvic rotation",
}


def choose_side(frames: KeypointFrames) -> str:
    """The side facing the camera, from the landmarks' confidence: the side seen better (MediaPipe's
    visibility is lower for the far side). The learner can always say it with --side."""

    def seen(side: str) -> float:
        scores = [frames.points[joint_name(frames.skeleton, role, side)][2] for role in ROLES]
        values = np.concatenate(scores)
        values = values[np.isfinite(values)]
        return float(values.mean()) if len(values) else 0.0

    return max(SIDES, key=seen)


def check_video_keypoints(
    frames: KeypointFrames, variant: str, side: str, hip_range: float | None = None
) -> tuple[Recording, SetReport, tuple[str, ...]]:
    """Gate, then check keypoints already read: the recording, its report and who was judged.

    The notes on who was judged are `who_was_judged`'s (the people seen, where the skeleton jumped),
    the sentences the command line prints, with where to look on this page after them (`LOOK_NOTE`)
    when they leave doubt about whom the pose estimator followed. Raises NotTheExerciseError (a
    ValueError, one line) if the gate refuses the recording, ValueError if the file gives no hip angle.
    """
    verdict = refuse_unless_passed(judge_keypoint_frames(frames, side, variant))
    recording = recording_from_keypoints(frames, side)
    notes = who_was_judged(recording, verdict) + _where_to_look(frames, side)
    return recording, analyze_set(recording, variant, hip_range=hip_range), notes


LOOK_NOTE = (
    "The skeleton drawn on the frames from the clip below, and on the still of each finding, shows whom "
    "the pose estimator followed: check that it stays on the same person."
)
"""Where this page shows who was followed: said only here, where those pictures are."""


def _where_to_look(frames: KeypointFrames, side: str) -> tuple[str, ...]:
    """(LOOK_NOTE,) unless the person judged was alone in every counted frame and never jumped."""
    counted, several, _ = people_counts(frames.people)
    alone = counted > 0 and several == 0
    return () if alone and not person_jumps(frames, side) else (LOOK_NOTE,)


def _track(frames: KeypointFrames, side: str) -> dict[str, tuple[np.ndarray, np.ndarray]]:
    """The side's shoulder, hip, knee and ankle in pixels, NaN where missing (for drawing)."""
    return {role: frames.points[joint_name(frames.skeleton, role, side)][:2] for role in ROLES}


def _image(frames_dir: Path | None, frame: int) -> np.ndarray | None:
    """A saved frame as an RGB array, or None when it was not saved (no video: drawn on white)."""
    if frames_dir is None:
        return None
    path = frames_dir / f"frame_{frame:05d}.png"
    if not path.exists():
        return None
    from matplotlib.image import imread

    return imread(path)


def _embed(path: Path, alt: str) -> str:
    data = base64.b64encode(path.read_bytes()).decode("ascii")
    return f'<img src="data:image/png;base64,{data}" alt="{html.escape(alt)}" style="max-width:100%">'


def _rep_table(report: SetReport) -> str:
    head = (
        "<tr><th>rep</th><th>up (s)</th><th>hold (s)</th><th>down (s)</th>"
        "<th>top: thigh to trunk (°)</th></tr>"
    )
    rows = "".join(
        f"<tr><td>{rep.number}</td><td>{rep.concentric_s:.1f}</td><td>{rep.top_hold_s:.1f}</td>"
        f"<td>{rep.eccentric_s:.1f}</td><td>{rep.peak_hip_extension_deg:.0f}</td></tr>"
        for rep in report.reps
    )
    return f"<table>{head}{rows}</table>" if report.reps else "<p>No rep was judged.</p>"


def _worst_first(located: list[VideoFinding]) -> list[list[VideoFinding]]:
    """The findings grouped by what they measured, each group's worst (largest margin) first."""
    groups: dict[tuple[str, str], list[VideoFinding]] = {}
    for item in located:
        groups.setdefault((item.finding.mistake, item.finding.check), []).append(item)
    return [sorted(group, key=lambda item: -item.margin) for group in groups.values()]


def _certainty(item: VideoFinding) -> str:
    if camera_error(item.finding.unit) is None:
        return "<b>Uncertain</b>: how exact a camera measures this is not known; look at the still yourself."
    if item.uncertain:
        return "<b>Uncertain</b>: within the camera's error of its limit; look at the still yourself."
    return "Beyond the camera's error: the video shows it."


def _finding_section(item: VideoFinding, still: Path, others: list[VideoFinding]) -> str:
    finding = item.finding
    name = MISTAKE_WORDS.get(finding.mistake, finding.mistake)
    where = f"rep {finding.rep}" if finding.rep else "the whole set"
    certainty = _certainty(item)
    also = "; ".join(
        f"rep {other.finding.rep}: {other.finding.measured:.1f} {other.finding.unit} (frame {other.frame}"
        f"{', uncertain' if other.uncertain else ''})"
        for other in others
    )
    return (
        f"<section><h3>{'? ' if item.uncertain else '✗ '}{name}"
        f" ({where}, {finding.severity})</h3>"
        f"<p>{html.escape(finding.message)}</p>"
        f"<p>Measured {finding.measured:.1f} {finding.unit}; limit {finding.limit:.1f} {finding.unit}. "
        f"{certainty}</p>"
        f"<p><i>Cue:</i> {html.escape(finding.cue)}</p>"
        + (f"<p>Also in {also}.</p>" if also else "")
        + _embed(still, f"Frame {item.frame}: the person with the measured angles, beside the drawn body.")
        + "</section>"
    )


def _page(title: str, parts: list[str]) -> str:
    style = (
        "body{font-family:sans-serif;max-width:920px;margin:2em auto;padding:0 1em;line-height:1.45}"
        "table{border-collapse:collapse}td,th{border:1px solid #999;padding:.25em .6em;text-align:right}"
        "section{border-top:1px solid #ccc;margin-top:1.5em}"
    )
    return (
        f'<!DOCTYPE html><html lang="en"><head><meta charset="utf-8"><title>{html.escape(title)}</title>'
        f"<style>{style}</style></head><body>{''.join(parts)}</body></html>\n"
    )


def build_report(
    keypoints: Path,
    variant: str,
    side: str | None,
    out: Path,
    *,
    frames_dir: Path | None = None,
    skeleton: str = "mediapipe33",
    hip_range: float | None = None,
    video_name: str = "",
    size: tuple[int, int] | None = None,
) -> Path:
    """Write report.html, the stills and the contact sheet into `out`; returns the page's path.

    `side` None: the side seen better (`choose_side`). Raises ValueError (one line) when the gate
    refuses the recording.
    """
    frames = read_keypoint_frames(keypoints, skeleton)
    side = side or choose_side(frames)
    recording, report, notes = check_video_keypoints(frames, variant, side, hip_range)
    track = _track(frames, side)
    size = size or _guess_size(track, frames_dir)
    out.mkdir(parents=True, exist_ok=True)
    located = locate_findings(report, recording)
    parts = [
        f"<h1>Kickback Lab: {html.escape(exercise_name(variant))} from video</h1>",
        f"<p>Clip: {html.escape(video_name or keypoints.name)}; side facing the camera: {side}; "
        f"{len(recording.time_s)} frames. Made on this computer; nothing was sent anywhere.</p>",
        "<h2>What a single side camera can and cannot see</h2>",
        "".join(f"<p>{html.escape(text)}</p>" for text in CAMERA_LIMITS),
        "<h2>Who was judged</h2>",
        "".join(f"<p>{html.escape(text)}</p>" for text in notes),
        "<h2>Reps</h2>",
        _rep_table(report),
        "<h2>Findings</h2>",
    ]
    if not located:
        parts.append("<p>No finding.</p>")
    for i, group in enumerate(_worst_first(located), start=1):
        item = group[0]
        name = MISTAKE_WORDS.get(item.finding.mistake, item.finding.mistake)
        title = f"{'Rep ' + str(item.finding.rep) if item.finding.rep else 'The set'}: {name}"
        figure = draw_still(
            _image(frames_dir, item.frame),
            track,
            recording.angles,
            item.frame,
            variant,
            size=size,
            title=title
            + (" (uncertain)" if item.uncertain else "")
            + (f" · {why}" if (why := judged_why(item.finding)) else ""),
        )
        still = out / f"finding_{i:02d}_{item.finding.mistake}.png"
        save_figure(figure, still, dpi=90)
        parts.append(_finding_section(item, still, group[1:]))
    unjudged = [entry.reason for entry in report.cannot_judge]
    if unjudged:
        parts.append(
            "<h2>Not judged</h2><ul>" + "".join(f"<li>{html.escape(r)}</li>" for r in unjudged) + "</ul>"
        )
    sheet_frames = sheet_with_rep_tops(
        contact_frames(len(recording.time_s)), rep_top_frames(report, recording)
    )
    sheet = out / "contact_sheet.png"
    figure = draw_contact_sheet(
        [_image(frames_dir, f) for f in sheet_frames],
        sheet_frames,
        track,
        recording.angles,
        recording.time_s,
        size=size,
        verdicts=frame_verdicts(report, recording, sheet_frames, MISTAKE_WORDS),
    )
    save_figure(figure, sheet, dpi=100)
    parts += [
        f"<h2>{len(sheet_frames)} frames from your clip</h2>",
        _embed(
            sheet,
            "Frames across the clip with the skeleton drawn on each, the thigh's angle to the trunk line "
            "in words; a frame of a rep with no fault has a tick and a solid frame, the frame where a fault "
            "is judged (a rep's top for an arched back) a cross, the fault named and a dashed frame, and a "
            "faulty rep's other frames a plain grey frame saying when its fault was judged.",
        ),
    ]
    page = out / "report.html"
    page.write_text(_page(f"Kickback Lab report: {video_name or keypoints.name}", parts), encoding="utf-8")
    return page


def sheet_with_rep_tops(frames: list[int], tops: list[int]) -> list[int]:
    """The contact sheet's frames with each rep's top (where an arched back or a short range is judged) in
    place of the sheet frame nearest it, so the sheet keeps its size and its spread over the clip.

    A fault is marked only on the frame where it is judged (`frame_verdicts`); a rep's other frames
    stay neutral and say when it was judged.

    >>> sheet_with_rep_tops([0, 30, 60, 90], [37])
    [0, 37, 60, 90]
    """
    shown = list(frames)
    wanted = sorted(set(tops) - set(shown))
    for frame in wanted:
        free = [f for f in shown if f not in tops]
        if not free:
            break
        shown[shown.index(min(free, key=lambda f: abs(f - frame)))] = frame
    return sorted(shown)


def _guess_size(track: dict[str, tuple[np.ndarray, np.ndarray]], frames_dir: Path | None) -> tuple[int, int]:
    """The video's size in the keypoints' pixels: frame_size.json beside the saved frames (the frames
    themselves may be shrunk), else a saved frame's size, else the keypoints' extent."""
    if frames_dir is not None:
        size_file = frames_dir / "frame_size.json"
        if size_file.exists():
            size = json.loads(size_file.read_text(encoding="utf-8"))
            width, height = int(size["width"]), int(size["height"])
            if width > 0 and height > 0:
                return width, height
        saved = sorted(frames_dir.glob("frame_*.png"))
        if saved:
            image = _image(frames_dir, int(saved[0].stem.split("_")[1]))
            return int(image.shape[1]), int(image.shape[0])
    xs = np.concatenate([x for x, _ in track.values()])
    ys = np.concatenate([y for _, y in track.values()])
    return int(np.nanmax(xs) * 1.1) + 1, int(np.nanmax(ys) * 1.1) + 1


def plan_frames(
    keypoints: Path | KeypointFrames,
    variant: str,
    side: str,
    *,
    skeleton: str = "mediapipe33",
    hip_range: float | None = None,
) -> list[int]:
    """The frame numbers the report will show (ValueError, one line, when the gate refuses)."""
    frames = keypoints if isinstance(keypoints, KeypointFrames) else read_keypoint_frames(keypoints, skeleton)
    recording, report, _ = check_video_keypoints(frames, variant, side, hip_range)
    located = locate_findings(report, recording)
    return frames_to_show(located, rep_top_frames(report, recording), len(recording.time_s))


class VideoReport:
    """A written report: its folder, and the page shown inline in a notebook (images inside it)."""

    def __init__(self, page: Path) -> None:
        self.page = page
        self.folder = page.parent

    def _repr_html_(self) -> str:
        text = self.page.read_text(encoding="utf-8")
        body = text.split("<body>", 1)[1].rsplit("</body>", 1)[0]
        return f'<div class="kickback-video-report">{body}</div>'

    def __repr__(self) -> str:
        return f"Kickback Lab video report ({self.page.name})"


def show_video_report(
    recording: str = "cable_arched_back_coco17.csv",
    variant: str | None = None,
    *,
    side: str = "right",
    out: str | Path | None = None,
) -> VideoReport:
    """The report `python3 run.py video` writes, made from a keypoints CSV (no video: skeletons on white).

    Parameters
    ----------
    recording : str
        A shipped keypoints example (e.g. "cable_arched_back_coco17.csv") or the path of a keypoints CSV.
    variant : str or None, optional
        "cable", "machine" or "bodyweight"; None takes it from the shipped example's name.
    side : str, optional
        The side facing the camera (the shipped examples: "right").
    out : str, Path or None, optional
        The folder to write into; None: a new temporary folder.

    Returns
    -------
    VideoReport
        Shown in a notebook as the page itself; `.page` is report.html.
    """
    import tempfile

    from ..form.recordings import RECORDINGS_DIR, guess_format

    path = Path(recording)
    if not path.exists():
        path = RECORDINGS_DIR / path.name
    variant = variant or path.name.split("_")[0]
    folder = Path(out) if out else Path(tempfile.mkdtemp(prefix="kickback-report-"))
    page = build_report(path, variant, side, folder, skeleton=guess_format(path.name), video_name=path.name)
    return VideoReport(page)


def main(argv: list[str] | None = None) -> int:
    """`plan` or `build` (see the module's docstring); one-line errors with exit code 2."""
    parser = argparse.ArgumentParser(prog="python -m kickback.draw.video_report")
    parser.add_argument("step", choices=("side", "plan", "build"))
    parser.add_argument("keypoints", type=Path)
    parser.add_argument("--variant", choices=("cable", "machine", "bodyweight"), required=True)
    parser.add_argument("--side", choices=SIDES, default=None)
    parser.add_argument("--hip-range", type=float, default=None)
    parser.add_argument("--frames-dir", type=Path, default=None)
    parser.add_argument("--out", type=Path, default=None)
    parser.add_argument("--video-name", default="")
    args = parser.parse_args(argv)
    try:
        if args.step in ("side", "plan"):
            frames = read_keypoint_frames(args.keypoints, "mediapipe33")
            side = args.side or choose_side(frames)
        if args.step == "side":
            print(side)
        elif args.step == "plan":
            shown = plan_frames(frames, args.variant, side, hip_range=args.hip_range)
            print(json.dumps({"side": side, "frames": shown}))
        else:
            out = args.out or args.keypoints.parent
            page = build_report(
                args.keypoints,
                args.variant,
                args.side,
                out,
                frames_dir=args.frames_dir,
                hip_range=args.hip_range,
                video_name=args.video_name,
            )
            print(page)
    except (ValueError, OSError) as error:
        print(f"error: {' '.join(str(error).split())}", file=sys.stderr)
        return 2
    return 0


if __name__ == "__main__":
    sys.exit(main())
