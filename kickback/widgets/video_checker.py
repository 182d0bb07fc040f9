"""Check your own video in lesson 09: pick a clip, say the variant and side, and read the report.

The work runs in a subprocess (`python3 run.py video`, the same path as the command line), so the
notebook stays responsive and MediaPipe stays in its own environment. Before anything runs, and for
a reader without a kernel, the widget shows the report of a shipped keypoints example.
"""

from __future__ import annotations

import html
import subprocess
import sys
import tempfile
import threading
from pathlib import Path

import ipywidgets as widgets

from ..draw.video_report import VideoReport, show_video_report
from .controls import file_picker, hip_range_field, own_hip_range, side_buttons, variant_buttons
from .static_twin import StaticTwin

RUN_PY = Path(__file__).resolve().parents[2] / "run.py"
EXAMPLE = "cable_arched_back_coco17.csv"


class VideoChecker(StaticTwin, widgets.VBox):
    """A file picker for a video, the variant and side, a button, progress in words and the report."""

    def __init__(self) -> None:
        self.upload = file_picker("video/*", "your video")
        self.variant = variant_buttons()
        self.side = side_buttons()
        self.hip_range = hip_range_field()
        self.button = widgets.Button(description="Check this video")
        self.words = widgets.HTML()
        self.words.add_class("kickback-readout")
        self.report = widgets.HTML()
        self.button.on_click(lambda _: self.start())
        example = show_video_report(EXAMPLE)
        self.example = example
        self.static_png = (example.folder / "contact_sheet.png").read_bytes()
        self._say(f"Showing the report of the course's example {EXAMPLE}. Pick a video to check your own.")
        self.report.value = example._repr_html_()
        super().__init__(
            [self.upload, self.variant, self.side, self.hip_range, self.button, self.words, self.report]
        )
        self.add_class("kickback-video-checker")

    def _say(self, text: str) -> None:
        self.words.value = f"<p>{html.escape(text)}</p>"

    thread: threading.Thread | None = None

    def start(self) -> None:
        """Write the picked video to a temporary folder; check it in a subprocess (a thread waits for it)."""
        if not self.upload.value:
            self._say("✗ Pick a video first (press “your video”).")
            return
        item = self.upload.value[0]
        folder = Path(tempfile.mkdtemp(prefix="kickback-video-"))
        clip = folder / Path(str(item.get("name") or "video.mp4")).name
        clip.write_bytes(bytes(item["content"]))
        self.button.disabled = True
        self._say(f"Reading {clip.name} with MediaPipe on this computer…")
        self.thread = threading.Thread(target=self._run, args=(clip, folder / "report"), daemon=True)
        self.thread.start()

    def _run(self, clip: Path, out: Path) -> None:
        command = [sys.executable, str(RUN_PY), "video", str(clip), "--variant", self.variant.value]
        command += ["--side", self.side.value, "--out", str(out)]
        hip_range = own_hip_range(self.hip_range)
        if hip_range is not None:
            command += ["--hip-range", f"{hip_range:g}"]
        try:
            process = subprocess.Popen(command, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
            last = ""
            for line in process.stderr:
                last = line.strip() or last
                if line.startswith(("reading frames", "run.py: building")):
                    self._say(line.strip())
            process.wait()
            if process.returncode == 0:
                self.report.value = VideoReport(out / "report.html")._repr_html_()
                self._say(f"✓ Report written to {out}. Open report.html there to keep or share it.")
            else:
                self._say(f"✗ {last.removeprefix('run.py: ')}")
        except OSError as error:
            self._say(f"✗ Cannot run {RUN_PY.name}: {error}")
        finally:
            self.button.disabled = False

    def static_text(self) -> str:
        """The widget's state in words (its static twin)."""
        return (
            "[Check your own video: pick a side-view clip, the variant, the side facing the camera and "
            "your hip range; "
            f"the report of the course's example {EXAMPLE} is shown until then.]"
        )


def check_your_video() -> VideoChecker:
    """The video-checking widget of lesson 09.

    Returns
    -------
    VideoChecker
        Pick a clip, the variant and the side facing the camera; runs `python3 run.py video` in a
        subprocess and shows the report (until then, that of a shipped keypoints example).
    """
    return VideoChecker()
