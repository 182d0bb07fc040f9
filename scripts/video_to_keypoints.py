"""Turn a side-view video of a kickback set into a MediaPipe-33 keypoints CSV the course can check.

Steps: open the video with OpenCV; run MediaPipe Pose on every frame; write one row per frame:
time_s, then <joint>_x, <joint>_y (image pixels, y down) and <joint>_score (MediaPipe's visibility)
for the 33 landmarks. Frames where no person is found are written as empty cells, which the course
reads as "cannot judge" for those frames. MediaPipe Pose follows one person, the most prominent in
view; so that the report can say when others were there, the last column, people_seen, counts the
people in every Nth frame (--people-every, default 10; blank in the frames between): the person
MediaPipe found plus every other person OpenCV's built-in HOG people detector (Dalal & Triggs 2005,
shipped inside OpenCV, nothing to download) finds elsewhere in the frame.

It needs its own environment (MediaPipe 0.10.21 ships its pose model inside the package and runs
offline; it needs Python 3.12 or older and numpy older than 2, so keep it apart from the course):

    python3 -m venv .venv-pose
    .venv-pose/bin/pip install mediapipe==0.10.21 opencv-python-headless "numpy<2"
    .venv-pose/bin/python scripts/video_to_keypoints.py my_set.mp4 my_set_keypoints.csv --progress

Then: python -m kickback check my_set_keypoints.csv --variant cable --format mediapipe33 --side right
(`python3 run.py video my_set.mp4 --variant cable` does all of this, and writes a report.)
With `--frames 0,12,40 FOLDER` it writes those frames as PNG files instead (for the report's stills).
"""

from __future__ import annotations

import argparse
import csv
import os
import sys
from collections.abc import Iterable, Sequence
from pathlib import Path

MEDIAPIPE33: tuple[str, ...] = (
    "nose",
    "left_eye_inner",
    "left_eye",
    "left_eye_outer",
    "right_eye_inner",
    "right_eye",
    "right_eye_outer",
    "left_ear",
    "right_ear",
    "mouth_left",
    "mouth_right",
    "left_shoulder",
    "right_shoulder",
    "left_elbow",
    "right_elbow",
    "left_wrist",
    "right_wrist",
    "left_pinky",
    "right_pinky",
    "left_index",
    "right_index",
    "left_thumb",
    "right_thumb",
    "left_hip",
    "right_hip",
    "left_knee",
    "right_knee",
    "left_ankle",
    "right_ankle",
    "left_heel",
    "right_heel",
    "left_foot_index",
    "right_foot_index",
)


PEOPLE_COLUMN = "people_seen"
PEOPLE_EVERY = 10
"""Count the people in one frame of this many (the HOG detector takes about 0.1 s a frame on a laptop)."""
DETECT_WIDTH = 640
"""Frames are shrunk to this width before the HOG detector looks at them (it finds people 128 px tall
and more in the shrunk frame: about a third of a phone clip's height)."""
SAME_PERSON_OVERLAP = 0.5
"""A detected box lying this much (a share of its area) inside the followed person's box is that person."""

Box = tuple[float, float, float, float]
"""x, y, width, height in image pixels."""


def make_header() -> list[str]:
    """The CSV header: time_s, x, y and score for every MediaPipe landmark, then people_seen."""
    landmarks = [f"{joint}_{part}" for joint in MEDIAPIPE33 for part in ("x", "y", "score")]
    return ["time_s", *landmarks, PEOPLE_COLUMN]


def make_row(
    time_s: float, landmarks: Sequence | None, width: int, height: int, people: int | None = None
) -> list[str]:
    """One frame's row: MediaPipe's normalised landmarks turned into pixels (y down), then the people count.

    Blanks if no person was found; the count is blank in a frame where people were not counted.
    """
    count = "" if people is None else str(int(people))
    if landmarks is None:
        return [f"{time_s:.4f}"] + [""] * (3 * len(MEDIAPIPE33)) + [count]
    if len(landmarks) != len(MEDIAPIPE33):
        raise ValueError(f"landmarks must list {len(MEDIAPIPE33)} points; got {len(landmarks)}")
    cells = [f"{time_s:.4f}"]
    for point in landmarks:
        cells += [
            f"{point.x * width:.2f}",
            f"{point.y * height:.2f}",
            f"{getattr(point, 'visibility', 1.0):.3f}",
        ]
    return cells + [count]


