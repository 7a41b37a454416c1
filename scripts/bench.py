"""The `make bench` entry: how fast and how lean a build is, each pair measured side by side.

Every number comes from this one run, on a SYNTHETIC corpus that scripts/gen_corpus.py
derives from data/articles/ (people renamed, host cities swapped, dates moved). Each
measurement runs in a fresh child process (this script with `--child`), so one run's
memory and warm caches cannot flatter the next; the parent samples the child's whole
process tree for peak RSS, and the child reports its wall time and CPU time (its own and
its workers'). CPU time is printed beside wall time because this machine is shared: when
other work competes for the cores, wall-time ratios move while CPU seconds do not.

Sections (targets from issue 6):
  build vs bare nlp.pipe      same texts, same processes          throughput ratio ≥ 0.85
  2 processes vs 1            `--jobs 2` against `--jobs 1`       speed-up ≥ 1.7×
  dask local:2 vs --jobs 2    the same build on a LocalCluster    overhead, reported
  load vs pyoxigraph          our bulk path vs `Store.bulk_load`  ≤ 1.5× its time
  peak RSS                    smallest vs largest corpus          within 20%
  time by corpus size         e.g. 1k, 5k, 10k articles           linear; fitted slope

    python scripts/bench.py                      # sizes 1000,5000,10000 (tens of minutes)
    python scripts/bench.py --sizes 200,500,1000
    python scripts/bench.py --smoke              # tiny sizes, seconds: proves every section runs
"""
from __future__ import annotations

import argparse
import json
import os
import platform
import resource
import subprocess
import sys
import tempfile
import time
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import Callable, Iterator

SCRIPTS = Path(__file__).resolve().parent
ROOT = SCRIPTS.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(SCRIPTS))

from gen_corpus import write_corpus  # noqa: E402

WORKDIR = ROOT / "out" / "bench"
FULL_SIZES = (1000, 5000, 10000)
SMOKE_SIZES = (12, 24, 36)
EXTRA_BENCHMARKS = ("bench_paths.py", "bench_sparql.py")
RSS_SAMPLE_SECONDS = 0.1
LOAD_REPEATS = 3
MIB = 1024 * 1024


@dataclass
class Run:
    """One measured child process: wall and CPU seconds of the work, peak RSS of its process tree."""

    wall: float
    cpu: float
    peak_rss: int
    info: dict = field(default_factory=dict)


# --- the parent: run children, print sections -------------------------------------------

