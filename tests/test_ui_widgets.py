"""The session screen's drawn widgets: block digits and the line bar."""

from __future__ import annotations

from textual.app import App, ComposeResult

from coach.ui.widgets.big_digits import BigDigits, render_lines, scale_for
from coach.ui.widgets.line_bar import PERCENT_WIDTH, LineBar
from tests.helpers.app import layout_requests


class Holder(App[None]):
    def __init__(self, *widgets) -> None:
        super().__init__()
        self.widgets = widgets

    def compose(self) -> ComposeResult:
        yield from self.widgets


async def test_line_bar_draws_half_cells_and_the_percentage():
    """Done is a heavy line and the rest a light one, so the bar reads without colour too."""
    bar = LineBar(show_percentage=True)
    async with Holder(bar).run_test(size=(46, 5)) as pilot:
        bar.fraction = 0.5125
        await pilot.pause()
        line = bar.render_line(0)
        text = line.text
        assert len(text) == 46
        assert text.endswith("  51%")
        cells = 46 - PERCENT_WIDTH
        assert text[:cells] == "━" * 20 + "╸" + "─" * 19
        done, rest = (segment.style.color for segment in list(line)[:2])
        assert done != rest
        bar.fraction = 1.0
        await pilot.pause()
        assert bar.render_line(0).text.endswith(" 100%")
        assert list(bar.render_line(0))[0].style.color != done


async def test_line_bar_repaints_only_when_what_it_shows_moves():
    bar = LineBar()
    async with Holder(bar).run_test(size=(40, 5)) as pilot:
        await pilot.pause()
        requests = layout_requests(bar)
        bar.fraction = 0.001
        assert requests == []
        bar.fraction = 0.5
        assert requests == [False]
        bar.fraction = 0.505
        assert requests == [False]
        assert not bar._timers


async def test_line_bar_clamps_what_it_is_given():
    bar = LineBar(show_percentage=True)
    async with Holder(bar).run_test(size=(30, 5)) as pilot:
        bar.fraction = 1.7
        await pilot.pause()
        assert bar.render_line(0).text == "━" * 24 + "  100%"
        bar.fraction = -1
        await pilot.pause()
        assert bar.render_line(0).text.endswith("   0%")


async def test_big_digits_draw_the_font_centred_with_bold_blocks():
    digits = BigDigits()
    async with Holder(digits).run_test(size=(100, 30)) as pilot:
        digits.value = "4:05"
        await pilot.pause()
        expected = render_lines("4:05", scale_for(100, 30))
        strips = [digits.render_line(y) for y in range(len(expected))]
        assert digits.size.height == len(expected)
        for strip, line in zip(strips, expected, strict=False):
            assert strip.cell_length == 100
            assert strip.text.strip() == line.strip()
            left = (100 - len(line)) // 2
            assert strip.text[left : left + len(line)] == line
            assert all(segment.style.bold for segment in strip if "█" in segment.text)
            assert not any(segment.style.bold for segment in strip if not segment.text.strip())


async def test_big_digits_keep_their_strips_until_the_value_changes():
    digits = BigDigits()
    async with Holder(digits).run_test(size=(100, 30)) as pilot:
        digits.value = "45"
        await pilot.pause()
        first = digits.render_line(0)
        assert digits.render_line(0) is first
        digits.value = "44"
        await pilot.pause()
        assert digits.render_line(0) is not first
        assert digits.render_line(0).text != first.text
        digits.value = ""
        await pilot.pause()
        assert digits.size.height == 0


async def test_big_digits_repaint_only_the_columns_that_change():
    digits = BigDigits()
    async with Holder(digits).run_test(size=(100, 30)) as pilot:
        digits.value = "45"
        await pilot.pause()
        regions = []
        original = digits.refresh
        digits.refresh = lambda *args, **kwargs: regions.append(args) or original(*args, **kwargs)
        digits.value = "44"
        ((region,),) = regions
        scale = scale_for(100, 30)
        glyph, gap = 6 * scale, scale
        second_digit = (100 - (2 * glyph + gap)) // 2 + glyph + gap
        assert second_digit <= region.x and region.right <= second_digit + glyph
        assert region.height == digits.size.height
        digits.value = "9"
        assert regions[-1] == (digits.size.region,)


async def test_a_row_table_drawn_before_it_measured_new_rows_draws_them_again_at_their_width():
    """Home fills its table behind the first-run notice; a line drawn then must not stay cut to the headings."""
    from coach.ui.widgets.row_table import RowTable

    table = RowTable()
    async with Holder(table).run_test(size=(60, 5)) as pilot:
        for _ in range(2):
            table.clear(columns=True)
            table.add_columns("A", "B")
            table.add_row("Two-minute desk break", "gentle")
            table.render_line(1)
            await pilot.pause()
        assert table.render_line(1).text.startswith(" Two-minute desk break  gentle")


async def test_a_row_table_resized_keeps_the_row_the_cursor_is_on_when_it_redraws_not_when_it_resized():
    """A key that moves the cursor between a resize and the redraw after it is not undone by that redraw."""
    from textual.events import Resize
    from textual.geometry import Size

    from coach.ui.widgets.row_table import RowTable

    table = RowTable()
    async with Holder(table).run_test(size=(60, 12)) as pilot:
        table.add_columns("A")
        for n in range(8):
            table.add_row(f"row {n}")
        table.move_cursor(row=5)
        await pilot.pause()
        table.on_resize(Resize(Size(60, 6), Size(60, 6)))
        table.move_cursor(row=0)
        await pilot.pause()
        await pilot.pause()
        assert table.cursor_row == 0
