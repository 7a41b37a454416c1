"""Timelines drawn as SVG: a person's offices and parties, or an office's holders, over time.

One SVG for the offline file (`kg timeline --format html`) and the server's entity pages:
SVG geometry is attributes, not CSS, so the pages' strict Content-Security-Policy (no
inline styles, no scripts) lets it through, and the file needs nothing from the network.
Each bar links to its tenure's evidence listed under the chart. A bar's solid part is
where reports place the tenure; its pale ends are where its start and end may lie; an
ended tenure (one whose end has an upper bound) is outlined dashed.
"""
from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from graph.history import TenureView, format_span
from graph.templating import static_text, template

WIDTH, LABEL_WIDTH, ROW_HEIGHT, TOP = 900, 260, 26, 24


@dataclass(frozen=True)
class Bar:
    """One tenure's row: its label, the x positions of its parts, and whether it ended."""

    anchor: str
    label: str
    span: str
    pale_start: tuple[float, float]
    solid: tuple[float, float]
    pale_end: tuple[float, float]
    ended: bool
    y: int


def _day(text: str) -> int:
    return date.fromisoformat(text).toordinal()


def _extent(tenures: list[TenureView]) -> tuple[int, int]:
    """The first and last day any bound or report of these tenures names, a little padded."""
    days = [_day(d) for t in tenures for d in (*t.bounds.as_dict().values(), t.first_evidence, t.last_evidence) if d]
    low, high = min(days), max(days)
    pad = max(30, (high - low) // 20)
    return low - pad, high + pad


def bars(tenures: list[TenureView], *, by_person: bool) -> tuple[list[Bar], list[tuple[float, str]]]:
    """The bars of the tenures and the year ticks of the axis."""
    if not tenures:
        return [], []
    low, high = _extent(tenures)
    scale = (WIDTH - LABEL_WIDTH - 10) / max(1, high - low)

    def x(day: int) -> float:
        return round(LABEL_WIDTH + (day - low) * scale, 1)

    found = []
    for row, tenure in enumerate(tenures):
        bounds = tenure.bounds
        solid_from = _day(bounds.start_before or tenure.first_evidence)
        solid_to = max(solid_from, _day(bounds.end_after or bounds.start_before or tenure.first_evidence))
        start_from = _day(bounds.start_after) if bounds.start_after else solid_from
        end_to = _day(bounds.end_before) if bounds.end_before else high
        label = f"{tenure.relation} {tenure.holding_label}" if by_person else tenure.person_label
        found.append(Bar(f"tenure-{row + 1}", label, format_span(tenure), (x(start_from), x(solid_from)),
                         (x(solid_from), x(solid_to)), (x(solid_to), x(end_to)), tenure.ended, TOP + row * ROW_HEIGHT))
    first_year, last_year = date.fromordinal(low).year + 1, date.fromordinal(high).year
    step = max(1, (last_year - first_year + 1) // 10)
    ticks = [(x(date(year, 1, 1).toordinal()), str(year)) for year in range(first_year, last_year + 1, step)]
    return found, ticks


def timeline_context(label: str, tenures: list[TenureView], *, by_person: bool) -> dict:
    """What the timeline templates need: the chart's geometry and the tenures with their evidence."""
    found, ticks = bars(tenures, by_person=by_person)
    return {"label": label, "bars": found, "ticks": ticks, "tenures": list(zip(found, tenures)), "width": WIDTH,
            "height": TOP + len(found) * ROW_HEIGHT + 8, "label_width": LABEL_WIDTH}


def timeline_html(label: str, tenures: list[TenureView], *, by_person: bool) -> str:
    """A self-contained HTML page (no network, no script) with the timeline and its evidence."""
    return template("timeline.html").render(title=f"Timeline: {label}", style=static_text("style.css"),
                                            timeline=timeline_context(label, tenures, by_person=by_person))
