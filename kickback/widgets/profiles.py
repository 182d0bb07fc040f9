"""The resistance-profile widget: change the load or the body and watch the torque curve change.

Thin: the numbers come from `kickback.load`, the drawing from `kickback.plots`; one persistent
figure is redrawn in place and sent as a PNG, with the curve described in words beside it.
"""

from __future__ import annotations

import ipywidgets as widgets

from ..draw.curves import (
    ProfileCase,
    draw_profile,
    profile_cases,
    profile_key_handles,
    profile_limits,
    shared_profile_top,
    update_profile,
)
from ..draw.style import FONT_SIZES, new_figure, render_png
from ..model.anthropometrics import Body, default_body
from ..model.loads import (
    BandLoad,
    CableLoad,
    DumbbellLoad,
    MachineLoad,
    read_load_table,
)
from .static_twin import StaticTwin


def _limits(load: str, field: str) -> tuple[float, float, float]:
    """Default, low and high of a load field from data/loads.csv."""
    row = read_load_table()[(load, field)]
    return float(row["default"]), float(row["low"]), float(row["high"])


def _slider(
    description: str,
    load: str,
    field: str,
    step: float,
    *,
    low: float | None = None,
    high: float | None = None,
) -> widgets.FloatSlider:
    default, table_low, table_high = _limits(load, field)
    slider = widgets.FloatSlider(
        value=default,
        min=table_low if low is None else low,
        max=table_high if high is None else high,
        step=step,
        description=description,
        continuous_update=False,
        style={"description_width": "170px"},
        layout=widgets.Layout(width="460px"),
    )
    slider.add_class("kickback-slider")
    return slider


class ProfileExplorer(StaticTwin, widgets.VBox):
    """Pick a way to load the kickback, move the pulley, change the band or the body, and read the curve."""

    def __init__(self) -> None:
        self.cases = {case.title: case for case in profile_cases()}
        self._shared_tops: dict[tuple[float, float, str], float] = {}
        self.case_picker = widgets.Dropdown(
            options=list(self.cases),
            value="Cable, low pulley",
            description="load",
            style={"description_width": "170px"},
        )
        self.pulley_height = _slider("pulley height (m)", "cable", "pulley_height_m", 0.05, high=1.5)
        self.pulley_distance = _slider("pulley in front (m)", "cable", "pulley_distance_m", 0.05)
        self.stack = _slider("stack or plates (kg)", "cable", "stack_mass_kg", 2.5, high=60)
        self.band = _slider("band stiffness (N/m)", "band", "stiffness_n_per_m", 10, high=600)
        self.height = widgets.FloatSlider(
            value=1.75,
            min=1.40,
            max=2.05,
            step=0.01,
            description="body height (m)",
            continuous_update=False,
            style={"description_width": "170px"},
            layout=widgets.Layout(width="460px"),
        )
        self.mass = widgets.FloatSlider(
            value=75,
            min=40,
            max=130,
            step=1,
            description="body mass (kg)",
            continuous_update=False,
            style={"description_width": "170px"},
            layout=widgets.Layout(width="460px"),
        )
        self.figure = new_figure(8.6, 3.6)
        self.ax = self.figure.add_subplot()
        self.figure.subplots_adjust(left=0.09, right=0.70, bottom=0.15, top=0.82)
        self.artists = draw_profile(self.ax, self.case(), self.body())
        self.ax.legend(
            handles=profile_key_handles(self.artists),
            fontsize=FONT_SIZES["small"],
            loc="upper left",
            bbox_to_anchor=(1.02, 1.0),
            frameon=False,
        )
        self.image = widgets.Image(format="png", width=860, layout=widgets.Layout(width="860px"))
        self.image.add_class("kickback-figure")
        self.words = widgets.HTML()
        self.words.add_class("kickback-readout")
        self.renders = 0
        self.redraw()
        self.static_png = self.image.value
        for control in (
            self.case_picker,
            self.pulley_height,
            self.pulley_distance,
            self.stack,
            self.band,
            self.height,
            self.mass,
        ):
            control.observe(lambda _: self.redraw(), names="value")
        super().__init__(
            [
                self.case_picker,
                self.pulley_height,
                self.pulley_distance,
                self.stack,
                self.band,
                self.height,
                self.mass,
                self.image,
                self.words,
            ]
        )

    def body(self) -> Body:
        """The body the sliders describe."""
        return (
            Body.from_height_mass(self.height.value, self.mass.value)
            if (self.height.value, self.mass.value) != (1.75, 75)
            else default_body()
        )

    def case(self) -> ProfileCase:
        """The chosen load with the sliders' values put in."""
        base = self.cases[self.case_picker.value]
        load = base.load
        if isinstance(load, CableLoad):
            load = CableLoad(
                self.stack.value, self.pulley_height.value, self.pulley_distance.value, load.pulley_ratio
            )
        elif isinstance(load, MachineLoad):
            load = MachineLoad(self.stack.value, load.kind, load.lever_arm_m)
        elif isinstance(load, BandLoad):
            load = BandLoad(
                self.band.value, load.rest_length_m, load.anchor_height_m, load.anchor_distance_m, load.attach
            )
        elif isinstance(load, DumbbellLoad):
            load = DumbbellLoad(min(self.stack.value, 40.0))
        return ProfileCase(base.title, base.variant, load)

    def redraw(self) -> None:
        """Recompute the curve, move it in place, render it and say it in words."""
        case = self.case()
        self.ax.set_title(case.title, pad=28, fontsize=FONT_SIZES["label"], fontweight="bold")
        body = self.body()
        self.description = update_profile(self.ax, self.artists, case, body)
        # One y scale for every load at this body, so switching loads compares them honestly.
        top = max(self.shared_top(body), float(max(self.artists.total.get_ydata())))
        self.ax.set_ylim(*profile_limits(top))
        self.ax.set_xlim(-95, 35)
        self.image.value = render_png(self.figure)
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
            f"[Resistance-profile explorer: load, pulley, stack, band and body sliders.] {self.description}"
        )


def explore_profiles() -> ProfileExplorer:
    """The resistance-profile widget for lesson 07.

    Returns
    -------
    ProfileExplorer
        Hip-extension torque demand (N·m) against hip extension (degrees) for each load.
    """
    return ProfileExplorer()
