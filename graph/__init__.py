"""newsgraph: a knowledge-graph builder for political news."""
