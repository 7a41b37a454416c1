"""Data flows one way: a module may import only from the stages before it."""
from __future__ import annotations

import ast
from pathlib import Path

import pytest

PACKAGE = Path(__file__).resolve().parent.parent / "graph"

#: Stage of each module; a module may import only modules of a lower stage.
STAGES = {
    "graph.model": 0, "graph.terms": 0, "graph.resources": 0,
    "graph.dates": 0.4, "graph.decoding": 0.5,
    "graph.fingerprint": 0.5, "graph.sources.archives": 0.6, "graph.sources.fetch": 0.6, "graph.sources.feeds": 0.6,
    "graph.sources.web": 0.7, "graph.sources": 0.8,
    "graph.ingest": 1,
    "graph.document": 2,
    "graph.extract.records": 2.4, "graph.extract.knowledge": 2.5, "graph.extract.gazetteer": 3, "graph.extract.rules": 3, "graph.extract.pipeline": 4,
    "graph.extract.mentions": 5, "graph.extract.entities": 6,
    "graph.extract.facts.article": 6.1,
    "graph.extract.facts.office_entities": 6.2, "graph.extract.facts.party_phrases": 6.2,
    "graph.extract.facts.offices": 6.3, "graph.extract.facts.parties": 6.3, "graph.extract.facts.summits": 6.3,
    "graph.extract.facts.spokespeople": 6.3,
    "graph.extract.facts.meetings": 6.3,
    "graph.extract.facts": 7, "graph.extract.learned": 7.5,
    "graph.extract": 8,
    "graph.timebounds": 8.5,
    "graph.rdf": 9,
    "graph.store": 10, "graph.remote": 11,
    "graph.read": 11.5, "graph.tenures": 11.7,
    "graph.sparql": 12, "graph.history": 12, "graph.conflicts": 12.5, "graph.validate": 12, "graph.export": 12, "graph.workers": 12,
    "graph.distributed": 13, "graph.incremental": 13,
    "graph.build": 14,
    "graph.projection": 14.5,
    "graph.evaluate": 15, "graph.paths": 15,
    "graph.views": 16,
    "graph.templating": 15.5, "graph.timelines": 15.6,
    "graph.server.negotiation": 16.1, "graph.server.guard": 16.1, "graph.server.jobs": 16.2,
    "graph.server.pool": 16.3, "graph.server.pages": 16.3, "graph.server.app": 16.4, "graph.server": 16.5,
    "graph.cli.options": 18,
    "graph.cli.building": 18.5, "graph.cli.reading": 18.5, "graph.cli.exploring": 18.5, "graph.cli.serving": 18.5,
    "graph.cli.evaluating": 18.5, "graph.cli.timing": 18.5,
    "graph.cli": 19, "graph.__main__": 20, "graph": 20,
}


def module_name(path: Path) -> str:
    parts = path.relative_to(PACKAGE.parent).with_suffix("").parts
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


def imported_modules(path: Path) -> set[str]:
    names = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.ImportFrom) and node.module and node.module.startswith("graph"):
            submodules = {f"{node.module}.{a.name}" for a in node.names} & STAGES.keys()
            names.update(submodules or {node.module})
        elif isinstance(node, ast.Import):
            names.update(a.name for a in node.names if a.name.startswith("graph"))
    return names


MODULES = sorted(PACKAGE.rglob("*.py"))


def test_layers_every_module_has_a_stage():
    unknown = [module_name(p) for p in MODULES if module_name(p) not in STAGES]
    assert not unknown, f"add these modules to STAGES: {unknown}"


@pytest.mark.parametrize("path", MODULES, ids=lambda p: module_name(p))
def test_layers_imports_only_earlier_stages(path):
    own = module_name(path)
    for name in imported_modules(path):
        stage = STAGES.get(name)
        assert stage is not None, f"{own} imports unknown module {name}"
        assert stage < STAGES[own] or name == own, f"{own} (stage {STAGES[own]}) imports later stage {name} ({stage})"


def test_layers_names_are_folded_in_one_place():
    """Dropping accents (unicodedata.combining) is written once, in graph.model (fold,
    unaccented, slug); every other module imports those instead of folding its own way."""
    folding = [module_name(path) for path in MODULES
               if any(isinstance(node, ast.Attribute) and node.attr == "combining"
                      for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))))]
    assert folding == ["graph.model"]
