#!/usr/bin/env python3
"""Write the simulated example sets in data/recordings/ and their README.

Steps: simulate each labelled set (kickback.form.simulate.simulate_set); write it as an angles CSV,
or film it with the body model into a keypoints CSV; check every file with the course's own
checker (kickback.form.analyze_set) and list what it found in the README.

    python scripts/make_recordings.py [--out DIR]

The files are simulated, not measured; every file says so in its first lines.
"""

from __future__ import annotations

import argparse
from pathlib import Path

from kickback.form.analysis import analyze_set
from kickback.form.findings import MISTAKES
from kickback.form.recordings import read_recording, write_angles_csv
from kickback.form.simulate import simulate_set, write_keypoints_csv
from kickback.form.thresholds import hip_normal_extension, threshold

OUT = Path(__file__).resolve().parent.parent / "data" / "recordings"
SEED = 2024
NOISE_DEG = 1.0
NOISE_PX = 1.0

# (variant, mistake or None, format, reps)
SETS: tuple[tuple[str, str | None, str, int], ...] = (
    tuple(("cable", mistake, "angles", 8) for mistake in (None,) + MISTAKES)
    + (
        ("machine", None, "angles", 8),
        ("bodyweight", None, "angles", 8),
        ("bodyweight", "arched_back", "angles", 8),
        ("bodyweight", "weak_core", "angles", 8),
    )
    + (("cable", "arched_back", "coco17", 5), ("bodyweight", "arched_back", "coco17", 5))
)


def file_name(variant: str, mistake: str | None, format: str) -> str:
    """e.g. cable_arched_back_angles.csv, cable_good_angles.csv."""
    return f"{variant}_{mistake or 'good'}_{format}.csv"


def header_comments(variant: str, mistake: str | None, format: str, reps: int) -> list[str]:
    """The comment lines at the top of each file: simulated, how, and what it shows."""
    call = (
        f"simulate_set({variant!r}, {mistake!r}, reps={reps}, seed={SEED}, "
        f"noise_deg={NOISE_DEG if format == 'angles' else 0})"
    )
    lines = [
        "SIMULATED, not measured: made by scripts/make_recordings.py (Kickback Lab).",
        f"kickback.form.simulate.{call}",
        f"Label: {mistake or 'good'} ({variant} kickback, {reps} reps).",
    ]
    if format == "angles":
        lines.append(
            "Angles in degrees with the course's signs (DESIGN.md); "
            "white Gaussian noise added to every angle."
        )
    else:
        lines.append(
            f"Keypoints: the body model filmed side-on, right side toward the camera, {format} joint names, "
            f"pixels with y down; noise {NOISE_PX:g} px. Check it with --format {format} --side right."
        )
    return lines


def write_set(out: Path, variant: str, mistake: str | None, format: str, reps: int) -> Path:
    """Simulate one set and write it in `format`."""
    path = out / file_name(variant, mistake, format)
    comments = header_comments(variant, mistake, format, reps)
    if format == "angles":
        return write_angles_csv(
            path, simulate_set(variant, mistake, reps=reps, seed=SEED, noise_deg=NOISE_DEG), comments=comments
        )
    recording = simulate_set(variant, mistake, reps=reps, seed=SEED, noise_deg=0.0)
    return write_keypoints_csv(
        path,
        recording,
        variant,
        skeleton=format,
        side="right",
        noise_px=NOISE_PX,
        seed=SEED,
        comments=comments,
    )


def found(path: Path, variant: str, format: str) -> str:
    """What the checker finds in a file, in a few words."""
    recording = read_recording(path, format=format, side=None if format == "angles" else "right")
    report = analyze_set(recording, variant)
    mistakes = sorted(report.mistakes())
    unjudged = sorted({item.check for item in report.cannot_judge})
    words = f"{len(report.reps)} reps, tempo {report.tempo}; " + (
        ", ".join(mistakes) if mistakes else "no mistakes"
    )
    return words + (f"; cannot judge: {', '.join(unjudged)}" if unjudged else "")


README_TOP = """# Example recordings (simulated)

Every file here is **simulated, not measured**: `scripts/make_recordings.py` writes them, and the
first lines of each file (starting with `#`) say so and give the exact call. Do not edit them by hand;
run `python scripts/make_recordings.py` to rewrite them.

How they are made (`kickback.form.simulate.simulate_set`): each rep eases smoothly from the variant's
start pose to its top pose and back (`data/poses.csv`) at the article's tempo, 2 s up, 1 s hold, 3 s
down, with white Gaussian noise of {noise:g}° on every angle (seed {seed}). Each set shows one mistake,
named in its file name and its `Label:` line; what each mistake changes is listed in the docstring of
`simulate_set`. The keypoint files film the same model side-on (right side toward the camera,
y down, noise {noise_px:g} px) with the skeleton's own joint names \
(`kickback.form.simulate.write_keypoints_csv`).

Seen from the side (the keypoint files) the lower back is hidden and the pelvis turns and tilts across
the camera's line of sight, so the checker says it cannot judge the lumbar arch, pelvic rotation or a
hip hike. It judges the arch from the thigh's angle to the trunk line instead: past the hip's own range
({hip:g}°, `data/normal_ranges.csv`, plus a {margin:g}° margin) the lower back lent the rest. Where the
camera sees the shoulder-hip line tilt as the pelvis tips with the arch, the checker reports a trunk the
core did not hold (`weak_core`) and says that it can also be the lower back arching.

A weak core on all fours (`bodyweight_weak_core_angles.csv`) is not the trunk rocking: the hands and
knees on the floor hold the trunk's lean. It shows as the lower back sagging and the pelvis dropping on
the working side as the leg rises, both inside the arched-back and hip-hike limits; the checker flags
that movement when it exceeds {excursion:g}° within a rep. A side view sees neither, and says so.

Real sets are noisier and less regular: these files show what the checker looks for, they do not
prove that it works on people.

Try one:

    python -m kickback check data/recordings/cable_momentum_angles.csv --variant cable
    python -m kickback check data/recordings/cable_arched_back_coco17.csv \
--variant cable --format coco17 --side right

| file | variant | label | what `python -m kickback check` finds |
|---|---|---|---|
"""


def make_recordings(out: Path) -> list[Path]:
    """Write every example set and the README into `out`; return the paths written."""
    out.mkdir(parents=True, exist_ok=True)
    rows, paths = [], []
    for variant, mistake, format, reps in SETS:
        path = write_set(out, variant, mistake, format, reps)
        paths.append(path)
        rows.append(f"| `{path.name}` | {variant} | {mistake or 'good'} | {found(path, variant, format)} |")
    readme = out / "README.md"
    readme.write_text(
        README_TOP.format(
            noise=NOISE_DEG,
            seed=SEED,
            noise_px=NOISE_PX,
            hip=hip_normal_extension(),
            margin=threshold("thigh_trunk_margin"),
            excursion=threshold("trunk_excursion_max"),
        )
        + "\n".join(rows)
        + "\n",
        encoding="utf-8",
    )
    return paths + [readme]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument(
        "--out", type=Path, default=OUT, help="folder to write to (default: data/recordings/)"
    )
    for path in make_recordings(parser.parse_args().out):
        print(path.name)


if __name__ == "__main__":
    main()
