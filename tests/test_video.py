"""`python3 run.py video`: a clip to a report, offline; never a finding on something that is not a kickback.

The tests that read video need the pose environment (.venv-pose, MediaPipe 0.10.21): they build it once
where the package index can be reached (as in CI) and are skipped, with the reason, where it cannot.
The real clip is the Sports2D demo (BSD-3), fetched once from the package index into .cache/.
"""

import datetime
import importlib.util
import json
import os
import subprocess
import sys
import zipfile
from pathlib import Path

import numpy as np
import pytest
from hypothesis import given
from hypothesis import strategies as st

from kickback.__main__ import main as kickback_main
from kickback.draw.body import draw_pose
from kickback.draw.style import new_figure
from kickback.draw.video_stills import pose_from_angles
from kickback.form.findings import MISTAKES
from kickback.form.keypoint_frames import people_counts, read_keypoint_frames
from kickback.form.simulate import simulate_set
from kickback.model.anthropometrics import default_body
from kickback.model.variants import VARIANTS

ROOT = Path(__file__).resolve().parent.parent
RUN = ROOT / "run.py"
SCRIPT = ROOT / "scripts" / "video_to_keypoints.py"
CACHE = ROOT / ".cache" / "sports2d"
DEMO_WHEEL = "sports2d==0.8.34"
ENCODE = """
import sys, glob, cv2
files = sorted(glob.glob(sys.argv[1] + "/f*.png"))
height, width = cv2.imread(files[0]).shape[:2]
out = cv2.VideoWriter(sys.argv[2], cv2.VideoWriter_fourcc(*"mp4v"), float(sys.argv[3]), (width, height))
for name in files:
    out.write(cv2.imread(name))
out.release()
"""


def run_video(*args, env=None, cwd=ROOT):
    return subprocess.run(
        [sys.executable, str(RUN), "video", *map(str, args)], capture_output=True, text=True, env=env, cwd=cwd
    )


@pytest.fixture(scope="session")
def pose_python():
    """The pose environment's python, built once by run.py (skipped if it cannot be built here)."""
    spec = importlib.util.spec_from_file_location("kickback_run", RUN)
    run = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(run)
    try:
        return run.ensure_pose_env()
    except run.RunError as error:
        pytest.skip(f"the pose environment cannot be built here: {error}")


@pytest.fixture(scope="session")
def demo_clip():
    """Sports2D's demo (a jump seen from the front, a walk seen from the side), from the package index."""
    clip = CACHE / "demo.mp4"
    if not clip.exists():
        CACHE.mkdir(parents=True, exist_ok=True)
        fetched = subprocess.run(
            [sys.executable, "-m", "pip", "download", "--no-deps", DEMO_WHEEL, "-d", str(CACHE)],
            capture_output=True,
            text=True,
        )
        wheels = sorted(CACHE.glob("sports2d-0.8.34-*.whl"))
        if fetched.returncode != 0 or not wheels:
            pytest.skip(f"cannot fetch {DEMO_WHEEL} from the package index: {fetched.stderr.strip()[-200:]}")
        with zipfile.ZipFile(wheels[0]) as wheel:
            clip.write_bytes(wheel.read("Sports2D/Demo/demo.mp4"))
    return clip


def encode(pose_python, frames_dir: Path, clip: Path, fps: float) -> Path:
    subprocess.run([pose_python, "-c", ENCODE, str(frames_dir), str(clip), str(fps)], check=True)
    return clip


