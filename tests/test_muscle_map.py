"""The muscle map draws every muscle of data/muscles.csv as a shape where it lies, by role."""

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from matplotlib.colors import to_rgba
from matplotlib.patches import Polygon
from matplotlib.path import Path
from matplotlib.text import Text

from kickback.content.pose_readouts import read_slider_ranges
from kickback.draw.muscle_map import build_muscle_map
from kickback.draw.muscle_shapes import (
    ITB_SHAPE,
    LANDMARKS,
    ROLE_OUTLINES,
    SHAPES,
    fibre_lines,
    landmark_points,
    muscle_outline,
)
from kickback.draw.muscles import place_points
from kickback.draw.style import COLORS, MIN_TEXT_PX_AT_900
from kickback.model.anthropometrics import Body, default_body
from kickback.model.muscles import read_muscles
from kickback.model.pose import PRESET_NAMES, Pose, preset_pose
from kickback.model.skeleton import build_skeleton

BODY = default_body()


def polygon_area(points):
    x, y = points[:, 0], points[:, 1]
    return 0.5 * abs(np.dot(x, np.roll(y, 1)) - np.dot(y, np.roll(x, 1)))


@pytest.fixture(scope="module")
def skeleton():
    return build_skeleton(preset_pose("cable", "correct_top"), BODY, "cable")


POSES = [(variant, name) for variant in ("cable", "machine", "bodyweight") for name in PRESET_NAMES]


def pelvis_frame(skeleton):
    """The hip joint, the pelvis's unit 'up' (hip toward L5/S1) and unit 'back' (toward the back)."""
    hip = np.array(skeleton.joints["hip"])
    up = np.array(skeleton.joints["sacrum"]) - hip
    up /= np.hypot(*up)
    return hip, up, np.array([-up[1], up[0]])


def height_above_hip(skeleton, points):
    """How far each point lies above the hip joint along the pelvis's own 'up' (m): 'below' in any pose."""
    hip, up, _ = pelvis_frame(skeleton)
    return (np.atleast_2d(points) - hip) @ up


def centroid(skeleton, name):
    return muscle_outline(skeleton, SHAPES[name], BODY.height).mean(axis=0)


def landmark(skeleton, name):
    return landmark_points(skeleton, LANDMARKS[name], BODY.height)


def along_thigh(skeleton, points):
    """Each point's position along the thigh: 0 at the hip joint, 1 at the knee joint."""
    hip, knee = np.array(skeleton.joints["hip"]), np.array(skeleton.joints["knee"])
    return (np.atleast_2d(points) - hip) @ (knee - hip) / np.dot(knee - hip, knee - hip)


@pytest.mark.parametrize("variant, name", POSES)
@pytest.mark.parametrize("gluteal", ["glmed", "glmin"])
def test_gluteus_medius_and_minimus_lie_between_the_iliac_crest_and_the_trochanter(variant, name, gluteal):
    skeleton = build_skeleton(preset_pose(variant, name), BODY, variant)
    crest_top = height_above_hip(skeleton, landmark(skeleton, "iliac_crest")).max()
    trochanter = height_above_hip(skeleton, landmark(skeleton, "trochanter").mean(axis=0))[0]
    outline = muscle_outline(skeleton, SHAPES[gluteal], BODY.height)
    middle = height_above_hip(skeleton, outline.mean(axis=0))[0]
    assert trochanter < middle < crest_top
    assert height_above_hip(skeleton, outline).max() < crest_top  # below the crest, not above the pelvis
    assert height_above_hip(skeleton, outline).min() < trochanter + 0.02  # reaching down to the trochanter


def test_the_gluteus_minimus_lies_lower_than_the_medius(skeleton):
    assert height_above_hip(skeleton, centroid(skeleton, "glmin")) < height_above_hip(
        skeleton, centroid(skeleton, "glmed")
    )