def landmark_box(landmarks: Sequence | None, width: int, height: int) -> Box | None:
    """The box (pixels) around the landmarks MediaPipe placed inside the frame; None if there are none."""
    if landmarks is None:
        return None
    xs = [point.x * width for point in landmarks if 0 <= point.x <= 1 and 0 <= point.y <= 1]
    ys = [point.y * height for point in landmarks if 0 <= point.x <= 1 and 0 <= point.y <= 1]
    if not xs:
        return None
    return min(xs), min(ys), max(xs) - min(xs), max(ys) - min(ys)


def _inside_share(box: Box, around: Box) -> float:
    """The share of `box`'s area that lies inside `around`."""
    x, y, w, h = box
    ax, ay, aw, ah = around
    overlap_w = max(0.0, min(x + w, ax + aw) - max(x, ax))
    overlap_h = max(0.0, min(y + h, ay + ah) - max(y, ay))
    return overlap_w * overlap_h / (w * h) if w > 0 and h > 0 else 0.0


def count_people(followed: Box | None, detected: Sequence[Box]) -> int:
    """People in a frame: the one MediaPipe followed (if found) and every detected box that is not them.

    >>> count_people((100, 50, 80, 300), [(95, 40, 90, 320), (400, 60, 70, 280)])
    2
    >>> count_people(None, [(400, 60, 70, 280)])
    1
    """
    if followed is None:
        return len(detected)
    others = [box for box in detected if _inside_share(box, followed) < SAME_PERSON_OVERLAP]
    return 1 + len(others)


class PeopleCounter:
    """OpenCV's built-in HOG people detector (no model file to fetch), run on every `every`th frame."""

    def __init__(self, every: int = PEOPLE_EVERY) -> None:
        import cv2  # only in the separate pose environment

        if every < 1:
            raise ValueError(f"--people-every must be 1 or more; got {every}")
        self.every = every
        self.hog = cv2.HOGDescriptor()
        self.hog.setSVMDetector(cv2.HOGDescriptor_getDefaultPeopleDetector())

    def detect(self, frame) -> list[Box]:
        """Boxes (pixels of the full frame) around the people the detector finds."""
        import cv2

        height, width = frame.shape[:2]
        scale = min(1.0, DETECT_WIDTH / width)
        small = frame if scale == 1.0 else cv2.resize(frame, (round(width * scale), round(height * scale)))
        boxes, _ = self.hog.detectMultiScale(small, winStride=(8, 8), padding=(8, 8), scale=1.05)
        return [tuple(float(v) / scale for v in box) for box in boxes]

    def count(self, number: int, frame, followed: Box | None) -> int | None:
        """The people in frame `number`, or None when this frame is not one that is counted."""
        if number % self.every:
            return None
        return count_people(followed, self.detect(frame))


def write_rows(path: Path, rows: Iterable[list[str]]) -> None:
    """Write the CSV through a temporary file, so a failed run leaves no half-written file behind."""
    partial = path.with_name(f".{path.name}.partial")
    try:
        with partial.open("w", newline="", encoding="utf-8") as handle:
            writer = csv.writer(handle)
            writer.writerow(make_header())
            writer.writerows(rows)
        os.replace(partial, path)
    finally:
        partial.unlink(missing_ok=True)


def open_video(video: Path):  # -> cv2.VideoCapture
    """Open a video with OpenCV; refuse, in one line, a file that is missing or not a video."""
    import cv2  # only in the separate pose environment

    if not video.is_file():
        raise ValueError(f"{video}: no such file")
    capture = cv2.VideoCapture(str(video))
    ok = capture.isOpened() and capture.read()[0]
    if not ok:
        capture.release()
        raise ValueError(f"{video.name}: not a video OpenCV can read (no frame could be decoded)")
    capture.set(cv2.CAP_PROP_POS_FRAMES, 0)
    return capture


