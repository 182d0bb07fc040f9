"""The course's teaching content as data-backed objects, with no drawing.

Cue and mistake tables, the muscle tables, quiz banks and answer keys, tempo prescriptions, the
progression planner and its exports, the spot-the-mistake cases and the explorer's readouts in
words. Each reads its table in `data/` and computes with `kickback.model` and `kickback.form`.
"""
