"""The set timeline's title: the reps' verdict, then each verdict the checker judged over the whole set.

A mistake such as too much weight is judged across the set (the top dropping, a fault appearing only
late), not in any one rep, so no rep label can carry it: the title names it, from the report's findings.
"""

from __future__ import annotations

import textwrap

from ..form.findings import SEVERITIES, Finding
from ..form.report import SetReport, check_words
from .rep_labels import FAULT_WORDS, rep_faults
from .style import MARKS

TITLE_WIDTH = 80
"""Characters a line of the set's title holds."""
TITLE_LINE_IN = 0.25
"""The height of one title line (inches)."""


def rep_verdict(report: SetReport) -> str:
    """The reps' verdict: how many reps, how many flagged and the faults found in them (rep by rep)."""
    total = len(report.reps)
    flagged = [rep for rep in report.reps if rep_faults(report, rep.number)]
    if not flagged:
        return f"{total} reps, every one clean {MARKS['correct']}"
    faults: list[str] = []
    for rep in flagged:
        faults += [fault for fault in rep_faults(report, rep.number) if fault not in faults]
    who = "every rep" if len(flagged) == total else f"{len(flagged)} of {total} reps"
    return f"{total} reps; {who} {MARKS['mistake']}: {', '.join(faults)}"


def set_finding_words(found: list[Finding]) -> str:
    """What a mistake's set-level findings found, short: "top fell 10° (5° allowed); arched back,
    momentum appeared late"; checks with no short form are named by what they looked at.
    """
    said, late = [], []
    for finding in found:
        if finding.check == "range_drop":
            said.append(f"top fell {finding.measured:.0f}° ({finding.limit:.0f}° allowed)")
        elif finding.check.endswith("_appearing"):
            mistake = finding.check.removesuffix("_appearing")
            late.append(FAULT_WORDS.get(mistake, mistake.replace("_", " ")))
        else:
            said.append(check_words(finding.check))
    if late:
        said.append(f"{', '.join(late)} appeared late")
    return "; ".join(said)


def set_verdicts(report: SetReport) -> list[str]:
    """The verdicts judged over the whole set (findings with no rep, e.g. too heavy), one per mistake.

    Each names the mistake, its worst severity and what showed it, e.g. "over the set ✗ too heavy
    (marked): top fell 10° (5° allowed); arched back, momentum appeared late".
    """
    set_level = [finding for finding in report.findings if finding.rep is None]
    verdicts = []
    for mistake in dict.fromkeys(finding.mistake for finding in set_level):
        found = [finding for finding in set_level if finding.mistake == mistake]
        worst = max((finding.severity for finding in found), key=SEVERITIES.index)
        words = FAULT_WORDS.get(mistake, mistake.replace("_", " "))
        verdicts.append(f"over the set {MARKS['mistake']} {words} ({worst}): {set_finding_words(found)}")
    return verdicts


def set_title(report: SetReport) -> str:
    """The set's verdict as a title: the reps' verdict, then each verdict judged over the whole set.

    A mistake such as too much weight is judged across the set, not in any one rep, so it has no rep
    label; the title names it, from the report's findings.
    """
    if report.not_judged is not None:
        return f"Not judged {MARKS['mistake']}: {report.not_judged}"
    if not report.reps:
        return "No reps found in this recording"
    lines = [rep_verdict(report), *set_verdicts(report)]
    return "\n".join(textwrap.fill(line[:1].upper() + line[1:], TITLE_WIDTH) for line in lines)


def title_lines(report: SetReport) -> int:
    """How many lines the title takes."""
    return len(set_title(report).splitlines())
