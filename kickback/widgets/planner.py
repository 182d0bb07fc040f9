"""The progression planner as a widget: choose level, equipment, goal and weeks; read and export the plan."""

from __future__ import annotations

import html
from collections.abc import Iterable, Mapping
from types import MappingProxyType
from typing import Any

import ipywidgets as widgets

from ..content.plan_export import _html_fragment, _markdown, describe_plan
from ..content.planner import (
    EQUIPMENT,
    GOALS,
    LEVELS,
    Plan,
    _rule,
    check_equipment,
    plan_progression,
)
from ..content.tempo import _check_whole
from ..validate import check_choice
from .static_twin import StaticTwin

# --- the widget ---------------------------------------------------------------------------------

DEFAULT_PLAN: Mapping[str, Any] = MappingProxyType(
    {"level": "new", "equipment": ("none", "band", "dumbbell"), "goal": "hypertrophy", "weeks": 6}
)


class PlannerWidget(StaticTwin, widgets.VBox):
    """Pick a level, a goal, the equipment at hand and the weeks: the plan and its rules appear below.

    Its notebook output also carries the plan in words (text/plain) and as a Markdown table
    (text/markdown), so a viewer without a kernel sees the default plan.
    """

    def __init__(
        self,
        level: str = DEFAULT_PLAN["level"],
        goal: str = DEFAULT_PLAN["goal"],
        equipment: Iterable[str] = DEFAULT_PLAN["equipment"],
        weeks: int = DEFAULT_PLAN["weeks"],
    ) -> None:
        level = check_choice("level", level, LEVELS)
        goal = check_choice("goal", goal, GOALS)
        kit = check_equipment(equipment)
        span = _rule("weeks", level, goal)
        weeks = _check_whole("weeks", weeks, span.low, span.high, "weeks")
        style = {"description_width": "initial"}
        self.level = widgets.Dropdown(options=LEVELS, value=level, description="level", style=style)
        self.goal = widgets.Dropdown(options=GOALS, value=goal, description="goal", style=style)
        self.equipment = {
            name: widgets.Checkbox(
                value=name in kit,
                description="none (bodyweight)" if name == "none" else name,
                indent=False,
                layout=widgets.Layout(width="auto"),
            )
            for name in EQUIPMENT
        }
        self.weeks = widgets.IntSlider(
            value=weeks, min=int(span.low), max=int(span.high), step=1, description="weeks", style=style
        )
        self.output = widgets.HTML()
        self.output.add_class("kickback-planner-output")
        self.plan: Plan | None = None
        self.error = ""
        for control in (self.level, self.goal, self.weeks, *self.equipment.values()):
            control.observe(self._update, names="value")
        self._update()
        equipment_row = widgets.HBox([widgets.Label("equipment"), *self.equipment.values()])
        super().__init__([widgets.HBox([self.level, self.goal]), equipment_row, self.weeks, self.output])
        self.add_class("kickback-planner")

    @property
    def chosen_equipment(self) -> tuple[str, ...]:
        """The equipment ticked, in the order of EQUIPMENT."""
        return tuple(name for name, box in self.equipment.items() if box.value)

    def _update(self, change: dict[str, Any] | None = None) -> None:
        try:
            self.plan = plan_progression(
                self.level.value, self.chosen_equipment, self.goal.value, weeks=self.weeks.value
            )
        except ValueError as error:
            self.plan, self.error = None, str(error)
            self.output.value = f'<p role="alert"><strong>No plan:</strong> {html.escape(self.error)}</p>'
            return
        self.error = ""
        self.output.value = _html_fragment(self.plan, live=True)

    def describe(self) -> str:
        """The widget's state in words: the plan, or why there is none."""
        return describe_plan(self.plan) if self.plan else f"No plan: {self.error}"

    def static_text(self) -> str:
        """The widget's state in words (its static twin)."""
        return "[Planner: level, goal, equipment and weeks; the plan below.]\n" + self.describe()

    def static_markdown(self) -> str | None:
        """The widget's state as Markdown (its static twin)."""
        return _markdown(self.plan) if self.plan else f"**No plan:** {self.error}"


def planner(**choices: Any) -> PlannerWidget:
    """The progression planner widget; `choices` set its starting values.

    Parameters
    ----------
    **choices
        Any of `level` ("new", "regular", "athlete"), `goal` ("strength", "hypertrophy",
        "activation"), `equipment` (any of EQUIPMENT) and `weeks` (4 to 8).

    Returns
    -------
    PlannerWidget
        The choices and the plan, week by week (tempo and rest in seconds).
    """
    return PlannerWidget(**choices)