def mannequin_clip(pose_python, folder: Path, variant: str, mistake: str | None, reps: int = 2) -> Path:
    """A short clip of the course's drawn body doing a set (MediaPipe finds a person in it)."""
    fps = 15.0
    recording = simulate_set(
        variant, mistake, reps=reps, fps=fps, noise_deg=0, lead_s=0.5, tempo=(1.5, 0.5, 1.5)
    )
    frames = folder / "frames_in"
    frames.mkdir(parents=True, exist_ok=True)
    figure = new_figure(6.4, 4.8)
    for i in range(len(recording.time_s)):
        figure.clear()
        ax = figure.add_axes((0, 0, 1, 1))
        values = {name: float(series[i]) for name, series in recording.angles.items()}
        draw_pose(ax, pose_from_angles(values), default_body(), variant, angles=False, caption=False)
        figure.savefig(frames / f"f{i:04d}.png", dpi=100, facecolor="white")
    return encode(pose_python, frames, folder / f"{variant}_{mistake or 'good'}.mp4", fps)


@pytest.mark.video
def test_the_demo_clip_is_never_judged_a_kickback(pose_python, demo_clip, tmp_path, capsys):
    keypoints = tmp_path / "demo.csv"
    subprocess.run(
        [pose_python, str(SCRIPT), str(demo_clip), str(keypoints)], check=True, capture_output=True
    )
    refusals = []
    for variant in VARIANTS:
        for side in ("left", "right"):
            argv = ["check", str(keypoints), "--variant", variant, "--format", "mediapipe33", "--side", side]
            code = kickback_main([*argv, "--json"])
            out, err = capsys.readouterr()
            if code == 0:
                report = json.loads(out)
                assert report["findings"] == [] and report["reps"] == [], (variant, side)
            else:
                assert code == 2 and err.startswith("error: ") and err.count("\n") == 1, err
                refusals.append(err)
    # Two people in the clip: the people_seen column counts them and the refusal says so.
    people = read_keypoint_frames(keypoints, "mediapipe33").people
    counted, several, _ = people_counts(people)
    assert counted == 23 and several >= 3, (counted, several)  # 230 frames, one in ten counted
    assert any(f"several people were seen in {several} of the {counted} frames" in err for err in refusals)


@pytest.mark.video
def test_the_video_command_writes_keypoints_a_report_and_stills(pose_python, tmp_path):
    clip = mannequin_clip(pose_python, tmp_path, "cable", "momentum")
    result = run_video(clip, "--variant", "cable", "--side", "right", "--out", tmp_path / "report")
    assert result.returncode == 0, result.stderr
    assert "reading frames:" in result.stderr and "report:" in result.stdout
    folder = tmp_path / "report"
    header = (folder / "keypoints.csv").read_text().splitlines()[0]
    assert header.startswith("time_s,nose_x,nose_y,nose_score") and header.endswith(",people_seen")
    assert json.loads((folder / "frames" / "frame_size.json").read_text()) == {"width": 640, "height": 480}
    assert (
        "<h2>Who was judged</h2><p>No more than one person was seen in any of the "
        in (folder / "report.html").read_text()
    )
    page = (folder / "report.html").read_text()
    assert "http" not in page.replace("http-equiv", "")  # self-contained: nothing to fetch
    assert "lumbar spine" in page and "several degrees" in page and "<table>" in page
    stills = sorted(folder.glob("finding_*_momentum.png"))
    assert stills and page.count("data:image/png;base64,") == len(list(folder.glob("finding_*.png"))) + 1
    assert (folder / "contact_sheet.png").stat().st_size > 10_000


@pytest.mark.video
def test_a_cable_clip_is_refused_as_a_quadruped_kickback(pose_python, tmp_path):
    clip = mannequin_clip(pose_python, tmp_path, "cable", None)
    result = run_video(clip, "--variant", "bodyweight", "--side", "right", "--out", tmp_path / "report")
    assert result.returncode == 2
    last = result.stderr.strip().splitlines()[-1]
    assert last.startswith("run.py: this does not look like a quadruped kickback:")
    assert not (tmp_path / "report" / "report.html").exists()


