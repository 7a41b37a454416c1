"""`kg holders`, `kg timeline` and `kg conflicts`: thin layers over graph.history, graph.timelines
and graph.conflicts."""
from __future__ import annotations

import json
import sys

import click

from graph.cli.options import friendly_errors, iso_date, open_store, output, store_option


def _emit_json(data) -> None:
    click.echo(json.dumps(data, ensure_ascii=False, indent=2))


@click.command()
@click.argument("office")
@click.option("--at", "day", required=True, callback=iso_date, metavar="YYYY-MM-DD", help="The date asked about.")
@store_option
@click.option("--format", "fmt", type=click.Choice(["text", "json"]), default="text", show_default=True)
@friendly_errors
def holders(office, day, store_dir, fmt):
    """Who held OFFICE (or led a party) on a date, with the evidence.

    OFFICE is a label (any case and accents) or a key such as office/prime-minister-of-japan.

    \b
    Example:
        kg holders "Chancellor of Germany" --at 2025-09-01
        kg holders "Prime Minister of Japan" --at 2025-06-01 --format json
    """
    from graph.history import format_tenures, holders as find_holders

    with open_store(store_dir) as store:
        found = find_holders(store, office, day)
    if fmt == "json":
        _emit_json([t.as_json() | {"coverage": t.coverage(day)} for t in found])
    else:
        click.echo(format_tenures(found, title=f"{office} on {day}: {len(found)} holder(s)"))


@click.command()
@store_option
@click.option("--format", "fmt", type=click.Choice(["text", "json"]), default="text", show_default=True)
@friendly_errors
def conflicts(store_dir, fmt):
    """Reports that contradict each other, with both sides' evidence.

    Kinds: two-holders (two people in an office one person holds at a time, at once),
    current-and-former (one person called both on one day), rival-parties (one person
    a member of two parties of one country at once).

    \b
    Example:
        kg conflicts
        kg conflicts --format json
    """
    from graph.conflicts import conflicts as find_conflicts, format_conflicts

    with open_store(store_dir) as store:
        found = find_conflicts(store)
    if fmt == "json":
        _emit_json([c.as_json() for c in found])
    else:
        click.echo(format_conflicts(found))


@click.command()
@click.argument("entity")
@store_option
@click.option("--format", "fmt", type=click.Choice(["text", "json", "html"]), default="text", show_default=True)
@click.option("-o", "--output", "path", type=click.Path(dir_okay=False), help="File to write (default stdout).")
@friendly_errors
def timeline(entity, store_dir, fmt, path):
    """A person's offices and parties over time, or an office's (or party's) holders in order.

    The HTML timeline works offline; each bar links to its evidence, and ended tenures
    are outlined dashed.

    \b
    Example:
        kg timeline "Shigeru Ishiba"
        kg timeline "Prime Minister of Japan" --format html -o japan.html
    """
    from graph.history import format_tenures, timeline as find_timeline

    with open_store(store_dir) as store:
        iri, label, found = find_timeline(store, entity)
    by_person = any(t.person == iri for t in found)
    if fmt == "json":
        text = json.dumps({"entity": label, "id": iri, "tenures": [t.as_json() for t in found]}, ensure_ascii=False,
                          indent=2)
    elif fmt == "html":
        from graph.timelines import timeline_html

        text = timeline_html(label, found, by_person=by_person)
    else:
        text = format_tenures(found, title=f"{label}: {len(found)} tenure(s)", show_person=not by_person)
    out = output(path)
    out.write(text + "\n")
    if out is not sys.stdout:
        out.close()
        click.echo(f"wrote {path}", err=True)