@pytest.mark.parametrize("variant, name", [(v, n) for v, n in POSES if n != "start"])
def test_gluteus_maximus_fibres_slant_down_toward_the_femur(variant, name):
    """From the hip near neutral to extended (the lift's second half and the top): at the start, with
    the hip flexed to 90 degrees, the femur lies in front and the fibres wrap forward around the hip."""
    skeleton = build_skeleton(preset_pose(variant, name), BODY, variant)
    hip, knee = np.array(skeleton.joints["hip"]), np.array(skeleton.joints["knee"])
    femur = (knee - hip) / np.hypot(*(knee - hip))
    _, up, _ = pelvis_frame(skeleton)

    def off_femur(point):
        offset = point - hip
        return abs(femur[0] * offset[1] - femur[1] * offset[0])

    fibres = fibre_lines(skeleton, SHAPES["glmax"], BODY.height)
    assert len(fibres) >= 5
    for start, end in fibres:
        direction = (end - start) / np.hypot(*(end - start))
        assert direction @ up < -0.3  # downward, never near the pelvis's horizontal (hip flexed the most)
        assert off_femur(end) < off_femur(start)  # toward the femur's shaft
        assert along_thigh(skeleton, end)[0] > 0.0  # and they end on the thigh, below the hip joint


def test_the_gluteus_maximus_starts_at_the_sacrum_and_ends_on_the_upper_femur(skeleton):
    outline = muscle_outline(skeleton, SHAPES["glmax"], BODY.height)
    _, _, back = pelvis_frame(skeleton)
    hip = np.array(skeleton.joints["hip"])
    sacrum_back = ((landmark(skeleton, "sacrum") - hip) @ back).max()
    assert ((outline - hip) @ back).max() > sacrum_back  # it covers the back of the sacrum
    assert 0.25 < along_thigh(skeleton, outline).max() < 0.5  # the gluteal tuberosity: upper shaft only


def test_the_obliques_lie_between_the_lower_ribs_and_the_iliac_crest(skeleton):
    ribs_lowest = landmark(skeleton, "rib_margin")[:, 1].min()
    crest_top = landmark(skeleton, "iliac_crest")[:, 1].max()
    middle = centroid(skeleton, "obliques")[1]
    assert crest_top < middle < ribs_lowest
    outline = muscle_outline(skeleton, SHAPES["obliques"], BODY.height)
    assert outline[:, 1].min() > landmark(skeleton, "iliac_crest")[:, 1].min() - 0.01  # not onto the hip


def trunk_axis(skeleton):
    lower, upper = np.array(skeleton.joints["sacrum"]), np.array(skeleton.joints["t12"])
    return (upper - lower) / np.hypot(*(upper - lower))


def fibre_angles(skeleton, name):
    """Each fibre's angle to the lumbar spine's axis, degrees (0 = along the trunk, 90 = across it)."""
    axis = trunk_axis(skeleton)
    angles = []
    for start, end in fibre_lines(skeleton, SHAPES[name], BODY.height):
        direction = (end - start) / np.hypot(*(end - start))
        angles.append(np.degrees(np.arccos(abs(direction @ axis))))
    return np.array(angles)


def test_the_oblique_fibres_run_on_the_diagonal_and_the_transverse_abdominis_across(skeleton):
    assert np.all((fibre_angles(skeleton, "obliques") > 30) & (fibre_angles(skeleton, "obliques") < 60))
    assert np.all(fibre_angles(skeleton, "transverse_abdominis") > 75)


def test_the_transverse_abdominis_lies_across_the_belly_in_front_of_the_obliques(skeleton):
    hip, _, back = pelvis_frame(skeleton)
    ta, obliques = centroid(skeleton, "transverse_abdominis"), centroid(skeleton, "obliques")
    assert (ta - hip) @ back < (obliques - hip) @ back  # further forward
    crest_top = landmark(skeleton, "iliac_crest")[:, 1].max()
    outline = muscle_outline(skeleton, SHAPES["transverse_abdominis"], BODY.height)
    assert outline[:, 1].min() < crest_top < outline[:, 1].max()  # the whole belly, above and below the crest


def test_the_erector_spinae_runs_up_the_back_of_the_spine(skeleton):
    centre = place_points(skeleton, SHAPES["erector_spinae"].outline, BODY.height)
    spine = skeleton.spine
    for point in centre:
        nearest = spine[np.argmin(np.hypot(*(spine - point).T))]
        assert point[0] < nearest[0]  # behind the spine's line (the body faces +x)
    assert centre[:, 1].min() < skeleton.joints["t12"][1] - 0.1  # from the sacrum
    assert centre[:, 1].max() > skeleton.joints["t12"][1] + 0.1  # well up the thorax


