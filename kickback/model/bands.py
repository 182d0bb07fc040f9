"""Elastic bands: the mini band looped round both legs (the article's) and a band anchored in front."""

from __future__ import annotations

import math
from dataclasses import dataclass
from typing import ClassVar

import numpy as np

from ..validate import check_choice
from .load_table import check_load_field, load_default

BAND_ATTACH_POINTS: tuple[str, ...] = ("ankle", "knee")


@dataclass(frozen=True)
class MiniBandLoad:
    """A mini band: a loop round both legs, just above the knees or at the ankles (the article's band).

    The loop joins the working leg to the supporting leg (the knee on the floor on all fours, the
    standing leg with the "cable" variant's stance), `leg_spacing_m` apart side to side. Its length
    is √(sagittal gap² + spacing²); its tension is stiffness × (length − `rest_span_m`) once longer
    than the rest span, 0 while slack (a linear spring: a simplification; real bands stiffen as they
    stretch). Only the tension's part in the side view pulls the working leg back toward the other:
    tension × gap ÷ length. The gap is 0 with the legs together and grows as the working leg rises,
    so the band is hardest toward the top of the kickback: the reverse of a low cable.
    "knee" is modelled at the knee joint (the band sits just above it).

    >>> round(MiniBandLoad(200, 0.10, 0.15).get_pull(0.40), 1)
    61.3

    Parameters
    ----------
    stiffness_n_per_m : float
        Stiffness of the loop between the legs (N/m): both strands together.
    rest_span_m : float
        Distance between the legs at which the loop goes slack (m).
    leg_spacing_m : float
        Side-to-side distance between the legs at the band (m), e.g. hip width.
    attach : str, optional
        "knee" (just above the knees) or "ankle".
    """

    stiffness_n_per_m: float
    rest_span_m: float
    leg_spacing_m: float
    attach: str = load_default("mini_band", "attach")

    VARIANTS: ClassVar[tuple[str, ...]] = ("bodyweight", "cable")

    def __post_init__(self) -> None:
        for name in ("stiffness_n_per_m", "rest_span_m", "leg_spacing_m"):
            object.__setattr__(self, name, check_load_field("mini_band", name, getattr(self, name)))
        check_choice("attach", self.attach, BAND_ATTACH_POINTS)

    def get_tension(self, gap_m: float) -> float:
        """Band tension (N) with the legs `gap_m` apart in the side view; 0 while slack."""
        length = math.hypot(gap_m, self.leg_spacing_m)
        return self.stiffness_n_per_m * max(0.0, length - self.rest_span_m)

    def get_pull(self, gap_m: float) -> float:
        """The tension's side-view part (N), pulling the working leg toward the other; grows with the gap."""
        length = math.hypot(gap_m, self.leg_spacing_m)
        return self.get_tension(gap_m) * abs(gap_m) / length if length > 0 else 0.0

    @property
    def support_point(self) -> str:
        """The joint of the supporting leg the loop goes round ("support_knee" or "support_ankle")."""
        return f"support_{self.attach}"


@dataclass(frozen=True)
class BandLoad:
    """An anchored band: from a fixed anchor in front to the working ankle or just above the knee.

    Not the article's band (that is `MiniBandLoad`, a loop round both legs); kept to compare. Force
    = stiffness × stretch while stretched beyond `rest_length_m`, 0 while slack (a linear spring: a
    simplification; real bands stiffen as they stretch). Works with variant "cable" (standing; the
    anchor is `anchor_distance_m` in front of the stance ankle, e.g. a rack post) or "bodyweight"
    (on all fours; the anchor is in front of the support knee at the floor, where the hands hold the
    band down: about 0.5 m in front for a 1.75 m person). Pulling from low in front, it is hardest
    low in the movement and eases toward the top.

    >>> round(BandLoad(150, 0.6, 0.05, 0.55).get_force(0.8), 1)
    30.0

    Parameters
    ----------
    stiffness_n_per_m : float
        Band stiffness (N/m).
    rest_length_m : float
        Length at which the band goes slack (m).
    anchor_height_m : float
        Anchor height above the floor (m).
    anchor_distance_m : float
        Anchor distance in front of the stance ankle or support knee (m).
    attach : str, optional
        Where the band pulls on the leg: "ankle" or "knee".
    """

    stiffness_n_per_m: float
    rest_length_m: float
    anchor_height_m: float
    anchor_distance_m: float
    attach: str = load_default("band", "attach")

    VARIANTS: ClassVar[tuple[str, ...]] = ("cable", "bodyweight")

    def __post_init__(self) -> None:
        for name in ("stiffness_n_per_m", "rest_length_m", "anchor_height_m", "anchor_distance_m"):
            object.__setattr__(self, name, check_load_field("band", name, getattr(self, name)))
        check_choice("attach", self.attach, BAND_ATTACH_POINTS)

    def get_force(self, length_m: float) -> float:
        """Band force (N) when anchor and attachment are `length_m` apart; 0 while slack."""
        return self.stiffness_n_per_m * max(0.0, length_m - self.rest_length_m)

    @property
    def anchor(self) -> np.ndarray:
        """Anchor position (x forward, y up; m)."""
        return np.array([self.anchor_distance_m, self.anchor_height_m])