@pytest.mark.video
def test_a_file_that_is_not_a_video_and_a_clip_with_nobody_are_refused_in_one_line(pose_python, tmp_path):
    text = tmp_path / "notes.mp4"
    text.write_text("not a video\n")
    result = run_video(text, "--variant", "cable", "--out", tmp_path / "a")
    assert result.returncode == 2
    assert (
        result.stderr.strip().splitlines()[-1]
        == "run.py: notes.mp4: not a video OpenCV can read (no frame could be decoded)"
    )
    frames = tmp_path / "blank"
    frames.mkdir()
    figure = new_figure(3.2, 2.4)
    for i in range(20):
        figure.savefig(frames / f"f{i:04d}.png", dpi=100, facecolor="white")
    blank = encode(pose_python, frames, tmp_path / "blank.mp4", 10.0)
    result = run_video(blank, "--variant", "cable", "--side", "right", "--out", tmp_path / "b")
    assert result.returncode == 2
    assert result.stderr.strip().splitlines()[-1] == (
        "run.py: this does not look like a cable kickback: no person was found in any frame"
    )


def test_a_missing_pose_environment_with_no_network_is_one_line(tmp_path):
    env = dict(os.environ)
    env.update(
        KICKBACK_POSE_VENV=str(tmp_path / "pose-venv"),
        PIP_CONFIG_FILE=os.devnull,
        PIP_INDEX_URL="http://127.0.0.1:9/simple",
        PIP_EXTRA_INDEX_URL="",
        PIP_FIND_LINKS="",
        PIP_RETRIES="1",
        PIP_TIMEOUT="2",
        PIP_CONSTRAINT="",
    )
    clip = tmp_path / "clip.mp4"
    clip.write_bytes(b"\0" * 100)
    result = run_video(clip, "--variant", "cable", env=env)
    assert result.returncode == 1
    last = result.stderr.strip().splitlines()[-1]
    assert "is not built yet and the Python package index cannot be reached" in last
    assert not (tmp_path / "clip-kickback" / "keypoints.csv").exists()


def test_bad_arguments_and_a_missing_file_exit_2_in_one_line(tmp_path):
    result = run_video(tmp_path / "nothing.mp4", "--variant", "cable")
    assert result.returncode == 2 and result.stderr.strip().endswith("nothing.mp4: no such file")
    result = run_video(tmp_path / "nothing.mp4", "--variant", "rowing")
    assert result.returncode == 2 and "argument --variant: invalid choice: 'rowing'" in result.stderr
    assert result.stderr.count("\n") == 1


def test_every_mistake_is_named_in_the_report_words():
    from kickback.draw.video_report import MISTAKE_WORDS

    assert set(MISTAKE_WORDS) == set(MISTAKES)


def test_a_finding_within_the_cameras_error_is_uncertain():
    from kickback.form.findings import Finding
    from kickback.form.video_findings import is_uncertain

    def finding(measured, limit, unit):
        return Finding("arched_back", 1, "mild", measured, limit, unit, "", "")

    assert is_uncertain(finding(28.0, 25.0, "deg")) and not is_uncertain(finding(40.0, 25.0, "deg"))
    assert is_uncertain(finding(0.9, 1.0, "s")) and not is_uncertain(finding(0.5, 1.0, "s"))
    assert is_uncertain(finding(3.0, 1.0, "fraction"))  # no error known for it: never stated as sure


def test_the_report_of_a_shipped_keypoints_example(tmp_path):
    from kickback import show_video_report
    from kickback.form.video_findings import CAMERA_LIMITS

    report = show_video_report("cable_arched_back_coco17.csv", out=tmp_path)
    page = report.page.read_text()
    assert all(text.replace("'", "&#x27;") in page for text in CAMERA_LIMITS)
    stills = sorted(tmp_path.glob("finding_*.png"))
    assert [still.name for still in stills] == ["finding_01_arched_back.png", "finding_02_weak_core.png"]
    assert page.count("data:image/png;base64,") == len(stills) + 1 and "http" not in page
    assert "arched back (rep" in page and "Also in rep" in page
    assert str(tmp_path) not in report._repr_html_()


