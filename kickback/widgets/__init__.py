"""The interactive pieces, thin: each joins the layers below and adds nothing of its own.

Every widget keeps one figure and redraws it in place, and carries a static twin (the picture
at its starting values and its state in words, `static_twin.StaticTwin`) so that GitHub,
nbviewer and a notebook opened without a kernel show it too.
"""
