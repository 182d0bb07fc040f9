"""The kickback machine as drawn: it stands on the floor, touches the body where a real one does.

Measured on the drawn artists (the polygons `draw_pose` moves) over a grid of the explorer's
machine ranges, so what is tested is what the learner sees.
"""

import itertools
import math

import matplotlib.colors as mcolors
import numpy as np
import pytest
from matplotlib.figure import Figure
from matplotlib.path import Path

from kickback.content.pose_readouts import read_slider_ranges
from kickback.data_files import read_table
from kickback.draw.body import draw_pose, update_pose
from kickback.draw.chest_pad import PAD_TUCK, PAD_TUCK_MOST
from kickback.draw.machine import cable_path, machine_parts, static_parts, tower_frame
from kickback.draw.style import COLORS
from kickback.model.anthropometrics import default_body
from kickback.model.pose import Pose, preset_pose
from kickback.model.skeleton import SPINE_STEPS, build_skeleton, equipment

BODY = default_body()
DIMS = equipment("machine")
CONTACT = 0.02  # m: "touching" allows this much gap (a drawn pad is firm, the body is a schematic)
SINK = 0.006  # m: how far a pad may press into the drawn body's outline


def _grid(points: int = 4) -> list[Pose]:
    """Poses over the explorer's machine ranges: every corner and points in between."""
    ranges = read_slider_ranges("machine")
    names = ("trunk_lean", "lumbar_extension", "hip_extension", "knee_flexion")
    axes = [np.linspace(*ranges[name], points) for name in names]
    return [Pose(**dict(zip(names, map(float, values)))) for values in itertools.product(*axes)]


GRID = _grid()


@pytest.fixture(scope="module")
def drawn():
    """One drawn machine set-up whose artists each test moves through the grid."""
    ax = Figure().add_subplot()
    return draw_pose(ax, preset_pose("machine", "start"), BODY, "machine", angles=False, caption=False)


def _distance_to_outline(points: np.ndarray, outline: np.ndarray) -> np.ndarray:
    """Distance (m) from each point to the closed polyline `outline`."""
    a = outline
    b = np.roll(outline, -1, axis=0)
    ab = b - a
    t = np.clip(((points[:, None, :] - a) * ab).sum(-1) / np.maximum((ab * ab).sum(-1), 1e-12), 0, 1)
    nearest = a + t[..., None] * ab
    return np.hypot(*(points[:, None, :] - nearest).transpose(2, 0, 1)).min(axis=1)


def _gap_and_sink(part: np.ndarray, body_part: np.ndarray) -> tuple[float, float]:
    """The gap between two outlines (m), and how deep the first one's points sink into the second."""
    inside = Path(body_part, closed=True).contains_points(part)
    distance = _distance_to_outline(part, body_part)
    gap = 0.0 if inside.any() else float(distance.min())
    sink = float(distance[inside].max()) if inside.any() else 0.0
    return gap, sink


def test_the_chest_pad_touches_the_chest_in_every_explorer_pose(drawn):
    """Seen from the side the pad's near end lies over the chest's near side (it is wider than the
    chest), reaching in behind the chest's outline no farther than `pad_tuck` says."""
    for pose in GRID:
        update_pose(drawn, pose)
        pad, trunk = drawn.polygons["chest_pad"].get_xy(), drawn.polygons["trunk"].get_xy()
        gap, sink = _gap_and_sink(pad, trunk)
        assert gap <= CONTACT and PAD_TUCK - SINK <= sink <= PAD_TUCK_MOST + SINK, (pose, gap, sink)
        # on the chest (the thorax, above T12), not the belly
        contact = pad.mean(axis=0)  # the middle of the cushion (its points are evenly spaced)
        spine = drawn.skeleton.spine
        assert np.argmin(np.hypot(*(spine - contact).T)) > 1 + SPINE_STEPS, pose


def _shared_area(part: np.ndarray, other: np.ndarray, points: int = 120) -> float:
    """The share of `part`'s area that `other` covers (sampled on a grid over `part`)."""
    low, high = part.min(axis=0), part.max(axis=0)
    xs, ys = np.meshgrid(np.linspace(low[0], high[0], points), np.linspace(low[1], high[1], points))
    grid = np.column_stack([xs.ravel(), ys.ravel()])
    inside = Path(part, closed=True).contains_points(grid)
    return float((inside & Path(other, closed=True).contains_points(grid)).sum() / max(inside.sum(), 1))


