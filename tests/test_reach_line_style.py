"""The explorer's "hip's own limit" line is a reference, so it is drawn like one: the course's neutral
reference grey and dotted, never the verdict green or the mistake dashes, and named in words."""

import matplotlib.colors as mcolors
import pytest

from kickback.draw.explorer_view import ExplorerView
from kickback.draw.style import COLORS, LINESTYLES
from kickback.model.anthropometrics import default_body
from kickback.model.pose import start_pose


@pytest.fixture(scope="module")
def view():
    return ExplorerView("cable", start_pose("cable"), default_body())


def test_the_reach_line_and_its_key_share_the_reference_colour_and_style(view):
    for line in (view.reach, view.reach_key_line):
        assert mcolors.to_hex(line.get_color()) == COLORS["reference"].lower()
        assert mcolors.to_hex(line.get_color()) != mcolors.to_hex(COLORS["correct"])
    assert view.reach.get_linestyle() == view.reach_key_line.get_linestyle() != "-"


def test_the_reach_line_is_not_drawn_in_the_mistake_dashes(view):
    from matplotlib.lines import Line2D

    mistake = Line2D([], [], linestyle=LINESTYLES["mistake"], linewidth=view.reach.get_linewidth())
    reference = Line2D([], [], linestyle=LINESTYLES["reference"], linewidth=view.reach.get_linewidth())
    assert view.reach._dash_pattern == reference._dash_pattern != mistake._dash_pattern


def test_the_key_names_the_line_in_words(view):
    assert "hip's own limit" in view.reach_key.get_text()
