"""Rich styles read from a widget's component classes, so colours follow the theme."""

from __future__ import annotations

from dataclasses import fields
from typing import TYPE_CHECKING, TypeVar

from rich.style import Style
from textual.widget import Widget

if TYPE_CHECKING:
    from _typeshed import DataclassInstance

StylesT = TypeVar("StylesT", bound="DataclassInstance")


def text_style(widget: Widget, name: str) -> Style:
    """The colour and text style of component class ``name``, without a background.

    The colour is the one the theme resolves against the widget's background (so translucent
    colours such as ``$text-muted`` come out right); dropping the background lets the text sit
    on whatever is behind it, a table's stripe or its cursor row.
    """
    resolved = widget.get_component_rich_style(name)
    return Style.from_color(resolved.color) + widget.get_component_rich_style(name, partial=True).without_color


def component_styles(widget: Widget, styles_type: type[StylesT], prefix: str) -> StylesT:
    """``styles_type`` with each field read from the component class ``prefix--field-name``."""
    names = {field.name: f"{prefix}--{field.name.replace('_', '-')}" for field in fields(styles_type)}
    return styles_type(**{field: text_style(widget, name) for field, name in names.items()})


def component_css(widget: str, looks: dict[str, tuple[str, str]]) -> str:
    """CSS giving each component class of ``looks`` its (colour, text style) inside ``widget``."""
    return "\n".join(
        f"{widget} > .{name} {{ color: {colour}; text-style: {style or 'none'}; }}"
        for name, (colour, style) in looks.items()
    )