def test_the_near_arm_passes_in_front_of_the_chest_pad_in_every_explorer_pose(drawn):
    """The illustrator read a pad whose face met the arm's edge as pinning the arm to the chest: the
    near upper arm is drawn over the pad and covers a good strip of it (its inner edge), so the arm
    is seen passing in front of the pad, as it hangs beside it on a real machine."""
    arm, pad = drawn.polygons["upper_arm"], drawn.polygons["chest_pad"]
    assert arm.get_zorder() > pad.get_zorder()
    for pose in GRID:
        update_pose(drawn, pose)
        assert _shared_area(pad.get_xy(), arm.get_xy()) > 0.1, pose


def test_the_chest_pad_moves_with_the_chest_not_a_fixed_offset(drawn):
    update_pose(drawn, Pose(trunk_lean=10, knee_flexion=80))
    upright = drawn.polygons["chest_pad"].get_xy().mean(axis=0)
    update_pose(drawn, Pose(trunk_lean=60, knee_flexion=80))
    leaning = drawn.polygons["chest_pad"].get_xy().mean(axis=0)
    assert leaning[0] > upright[0] + 0.1 and leaning[1] < upright[1] - 0.1


def test_the_roller_rests_on_the_back_of_the_thigh_where_the_model_pushes(drawn):
    """MachineLoad's pad pushes at pad_position of the thigh from the hip, on its back."""
    for pose in GRID:
        update_pose(drawn, pose)
        joints = {name: np.array(point) for name, point in drawn.skeleton.joints.items()}
        thigh = joints["knee"] - joints["hip"]
        along = thigh / np.hypot(*thigh)
        posterior = np.array([along[1], -along[0]])  # hanging straight down, the back of the thigh is -x
        roller = drawn.polygons["roller"].get_xy()
        centre = roller.mean(axis=0)
        assert (centre - joints["hip"]) @ along == pytest.approx(
            DIMS["pad_position"] * BODY.length("thigh"), abs=0.01
        )
        assert (centre - joints["hip"]) @ posterior > BODY.geometry["thigh_width"] / 2, pose
        gap, sink = _gap_and_sink(roller, drawn.polygons["thigh"].get_xy())
        assert gap <= 0.01 and sink <= SINK, (pose, gap, sink)


def test_the_lever_turns_on_the_hip_joint_and_reaches_the_roller(drawn):
    for pose in GRID[::7]:
        update_pose(drawn, pose)
        joints = drawn.skeleton.joints
        assert joints["pivot"] == joints["hip"]
        lever = drawn.polygons["lever"].get_xy()
        for end in (joints["pivot"], joints["pad"]):
            assert np.hypot(*(lever - end).T).min() <= DIMS["lever_width"]
        cam = drawn.polygons["cam"].get_xy()
        assert np.hypot(*(cam - joints["hip"]).T).max() <= DIMS["cam_radius"] + 1e-9
        assert drawn.circles["pivot"].center == pytest.approx(joints["hip"])


def test_the_lever_is_a_metal_bar_not_a_limb(drawn):
    lever = drawn.polygons["lever"]
    body_colours = {mcolors.to_rgba(COLORS[name]) for name in ("body", "body_far", "working_leg")}
    assert tuple(lever.get_facecolor()) not in body_colours
    assert lever.get_linewidth() > 0 and tuple(lever.get_edgecolor()) != tuple(lever.get_facecolor())
    assert DIMS["lever_width"] <= BODY.geometry["thigh_width"] / 3


def test_no_part_of_the_machine_goes_below_the_floor():
    for pose in GRID[::5]:
        skeleton = build_skeleton(pose, BODY, "machine")
        for name, outline in machine_parts(skeleton, BODY).items():
            assert outline[:, 1].min() >= -1e-9, (name, pose)
        assert cable_path(skeleton, DIMS)[0][:, 1].min() >= 0


