"""`kg eval`: precision and recall on the development sets."""
from __future__ import annotations

from pathlib import Path

import click

from graph.cli.options import UsageProblem, friendly_errors


@click.command("eval")
@click.option("--gold", type=click.Path(exists=True, dir_okay=False), help="Gold file (default: every development set found).")
@click.option("--corpus", type=click.Path(exists=True, dir_okay=False), help="Corpus to build for --gold.")
@click.option("--relations", help="Comma-separated relations to score.")
@click.option("--show-errors", is_flag=True, help="List misses and false positives (never for blind gold).")
@click.option("--by-extractor", is_flag=True, help="Precision and recall of each rule and of the model.")
@click.option("--model", help="spaCy pipeline to use.")
@friendly_errors
def eval_(gold, corpus, relations, show_errors, by_extractor, model):
    """Build the development sets in temporary stores and print per-relation P/R/F1:
    the tune and check splits side by side (the gap is overfitting), then Re-DocRED.

    \b
    Example:
        kg eval
        kg eval --by-extractor
        kg eval --gold ../shared/eval/redocred-dev/gold.jsonl --relations memberOf
    """
    from graph.evaluate import (DevelopmentSet, development_sets, evaluate, format_scores,
                                format_side_by_side)

    if gold:
        sets = [DevelopmentSet(Path(gold).stem, Path(corpus or Path(gold).with_name("corpus.jsonl")), Path(gold))]
    else:
        sets = development_sets()
    if not sets:
        raise UsageProblem("no development set found (looked for ../shared/eval); pass --gold FILE")
    scored = [(s, evaluate(s.corpus, s.gold, relations=relations or s.relations, model=model)) for s in sets]
    splits = [(s.name, scores) for s, scores in scored if s.name in {"tune", "check"}]
    if len(splits) == 2:
        click.echo("== tune and check splits (check gold is blind)")
        click.echo(format_side_by_side(splits))
    for dev_set, scores in scored:
        if len(splits) == 2 and dev_set.name in {"tune", "check"} and not (show_errors or by_extractor):
            continue
        rels = relations or dev_set.relations
        click.echo(f"== {dev_set.name}: {dev_set.gold}" + (f" (relations: {rels})" if rels else ""))
        click.echo(format_scores(scores, show_errors=show_errors, by_extractor=by_extractor))
