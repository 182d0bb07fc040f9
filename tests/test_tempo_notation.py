"""One tempo notation where a learner reads: up-hold-down; the gym notation only named and said plainly."""

import re

from hypothesis import given
from hypothesis import strategies as st

from kickback.content.tempo import (
    TempoPrescription,
    describe_gym_notation,
    describe_tempo,
    parse_tempo,
)

FOUR_DIGITS = re.compile(r"\b[0-9X]{4}\b")

tempos = st.builds(
    TempoPrescription,
    up_s=st.integers(0, 9),
    hold_s=st.integers(0, 9),
    down_s=st.integers(0, 9),
    pause_s=st.integers(0, 9),
)


@given(tempos)
def test_describe_tempo_writes_up_hold_down_and_reads_back(tempo):
    words = describe_tempo(tempo)
    written = words.split(" (")[0]
    assert parse_tempo(written) == TempoPrescription(
        up_s=tempo.up_s, hold_s=tempo.hold_s, down_s=tempo.down_s
    )
    assert not FOUR_DIGITS.search(words)
    assert f"{tempo.up_s} s up" in words and f"{tempo.down_s} s down" in words
    assert ("pause at the bottom" in words) == (tempo.pause_s > 0)


@given(tempos)
def test_the_gym_notation_is_named_and_said_to_start_with_the_lowering(tempo):
    words = describe_gym_notation(tempo)
    code = FOUR_DIGITS.search(words).group(0)
    assert parse_tempo(code) == tempo
    assert words.startswith(f"gym notation {code} (it starts with the lowering: {tempo.down_s} s down")


def test_explosive_phases_are_said_in_words():
    assert describe_tempo("X-0-3") == "X-0-3 (explosive up, 0 s hold at the top, 3 s down)"
    assert "3 s down, 0 s pause at the bottom, explosive up" in describe_gym_notation("30X0")


def test_the_tempo_figure_writes_only_up_hold_down():
    from kickback.draw.tempo_figure import growth_note, show_tempo

    figure = show_tempo("3021", "1-0-1 (pause 1)", "30X0")
    plain = figure._repr_mimebundle_()["text/plain"].replace(growth_note(), "")  # its study's year is no code
    assert "2-1-3 (2 s up, 1 s hold at the top, 3 s down)" in plain
    assert "X-0-3 (explosive up" in plain and not FOUR_DIGITS.search(plain)


def test_the_tempo_figures_legend_and_title_carry_no_gym_code(monkeypatch):
    from matplotlib.legend import Legend

    import kickback.draw.style as style
    import kickback.draw.tempo_figure as tempo_figure

    kept = []  # the figure, kept instead of rendered (the class renders inside its constructor)
    monkeypatch.setattr(style, "render_png", lambda figure: kept.append(figure) or b"")
    tempo_figure.show_tempo("3021", "1010")
    (figure,) = kept
    ax = figure.axes[0]
    legend = next(child for child in ax.get_children() if isinstance(child, Legend))
    texts = [t.get_text() for t in legend.get_texts()] + [legend.get_title().get_text(), ax.get_title("left")]
    assert texts[0].startswith("2-1-3:") and texts[1].startswith("1-0-1:")
    assert "up-hold-down" in texts[2]
    assert not any(FOUR_DIGITS.search(text) for text in texts)