def test_the_stack_pulleys_and_cable_sit_inside_the_tower():
    skeleton = build_skeleton(preset_pose("machine", "start"), BODY, "machine")
    tower = tower_frame(skeleton, DIMS)
    parts = static_parts(skeleton, DIMS)
    plates = [outline for name, outline in parts.items() if name.startswith("plate_")]
    assert len(plates) == int(DIMS["stack_plates"])
    inner = (parts["back_upright"][:, 0].max(), parts["front_upright"][:, 0].min())
    for plate in plates:
        assert inner[0] < plate[:, 0].min() and plate[:, 0].max() < inner[1]
        assert DIMS["frame_rail_height"] <= plate[:, 1].min() and plate[:, 1].max() < tower["top"]
    cable, top, low = cable_path(skeleton, DIMS)
    assert tower["back"] <= top[0] <= tower["front"] and top[1] < tower["top"]
    assert tower["back"] <= low[0] <= tower["front"]
    assert cable[-1][0] == pytest.approx(skeleton.joints["pivot"][0])  # the cable ends at the cam
    platform = parts["platform"]
    assert platform[:, 1].max() == pytest.approx(skeleton.joints["support_heel"][1], abs=0.01)


def test_the_tower_stays_clear_of_the_head_and_trunk_in_every_explorer_pose(drawn):
    skeleton = build_skeleton(preset_pose("machine", "start"), BODY, "machine")
    t = tower_frame(skeleton, DIMS)
    tower = Path(
        [(t["back"], 0), (t["front"], 0), (t["front"], t["top"]), (t["back"], t["top"])], closed=True
    )
    for pose in GRID[::3]:
        update_pose(drawn, pose)
        for part in ("head", "trunk"):
            assert not tower.contains_points(drawn.polygons[part].get_xy()).any(), (part, pose)


def test_the_hands_hold_the_handles(drawn):
    for pose in GRID[::11]:
        update_pose(drawn, pose)
        grip = np.array(drawn.skeleton.joints["handle"])[None, :]
        hand = drawn.polygons["hand"].get_xy()
        assert Path(hand, closed=True).contains_points(grip)[0] or _distance_to_outline(grip, hand)[0] < 0.03


def test_every_machine_size_names_its_source():
    rows = [row for row in read_table("equipment") if row["variant"] == "machine"]
    assert {"cam_radius", "roller_radius", "chest_pad_length", "stack_plates"} <= {
        row["name"] for row in rows
    }
    for row in rows:
        assert row["source"].strip() and row["meaning"].strip(), row["name"]
        assert float(row["low"]) <= float(row["value"]) <= float(row["high"]), row["name"]


def test_the_blitted_machine_explorer_matches_a_full_render():
    import io

    from PIL import Image

    from kickback.draw.explorer_view import ExplorerView
    from kickback.draw.style import render_png

    view = ExplorerView("machine", preset_pose("machine", "start"), BODY)
    view.render()
    view.move(Pose(trunk_lean=55, lumbar_extension=30, hip_extension=35, knee_flexion=60))
    fast = np.asarray(Image.open(io.BytesIO(view.render())).convert("RGB"), dtype=int)
    full = np.asarray(Image.open(io.BytesIO(render_png(view.figure))).convert("RGB"), dtype=int)
    assert fast.shape == full.shape
    assert np.mean(np.abs(fast - full) > 40) < 0.002
    assert not math.isnan(fast.mean())


def test_the_machine_in_words_gives_the_table_s_numbers():
    from kickback.draw.machine import describe_machine

    words = describe_machine()
    assert f"{int(DIMS['stack_plates'])} plates" in words
    assert f"{DIMS['pad_position']:.0%}" in words and "back of the thigh" in words


