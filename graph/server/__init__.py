"""`kg serve`: a read-only SPARQL 1.1 Protocol endpoint and server-rendered pages over the store.

One module per concern: `guard` (what a request must pass, security headers),
`negotiation` (result formats), `jobs` (what the query workers compute), `pool` (the
worker processes), `pages` (HTML from graph/templates/), and `app` (routes, the one
handler per error, create_app and serve).
"""
from graph.server.app import create_app, serve
from graph.server.pool import DEFAULT_WORKERS

__all__ = ["DEFAULT_WORKERS", "create_app", "serve"]
