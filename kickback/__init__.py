"""Kickback Lab: the body model, form checks, teaching content, drawings and widgets behind the course.

A lesson needs one line, ``import kickback as kb``, and then calls such as ``kb.explore("cable")``,
``kb.show_figure("cable_form")``, ``kb.quiz("02_hip_extension")`` or ``kb.check_pose(pose, "cable")``.

The package is built in layers; each imports only from the layers above it in this list:

- ``kickback.model``: the body and its physics (numpy only);
- ``kickback.form``: judging movement, from a single pose to a recorded set (numpy only);
- ``kickback.content``: the course's teaching content as data-backed objects (no drawing);
- ``kickback.draw``: every picture (matplotlib, no widgets);
- ``kickback.widgets``: the interactive pieces, thin joins of the layers above (ipywidgets).

Every name below is loaded on first use (PEP 562), so ``import kickback`` alone loads neither
matplotlib nor ipywidgets: a script that only counts reps stays light.
"""

from __future__ import annotations

from importlib import import_module
from typing import Any

# Public name -> the module (below kickback) that defines it.
_WHERE: dict[str, str] = {
    # the body and its physics
    "VARIANTS": "model.variants",
    "QUADRUPED": "model.variants",
    "Body": "model.anthropometrics",
    "default_body": "model.anthropometrics",
    "Pose": "model.pose",
    "preset_pose": "model.pose",
    "start_pose": "model.pose",
    "top_pose": "model.pose",
    "read_normal_range": "model.pose",
    "LegHeight": "model.leg_height",
    "split_leg_height": "model.leg_height",
    "hip_reach": "model.leg_height",
    "build_skeleton": "model.skeleton",
    "pose_joints": "model.skeleton",
    "muscle_moment_arm": "model.muscles",
    "muscle_length": "model.muscles",
    "rank_levers": "model.muscles",
    "CableLoad": "model.loads",
    "MachineLoad": "model.loads",
    "BandLoad": "model.loads",
    "MiniBandLoad": "model.loads",
    "DumbbellLoad": "model.loads",
    "default_load": "model.loads",
    "describe_load": "model.loads",
    "measure_pad_force": "model.loads",
    "hip_extension_torque": "model.torque",
    "split_hip_torque": "model.torque",
    "torque_curve": "model.torque",
    "measure_line_of_pull": "model.torque",
    "glute_force_estimate": "model.torque",
    # judging movement
    "Finding": "form.findings",
    "check_pose": "form.findings",
    "analyze_set": "form.analysis",
    "Recording": "form.recordings",
    "read_recording": "form.recordings",
    "list_recordings": "form.recordings",
    "simulate_set": "form.simulate",
    "check_exercise": "form.exercise_gate",
    "is_this_the_exercise": "form.exercise_check",
    "show_video_report": "draw.video_report",
    "check_your_video": "widgets.video_checker",
    "measured_time_under_tension": "form.reps",
    # teaching content
    "show_muscles": "content.muscle_tables",
    "show_muscle_activity": "content.muscle_tables",
    "show_moment_arms": "content.muscle_tables",
    "show_levers": "content.muscle_tables",
    "show_strength_curve": "content.muscle_tables",
    "hip_extension_strength": "model.strength",
    "strongest_hip_angle": "model.strength",
    "show_steps": "content.cues",
    "show_leg_height": "content.learner_readouts",
    "show_time_under_tension": "content.learner_readouts",
    "show_recordings": "content.learner_readouts",
    "show_normal_range": "content.learner_readouts",
    "show_mistake": "content.mistakes",
    "parse_tempo": "content.tempo",
    "to_four_digit": "content.tempo",
    "to_article_notation": "content.tempo",
    "prescribed_time_under_tension": "content.tempo",
    "compare_with_recording": "content.tempo_check",
    "show_comparison": "content.tempo_check",
    "plan_progression": "content.planner",
    "show_plan": "content.plan_export",
    "plan_to_csv": "content.plan_export",
    "plan_to_html": "content.plan_export",
    "load_quiz": "content.quiz_bank",
    "answer_key_markdown": "content.answer_keys",
    "show_answer_keys": "content.answer_keys",
    "try_pose": "content.worked_examples",
    "compare_cable_taut_and_resting": "content.worked_examples",
    "compare_pad_positions": "content.worked_examples",
    "show_machine_resistance": "content.worked_examples",
    "compare_machine_kinds": "content.worked_examples",
    "show_torque_by_angle": "content.worked_examples",
    "show_leg_weight_torque": "content.worked_examples",
    "show_cable_line_of_pull": "content.worked_examples",
    "estimate_glute_force": "content.worked_examples",
    "compare_knee_angles": "content.worked_examples",
    "write_tempo_both_ways": "content.worked_examples",
    "compare_example_set": "content.worked_examples",
    # pictures
    "show_figure": "draw.committed",
    "profile_cases": "draw.diagrams",
    "show_profiles": "draw.profile_table",
    "show_profile": "draw.profile_figure",
    "show_tempo": "draw.tempo_figure",
    "show_set": "draw.set_timeline",
    # widgets
    "explore": "widgets.explorer",
    "explore_profiles": "widgets.profiles",
    "compare_levers": "widgets.levers",
    "try_a_slider": "widgets.pose_viewer",
    "spot_the_mistake": "widgets.spot_the_mistake",
    "quiz": "widgets.quiz",
    "planner": "widgets.planner",
    "check_your_set": "widgets.set_checker",
}

__all__ = sorted(_WHERE)


def __getattr__(name: str) -> Any:
    """Load a public name from its module on first use, then keep it here."""
    if name not in _WHERE:
        raise AttributeError(f"module 'kickback' has no attribute {name!r}")
    value = getattr(import_module(f".{_WHERE[name]}", __name__), name)
    globals()[name] = value
    return value


def __dir__() -> list[str]:
    return sorted(set(globals()) | set(_WHERE))