def test_the_beam_reaches_the_pivot_and_its_hub_and_cable_show_over_the_trunk():
    """The illustrator's complaint: the pivot sat on the hip with no visible link to the frame. The beam
    must run from the tower to the pivot, drawn over the trunk and pelvis (on the body's near side), with
    its hub and the cable round the cam drawn where they show."""
    ax = Figure().add_subplot()
    artists = draw_pose(
        ax, preset_pose("machine", "correct_top"), BODY, "machine", angles=False, caption=False
    )
    skeleton = artists.skeleton
    pivot = np.array(skeleton.joints["pivot"])
    beam = static_parts(skeleton, DIMS)["beam"]
    assert beam[:, 0].min() <= pivot[0] <= beam[:, 0].max()
    assert beam[:, 1].min() < pivot[1] < beam[:, 1].max()
    body_z = max(artists.polygons[name].get_zorder() for name in ("trunk", "pelvis"))
    assert np.allclose(artists.polygons["beam"].get_xy()[:4], beam)
    assert artists.polygons["beam"].get_zorder() > body_z
    hub = artists.circles["hub"]
    assert np.allclose(hub.center, pivot) and hub.radius > 0.6 * DIMS["cam_radius"]
    assert hub.get_zorder() > body_z
    cable = np.column_stack(artists.lines["machine_cable"].get_data())
    assert artists.lines["machine_cable"].get_zorder() > body_z
    assert np.hypot(*(cable[-1] - pivot)) < DIMS["cam_radius"]  # it runs along the beam to the cam
    wrap = np.column_stack(artists.lines["cable_wrap"].get_data())
    from_pivot = np.hypot(*(wrap - pivot).T)
    cam = artists.polygons["cam"].get_xy()
    assert from_pivot[1:].max() <= np.hypot(*(cam - pivot).T).max() + 1e-9  # on the cam's rim
    assert from_pivot[1:].min() > 0.4 * DIMS["cam_radius"]
    swept = np.degrees(np.ptp(np.unwrap(np.arctan2(*(wrap[1:] - pivot).T[::-1]))))
    assert swept > 90  # wrapped round it, not a tangent
    assert artists.lines["cable_wrap"].get_zorder() > artists.polygons["cam"].get_zorder()


def test_the_cable_round_the_cam_follows_the_pose():
    ax = Figure().add_subplot()
    artists = draw_pose(ax, preset_pose("machine", "start"), BODY, "machine", angles=False, caption=False)
    before = np.column_stack(artists.lines["cable_wrap"].get_data())
    update_pose(artists, preset_pose("machine", "correct_top"))
    after = np.column_stack(artists.lines["cable_wrap"].get_data())
    assert not np.allclose(before, after)


def _polygon_area(outline: np.ndarray) -> float:
    x, y = outline[:, 0], outline[:, 1]
    return 0.5 * abs(float(np.dot(x, np.roll(y, -1)) - np.dot(y, np.roll(x, -1))))


def test_the_chest_pad_is_a_cushion_on_a_plate_not_a_bulge_of_the_chest(drawn):
    """The illustrator read the old pad as part of the chest: an ellipse in nearly the trunk's grey,
    touching it with no line between. Now: a rounded rectangle (it fills nearly its whole bounding box,
    an ellipse only π/4 of it), far darker than the body's greys, parted from the chest by a white
    line, on a metal plate that the post holds."""
    from matplotlib import patheffects

    pad_patch = drawn.polygons["chest_pad"]
    luminance = {
        name: float(np.dot(mcolors.to_rgb(colour), (0.2126, 0.7152, 0.0722)))
        for name, colour in (("pad", pad_patch.get_facecolor()), ("trunk", COLORS["body"]))
    }
    assert luminance["trunk"] - luminance["pad"] > 0.3
    strokes = [effect for effect in pad_patch.get_path_effects() if isinstance(effect, patheffects.Stroke)]
    assert strokes and mcolors.to_hex(strokes[0]._gc["foreground"]) == "#ffffff"
    assert strokes[0]._gc["linewidth"] > 2 * pad_patch.get_linewidth()
    for pose in GRID[::9]:
        update_pose(drawn, pose)
        pad = drawn.polygons["chest_pad"].get_xy()
        plate = drawn.polygons["chest_plate"].get_xy()
        post = drawn.polygons["chest_arm"].get_xy()
        centre = pad.mean(axis=0)
        axis = np.linalg.svd(pad - centre)[2][0]  # along the pad
        across = np.array([-axis[1], axis[0]])
        length, depth = np.ptp((pad - centre) @ axis), np.ptp((pad - centre) @ across)
        assert length == pytest.approx(DIMS["chest_pad_length"], abs=0.005)
        assert _polygon_area(pad) > 0.9 * length * depth, pose  # square-cornered enough: not an ellipse
        trunk = drawn.polygons["trunk"].get_xy()
        assert _distance_to_outline(plate, trunk).min() > DIMS["chest_pad_thickness"] - 0.005, pose
        assert (
            _distance_to_outline(plate, pad).min() < 0.002 and _distance_to_outline(post, plate).min() < 0.005
        )