class Progress:
    """Say on stderr how far the reading has come, about every tenth of the frames (or 2 s)."""

    def __init__(self, total: int, enabled: bool) -> None:
        self.total, self.enabled, self.last = max(total, 0), enabled, -1.0

    def update(self, done: int) -> None:
        if not self.enabled:
            return
        import time

        now = time.monotonic()
        step = max(self.total // 10, 1)
        if done == self.total or done % step == 0 or (now - self.last > 2.0 and self.last >= 0):
            share = f" ({100 * done / self.total:.0f} %)" if self.total else ""
            of = f" of {self.total}" if self.total else ""
            print(f"reading frames: {done}{of}{share}", file=sys.stderr, flush=True)
            self.last = now


def read_video_rows(
    video: Path, *, progress: bool = False, found: list[int] | None = None, people_every: int = PEOPLE_EVERY
) -> Iterable[list[str]]:
    """Run MediaPipe Pose on every frame of `video` and yield the CSV rows.

    `found`, if given, receives [frames read, frames with a person, frames where people were counted,
    of those the frames with more than one person] as the reading goes.
    """
    import cv2  # only in the separate pose environment
    import mediapipe as mp

    capture = open_video(video)
    fps = capture.get(cv2.CAP_PROP_FPS) or 30.0
    counter = Progress(int(capture.get(cv2.CAP_PROP_FRAME_COUNT) or 0), progress)
    people = PeopleCounter(people_every)
    found = found if found is not None else [0, 0, 0, 0]
    found[:] = [0, 0, 0, 0]
    with mp.solutions.pose.Pose(static_image_mode=False, model_complexity=1) as pose:
        frame_number = 0
        while True:
            ok, frame = capture.read()
            if not ok:
                break
            height, width = frame.shape[:2]
            result = pose.process(cv2.cvtColor(frame, cv2.COLOR_BGR2RGB))
            landmarks = result.pose_landmarks.landmark if result.pose_landmarks else None
            seen = people.count(frame_number, frame, landmark_box(landmarks, width, height))
            yield make_row(frame_number / fps, landmarks, width, height, seen)
            frame_number += 1
            found[0] += 1
            found[1] += landmarks is not None
            found[2] += seen is not None
            found[3] += seen is not None and seen > 1
            counter.update(frame_number)
    capture.release()


FRAME_SIZE_FILE = "frame_size.json"
"""Written beside the saved frames: the video's own width and height, the pixels the keypoints are in."""


def save_frames(video: Path, frames: Sequence[int], folder: Path, *, max_width: int = 960) -> list[Path]:
    """Write the given frame numbers of `video` as PNG files (frame_00042.png), at most `max_width` wide.

    The video's own size goes into frame_size.json beside them: the keypoints are in its pixels, so
    the report stretches a shrunk frame back to it.
    """
    import json

    import cv2  # only in the separate pose environment

    capture = open_video(video)
    folder.mkdir(parents=True, exist_ok=True)
    size = {
        "width": int(capture.get(cv2.CAP_PROP_FRAME_WIDTH)),
        "height": int(capture.get(cv2.CAP_PROP_FRAME_HEIGHT)),
    }
    (folder / FRAME_SIZE_FILE).write_text(json.dumps(size) + "\n", encoding="utf-8")
    wanted, written, number = sorted(set(frames)), [], 0
    for target in wanted:
        while number <= target:
            ok, frame = capture.read()
            if not ok:
                capture.release()
                return written
            if number == target:
                height, width = frame.shape[:2]
                if width > max_width:
                    frame = cv2.resize(frame, (max_width, round(height * max_width / width)))
                path = folder / f"frame_{target:05d}.png"
                cv2.imwrite(str(path), frame)
                written.append(path)
            number += 1
    capture.release()
    return written


def parse_frames(text: str) -> list[int]:
    """A comma-separated list of frame numbers ("0,12,40")."""
    try:
        numbers = [int(part) for part in text.split(",") if part.strip()]
    except ValueError:
        raise ValueError(f"--frames must be frame numbers separated by commas; got {text!r}") from None
    if any(number < 0 for number in numbers):
        raise ValueError(f"--frames must be 0 or more; got {text!r}")
    return numbers


def main(argv: list[str] | None = None) -> int:
    """Video in, keypoints CSV out (with --frames: those frames as PNG files); one-line errors, exit 2."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("video", type=Path)
    parser.add_argument("out", type=Path, help="the keypoints CSV to write (with --frames: a folder)")
    parser.add_argument("--progress", action="store_true", help="say on stderr how many frames are read")
    parser.add_argument(
        "--frames", default=None, help="write these frame numbers (e.g. 0,12,40) as PNG files"
    )
    parser.add_argument(
        "--people-every",
        type=int,
        default=PEOPLE_EVERY,
        help=f"count the people in one frame of this many (default {PEOPLE_EVERY})",
    )
    args = parser.parse_args(argv)
    try:
        if args.frames is not None:
            written = save_frames(args.video, parse_frames(args.frames), args.out)
            print(f"wrote {len(written)} frames to {args.out}")
            return 0
        found = [0, 0, 0, 0]
        rows = read_video_rows(
            args.video, progress=args.progress, found=found, people_every=args.people_every
        )
        write_rows(args.out, rows)
    except (ValueError, ImportError, OSError) as error:
        print(f"error: {error}", file=sys.stderr)
        return 2
    print(
        f"wrote {args.out}: a person found in {found[1]} of {found[0]} frames; "
        f"several people in {found[3]} of the {found[2]} frames where people were counted"
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
