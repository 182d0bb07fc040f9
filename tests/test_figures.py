"""The committed diagrams regenerate byte-identically, and each carries alt text."""

import pytest

from kickback.draw.committed import FIGURES_DIR, read_alt_texts, show_figure
from kickback.draw.diagrams import write_figures


@pytest.fixture(scope="module")
def regenerated(tmp_path_factory):
    folder = tmp_path_factory.mktemp("figures")
    write_figures(folder)
    return folder


def test_regenerated_figures_match_the_committed_ones_byte_for_byte(regenerated):
    fresh = sorted(path.name for path in regenerated.iterdir())
    committed = sorted(path.name for path in FIGURES_DIR.iterdir() if not path.name.startswith("."))
    assert fresh == committed
    differing = [
        name for name in fresh if (regenerated / name).read_bytes() != (FIGURES_DIR / name).read_bytes()
    ]
    assert not differing, f"regenerate with `python3 run.py figures`; these differ: {differing}"


def test_regeneration_is_deterministic(regenerated, tmp_path):
    write_figures(tmp_path)
    differing = [
        path.name
        for path in regenerated.iterdir()
        if (tmp_path / path.name).read_bytes() != path.read_bytes()
    ]
    assert not differing, f"two runs gave different bytes: {differing}"


def test_every_image_has_alt_text_that_states_the_angles(regenerated):
    alt = read_alt_texts(regenerated)
    images = {path.stem for path in regenerated.glob("*.png")}
    assert images == set(alt)
    for name, text in alt.items():
        assert len(text) > 80, name
    assert "Hip extended 20 degrees" in alt["cable_form"] and "Hip 20 degrees" not in alt["cable_form"]
    assert "arched 25 degrees" in alt["cable_form"]
    assert "mistake" in alt["cable_form"] and "correct" in alt["cable_form"]


def test_no_partial_files_are_left_behind(regenerated):
    assert not [path for path in regenerated.iterdir() if path.name.startswith(".")]


def test_show_figure_carries_alt_text_into_the_notebook_output():
    bundle = show_figure("cable_form")._repr_mimebundle_()
    assert 'alt="Standing cable kickback' in bundle["text/html"]
    assert bundle["text/plain"].startswith("[Figure: Standing cable kickback")
    assert "image/png" in bundle


def test_show_figure_rejects_an_unknown_name():
    with pytest.raises(ValueError, match="figure must be one of .*cable_form.*got 'rowing'"):
        show_figure("rowing")


def test_step_figures_describe_each_step_in_their_alt_text(regenerated):
    from kickback.content.cues import read_steps

    alt = read_alt_texts(regenerated)
    for variant in ("cable", "machine", "bodyweight"):
        for step in read_steps(variant, "execution"):
            if step.pose:
                assert step.text in alt[f"{variant}_steps"]


def test_the_gallery_shows_every_figure_with_its_alt_text_as_caption(regenerated):
    from kickback.draw.diagrams import GALLERY_FILE

    page = (regenerated / GALLERY_FILE).read_text(encoding="utf-8")
    alt = read_alt_texts(regenerated)
    for name, text in alt.items():
        assert f"({name}.png)" in page, name
        assert f"*{text}*" in page, name
    assert page.count("![") == len(alt)


def test_building_twice_in_one_process_gives_the_same_bytes(tmp_path):
    from kickback.draw.muscle_map import build_muscle_map
    from kickback.draw.style import save_figure

    for run in ("first", "second"):
        save_figure(build_muscle_map().figure, tmp_path / f"{run}.svg")
        save_figure(build_muscle_map().figure, tmp_path / f"{run}.png")
    assert (tmp_path / "first.svg").read_bytes() == (tmp_path / "second.svg").read_bytes()
    assert (tmp_path / "first.png").read_bytes() == (tmp_path / "second.png").read_bytes()