def test_the_video_widget_shows_an_example_report_until_a_clip_is_picked():
    from kickback import check_your_video

    checker = check_your_video()
    bundle = checker._repr_mimebundle_()
    assert bundle["image/png"] and "Check your own video" in bundle["text/plain"]
    assert (
        "arched back" in checker.report.value
        and "example cable_arched_back_coco17.csv" in checker.words.value
    )
    checker.start()
    assert "Pick a video first" in checker.words.value


@pytest.mark.video
def test_the_video_widget_runs_the_command_and_says_its_error_in_one_line(pose_python):
    from kickback import check_your_video

    checker = check_your_video()
    content = b"not a video\n"
    when = datetime.datetime(2026, 1, 1, tzinfo=datetime.UTC)
    upload = {"name": "notes.mp4", "type": "video/mp4", "size": len(content), "content": content}
    checker.upload.value = ({**upload, "last_modified": when},)
    checker.start()
    checker.thread.join(timeout=300)
    assert (
        checker.words.value == "<p>✗ notes.mp4: not a video OpenCV can read (no frame could be decoded)</p>"
    )


def test_stills_put_the_keypoints_on_a_shrunk_frame_at_the_videos_own_size(tmp_path):
    from matplotlib.image import imsave

    from kickback.draw.video_report import _guess_size

    track = {"hip": (np.array([100.0, 1500.0]), np.array([300.0, 900.0]))}
    imsave(tmp_path / "frame_00000.png", np.zeros((540, 960, 3)))
    assert _guess_size(track, tmp_path) == (960, 540)  # no size file: the saved frame's own size
    (tmp_path / "frame_size.json").write_text('{"width": 1768, "height": 994}')
    assert _guess_size(track, tmp_path) == (1768, 994)  # the keypoints are in the video's pixels
    assert _guess_size(track, None) == (1651, 991)


# --- the frames from the clip (contact sheet): words, floor, head, and each rep's verdict ----------


@pytest.fixture(scope="module")
def example_clip():
    """The shipped cable example as the report reads it: recording, report, track, size, frames shown."""
    import kickback.draw.video_report as video_report
    from kickback.form.recordings import RECORDINGS_DIR

    frames = read_keypoint_frames(RECORDINGS_DIR / "cable_arched_back_coco17.csv", "coco17")
    recording, report, _ = video_report.check_video_keypoints(frames, "cable", "right")
    track = video_report._track(frames, "right")
    shown = video_report.contact_frames(len(recording.time_s))
    return recording, report, track, video_report._guess_size(track, None), shown


@given(st.floats(-120, 120))
def test_the_thigh_to_trunk_angle_is_said_in_words_never_with_a_sign(angle):
    from kickback.draw.video_stills import ANGLE_NAMES, angle_words, describe_thigh_to_trunk

    words = describe_thigh_to_trunk(angle)
    for said in [words] + [angle_words(name, angle) for name in ANGLE_NAMES]:
        assert "-" not in said and "−" not in said
        assert f"{abs(angle):.0f}°" in said or abs(angle) < 0.5 or said == "knee straight"
    if abs(angle) >= 0.5:
        side = "behind" if angle > 0 else "in front of"
        assert words == f"thigh {abs(angle):.0f}° {side} the trunk line"


