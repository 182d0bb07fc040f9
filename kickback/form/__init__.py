"""Judging movement, numpy only: from a single pose to a recorded set.

Keypoints to angles, reading and writing recordings, the set simulator, signal helpers, reps
and measured tempo, the thresholds (the one reader of `data/thresholds.csv`), findings with
their cues (`check_pose`), and the whole-set check (`analyze_set`).
"""
