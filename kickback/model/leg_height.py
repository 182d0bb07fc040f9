"""How high the leg looks, and where that height comes from: the hip, the lower back, the trunk."""

from __future__ import annotations

from dataclasses import dataclass

from ..validate import check_in_range
from .pose import Pose, read_limits, read_normal_range

# --- how high the leg looks -----------------------------------------------------------------


@dataclass(frozen=True)
class LegHeight:
    """How high the working thigh looks, and where that height comes from (degrees).

    `apparent` is the thigh's angle from hanging straight down (90 = parallel to the floor).
    It is exactly `hip + lumbar + trunk`: the hip's own extension, what the arching lumbar
    spine lends by tilting the pelvis, and how far the trunk leans forward.

    Parameters
    ----------
    hip : float
        The hip's own extension (degrees).
    lumbar : float
        What the lumbar spine lends (degrees), arching +.
    trunk : float
        Forward trunk lean (degrees).
    """

    hip: float
    lumbar: float
    trunk: float

    @property
    def apparent(self) -> float:
        """Thigh angle from hanging straight down, behind the body + (degrees)."""
        return self.hip + self.lumbar + self.trunk

    @property
    def above_floor(self) -> float:
        """Thigh angle above the horizontal (degrees); 0 means parallel to the floor."""
        return self.apparent - 90.0

    def describe(self) -> str:
        """The split in words, e.g. "leg 60° from hanging = hip 15° + lower back 25° + trunk 20°"."""
        return (
            f"leg {self.apparent:.0f}° from hanging ({describe_level(self.above_floor)}) "
            f"= hip {self.hip:.0f}°"
            f" + lower back {self.lumbar:.0f}° + trunk {self.trunk:.0f}°"
        )

    def _repr_pretty_(self, printer, cycle: bool) -> None:
        printer.text(f"How high the leg looks: {self.describe()}")

    @property
    def spine_share(self) -> float:
        """Fraction of the height above hanging that the lumbar spine lends (0 where the thigh hangs)."""
        return self.lumbar / self.apparent if self.apparent > 0 else 0.0


def describe_level(above_floor: float) -> str:
    """An angle above the horizontal in words: "parallel to the floor", "12° above it" or "30° below it"."""
    if abs(above_floor) < 0.5:
        return "parallel to the floor"
    side = "above" if above_floor > 0 else "below"
    return f"{abs(above_floor):.0f}° {side} parallel to the floor"


def split_leg_height(pose: Pose) -> LegHeight:
    """Split how high the thigh looks into hip, lumbar spine and trunk parts (degrees).

    Parameters
    ----------
    pose : Pose
        Joint angles (degrees).

    Returns
    -------
    LegHeight
        `hip`, `lumbar` and `trunk` parts and their sum `apparent` (degrees).

    >>> split_leg_height(Pose(trunk_lean=20, lumbar_extension=25, hip_extension=15)).apparent
    60.0
    """
    return LegHeight(hip=pose.hip_extension, lumbar=pose.lumbar_extension, trunk=pose.trunk_lean)


@dataclass(frozen=True)
class HipReach:
    """How high the thigh can rise by the hip alone, at a given trunk lean, and what parallel would take.

    All in degrees. `apparent` is the thigh's angle from hanging with the hip at its normal
    extension and a neutral lower back; 90 would be parallel to the floor.
    """

    trunk_lean: float
    hip: float
    apparent: float
    short_of_parallel: float
    lean_for_parallel: float

    def describe(self) -> str:
        """The reach in words."""
        text = (
            f"Trunk lean {self.trunk_lean:.0f}° + hip {self.hip:.0f}° (its normal range, back neutral): "
            f"the thigh reaches {self.apparent:.0f}° from hanging ({describe_level(self.apparent - 90.0)})."
        )
        if self.short_of_parallel > 0:
            return (
                text + f" Parallel is {self.short_of_parallel:.0f}° further; the hip alone gets there only "
                f"with a trunk lean of {self.lean_for_parallel:.0f}°."
            )
        return text + " The hip alone can bring the thigh to parallel."

    def _repr_pretty_(self, printer, cycle: bool) -> None:
        printer.text(self.describe())


def hip_reach(trunk_lean: float, *, hip_range: float | None = None) -> HipReach:
    """How high the thigh can go with the hip alone (normal range, neutral spine) at this trunk lean.

    The rest of the way to parallel (if any) has to come from leaning the trunk further or from
    the lower back arching: `lean_for_parallel` is the trunk lean at which the hip alone would do.

    Parameters
    ----------
    trunk_lean : float
        Forward trunk lean (degrees), within the model's limits.
    hip_range : float or None, optional
        The person's own hip extension range (degrees, 0 to the high end of data/normal_ranges.csv);
        None for the course's typical value.

    Returns
    -------
    HipReach
        `hip`, `apparent`, `short_of_parallel` and `lean_for_parallel`, all in degrees.

    >>> hip_reach(20).apparent, hip_reach(20, hip_range=10).apparent
    (40.0, 30.0)
    """
    low, high, _ = read_limits()["trunk_lean"]
    lean = check_in_range("trunk_lean", trunk_lean, low, high, "deg")
    normal = read_normal_range("hip_extension")
    hip = (
        normal.typical
        if hip_range is None
        else check_in_range("hip_range", hip_range, 0.0, normal.high, "deg")
    )
    apparent = lean + hip
    return HipReach(
        trunk_lean=lean,
        hip=hip,
        apparent=apparent,
        short_of_parallel=max(0.0, 90.0 - apparent),
        lean_for_parallel=90.0 - hip,
    )
