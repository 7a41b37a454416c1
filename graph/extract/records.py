"""Our data files in JSON Lines (gazetteer, tenure tables, rule registry, cue lists): one
reader, so a bad line is reported the same way everywhere, with its file and line number."""
from __future__ import annotations

import json
from pathlib import Path
from typing import Iterator


def jsonl_objects(path: Path) -> Iterator[tuple[int, dict]]:
    """(line number, object) for each non-blank line; a line that is not a JSON object is
    a ValueError naming the file and the line."""
    with path.open(encoding="utf-8") as handle:
        for number, line in enumerate(handle, 1):
            if not line.strip():
                continue
            try:
                row = json.loads(line)
            except json.JSONDecodeError as error:
                raise ValueError(f"{path}:{number}: not JSON: {error.msg}") from None
            if not isinstance(row, dict):
                raise ValueError(f"{path}:{number}: not a JSON object")
            yield number, row
