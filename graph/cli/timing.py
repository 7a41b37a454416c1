"""`kg holders`, `kg timeline` and `kg conflicts`: thin layers over graph.history and graph.conflicts."""
from __future__ import annotations

import json
import re

import click

from graph.cli.options import friendly_errors, open_store, store_option


def _iso_date(ctx, param, value: str | None) -> str | None:
    """A YYYY-MM-DD option, checked here so a typo is a usage error rather than an empty answer."""
    if value is not None and not re.fullmatch(r"\d{4}-\d{2}-\d{2}", value):
        raise click.BadParameter(f"{value!r} is not a date like 2007-06-27")
    return value


def _emit_json(data) -> None:
    click.echo(json.dumps(data, ensure_ascii=False, indent=2))


@click.command()
@click.argument("office")
@click.option("--at", "day", required=True, callback=_iso_date, metavar="YYYY-MM-DD", help="The date asked about.")
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
