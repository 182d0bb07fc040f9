"""The body and its physics, numpy only.

Anthropometrics (`Body`), the `Pose` with its limits and presets, the leg-height split and the
hip's reach, the skeleton of each variant (the "bodyweight" variant is the quadruped, on all
fours: see `variants`), muscles and moment arms, loads, and the hip-extension torque.
"""
