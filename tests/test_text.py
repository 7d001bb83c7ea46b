"""Text cut to a terminal's width, measured as the terminal measures it."""

from __future__ import annotations

import wcwidth

from coach.widths import fit_end, table_lines


def test_fit_end_keeps_the_end_of_a_path_after_an_ellipsis():
    path = "/home/someone/.local/share/coach/routines/morning.toml"
    assert fit_end(path, len(path)) == path
    assert fit_end(path, 20) == "…" + path[-19:]
    assert fit_end(path, 1) == "…"
    assert fit_end(path, 0) == ""


def test_fit_end_measures_wide_characters_and_never_splits_one():
    path = "/data/腰痛/ストレッチ.toml"
    for width in range(1, wcwidth.width(path) + 2):
        cut = fit_end(path, width)
        assert wcwidth.width(cut) <= width
        assert path.endswith(cut.removeprefix("…"))


def test_table_lines_fit_the_width_by_cutting_the_last_column_from_its_start():
    rows = [("NAME", "TITLE", "FILE"), ("desk", "Desk break", "/a/very/long/folder/name/that/goes/on/desk.toml")]
    whole = table_lines(rows)
    assert whole[1] == "desk  Desk break  /a/very/long/folder/name/that/goes/on/desk.toml"
    cut = table_lines(rows, 44)
    assert all(wcwidth.width(line) <= 44 for line in cut)
    assert cut[1].startswith("desk  Desk break  …") and cut[1].endswith("/desk.toml")
    assert cut[0] == "NAME  TITLE       FILE"


def test_table_lines_cut_the_title_before_the_path_gets_too_narrow_and_never_the_name():
    rows = [
        ("NAME", "TITLE", "FILE"),
        ("a-long-routine-name", "A title long enough to crowd the path out", "/home/someone/coach/desk.toml"),
    ]
    lines = table_lines(rows, 60)
    assert all(wcwidth.width(line) <= 60 for line in lines)
    name, title, path = lines[1].split("  ", 2)
    assert name == "a-long-routine-name" and title.endswith("…") and wcwidth.width(path.strip()) == 20
    assert path.strip() == "…" + rows[1][2][-19:]