def test_every_muscle_in_the_table_has_a_shape():
    assert {muscle.id for muscle in read_muscles()} <= set(SHAPES)


def test_the_gluteus_maximus_is_the_largest_shape(skeleton):
    areas = {
        name: polygon_area(muscle_outline(skeleton, shape, BODY.height)) for name, shape in SHAPES.items()
    }
    assert max(areas, key=areas.get) == "glmax"


@pytest.mark.parametrize("variant, name", POSES)
def test_the_gluteus_maximus_is_broad_and_lies_over_the_greater_trochanter(variant, name):
    """A broad sheet from the iliac crest, not a band: over three times the largest hamstring's area,
    and lying over the greater trochanter."""
    skeleton = build_skeleton(preset_pose(variant, name), BODY, variant)
    glmax = muscle_outline(skeleton, SHAPES["glmax"], BODY.height)
    hamstrings = max(
        polygon_area(muscle_outline(skeleton, SHAPES[h], BODY.height)) for h in ("bflh", "semiten", "semimem")
    )
    assert polygon_area(glmax) > 3.0 * hamstrings
    trochanter = landmark(skeleton, "trochanter").mean(axis=0)
    assert Path(glmax, closed=True).contains_point(tuple(trochanter))
    crest_top = height_above_hip(skeleton, landmark(skeleton, "iliac_crest")).max()
    assert height_above_hip(skeleton, glmax).max() > crest_top - 0.015  # its top border reaches the crest


@pytest.mark.parametrize("hamstring", ["bflh", "semiten", "semimem"])
def test_each_hamstring_crosses_the_knee(skeleton, hamstring):
    outline = muscle_outline(skeleton, SHAPES[hamstring], BODY.height)
    hip, knee = np.array(skeleton.joints["hip"]), np.array(skeleton.joints["knee"])
    along = (outline - hip) @ (knee - hip) / np.dot(knee - hip, knee - hip)
    assert along.max() > 1.05  # past the knee, onto the shank
    assert along.min() < 0.2  # from the sitting bone, just below the hip joint


def test_the_callouts_sit_outside_the_close_up_and_never_overlap():
    figure = build_muscle_map().figure
    figure.canvas.draw()
    renderer = figure.canvas.get_renderer()
    ax = figure.axes[0]
    frame = ax.get_window_extent(renderer)
    callouts = [text for text in figure.texts if text.get_gid() == "callout"]
    assert len(callouts) >= len(read_muscles()) + len(LANDMARKS)
    boxes = [text.get_window_extent(renderer) for text in callouts]
    for box in boxes:
        assert box.x1 < frame.x0 or box.x0 > frame.x1  # in a margin, off the body
        assert figure.bbox.x0 <= box.x0 and box.x1 <= figure.bbox.x1
    for i, a in enumerate(boxes):
        for b in boxes[i + 1 :]:
            assert not a.overlaps(b)
    smallest = min(text.get_fontsize() for text in figure.findobj(Text) if text.get_text().strip())
    assert smallest * 900 / (figure.get_figwidth() * 72) >= MIN_TEXT_PX_AT_900


def test_the_alt_text_names_every_muscle_and_landmark():
    alt = build_muscle_map().alt_text.lower()
    for muscle in read_muscles():
        assert muscle.name.lower() in alt
    for words in ("iliac crest", "sacrum", "greater trochanter", "knee joint line", "fibula"):
        assert words in alt


def test_the_biceps_femoris_ends_at_the_fibular_head_and_the_others_on_the_tibia(skeleton):
    fibula = landmark(skeleton, "fibular_head").mean(axis=0)
    ends = {name: place_points(skeleton, SHAPES[name].outline, BODY.height)[-1] for name in SHAPES}
    distance = {name: np.hypot(*(ends[name] - fibula)) for name in ("bflh", "semiten", "semimem")}
    assert distance["bflh"] < 0.02  # metres
    assert min(distance, key=distance.get) == "bflh"
    for inner in ("semiten", "semimem"):
        assert along_thigh(skeleton, ends[inner])[0] > 1.0  # on the shank, past the knee
        assert "inner" in SHAPES[inner].where


