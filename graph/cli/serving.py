"""`kg serve`: the SPARQL endpoint and HTML pages (graph.server) from the command line.

starlette and uvicorn are imported inside the command, so they load only when serving.
"""
from __future__ import annotations

import ipaddress

import click

from graph.cli.options import friendly_errors, store_option


def is_loopback(host: str) -> bool:
    """Whether binding to `host` keeps the server reachable from this machine only."""
    if host == "localhost":
        return True
    try:
        return ipaddress.ip_address(host).is_loopback
    except ValueError:
        return False


@click.command("serve")
@store_option
@click.option("--host", default="127.0.0.1", show_default=True,
              help="Address to bind. The default keeps the server on this machine; 0.0.0.0 exposes it.")
@click.option("--port", type=click.IntRange(0, 65535), default=8000, show_default=True)
@click.option("--timeout", "timeout_s", type=click.FloatRange(0.01, 3600), default=10.0, show_default=True,
              help="Seconds a query may run before the client gets a 503.")
@click.option("--max-rows", type=click.IntRange(1), default=10_000, show_default=True,
              help="Most rows (or triples) one answer may carry; longer answers are cut off and flagged.")
@click.option("--max-body", type=click.IntRange(1), default=256 * 1024, show_default=True,
              help="Largest request body or query, in bytes (413 above it).")
@click.option("--workers", type=click.IntRange(1, 64), default=None,
              help="Query worker processes, i.e. queries answered at once (default: CPUs, at most 4).")
@friendly_errors
def serve(store_dir, host, port, timeout_s, max_rows, max_body, workers):
    """Serve the graph: a read-only SPARQL 1.1 endpoint at /sparql, and HTML pages.

    Pages: / (statistics, query form, competency questions), /entity/ID, /article/ID,
    /path?from=A&to=B and /export.ttl. While the server runs, builds wait for it: stop
    it to rebuild.

    \b
    Example:
        kg serve --store kg-store
        curl -H 'Accept: text/csv' --data-urlencode 'query=SELECT * { ?s ?p ?o } LIMIT 3' http://127.0.0.1:8000/sparql
    """
    from graph.server import DEFAULT_WORKERS, serve as run_server

    if not is_loopback(host):
        click.echo(f"warning: binding to {host} makes the endpoint reachable from other machines", err=True)
    click.echo(f"serving http://{host}:{port}/ (SPARQL endpoint: /sparql); Ctrl-C to stop", err=True)
    run_server(store_dir, host=host, port=port, timeout_s=timeout_s, max_rows=max_rows, max_body=max_body,
               workers=workers or DEFAULT_WORKERS)
