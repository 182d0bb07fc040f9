"""The checker's report on a set: reps, tempo, findings and what could not be judged, in words and as data."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from ..data_files import read_table
from .findings import (
    SEVERITIES,
    CannotJudge,
    Finding,
)
from .reps import (
    MeasuredTempo,
    Rep,
)
from .shown_numbers import measured_words
from .thresholds import threshold


@dataclass(frozen=True)
class SetReport:
    """What a recorded set showed: its reps, tempo, findings, what could not be judged, and notes.

    `not_judged` is the one line of "is this the exercise?" (kickback.form.exercise_gate) when the
    recording does not look like the variant named, e.g. "this does not look like a quadruped kickback:
    the trunk is upright in 96 % of frames (...)": then no rep is judged and nothing is found.
    """

    variant: str
    source: str
    reps: tuple[Rep, ...]
    findings: tuple[Finding, ...]
    cannot_judge: tuple[CannotJudge, ...]
    tempo: MeasuredTempo | None
    time_under_tension_s: float
    notes: tuple[str, ...] = ()
    not_judged: str | None = None

    @property
    def judged(self) -> bool:
        """True when the recording looked like the variant and form was judged rep by rep."""
        return self.not_judged is None and bool(self.reps)

    def mistakes(self) -> set[str]:
        """The mistake ids found anywhere in the set."""
        return {finding.mistake for finding in self.findings}

    def as_dict(self) -> dict[str, object]:
        """The report as plain values (what `--json` prints).

        Keys include reps, findings, cannot_judge and tempo.
        """
        tempo = self.tempo
        return {
            "variant": self.variant,
            "source": self.source,
            "reps": [rep.as_dict() for rep in self.reps],
            "tempo": str(tempo) if tempo else None,
            "tempo_s": {
                "up": round(tempo.up_s, 2),
                "hold": round(tempo.hold_s, 2),
                "down": round(tempo.down_s, 2),
            }
            if tempo
            else None,
            "time_under_tension_s": round(self.time_under_tension_s, 2),
            "findings": [finding.as_dict() for finding in self.findings],
            "cannot_judge": [item.as_dict() for item in self.cannot_judge],
            "notes": list(self.notes),
            "not_judged": self.not_judged,
        }

    def describe(self) -> str:
        """The report in words: a line for the set, a table of reps, the findings grouped by check.

        A recording that is not the variant named gets the gate's one line instead, and its notes.
        """
        if self.not_judged is not None:
            return "\n".join(_describe_refused(self) + _describe_notes(self.notes))
        return "\n".join(
            _describe_set(self)
            + _describe_reps(self.reps)
            + _describe_findings(self.findings, judged=bool(self.reps))
            + _describe_rest(self)
        )

    def _repr_pretty_(self, printer, cycle: bool) -> None:
        printer.text(self.describe())


# --- the report in words ------------------------------------------------------------------------

CHECK_WORDS: dict[str, str] = {
    # check id (Finding.check) -> what the checker looked at, in plain words, for the findings' headers
    "lumbar_extension": "the lower back's arch",
    "thigh_to_trunk": "the thigh behind the trunk line",
    "pelvic_rotation": "the pelvis turning",
    "pelvic_hike": "the pelvis hiking on one side",
    "top_position": "how high the leg gets at the top",
    "lowering_time": "the time taken to lower",
    "lift_time": "the time taken to lift",
    "peak_speed": "the leg's fastest speed",
    "top_hold": "the pause at the top",
    "rebound": "the bounce at the bottom",
    "trunk_excursion": "the trunk moving",
    "lumbar_excursion": "the lower back moving",
    "pelvic_hike_excursion": "the pelvis moving on one side",
    "range_drop": "the top dropping over the set",
}


def mistake_title(mistake: str) -> str:
    """A mistake's title from data/mistakes.csv (e.g. "Arching the lower back"), for headers."""
    titles = {row["id"]: row["title"] for row in read_table("mistakes")}
    return titles.get(mistake, mistake.replace("_", " "))


def check_words(check: str) -> str:
    """What a check looked at, in plain words; a mistake appearing late in the set is named by its title."""
    if check in CHECK_WORDS:
        return CHECK_WORDS[check]
    if check.endswith("_appearing"):
        return f"{mistake_title(check.removesuffix('_appearing')).lower()} appearing late in the set"
    return check.replace("_", " ")


def _describe_set(report: SetReport) -> list[str]:
    count = len(report.reps)
    line = f"{report.variant} kickback set ({report.source}): {count} rep{'s' if count != 1 else ''}"
    if report.tempo:
        line += (
            f", tempo {report.tempo} (seconds up-hold-down), "
            f"{report.time_under_tension_s:.0f} s under tension"
        )
    return [line + "."]


def _seconds(measured: float, limit_id: str) -> str:
    """A phase's time as the set chart writes it: never rounded onto the other side of its limit."""
    return measured_words(measured, threshold(limit_id), "s")


def _describe_reps(reps: Sequence[Rep]) -> list[str]:
    if not reps:
        return []
    lines = ["", " rep  start s   up s  hold s  down s  pause s  peak hip"]
    for rep in reps:
        pause = "-" if rep.bottom_pause_s is None else f"{rep.bottom_pause_s:.1f}"
        lines.append(
            f"{rep.number:4d} {rep.start_s:8.1f} {_seconds(rep.concentric_s, 'concentric_min_s'):>6} "
            f"{_seconds(rep.top_hold_s, 'top_hold_min_s'):>7} "
            f"{_seconds(rep.eccentric_s, 'eccentric_min_s'):>7}"
            f" {pause:>8} {rep.peak_hip_extension_deg:8.0f}°"
        )
    return lines


def _describe_findings(findings: Sequence[Finding], *, judged: bool) -> list[str]:
    """The findings grouped by check; without reps, that form was not judged (never "no mistakes")."""
    if not judged:
        return ["", "No rep was found, so form was not judged."]
    if not findings:
        return ["", "No mistakes found."]
    lines = ["", "Findings:"]
    groups: dict[tuple[str, str], list[Finding]] = {}
    for finding in findings:
        groups.setdefault((finding.mistake, finding.check), []).append(finding)
    for (mistake, check), group in groups.items():
        worst = max(group, key=lambda f: (SEVERITIES.index(f.severity), abs(f.measured - f.limit)))
        reps = [str(f.rep) for f in group if f.rep is not None]
        where = f" in rep{'s' if len(reps) > 1 else ''} {', '.join(reps)}" if reps else ""
        lines.append(
            f"- {mistake_title(mistake)} ({check_words(check)}){where}, at worst {worst.severity}. "
            f"{worst.message}"
        )
        lines.append(f"  Cue: {worst.cue}")
    return lines


def _describe_refused(report: SetReport) -> list[str]:
    """A set the gate refused: said not judged, with the gate's one line (never "no mistakes")."""
    reason = report.not_judged or ""
    return [
        f"{report.variant} kickback set ({report.source}): not judged.",
        "",
        f"Form was not judged: {reason}.",
    ]


def _describe_notes(notes: Sequence[str]) -> list[str]:
    return ["", "Notes:"] + [f"- {note}" for note in notes] if notes else []


def _describe_rest(report: SetReport) -> list[str]:
    lines = []
    if report.cannot_judge:
        lines += ["", "Cannot judge:"]
        lines += [
            f"- {mistake_title(item.mistake) if item.mistake else check_words(item.check)}"
            f"{f' (rep {item.rep})' if item.rep else ''}: {item.reason}"
            for item in report.cannot_judge
        ]
    return lines + _describe_notes(report.notes)