@pytest.mark.parametrize("hamstring", ["bflh", "semiten", "semimem"])
def test_each_hamstring_band_spans_the_knee_joint_line(skeleton, hamstring):
    line = landmark(skeleton, "knee_line")
    across = line[1] - line[0]
    normal = np.array([-across[1], across[0]])
    side = (muscle_outline(skeleton, SHAPES[hamstring], BODY.height) - line[0]) @ normal
    assert side.min() < 0 < side.max()  # parts on both sides of the joint line


def test_the_adductor_magnus_is_deep_on_the_back_of_the_thigh_and_stops_above_the_knee(skeleton):
    outline = muscle_outline(skeleton, SHAPES["addmag"], BODY.height)
    along = along_thigh(skeleton, outline)
    assert along.max() < 1.0 and along.min() < 0.2  # from the pelvis to just above the knee
    assert along_thigh(skeleton, outline).max() > 0.8  # down to the adductor tubercle
    assert "inner thigh" in SHAPES["addmag"].where
    assert all(SHAPES["addmag"].layer < SHAPES[h].layer for h in ("bflh", "semiten", "semimem"))
    itb = muscle_outline(skeleton, ITB_SHAPE, BODY.height)
    hip, knee = np.array(skeleton.joints["hip"]), np.array(skeleton.joints["knee"])
    femur = (knee - hip) / np.hypot(*(knee - hip))
    back = np.array([femur[1], -femur[0]])  # the back of the thigh
    assert ((outline - hip) @ back).mean() > ((itb - hip) @ back).mean()  # behind the lateral band


def test_the_three_hamstrings_are_separate_bands(skeleton):
    centres = [
        muscle_outline(skeleton, SHAPES[name], BODY.height).mean(axis=0)
        for name in ("bflh", "semiten", "semimem")
    ]
    gaps = [np.hypot(*(a - b)) for a, b in zip(centres, centres[1:])]
    assert min(gaps) > 0.01  # metres


def test_role_is_shown_by_colour_and_by_outline_style():
    figure = build_muscle_map().figure
    patches = [p for p in figure.axes[0].patches if str(p.get_gid()).startswith("muscle:")]
    roles = {muscle.role for muscle in read_muscles()}
    assert len(patches) == len(read_muscles())
    styles = {(p.get_facecolor()[:3], str(p.get_linestyle())) for p in patches}
    assert len(styles) == len(roles)
    assert len({str(style) for style in ROLE_OUTLINES.values()}) == len(ROLE_OUTLINES)
    assert len({COLORS[role] for role in roles}) == len(roles)


def test_every_shape_is_inside_the_frame():
    figure = build_muscle_map().figure
    close_up, whole = figure.axes[:2]
    for ax in (close_up, whole):
        (x0, x1), (y0, y1) = ax.get_xlim(), ax.get_ylim()
        shapes = [p for p in ax.patches if isinstance(p, Polygon)]
        if ax is close_up:  # a close-up: the body runs on past its frame, the muscles do not
            shapes = [p for p in shapes if str(p.get_gid()).startswith(("muscle:", "tendon:", "landmark:"))]
        assert shapes
        for patch in shapes:
            xy = patch.get_xy()
            assert xy[:, 0].min() >= x0 and xy[:, 0].max() <= x1
            assert xy[:, 1].min() >= y0 and xy[:, 1].max() <= y1


def test_a_line_of_pull_runs_from_origin_to_insertion(skeleton):
    from kickback.draw.muscles import muscle_line

    glmax = next(muscle for muscle in read_muscles() if muscle.id == "glmax")
    line = muscle_line(skeleton, glmax, BODY.height)
    hip, knee = np.array(skeleton.joints["hip"]), np.array(skeleton.joints["knee"])
    assert np.hypot(*(line[1] - knee)) < np.hypot(*(line[0] - knee))  # it ends nearer the knee
    assert np.hypot(*(line[0] - hip)) < 0.25 * BODY.height  # it starts on the pelvis