def test_each_frame_carries_its_reps_verdict(example_clip):
    import dataclasses

    from kickback.draw.video_report import MISTAKE_WORDS
    from kickback.draw.video_verdicts import frame_verdicts, verdict_words
    from kickback.form.video_findings import locate_findings, rep_top_frames

    recording, report, _, _, shown = example_clip
    verdicts = frame_verdicts(report, recording, shown, MISTAKE_WORDS)
    first = report.reps[0]
    before = [f for f in shown if recording.time_s[f] < first.start_s]
    inside = [f for f in shown if first.start_s <= recording.time_s[f] <= first.end_s]
    assert before and inside
    assert all(verdicts[f].rep is None and verdict_words(verdicts[f]) == ("", "not in a rep") for f in before)
    # A fault is marked only on the frame where it is judged; the rep's other frames are neutral and
    # say when it was judged (the contact frames of this clip fall mid-rep, away from the top).
    located = [item for item in locate_findings(report, recording) if item.finding.rep == 1]
    assert located
    for frame in inside:
        mark, words = verdict_words(verdicts[frame])
        judged_here = {MISTAKE_WORDS[item.finding.mistake] for item in located if item.frame == frame}
        assert {fault.rstrip("?") for fault in verdicts[frame].faults} == judged_here
        assert (mark == "✗") == bool(judged_here) and words.startswith("rep 1: ")
        if not judged_here:
            assert mark == "" and "judged at" in words
            assert f"{recording.time_s[located[0].frame]:.1f}" in words
    top = rep_top_frames(report, recording)[0]
    at_top = frame_verdicts(report, recording, [top], MISTAKE_WORDS)[top]
    arched = next(item.finding for item in located if item.finding.mistake == "arched_back")
    assert verdict_words(at_top)[0] == "✗" and "arched back" in verdict_words(at_top)[1]
    why = f"{arched.measured:.0f}° > {arched.limit:.0f}°: the back likely helped (teaching heuristic)"
    assert at_top.why == (why,)
    assert arched.check == "thigh_to_trunk" and arched.measured > arched.limit
    clean = dataclasses.replace(report, findings=())
    assert verdict_words(frame_verdicts(clean, recording, inside, MISTAKE_WORDS)[inside[0]]) == (
        "✓",
        "rep 1: no fault",
    )


def test_the_frames_say_what_they_show_with_a_floor_a_head_and_marks(example_clip):
    from matplotlib.patches import Circle

    from kickback.draw.video_report import MISTAKE_WORDS, sheet_with_rep_tops
    from kickback.draw.video_stills import draw_contact_sheet
    from kickback.draw.video_verdicts import frame_verdicts
    from kickback.form.video_findings import rep_top_frames

    recording, report, track, size, shown = example_clip
    shown = sheet_with_rep_tops(shown, rep_top_frames(report, recording))  # as the report's sheet
    verdicts = frame_verdicts(report, recording, shown, MISTAKE_WORDS)
    figure = draw_contact_sheet(
        [None] * len(shown), shown, track, recording.angles, recording.time_s, size=size, verdicts=verdicts
    )
    words = " ".join(text.get_text() for text in figure.texts)
    assert f"{len(shown)} frames from your clip" in words and "dotted: trunk line" in words
    assert "Contact sheet" not in words and "✓" in words and "✗" in words
    renderer = figure.canvas.get_renderer()
    for ax, frame in zip(figure.axes, shown):
        title = ax.get_title("left")
        assert "trunk line" in title and "°" in title and not any(c in title for c in "-−")
        verdict = verdicts[frame]
        expected = "not in a rep" if verdict.rep is None else f"rep {verdict.rep}: "
        expected = "✗" if verdict.faults else expected
        assert ax.get_title("left").startswith(expected)
        dashed = ax.spines["top"].get_linestyle() != "solid"
        assert dashed == bool(verdict.faults)
        assert all(why in title.replace("\n", " ") for why in verdict.why)
        (head,) = [p for p in ax.patches if isinstance(p, Circle) and p.get_gid() == "drawn_head"]
        assert ax.bbox.contains(*head.get_window_extent(renderer).p0)
        assert ax.bbox.contains(*head.get_window_extent(renderer).p1)
        (floor_line,) = [line for line in ax.lines if line.get_gid() == "floor"]
        floor = floor_line.get_ydata()[0]
        bottom, top = ax.get_ylim()
        ankle = track["ankle"][1][frame]
        assert top < floor < bottom and (not np.isfinite(ankle) or ankle < floor)
        assert ax.title.get_window_extent(renderer).x1 <= ax.bbox.x1 + 4, "a title wider than its frame"
    assert any(verdicts[f].why for f in shown) and any(verdicts[f].elsewhere for f in shown)
