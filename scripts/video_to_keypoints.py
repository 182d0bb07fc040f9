"""Turn a side-view video of a kickback set into a MediaPipe-33 keypoints CSV the course can check.

Steps: open the video with OpenCV; run MediaPipe Pose on every frame; write one row per frame:
time_s, then <joint>_x, <joint>_y (image pixels, y down) and <joint>_score (MediaPipe's visibility)
for the 33 landmarks. Frames where no person is found are written as empty cells, which the course
reads as "cannot judge" for those frames.

It needs its own environment (MediaPipe 0.10.21 ships its pose model inside the package and runs
offline; it needs Python 3.12 or older and numpy older than 2, so keep it apart from the course):

    python3 -m venv .venv-pose
    .venv-pose/bin/pip install mediapipe==0.10.21 opencv-python-headless "numpy<2"
    .venv-pose/bin/python scripts/video_to_keypoints.py my_set.mp4 my_set_keypoints.csv

Then: python -m kickback check my_set_keypoints.csv --variant cable --format mediapipe33 --side right
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


def make_header() -> list[str]:
    """The CSV header: time_s, then x, y and score for every MediaPipe landmark."""
    return ["time_s"] + [f"{joint}_{part}" for joint in MEDIAPIPE33 for part in ("x", "y", "score")]


def make_row(time_s: float, landmarks: Sequence | None, width: int, height: int) -> list[str]:
    """One frame's row: MediaPipe's normalised landmarks turned into pixels (y down).

    Blanks if none were found.
    """
    if landmarks is None:
        return [f"{time_s:.4f}"] + [""] * (3 * len(MEDIAPIPE33))
    if len(landmarks) != len(MEDIAPIPE33):
        raise ValueError(f"landmarks must list {len(MEDIAPIPE33)} points; got {len(landmarks)}")
    cells = [f"{time_s:.4f}"]
    for point in landmarks:
        cells += [
            f"{point.x * width:.2f}",
            f"{point.y * height:.2f}",
            f"{getattr(point, 'visibility', 1.0):.3f}",
        ]
    return cells


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


def read_video_rows(video: Path) -> Iterable[list[str]]:
    """Run MediaPipe Pose on every frame of `video` and yield the CSV rows."""
    import cv2  # only in the separate pose environment
    import mediapipe as mp

    capture = cv2.VideoCapture(str(video))
    if not capture.isOpened():
        raise ValueError(f"cannot open the video {video}")
    fps = capture.get(cv2.CAP_PROP_FPS) or 30.0
    with mp.solutions.pose.Pose(static_image_mode=False, model_complexity=1) as pose:
        frame_number = 0
        while True:
            ok, frame = capture.read()
            if not ok:
                break
            height, width = frame.shape[:2]
            result = pose.process(cv2.cvtColor(frame, cv2.COLOR_BGR2RGB))
            landmarks = result.pose_landmarks.landmark if result.pose_landmarks else None
            yield make_row(frame_number / fps, landmarks, width, height)
            frame_number += 1
    capture.release()


def main(argv: list[str] | None = None) -> int:
    """Video in, keypoints CSV out; errors in one line, exit code 2."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("video", type=Path)
    parser.add_argument("out", type=Path)
    args = parser.parse_args(argv)
    try:
        write_rows(args.out, read_video_rows(args.video))
    except (ValueError, ImportError, OSError) as error:
        print(f"error: {error}", file=sys.stderr)
        return 2
    print(f"wrote {args.out}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