def test_smoothing_keeps_a_shape_inside_its_corners():
    from kickback.draw.muscles import smooth_outline

    square = np.array([[0, 0], [1, 0], [1, 1], [0, 1]], dtype=float)
    rounded = smooth_outline(square, closed=True)
    assert rounded.min() >= 0 and rounded.max() <= 1
    assert len(rounded) > len(square)
    assert polygon_area(rounded) < 1


def test_callouts_say_what_the_stabilising_synergists_do_and_on_which_side():
    from kickback.draw.muscle_map import callout_text

    muscles = {muscle.id: muscle for muscle in read_muscles()}
    words = {name: callout_text(muscles[name]).replace("\n", " ") for name in ("glmed", "erector_spinae")}
    assert "standing side" in words["glmed"] and "pelvis level" in words["glmed"]
    assert "lower back still" in words["erector_spinae"]
    assert muscles["glmed"].role in ("synergist", "stabilizer")  # the role word still comes from the table
    assert callout_text(muscles["glmed"]).split("\n")[1].startswith(muscles["glmed"].role[:9])


@st.composite
def explorer_states(draw):
    """A variant, a pose anywhere in its explorer's slider ranges, and a body in the model's range."""
    variant = draw(st.sampled_from(("cable", "machine", "bodyweight")))
    ranges = read_slider_ranges(variant)
    angles = {field: draw(st.floats(min_value=low, max_value=high)) for field, (low, high) in ranges.items()}
    height = draw(st.floats(min_value=1.4, max_value=2.0))
    return variant, Pose(**angles), Body.from_height_mass(height, 70.0)


@settings(max_examples=60, deadline=None)
@given(state=explorer_states())
def test_placement_laws_hold_in_every_explorer_pose(state):
    variant, pose, body = state
    skeleton = build_skeleton(pose, body, variant)
    h = body.height
    crest_top = height_above_hip(skeleton, landmark_points(skeleton, LANDMARKS["iliac_crest"], h)).max()
    trochanter = height_above_hip(
        skeleton, landmark_points(skeleton, LANDMARKS["trochanter"], h).mean(axis=0)
    )
    for gluteal in ("glmed", "glmin"):
        middle = height_above_hip(skeleton, muscle_outline(skeleton, SHAPES[gluteal], h).mean(axis=0))
        assert trochanter[0] < middle[0] < crest_top
    line = landmark_points(skeleton, LANDMARKS["knee_line"], h)
    normal = np.array([line[0][1] - line[1][1], line[1][0] - line[0][0]])
    for hamstring in ("bflh", "semiten", "semimem"):
        side = (muscle_outline(skeleton, SHAPES[hamstring], h) - line[0]) @ normal
        if skeleton.extras["knee_flexion_drawn"] <= 40:  # bent further, the thigh's back lies past the line
            assert side.min() < 0 < side.max()
        end = place_points(skeleton, SHAPES[hamstring].outline[-1:], h)[0]
        assert along_thigh(skeleton, end)[0] > 0.8  # it ends at the knee, on the leg below
    if pose.hip_extension >= -10:  # hip near neutral or extended: the fibres slant down to the femur
        _, up, _ = pelvis_frame(skeleton)
        for start, end in fibre_lines(skeleton, SHAPES["glmax"], h):
            assert (end - start) @ up < 0


