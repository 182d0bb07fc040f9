"""The resistance-profile widget: change the load or the body and watch the torque curve change.

Thin: the numbers come from `kickback.model`, the drawing from `kickback.draw.profile_view` (laid out
as `show_profile`, in the course style); one persistent figure is moved in place, only what moved is
redrawn and sent as a PNG, with the curve described in words beside it.
Every load starts at its own defaults (`data/loads.csv`, as the committed resistance_profiles
figure), so the widget's first picture of each load matches the figure's numbers.
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import replace

import ipywidgets as widgets

from ..draw.curves import ProfileCase, profile_cases, shared_profile_top
from ..draw.profile_view import ProfileView
from ..draw.style import render_png
from ..model.anthropometrics import Body, default_body
from ..model.bands import MiniBandLoad
from ..model.loads import BandLoad, CableLoad, DumbbellLoad, Load, MachineLoad, read_load_table
from ..model.pose import start_pose
from ..model.skeleton import pose_joints
from .static_twin import StaticTwin

CABLE_TITLE = "Cable, low pulley"
"""The cable case's title in `profile_cases` at the default (low) pulley."""

HIP_HEIGHT_BAND_M = 0.15
"""A pulley within this distance (m) of the standing hip is called "at hip height" (a wording choice)."""

LOW_PULLEY_TOP_M = 0.30
"""A pulley at or below this height (m) is called a "low pulley" (a wording choice; the default is 0.10 m)."""

SLIDER_STYLE = {"description_width": "170px"}

# The weight slider of each load: its name, the data/loads.csv row it follows and the highest value it
# offers (a course choice below the model's limit, so the slider's steps stay fine).
WEIGHT_FIELDS: dict[type, tuple[str, str, str, float]] = {
    DumbbellLoad: ("dumbbell (kg)", "dumbbell", "mass_kg", 40.0),
    CableLoad: ("stack (kg)", "cable", "stack_mass_kg", 60.0),
    MachineLoad: ("machine (kg)", "machine", "mass_kg", 60.0),
}
# The band-stiffness slider drives both bands; each starts at its own default.
BAND_FIELDS: dict[type, str] = {BandLoad: "band", MiniBandLoad: "mini_band"}
BAND_TOP_N_PER_M = 600.0


def slider(description: str, value: float, low: float, high: float, step: float) -> widgets.FloatSlider:
    """One of the widget's sliders: the same width, label width and update rule for all of them."""
    control = widgets.FloatSlider(
        value=value,
        min=low,
        max=high,
        step=step,
        description=description,
        continuous_update=False,
        style=SLIDER_STYLE,
        layout=widgets.Layout(width="460px"),
    )
    control.add_class("kickback-slider")
    return control


def table_value(load: str, field: str) -> float:
    """A load field's default from data/loads.csv."""
    return float(read_load_table()[(load, field)]["default"])


def standing_hip_height(body: Body) -> float:
    """Height of the hip joint above the floor (m) in the cable variant's start pose."""
    return float(pose_joints(start_pose("cable"), body, "cable")["hip"][1])


def cable_title(pulley_height_m: float, hip_height_m: float) -> str:
    """The cable case's title for a pulley `pulley_height_m` above the floor (m), said against the hip.

    >>> cable_title(0.10, 0.92), cable_title(0.90, 0.92), cable_title(1.6, 0.92)
    ('Cable, low pulley', 'Cable, pulley at hip height', 'Cable, pulley above hip height')
    """
    if abs(pulley_height_m - hip_height_m) <= HIP_HEIGHT_BAND_M:
        return "Cable, pulley at hip height"
    if pulley_height_m > hip_height_m:
        return "Cable, pulley above hip height"
    if pulley_height_m <= LOW_PULLEY_TOP_M:
        return CABLE_TITLE
    return "Cable, pulley below hip height"


def weight_of(load: Load | None) -> float | None:
    """The load's weight (kg) that the weight slider shows, or None for a load without one."""
    if isinstance(load, CableLoad):
        return load.stack_mass_kg
    if isinstance(load, (MachineLoad, DumbbellLoad)):
        return load.mass_kg
    return None


