"""Body size: segment lengths, masses and centres of mass scaled from height and body mass.

Conventions (see DESIGN.md): metres, kilograms; Winter's tables, or de Leva's (1996) for the leg.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass

from ..data_files import read_table, to_float
from ..validate import check_choice, check_in_range
from .pose import read_limits

ANTHROPOMETRIC_TABLES: tuple[str, ...] = ("winter", "deleva_male", "deleva_female")


# --- body size ------------------------------------------------------------------------------


@dataclass(frozen=True)
class Segment:
    """One body segment: its length (m), mass (kg) and where its centre of mass sits.

    `com_fraction` is measured from the proximal end as a fraction of the length;
    `gyration_fraction` is the radius of gyration about the centre of mass (or None).
    """

    name: str
    length: float
    mass: float
    com_fraction: float | None
    gyration_fraction: float | None
    source: str

    @property
    def com_distance(self) -> float:
        """Distance (m) from the proximal joint to the centre of mass."""
        return self.length * (self.com_fraction or 0.5)

    @property
    def inertia(self) -> float | None:
        """Moment of inertia (kg·m²) about the centre of mass.

        None where the table gives no radius of gyration.
        """
        if self.gyration_fraction is None:
            return None
        return self.mass * (self.gyration_fraction * self.length) ** 2


@dataclass(frozen=True)
class Body:
    """A person's segments, scaled from height and body mass by a published table.

    Build one with `Body.from_height_mass` rather than by hand.

    Parameters
    ----------
    height : float
        Standing height (m).
    mass : float
        Body mass (kg).
    segments : Mapping[str, Segment]
        Segment name -> `Segment` (length in m, mass in kg, centre of mass).
    geometry : Mapping[str, float]
        Extra body dimensions from `data/body_geometry.csv`, in metres (or plain fractions).
    table : str
        Which table the segments come from: "winter", "deleva_male" or "deleva_female".
    """

    height: float
    mass: float
    segments: Mapping[str, Segment]
    geometry: Mapping[str, float]
    table: str = "winter"

    @classmethod
    def from_height_mass(cls, height_m: float, mass_kg: float, *, table: str = "winter") -> Body:
        """Scale Winter's segment lengths to `height_m` and masses to `mass_kg`.

        `table="deleva_male"` or `"deleva_female"` swaps in de Leva's (1996) leg masses and
        centres of mass; lengths stay Winter's fractions of height (Winter 2009).

        Parameters
        ----------
        height_m : float
            Standing height (m), within the model's limits.
        mass_kg : float
            Body mass (kg), within the model's limits.
        table : str, optional
            "winter" (default), "deleva_male" or "deleva_female".

        Returns
        -------
        Body
            Segment lengths (m), masses (kg) and centres of mass.

        >>> round(Body.from_height_mass(1.75, 75).segments["thigh"].length, 5)
        0.42875
        """
        limits = read_limits()
        height = check_in_range("height_m", height_m, *limits["height_m"])
        mass = check_in_range("mass_kg", mass_kg, *limits["mass_kg"])
        check_choice("table", table, ANTHROPOMETRIC_TABLES)
        segments = {}
        for row in read_table("anthropometrics_winter"):
            segments[row["segment"]] = Segment(
                name=row["segment"],
                length=float(row["length_fraction"]) * height,
                mass=float(row["mass_fraction"]) * mass,
                com_fraction=to_float(row["com_fraction"]),
                gyration_fraction=to_float(row["gyration_fraction"]),
                source=row["source"],
            )
        if table != "winter":
            sex = table.removeprefix("deleva_")
            for row in read_table("anthropometrics_deleva"):
                if row["sex"] == sex:
                    name = row["segment"]
                    segments[name] = Segment(
                        name=name,
                        length=segments[name].length,
                        mass=float(row["mass_fraction"]) * mass,
                        com_fraction=float(row["com_fraction"]),
                        gyration_fraction=float(row["gyration_fraction"]),
                        source=row["source"],
                    )
        geometry = {
            row["name"]: _geometry_value(row, height, segments) for row in read_table("body_geometry")
        }
        return cls(height=height, mass=mass, segments=segments, geometry=geometry, table=table)

    def length(self, segment: str) -> float:
        """Length (m) of a segment by name."""
        return self.segments[segment].length

    @property
    def leg(self) -> tuple[Segment, Segment, Segment]:
        """The working leg's segments from the hip down: thigh, shank, foot."""
        return (self.segments["thigh"], self.segments["shank"], self.segments["foot"])


def _geometry_value(row: Mapping[str, str], height: float, segments: Mapping[str, Segment]) -> float:
    """A body_geometry.csv value in metres (or as a plain fraction where its unit is one)."""
    value = float(row["value"])
    unit = row["unit"]
    if unit == "H":
        return value * height
    if unit in segments:
        return value * segments[unit].length
    return value


DEFAULT_BODY_SIZE = (1.75, 75.0)


def default_body() -> Body:
    """The course's reference person: 1.75 m and 75 kg (the size the lessons quote).

    Returns
    -------
    Body
        Winter's table scaled to 1.75 m and 75 kg.
    """
    return Body.from_height_mass(*DEFAULT_BODY_SIZE)