@pytest.mark.parametrize("variant, name", POSES)
def test_the_iliotibial_band_runs_down_the_middle_of_the_outer_thigh(variant, name):
    """Along the thigh the band's centre lies in front of every hamstring and well behind the thigh's front
    edge (the illustrator's complaint: it ran along the front edge), from the hip region to the knee."""
    from kickback.draw.body import draw_pose
    from kickback.draw.style import new_figure

    pose = preset_pose(variant, name)
    skeleton = build_skeleton(pose, BODY, variant)
    ax = new_figure(4, 4).add_subplot()
    thigh = draw_pose(ax, pose, BODY, variant, angles=False, caption=False).polygons["thigh"].get_xy()
    hip, knee = np.array(skeleton.joints["hip"]), np.array(skeleton.joints["knee"])
    length = np.hypot(*(knee - hip))
    femur = (knee - hip) / length
    back = np.array([femur[1], -femur[0]])

    def across(points, at):
        """Offsets toward the back of the thigh (m) of an outline's points near `at` of the thigh's length."""
        closed = np.vstack([points, points[:1]])
        dense = np.vstack([a + np.linspace(0, 1, 40)[:, None] * (b - a) for a, b in zip(closed, closed[1:])])
        near = np.abs((dense - hip) @ femur / length - at) < 0.02
        return (dense[near] - hip) @ back

    itb = muscle_outline(skeleton, ITB_SHAPE, BODY.height)
    ends = (place_points(skeleton, ITB_SHAPE.outline[:1], BODY.height) - hip) @ femur / length
    assert ends[0] < 0.05  # it starts up at the hip, under the gluteus maximus
    assert ((place_points(skeleton, ITB_SHAPE.outline[-1:], BODY.height) - knee) @ femur)[
        0
    ] > 0  # past the knee
    for at in (0.3, 0.5, 0.7, 0.9):
        band = across(itb, at)
        centre = (band.min() + band.max()) / 2
        hamstrings = across(muscle_outline(skeleton, SHAPES["bflh"], BODY.height), at).min()
        edges = across(thigh, at)
        middle, width = (edges.min() + edges.max()) / 2, edges.max() - edges.min()
        assert edges.min() < centre < hamstrings, at  # between the front of the thigh and the hamstrings
        assert band.max() < hamstrings, at  # wholly in front of the biceps femoris
        assert abs(centre - middle) < width / 6, at  # in the middle third, not along the front edge


def test_gluteus_maximus_fibres_slant_across_the_thigh_not_along_it(skeleton):
    """The fibres run down and forward from the sacrum and the crest's back to the band and the upper
    femur, about 45° to the femur (30-60°), not parallel to it like a strap."""
    hip, knee = (np.array(skeleton.joints[name]) for name in ("hip", "knee"))
    femur = (knee - hip) / np.hypot(*(knee - hip))
    for line in fibre_lines(skeleton, SHAPES["glmax"], BODY.height):
        along = (line[1] - line[0]) / np.hypot(*(line[1] - line[0]))
        angle = np.degrees(np.arccos(abs(float(along @ femur))))
        assert 30.0 <= angle <= 60.0, f"a gluteus maximus fibre runs {angle:.0f}° to the femur"
        assert float((line[1] - line[0]) @ femur) > 0, "fibres run from the pelvis down toward the knee"


def leader_lines(figure):
    """Each callout's leader line, by what it names ("muscle:glmed", "landmark:sacrum"), in pixels."""
    ax = figure.axes[0]
    found = {}
    for artist in ax.texts:
        gid = str(artist.get_gid())
        if gid.startswith("leader:"):
            start = figure.transFigure.transform(artist.xyann)
            end = ax.transData.transform(artist.xy)
            found[gid.removeprefix("leader:")] = Path(np.array([start, end]))
    return found


def drawn_obstacles(figure):
    """What a leader must keep off, as (name, outline in pixels, z-order): each muscle, the iliotibial
    band, the bony landmarks and a deep muscle's outline drawn through the muscles over it."""
    ax = figure.axes[0]
    found = []
    for patch in ax.patches:
        gid = str(patch.get_gid())
        if gid.startswith(("muscle:", "tendon:", "landmark:", "seen-through:", "context:")):
            name = gid.replace("seen-through:", "muscle:")
            xy = ax.transData.transform(patch.get_xy())
            found.append((name, np.vstack([xy, xy[:1]]), patch.get_zorder()))
    for line in ax.lines:
        gid = str(line.get_gid())
        if gid.startswith("landmark:"):
            found.append((gid, ax.transData.transform(line.get_xydata()), line.get_zorder()))
    return found


def covers(figure):
    """The filled shapes in the close-up, as (closed path in pixels, z-order): what can hide a line."""
    ax = figure.axes[0]
    return [
        (Path(ax.transData.transform(p.get_xy()), closed=True), p.get_zorder(), str(p.get_gid()))
        for p in ax.patches
        if isinstance(p, Polygon) and p.get_visible() and p.get_fill() and (p.get_alpha() or 1.0) >= 0.9
    ]


