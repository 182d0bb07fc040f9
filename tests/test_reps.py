"""Tests for rep counting and timing: the low-pass, the count, the phases, tempo and time under tension."""

import re
from pathlib import Path

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from kickback.form.findings import MISTAKES
from kickback.form.reps import MeasuredTempo, detect_reps, measured_time_under_tension, summarize_tempo
from kickback.form.signal import lowpass, resample_uniform
from kickback.form.simulate import simulate_set
from kickback.form.thresholds import read_thresholds
from kickback.model.variants import VARIANTS

PACKAGE = Path(__file__).resolve().parent.parent / "kickback"
LABELS = (None,) + MISTAKES


def reps_of(recording):
    grid, angles, _ = resample_uniform(recording.time_s, recording.angles)
    return detect_reps(grid, angles["hip_extension"])


def test_lowpass_keeps_a_constant_and_a_slow_wave_in_place():
    t = np.arange(0, 10, 1 / 30)
    slow = np.sin(2 * np.pi * 0.25 * t)  # peaks at 1, 5, 9 s
    assert np.allclose(lowpass(np.full(100, 7.0), 30.0), 7.0)
    smoothed = lowpass(slow, 30.0)
    assert np.argmax(smoothed[100:200]) == np.argmax(slow[100:200]) == 50  # zero phase: no delay
    assert np.allclose(smoothed[30:-30], slow[30:-30], atol=0.01)


def test_lowpass_halves_a_wave_at_its_cutoff_and_removes_jitter():
    t = np.arange(0, 20, 1 / 30)
    at_cutoff = lowpass(np.sin(2 * np.pi * 1.5 * t), 30.0, 1.5)
    assert abs(np.ptp(at_cutoff[100:-100]) / 2 - 0.5) < 0.03
    jitter = np.random.default_rng(1).normal(0, 1, 3000)
    assert np.std(lowpass(jitter, 30.0)) < 0.35


def test_a_plain_wave_gives_one_rep_a_cycle():
    t = np.arange(0, 20, 1 / 30)
    assert len(detect_reps(t, 20 * np.sin(2 * np.pi * t / 5 - np.pi / 2))) == 4


@pytest.mark.parametrize("variant", VARIANTS)
@pytest.mark.parametrize("label", LABELS)
def test_rep_count_is_exact_on_every_simulated_set(variant, label):
    assert len(reps_of(simulate_set(variant, label, reps=7, seed=3))) == 7


@pytest.mark.parametrize("variant", VARIANTS)
@pytest.mark.parametrize("tempo", [(2.0, 1.0, 3.0), (1.0, 0.5, 2.0), (1.5, 1.5, 2.0)])
def test_tempo_is_measured_within_a_fifth_of_a_second(variant, tempo):
    measured = summarize_tempo(reps_of(simulate_set(variant, tempo=tempo, seed=1)))
    assert np.allclose([measured.up_s, measured.hold_s, measured.down_s], tempo, atol=0.2)


def test_tempo_reads_as_the_article_writes_it():
    assert str(MeasuredTempo(2.04, 0.97, 3.1)) == "2-1-3"
    assert str(MeasuredTempo(0.62, 0.0, 1.45)) == "0.5-0-1.5"
    assert str(summarize_tempo(reps_of(simulate_set("cable")))) == "2-1-3"


def test_each_rep_has_its_phases_in_order():
    reps = reps_of(simulate_set("machine", bottom_pause_s=1.0))
    for rep in reps:
        assert rep.start_s < rep.end_s
        assert np.isclose(
            rep.concentric_s + rep.top_hold_s + rep.eccentric_s, rep.end_s - rep.start_s, atol=1e-9
        )
        assert rep.peak_speed_deg_s > 0 and rep.range_deg > 30
    assert reps[0].bottom_pause_s is None
    assert all(abs(rep.bottom_pause_s - 1.0) < 0.3 for rep in reps[1:])


def test_time_under_tension_runs_from_the_first_lift_to_the_last_lowering():
    reps = reps_of(simulate_set("cable", reps=5))
    assert abs(measured_time_under_tension(reps) - 5 * 6.0) < 0.4
    assert measured_time_under_tension([]) == 0.0 and summarize_tempo([]) is None


@settings(max_examples=25, deadline=None)
@given(offset=st.floats(-40, 40), scale=st.floats(0.5, 1.5))
def test_a_skewed_camera_does_not_change_the_count(offset, scale):
    """Counting uses fractions of the set's own range.

    So an offset or a foreshortened view counts the same.
    """
    recording = simulate_set("cable", reps=6, seed=2)
    grid, angles, _ = resample_uniform(recording.time_s, recording.angles)
    assert len(detect_reps(grid, offset + scale * angles["hip_extension"])) == 6


@settings(max_examples=20, deadline=None)
@given(seed=st.integers(0, 10_000))
def test_a_still_learner_has_no_reps(seed):
    t = np.arange(0, 20, 1 / 30)
    jitter = np.random.default_rng(seed).normal(0, 1.5, len(t))
    assert detect_reps(t, -15 + jitter) == []


def test_short_gaps_are_bridged_and_long_ones_marked():
    t = np.arange(0, 4, 0.1)
    values = np.arange(40, dtype=float)
    values[5] = np.nan  # 0.2 s between known samples: bridged
    values[20:30] = np.nan  # 1.1 s: marked missing
    grid, filled, missing = resample_uniform(t, {"hip_extension": values})
    assert np.allclose(filled["hip_extension"], np.arange(40))
    assert not missing["hip_extension"][:20].any()
    assert missing["hip_extension"][20:30].all() and not missing["hip_extension"][30:].any()


def test_every_threshold_has_a_unit_a_rationale_and_a_source():
    table = read_thresholds()
    for row in table.values():
        assert row.group in {"count", "form", "input"}
        assert row.unit and row.rationale and row.source
    heuristic = [row for row in table.values() if "teaching heuristic" in row.source]
    assert len(heuristic) > 10


def test_counting_uses_no_form_threshold():
    """A camera angle that skews the form angles must not break the count.

    Counting reads only its own group.
    """
    table = read_thresholds()

    def used(*modules: str) -> set[str]:
        return {
            name
            for module in modules
            for name in re.findall(r'threshold\("(\w+)"\)', (PACKAGE / "form" / module).read_text())
        }

    counting, judging = (
        used("reps.py", "signal.py"),
        used("findings.py", "analysis.py", "rep_checks.py", "report.py", "thresholds.py"),
    )
    assert counting and counting <= {name for name, row in table.items() if row.group == "count"}
    assert {name for name in judging if table[name].group == "form"} == {
        name for name, row in table.items() if row.group == "form"
    }


def test_every_threshold_in_the_table_is_used():
    source = "".join(path.read_text() for path in PACKAGE.rglob("*.py"))
    assert [name for name in read_thresholds() if f'threshold("{name}")' not in source] == []
