"""Where the package's data is: the ontology, its shapes and competency questions, the
gazetteer, the tenure tables, the rule patterns and the relation model.

They live in the repository's top-level `ontology/` and `data/` folders, and the wheel
ships them inside the package as `graph/ontology/` and `graph/data/...` (see
pyproject.toml). Every reader asks this module, so `kg` finds them from any working
directory, installed from a wheel or run from a checkout (an editable install).
"""
from __future__ import annotations

from importlib.resources import files
from pathlib import Path

#: The checkout's root, where ontology/ and data/ sit beside the package folder.
_CHECKOUT = Path(__file__).resolve().parent.parent


def resource(*parts: str) -> Path:
    """A packaged data file or folder, e.g. resource("ontology", "shapes.ttl") or resource("data", "gazetteer").

    Inside an installed package first (importlib.resources; wheels install as folders,
    so this is a real path), else in the checkout the package is imported from.
    """
    packaged = files("graph").joinpath(*parts)
    return Path(str(packaged)) if packaged.exists() else _CHECKOUT.joinpath(*parts)