def crossing_points(segment, outline):
    """Where a straight segment crosses a polyline (pixels)."""
    (ax_, ay), (bx, by) = segment
    c, d = outline[:-1], outline[1:]
    r = np.array([bx - ax_, by - ay])
    s = d - c
    denominator = r[0] * s[:, 1] - r[1] * s[:, 0]
    with np.errstate(divide="ignore", invalid="ignore"):
        t = ((c[:, 0] - ax_) * s[:, 1] - (c[:, 1] - ay) * s[:, 0]) / denominator
        u = ((c[:, 0] - ax_) * r[1] - (c[:, 1] - ay) * r[0]) / denominator
    hit = (denominator != 0) & (t >= 0) & (t <= 1) & (u >= 0) & (u <= 1)
    return np.array([ax_, ay]) + t[hit, None] * r


def seen(point, z, hiders):
    """Whether a line drawn at z-order `z` shows at `point`: no filled shape drawn over it there."""
    return not any(zo > z and path.contains_point(tuple(point)) for path, zo, _ in hiders)


def on_the_standing_leg(leader, hiders):
    """Whether a leader passes over the part of the standing leg (the light grey leg behind) one sees."""
    legs = [(path, z) for path, z, gid in hiders if gid.startswith("standing_leg:")]
    start, end = leader.vertices[0], leader.vertices[-1]
    for t in np.linspace(0.0, 1.0, 300):
        point = start + t * (end - start)
        if any(leg.contains_point(tuple(point)) and seen(point, z, hiders) for leg, z in legs):
            return True
    return False


def leader_crossings(figure):
    """Every leader that crosses another leader, the standing leg, or the outline of a shape other than the
    one it names where that outline shows.

    A leader may pass over the shapes that lie on the point it names: a deep muscle is reached through
    the one that covers it, a landmark through the muscle over it.
    """
    figure.canvas.draw()
    leaders, obstacles, hiders = leader_lines(figure), drawn_obstacles(figure), covers(figure)
    crossings = []
    for name, leader in leaders.items():
        end = tuple(leader.vertices[-1])
        on_the_point = {
            other for other, outline, _ in obstacles if len(outline) > 3 and Path(outline).contains_point(end)
        }
        for other, outline, z in obstacles:
            if other == name or other in on_the_point:
                continue
            if any(seen(point, z, hiders) for point in crossing_points(leader.vertices, outline)):
                crossings.append(f"{name} crosses {other}")
        if on_the_standing_leg(leader, hiders):
            crossings.append(f"{name} crosses the standing leg")
    names = list(leaders)
    for i, a in enumerate(names):
        for b in names[i + 1 :]:
            if leaders[a].intersects_path(leaders[b], filled=False):
                crossings.append(f"{a} crosses {b}")
    to_display = 900.0 / figure.bbox.width  # pixels as a learner sees them, 900 px across
    for name, leader in leaders.items():
        for other in names:
            gap = distance_to_segment(leaders[other].vertices[-1], *leader.vertices) * to_display
            if other != name and gap < DOT_CLEARANCE:
                crossings.append(f"{name} runs through the end dot of {other}")
    return sorted(set(crossings))


# How near (pixels at the 900 px a learner sees) a leader may pass another leader's end dot: closer, and
# the dot reads as part of that line.
DOT_CLEARANCE = 8.0


def distance_to_segment(point, start, end):
    """The shortest distance from a point to a straight segment (pixels)."""
    along = np.clip((point - start) @ (end - start) / ((end - start) @ (end - start)), 0.0, 1.0)
    return float(np.hypot(*(start + along * (end - start) - point)))


def test_no_leader_line_crosses_another_or_a_shape_it_does_not_name():
    figure = build_muscle_map().figure
    assert len(leader_lines(figure)) >= len(read_muscles()) + len(LANDMARKS)
    assert leader_crossings(figure) == []