class ProfileExplorer(StaticTwin, widgets.VBox):
    """Pick a way to load the kickback, move the pulley, change the band or the body, and read the curve.

    Choosing a load puts every load slider back to that load's defaults (`data/loads.csv`); the weight
    slider is named after the load and the band slider drives whichever band is chosen. Sliders that
    do not change the chosen load are greyed out. Every load shares one torque scale per body; a
    curve that outgrows it gets a round one (`ProfileView.show`).
    """

    def __init__(self) -> None:
        self.cases = {case.title: case for case in profile_cases()}
        self._shared_tops: dict[tuple[float, float, str], float] = {}
        self._quiet = False
        self.case_picker = widgets.Dropdown(
            options=list(self.cases), value=CABLE_TITLE, description="load", style=SLIDER_STYLE
        )
        self.pulley_height = slider(
            "pulley height (m)", table_value("cable", "pulley_height_m"), 0.0, 1.5, 0.05
        )
        self.pulley_distance = slider(
            "pulley in front (m)", table_value("cable", "pulley_distance_m"), 0.3, 2.0, 0.05
        )
        self.weight = slider("stack (kg)", table_value("cable", "stack_mass_kg"), 0.0, 60.0, 2.5)
        self.band = slider("band stiffness (N/m)", table_value("band", "stiffness_n_per_m"), 0, 600, 10)
        self.height = slider("body height (m)", 1.75, 1.40, 2.05, 0.01)
        self.mass = slider("body mass (kg)", 75, 40, 130, 1)
        self.view = ProfileView(self.case(), self.body(), width_px=860)
        self.figure, self.ax = self.view.figure, self.view.ax
        self.image = widgets.Image(format="png", width=860, layout=widgets.Layout(width="860px"))
        self.image.add_class("kickback-figure")
        self.words = widgets.HTML()
        self.words.add_class("kickback-readout")
        self.renders = 0
        self.start_load()
        self.redraw()
        self.static_png = render_png(self.figure)  # a full render: the same pixels, smaller bytes
        self.case_picker.observe(lambda _: self.choose_load(), names="value")
        for control in self.sliders():
            control.observe(lambda _: self.redraw(), names="value")
        super().__init__([self.case_picker, *self.sliders(), self.image, self.words])

    def sliders(self) -> list[widgets.FloatSlider]:
        """The load and body sliders, in the order they are shown."""
        return [self.pulley_height, self.pulley_distance, self.weight, self.band, self.height, self.mass]

    @contextmanager
    def quietly(self) -> Iterator[None]:
        """Move several sliders at once with a single redraw at the end."""
        self._quiet = True
        try:
            yield
        finally:
            self._quiet = False

    def choose_load(self) -> None:
        """A new load was picked: put its sliders at its defaults, then redraw once."""
        with self.quietly():
            self.start_load()
        self.redraw()

    def start_load(self) -> None:
        """Name, range and start each load slider for the chosen load, at its defaults (data/loads.csv)."""
        load = self.cases[self.case_picker.value].load
        name, table, field, top = WEIGHT_FIELDS.get(type(load), ("weight (kg)", "", "", 60.0))
        self.weight.description = name
        self.weight.max = top
        self.weight.value = table_value(table, field) if table else self.weight.min
        self.weight.disabled = not table
        band = BAND_FIELDS.get(type(load))
        self.band.max = BAND_TOP_N_PER_M
        self.band.value = table_value(band, "stiffness_n_per_m") if band else self.band.min
        self.band.disabled = band is None
        self.pulley_height.value = table_value("cable", "pulley_height_m")
        self.pulley_distance.value = table_value("cable", "pulley_distance_m")
        for control in (self.pulley_height, self.pulley_distance):
            control.disabled = not isinstance(load, CableLoad)

    def body(self) -> Body:
        """The body the sliders describe."""
        return (
            Body.from_height_mass(self.height.value, self.mass.value)
            if (self.height.value, self.mass.value) != (1.75, 75)
            else default_body()
        )

    def case(self) -> ProfileCase:
        """The chosen load with the sliders' values put in; a cable's title follows its pulley."""
        base = self.cases[self.case_picker.value]
        load = base.load
        if isinstance(load, CableLoad):
            height = self.pulley_height.value
            load = replace(
                load,
                stack_mass_kg=self.weight.value,
                pulley_height_m=height,
                pulley_distance_m=self.pulley_distance.value,
            )
            return ProfileCase(cable_title(height, standing_hip_height(self.body())), base.variant, load)
        if isinstance(load, (MachineLoad, DumbbellLoad)):
            load = replace(load, mass_kg=self.weight.value)
        elif isinstance(load, (BandLoad, MiniBandLoad)):
            load = replace(load, stiffness_n_per_m=self.band.value)
        return ProfileCase(base.title, base.variant, load)

    def redraw(self) -> None:
        """Recompute the curve, move it in place, redraw only what moved and say it in words."""
        if self._quiet:
            return
        body = self.body()
        # One y scale for every load at this body, so switching loads compares them honestly.
        self.description = self.view.show(self.case(), body, scale_top=self.shared_top(body))
        self.image.value = self.view.render()
        self.words.value = f"<p style='max-width:40em'>{self.description}</p>"
        self.renders += 1

    def shared_top(self, body: Body) -> float:
        """The shared y scale's top (N·m) for this body, computed once per body size (it costs six curves)."""
        key = (body.height, body.mass, body.table)
        if key not in self._shared_tops:
            self._shared_tops[key] = shared_profile_top(list(self.cases.values()), body)
        return self._shared_tops[key]

    def static_text(self) -> str:
        """The widget's state in words (its static twin)."""
        return (
            "[Resistance-profile explorer: load, pulley, weight, band-stiffness and body sliders; "
            f"each load starts at its defaults.] {self.description}"
        )


def explore_profiles() -> ProfileExplorer:
    """The resistance-profile widget for lesson 07.

    Returns
    -------
    ProfileExplorer
        Hip-extension torque demand (N·m) against hip extension (degrees) for each load.
    """
    return ProfileExplorer()