def measure(kind: str, *args: str) -> Run:
    """Run `--child kind args` in a new process and sample its process tree's memory until it ends."""
    import psutil

    command = [sys.executable, str(Path(__file__).resolve()), "--child", kind, *args]
    child = subprocess.Popen(command, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    peak = 0
    tree = psutil.Process(child.pid)
    while child.poll() is None:
        peak = max(peak, _tree_rss(tree))
        time.sleep(RSS_SAMPLE_SECONDS)
    out, err = child.communicate()
    if child.returncode != 0:
        raise RuntimeError(f"benchmark child {kind} {' '.join(args)} failed:\n{err[-3000:]}")
    result = json.loads(out.strip().splitlines()[-1])
    return Run(wall=result.pop("wall"), cpu=result.pop("cpu"), peak_rss=peak, info=result)


def _tree_rss(process) -> int:
    import psutil

    total = 0
    try:
        for member in [process, *process.children(recursive=True)]:
            total += member.memory_info().rss
    except psutil.Error:  # a worker ended between listing and reading: skip this sample's rest
        pass
    return total


def header(title: str) -> None:
    print(f"\n== {title} " + "=" * max(0, 72 - len(title)), flush=True)


def row(label: str, run: Run, articles: int) -> None:
    """One run; "cores" is CPU seconds per wall second: what the run actually got of the machine."""
    print(f"  {label:34} {run.wall:8.2f} s wall {run.cpu:8.2f} s CPU {run.cpu / run.wall:5.2f} cores "
          f"{articles / run.wall:7.1f} articles/s  peak RSS {run.peak_rss / MIB:6.0f} MiB", flush=True)


def verdict(name: str, value: float, target: str, met: bool) -> None:
    print(f"  -> {name}: {value:.2f} (target {target}) {'MET' if met else 'NOT MET'}", flush=True)


def load_note() -> str:
    one, five, _ = os.getloadavg()
    return f"load average {one:.2f} (1 min) {five:.2f} (5 min) on {os.cpu_count()} cores"


def corpus_of(size: int, largest: Path, folder: Path) -> Path:
    """The first `size` articles of the largest corpus: smaller corpora are prefixes of it."""
    path = folder / f"corpus-{size}.jsonl"
    with largest.open(encoding="utf-8") as source, path.open("w", encoding="utf-8") as out:
        for _, line in zip(range(size), source):
            out.write(line)
    return path


def section_pipe_vs_build(corpus: Path, articles: int, scratch: Path) -> dict[str, Run]:
    header("build vs bare nlp.pipe (same texts, same number of processes)")
    print(f"  {articles} articles; build = `kg build --bulk` into an on-disk store; bare = spaCy's own model "
          f"and nlp.pipe only. {load_note()}")
    runs: dict[str, Run] = {}
    for procs in (1, 2):
        runs[f"pipe{procs}"] = measure("pipe", str(corpus), str(procs))
        runs[f"build{procs}"] = measure("build", str(corpus), str(scratch / f"store-jobs{procs}"), f"jobs={procs}")
        row(f"bare nlp.pipe, {procs} process(es)", runs[f"pipe{procs}"], articles)
        row(f"build --jobs {procs}", runs[f"build{procs}"], articles)
        ratio = runs[f"pipe{procs}"].wall / runs[f"build{procs}"].wall
        verdict(f"build/bare throughput, {procs} process(es), wall", ratio, "≥ 0.85", ratio >= 0.85)
        print(f"     same ratio in CPU seconds: {runs[f'pipe{procs}'].cpu / runs[f'build{procs}'].cpu:.2f}")
    phases = runs["build1"].info.get("phases", {})
    if phases:
        total = runs["build1"].wall
        print("  where the 1-process build's time goes (timers around each step, same run):")
        for name, seconds in phases.items():
            print(f"     {name:44} {seconds:8.2f} s  {100 * seconds / total:5.1f}%")
    return runs


def section_processes(runs: dict[str, Run]) -> None:
    header("2 processes vs 1 (build --jobs 2 against --jobs 1, runs above)")
    speedup = runs["build1"].wall / runs["build2"].wall
    ceiling = runs["pipe1"].wall / runs["pipe2"].wall
    verdict("build speed-up, 2 processes", speedup, "≥ 1.7", speedup >= 1.7)
    print(f"     bare nlp.pipe n_process=2 speed-up on the same texts (spaCy's own ceiling here): {ceiling:.2f}")
    print(f"     CPU seconds, build 1 process {runs['build1'].cpu:.1f} vs 2 processes {runs['build2'].cpu:.1f}; "
          f"driver process's own CPU in the 2-process build: {runs['build2'].info['self_cpu']:.1f} s")
    print(f"     cores the runs got: 1 process {runs['build1'].cpu / runs['build1'].wall:.2f}, "
          f"2 processes {runs['build2'].cpu / runs['build2'].wall:.2f} (2.00 would be an idle 2-core machine)")
    projected = 2 * runs["build1"].cpu / runs["build2"].cpu
    print(f"     projection, not a measurement: on 2 idle cores the same CPU work would give "
          f"2 × CPU(1 process) / CPU(2 processes) = {projected:.2f}×")


def section_dask(corpus: Path, articles: int, scratch: Path, runs: dict[str, Run]) -> None:
    header("dask local:2 vs --jobs 2")
    jobs = runs["build2"]
    dask = measure("build", str(corpus), str(scratch / "store-dask2"), "dask=local:2")
    row("build --jobs 2 (run above)", jobs, articles)
    row("build --dask local:2", dask, articles)
    overhead = dask.wall / jobs.wall - 1
    print(f"  -> Dask overhead: {100 * overhead:+.1f}% wall time ({dask.wall - jobs.wall:+.2f} s; "
          f"includes starting the LocalCluster) {load_note()}")
    print(f"     in CPU seconds, which other work on the machine cannot inflate as much: "
          f"{100 * (dask.cpu / jobs.cpu - 1):+.1f}% ({dask.cpu - jobs.cpu:+.2f} s: scheduler, nannies, "
          f"worker start-up and per-task work)")
    print(f"     articles and facts stored: --jobs 2 {jobs.info['stored']}/{jobs.info['facts']}, "
          f"--dask local:2 {dask.info['stored']}/{dask.info['facts']}")


def section_load(store: Path, scratch: Path, *, repeats: int) -> None:
    header("load vs pyoxigraph bulk_load (same N-Quads)")
    nquads = scratch / "graph.nq"
    info = measure("dump", str(store), str(nquads)).info
    print(f"  {info['quads']} quads in {info['graphs']} article graphs ({nquads.stat().st_size / MIB:.1f} MiB N-Quads)")
    print(f"  best of {repeats} alternating run(s) each (a load takes seconds, so repeating is cheap "
          f"and damps other work on the machine)")
    best: dict[str, Run] = {}
    for attempt in range(repeats):
        for loader in ("ours", "oxigraph", "per-article"):
            run = measure("load", str(nquads), str(scratch / f"load-{loader}-{attempt}"), loader)
            if loader not in best or run.wall < best[loader].wall:
                best[loader] = run
    for label, loader in (("Store.bulk_replace (kg build --bulk)", "ours"), ("pyoxigraph Store.bulk_load", "oxigraph"),
                          ("Store.replace_graph (kg build)", "per-article")):
        run = best[loader]
        print(f"  {label:38} {run.wall:7.2f} s  {info['quads'] / run.wall / 1000:8.1f} k quads/s  "
              f"peak RSS {run.peak_rss / MIB:6.0f} MiB")
    ratio = best["ours"].wall / best["oxigraph"].wall
    verdict("bulk build load time / bulk_load time", ratio, "≤ 1.5", ratio <= 1.5)


def section_sizes(corpora: dict[int, Path], scratch: Path, pair_run: Run) -> None:
    """The smallest size is the pair corpus, already built with `--jobs 2 --bulk` above: reuse that run."""
    smallest, largest = min(corpora), max(corpora)
    runs = {smallest: pair_run}
    for size in sorted(corpora)[1:]:
        runs[size] = measure("build", str(corpora[size]), str(scratch / f"store-size{size}"), "jobs=2")
    header(f"peak RSS: {smallest}-article build vs {largest}-article build (--jobs 2 --bulk)")
    for size in (smallest, largest):
        run = runs[size]
        print(f"  {size:6} articles: whole tree {run.peak_rss / MIB:7.0f} MiB; driver alone "
              f"{run.info['driver_peak_rss'] / MIB:6.0f} MiB; store on disk {run.info['store_bytes'] / MIB:6.1f} MiB")
    growth = runs[largest].peak_rss / runs[smallest].peak_rss - 1
    verdict("peak RSS growth, whole process tree", 100 * growth, "≤ 20 %", growth <= 0.20)
    header("time by corpus size (--jobs 2 --bulk)")
    for size, run in runs.items():
        row(f"{size} articles", run, size)
    print("  driver process's CPU (reading input, writing the store), per 1000 articles: "
          + ", ".join(f"{1000 * r.info['self_cpu'] / s:.2f} s at {s}" for s, r in runs.items()))
    for name, points in (("wall", [(s, r.wall) for s, r in runs.items()]), ("CPU", [(s, r.cpu) for s, r in runs.items()])):
        slope, intercept, r2 = fitted_line(points)
        print(f"  -> fitted {name} time = {intercept:.2f} s + {1000 * slope:.2f} s per 1000 articles (R² = {r2:.4f})")
    print(f"     per-article time at each size: " + ", ".join(f"{1000 * r.wall / s:.1f} ms" for s, r in runs.items()))
    print(f"  {load_note()}")


def fitted_line(points: list[tuple[float, float]]) -> tuple[float, float, float]:
    """Least-squares slope, intercept and R² of y against x."""
    n = len(points)
    mean_x = sum(x for x, _ in points) / n
    mean_y = sum(y for _, y in points) / n
    sxx = sum((x - mean_x) ** 2 for x, _ in points)
    slope = sum((x - mean_x) * (y - mean_y) for x, y in points) / sxx
    intercept = mean_y - slope * mean_x
    total = sum((y - mean_y) ** 2 for _, y in points)
    residual = sum((y - intercept - slope * x) ** 2 for x, y in points)
    return slope, intercept, 1 - residual / total if total else 1.0


def section_extra_benchmarks(smoke: bool) -> None:
    """Other helpers' benchmarks, when present; in a smoke run only those that offer --smoke."""
    for name in EXTRA_BENCHMARKS:
        script = SCRIPTS / name
        if not script.exists():
            continue
        header(f"scripts/{name}")
        command = [sys.executable, str(script)]
        if smoke:
            usage = subprocess.run([*command, "--help"], capture_output=True, text=True).stdout
            if "--smoke" not in usage:
                print("  skipped in a smoke run: it has no --smoke option")
                continue
            command.append("--smoke")
        result = subprocess.run(command, capture_output=True, text=True, cwd=ROOT)
        print(result.stdout.rstrip())
        if result.returncode != 0:
            print(f"  (exited with code {result.returncode}: {result.stderr.strip()[-500:]})")


def run_benchmark(sizes: tuple[int, ...], *, smoke: bool, extra: bool, workdir: Path, seed: int) -> None:
    workdir.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory(dir=workdir) as tmp:
        scratch = Path(tmp)
        largest = write_corpus(scratch / f"corpus-{max(sizes)}.jsonl", max(sizes), seed=seed)
        corpora = {size: corpus_of(size, largest, scratch) if size != max(sizes) else largest for size in sizes}
        print("newsgraph benchmark" + (" (--smoke: tiny sizes, numbers are not meaningful)" if smoke else ""))
        print(f"corpus: SYNTHETIC, {max(sizes)} articles generated by scripts/gen_corpus.py (seed {seed}) from the "
              f"{_sample_count()} sample articles in data/articles/ (names, places and dates varied)")
        print(f"machine: {os.cpu_count()} cores, {platform.python_implementation()} {platform.python_version()}, "
              f"{_model_note()}; {load_note()}")
        pair = min(sizes)
        runs = section_pipe_vs_build(corpora[pair], pair, scratch)
        section_processes(runs)
        section_dask(corpora[pair], pair, scratch, runs)
        section_load(scratch / "store-jobs2", scratch, repeats=1 if smoke else LOAD_REPEATS)
        section_sizes(corpora, scratch, runs["build2"])
        if extra:
            section_extra_benchmarks(smoke)


def _sample_count() -> int:
    return len(list((ROOT / "data" / "articles").glob("*.txt")))


def _model_note() -> str:
    from importlib.metadata import version

    from graph.extract.pipeline import resolve_model
    return f"spaCy {version('spacy')} with {resolve_model()}"


# --- the children: one measurement each, printed as one JSON line --------------------------

@contextmanager
def measured() -> Iterator[dict]:
    """Wall and CPU seconds (this process and its finished workers) of the block."""
    result: dict = {}
    started, cpu = time.perf_counter(), _cpu_seconds()
    self_cpu = _cpu_seconds(children=False)
    yield result
    result.update(wall=time.perf_counter() - started, cpu=_cpu_seconds() - cpu,
                  self_cpu=_cpu_seconds(children=False) - self_cpu)


def _cpu_seconds(*, children: bool = True) -> float:
    scopes = (resource.RUSAGE_SELF, resource.RUSAGE_CHILDREN) if children else (resource.RUSAGE_SELF,)
    return sum(resource.getrusage(s).ru_utime + resource.getrusage(s).ru_stime for s in scopes)


def child_pipe(corpus: str, procs: str) -> dict:
    """spaCy alone: the model as installed, nlp.pipe over the texts the build would feed it."""
    import spacy

    from graph.document import make_document
    from graph.extract.pipeline import resolve_model
    from graph.ingest import read_articles

    texts = [make_document(a).content for a in read_articles([corpus])]
    with measured() as result:
        nlp = spacy.load(resolve_model())
        for _ in nlp.pipe(texts, n_process=int(procs)):
            pass
    return result


def child_build(corpus: str, store_dir: str, how: str) -> dict:
    """A whole build into an on-disk store, as `kg build --bulk` does it."""
    from graph.build import Options, build
    from graph.store import Store

    name, value = how.split("=", 1)
    parallel = {"jobs": int(value)} if name == "jobs" else {"dask": value}
    with _phase_timers(parallel.get("jobs") == 1) as phases, measured() as result:
        with Store(store_dir, write=True) as store:
            report = build([corpus], store, Options(), bulk=True, **parallel)
    result.update(stored=report.stored, facts=report.facts, failures=len(report.failures), phases=phases,
                  driver_peak_rss=resource.getrusage(resource.RUSAGE_SELF).ru_maxrss * 1024,  # Linux: KiB
                  store_bytes=sum(p.stat().st_size for p in Path(store_dir).rglob("*") if p.is_file()))
    return result


@contextmanager
def _phase_timers(enabled: bool) -> Iterator[dict]:
    """Seconds spent in each step of an in-process build, by timing wrappers around the
    functions graph.build calls; spaCy's share is what the steps leave over."""
    phases: dict[str, float] = {}
    if not enabled:
        yield phases
        return
    import graph.extract
    import graph.store
    import graph.workers

    targets = [(graph.workers, "make_extractor", "load the spaCy pipeline"),
               (graph.workers, "make_document", "clean text (graph.document)"),
               (graph.extract.Extractor, "from_doc", "rules: mentions, entities, facts"),
               (graph.workers, "extraction_ntriples", "RDF: N-Triples per article"),
               (graph.store.Store, "bulk_replace", "store: bulk_replace")]
    originals = [(owner, name, getattr(owner, name)) for owner, name, _ in targets]
    for owner, name, label in targets:
        setattr(owner, name, _timed(getattr(owner, name), label, phases))
    started = time.perf_counter()
    try:
        yield phases
    finally:
        for owner, name, original in originals:
            setattr(owner, name, original)
        total = time.perf_counter() - started
        phases["spaCy nlp.pipe + reading input (the rest)"] = total - sum(phases.values())


def _timed(function: Callable, label: str, phases: dict[str, float]) -> Callable:
    def wrapper(*args, **kwargs):
        started = time.perf_counter()
        try:
            return function(*args, **kwargs)
        finally:
            phases[label] = phases.get(label, 0.0) + time.perf_counter() - started
    return wrapper


def child_dump(store_dir: str, nquads: str) -> dict:
    """Write a built store as N-Quads: the common input of the load comparison."""
    from graph.store import Store

    with measured() as result, Store(store_dir) as store:
        store.dump(nquads, "nquads")
        result.update(quads=len(store), graphs=len(store.graph_iris()))
    return result


def child_load(nquads: str, store_dir: str, loader: str) -> dict:
    """Load the same N-Quads into a fresh on-disk store: our build's path, or pyoxigraph's own."""
    import pyoxigraph as ox

    from graph.build import BATCH_SIZE
    from graph.workers import batches
    from graph.store import Store

    graphs = _graphs_as_ntriples(nquads) if loader != "oxigraph" else {}
    with measured() as result:
        if loader == "oxigraph":
            db = ox.Store(store_dir)
            db.bulk_load(path=nquads, format=ox.RdfFormat.N_QUADS)
            db.flush()
            del db
        else:
            with Store(store_dir, write=True) as store:
                for batch in batches(graphs.items(), BATCH_SIZE):
                    if loader == "ours":
                        store.bulk_replace(dict(batch))
                    else:
                        for graph_iri, ntriples in batch:
                            store.replace_graph(graph_iri, ntriples)
    return result


def _graphs_as_ntriples(nquads: str) -> dict[str, str]:
    """Each named graph's triples as the N-Triples text a build hands the store."""
    import pyoxigraph as ox

    triples: dict[str, list] = {}
    for quad in ox.parse(path=nquads, format=ox.RdfFormat.N_QUADS):
        triples.setdefault(quad.graph_name.value, []).append(quad.triple)
    return {g: ox.serialize(ts, format=ox.RdfFormat.N_TRIPLES).decode("utf-8") for g, ts in triples.items()}


CHILDREN = {"pipe": child_pipe, "build": child_build, "dump": child_dump, "load": child_load}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--smoke", action="store_true", help=f"tiny sizes {SMOKE_SIZES}: checks every section runs")
    parser.add_argument("--sizes", help="comma-separated corpus sizes (default 1000,5000,10000); "
                                        "the smallest is also used for the side-by-side pairs")
    parser.add_argument("--seed", type=int, default=0, help="corpus generator seed")
    parser.add_argument("--no-extra", dest="extra", action="store_false",
                        help="skip scripts/bench_paths.py and scripts/bench_sparql.py (they have their own tests)")
    parser.add_argument("--workdir", type=Path, default=WORKDIR, help="scratch folder (default out/bench)")
    parser.add_argument("--child", nargs="+", help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.child:
        kind, *rest = args.child
        print(json.dumps(CHILDREN[kind](*rest)))
        return
    sizes = SMOKE_SIZES if args.smoke else tuple(int(s) for s in (args.sizes or "").split(",") if s) or FULL_SIZES
    if len(sizes) < 2:
        parser.error("--sizes needs at least two sizes to fit a slope")
    run_benchmark(tuple(sorted(set(sizes))), smoke=args.smoke, extra=args.extra, workdir=args.workdir, seed=args.seed)


if __name__ == "__main__":
    main()