def test_the_crossing_check_sees_a_leader_that_crosses_a_muscle():
    """The check itself: a leader drawn across the obliques to the gluteus medius is reported."""
    figure = build_muscle_map().figure
    ax = figure.axes[0]
    leader = next(t for t in ax.texts if t.get_gid() == "leader:muscle:glmed")
    obliques = next(p for p in ax.patches if p.get_gid() == "muscle:obliques").get_xy().mean(axis=0)
    glmed = np.array(leader.xy)
    beyond = glmed + 3.0 * (obliques - glmed)  # from past the obliques, straight through them
    leader.xyann = tuple(figure.transFigure.inverted().transform(ax.transData.transform(beyond)))
    assert "muscle:glmed crosses muscle:obliques" in leader_crossings(figure)


def test_the_crossing_check_sees_a_leader_through_another_leaders_end_dot():
    """The check itself: the trochanter's leader pointed through the gluteus maximus's end dot is reported."""
    figure = build_muscle_map().figure
    ax = figure.axes[0]
    leaders = {t.get_gid(): t for t in ax.texts}
    trochanter, glmax = leaders["leader:landmark:trochanter"], leaders["leader:muscle:glmax"]
    start = figure.transFigure.transform(trochanter.xyann)
    beyond = start + 1.2 * (ax.transData.transform(glmax.xy) - start)  # a little past the dot, through it
    trochanter.xy = tuple(ax.transData.inverted().transform(beyond))
    assert "landmark:trochanter runs through the end dot of muscle:glmax" in leader_crossings(figure)


def test_the_gluteus_minimus_leader_ends_apart_from_the_medius():
    """The two deep gluteal names point at two places: the minimus's dot well away from the medius's."""
    figure = build_muscle_map().figure
    leaders = leader_lines(figure)
    glmin, glmed = leaders["muscle:glmin"].vertices[-1], leaders["muscle:glmed"].vertices[-1]
    assert np.hypot(*(glmin - glmed)) * 900.0 / figure.bbox.width >= 20.0
    ax = figure.axes[0]
    shapes = {
        str(p.get_gid()): Path(ax.transData.transform(p.get_xy()))
        for p in ax.patches
        if p.get_gid() in ("muscle:glmin", "muscle:glmed")
    }
    assert shapes["muscle:glmin"].contains_point(tuple(glmin)), "the minimus's leader ends on the minimus"
    assert not shapes["muscle:glmed"].contains_point(tuple(glmin)), "where the medius does not cover it"


def test_the_vastus_lateralis_lies_under_the_iliotibial_band_in_context_grey():
    """The front of the thigh carries the vastus lateralis: a context muscle (not a role colour, said in
    the legend and the caption), drawn under the band, which lies over its middle from hip to knee."""
    figure = build_muscle_map().figure
    ax = figure.axes[0]
    patches = {str(p.get_gid()): p for p in ax.patches}
    vastus, band = patches["context:vastus_lateralis"], patches["tendon:itb"]
    assert vastus.get_zorder() < band.get_zorder()
    role_colours = {to_rgba(COLORS[role])[:3] for role in ROLE_OUTLINES}
    assert vastus.get_facecolor()[:3] not in role_colours
    skeleton = build_skeleton(preset_pose("cable", "correct_top"), BODY, "cable")
    on_the_thigh = [point for point in ITB_SHAPE.outline if point[0] == "thigh" and point[1] < 0.8]
    assert len(on_the_thigh) >= 2
    inside = Path(vastus.get_xy(), closed=True)
    for point in place_points(skeleton, on_the_thigh, BODY.height):
        assert inside.contains_point(tuple(point))
    words = " ".join(text.get_text() for text in figure.findobj(Text)).lower()
    assert "vastus lateralis" in words and "for context" in words
    assert "vastus lateralis" in build_muscle_map().alt_text.lower()


@pytest.mark.parametrize("hamstring", ["bflh", "semiten", "semimem"])
def test_a_strap_muscle_has_a_fibre_line_down_its_length(skeleton, hamstring):
    """A hamstring's fibres run along it: one white line from its origin end to its insertion end."""
    (line,) = fibre_lines(skeleton, SHAPES[hamstring], BODY.height)
    ends = place_points(skeleton, SHAPES[hamstring].outline, BODY.height)[[0, -1]]
    assert np.allclose(line[[0, -1]], ends)
    assert (
        Path(muscle_outline(skeleton, SHAPES[hamstring], BODY.height)).contains_points(line[1:-1]).mean()
        > 0.9
    )
