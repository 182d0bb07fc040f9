"""Every picture the course shows, drawn with matplotlib (no widgets).

The style, the body, the pelvis, the muscles, curves, set timelines, the explorer's figure, the
committed diagrams and their alt text. Computation lives in `kickback.model` and `kickback.form`.
"""
