"""Steps and cues come from data/cues.csv, in order, with three cues per cue card."""

import pytest

from kickback.content.cues import read_steps, show_steps, top_cues
from kickback.model.pose import PRESET_NAMES
from kickback.model.variants import VARIANTS


@pytest.mark.parametrize("variant", VARIANTS)
def test_every_variant_has_setup_execution_and_three_top_cues(variant):
    for kind in ("setup", "execution", "cue"):
        steps = read_steps(variant, kind)
        assert [step.order for step in steps] == list(range(1, len(steps) + 1))
        assert all(step.section for step in steps)
    assert len(top_cues(variant)) == 3


def test_step_poses_are_presets():
    for variant in VARIANTS:
        for step in read_steps(variant, "execution") + read_steps(variant, "setup"):
            assert step.pose is None or step.pose in PRESET_NAMES


def test_show_steps_is_a_numbered_table():
    table = show_steps("cable", "setup")
    assert table.rows[0][0] == "1"
    assert "LOW pulley" in table.rows[0][1]


def test_bad_kind_or_variant_is_refused():
    with pytest.raises(ValueError, match="kind must be one of 'setup', 'execution', 'cue'; got 'warmup'"):
        read_steps("cable", "warmup")
    with pytest.raises(ValueError, match="variant must be one of"):
        read_steps("rowing", "cue")
