"""The HTML templates and static files every page is made from: the server's pages and
the offline graph views share one Jinja environment, one folder of templates
(`graph/templates/`) and one of CSS and JavaScript (`graph/static/`), all package data.

Autoescaping is on for every template: whatever comes from news text is escaped unless a
template says `|safe`, which only our own static files and vis-network's are.
"""
from __future__ import annotations

import functools
from importlib.resources import files

from jinja2 import Environment, PackageLoader, Template


def static_text(name: str) -> str:
    """A file of `graph/static/` (e.g. "view.js" or "vis-network/vis-network.min.js") as text."""
    return files("graph").joinpath("static", name).read_text(encoding="utf-8")


@functools.cache
def environment() -> Environment:
    """The one Jinja environment; templates are read once per process."""
    return Environment(loader=PackageLoader("graph", "templates"), autoescape=True, trim_blocks=True,
                       lstrip_blocks=True)


def template(name: str) -> Template:
    """A template of `graph/templates/` by file name."""
    return environment().get_template(name)
