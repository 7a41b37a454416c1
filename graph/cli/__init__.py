"""The `kg` command line: the group, and every command registered in this one place.

Each command family lives in its own module (building, reading, exploring, serving,
evaluating) as a thin layer over a library function; what they share (the store option,
error handling, filters, output) lives in `graph.cli.options`. Nothing imports this
module but the entry point, so there is no import circle.
"""
from __future__ import annotations

import click

from graph.cli import building, evaluating, exploring, reading, serving, timing


@click.group(context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(package_name="newsgraph")
def cli():
    """Build a knowledge graph of offices, parties, summits and meetings from political news.

    \b
    Example:
        kg build data/articles
        kg query "SELECT ?p ?o WHERE { ?p kg:holdsOffice ?o }"
    """


for command in (building.build, reading.facts, reading.export_, reading.query, reading.validate, reading.stats,
                building.remove, evaluating.eval_, exploring.path, exploring.neighbors, exploring.central,
                exploring.view, serving.serve, timing.holders,
                timing.conflicts, timing.timeline):
    cli.add_command(command)
