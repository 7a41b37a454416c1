"""Follow a feed, end to end, against the tests' news site on 127.0.0.1 (never the internet).

Serves an RSS feed of three invented stories (plus a dead link and a page robots.txt
forbids), runs `kg build` on it twice, changes one story, and runs it a third time:
the output is what the README's "Follow a feed" section shows.

    python scripts/feed_demo.py [--port 8765] [--store /tmp/feed-demo-store]
"""
from __future__ import annotations

import argparse
import shutil
import subprocess
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "tests"))
from newssite import NewsSite, page, rss  # noqa: E402 - the tests' site, found through the path above

STORIES = {
    "/politics/merz-macron": ("Merz and Macron meet in Berlin", "Tue, 06 May 2025 09:00:00 GMT", [
        "German Chancellor Friedrich Merz met French President Emmanuel Macron in Berlin on Tuesday for talks on "
        "defence spending and the European budget."]),
    "/politics/starmer-nato": ("Starmer heads to NATO summit", "Tue, 24 Jun 2025 09:00:00 GMT", [
        "British Prime Minister Keir Starmer will attend the NATO summit in The Hague next week."]),
    "/politics/carney-cabinet": ("Carney names cabinet", "Tue, 13 May 2025 09:00:00 GMT", [
        "Canadian Prime Minister Mark Carney named a new cabinet on Tuesday."]),
}


def kg(*args: str) -> None:
    command = ["kg", *args]
    print("$ " + " ".join(command), flush=True)
    subprocess.run([str(Path(sys.executable).parent / "kg"), *args], stderr=subprocess.STDOUT, check=False)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--port", type=int, default=8765)
    parser.add_argument("--store", default="/tmp/feed-demo-store")
    options = parser.parse_args()
    shutil.rmtree(options.store, ignore_errors=True)
    with NewsSite(port=options.port) as site:
        site.add("/robots.txt", b"User-agent: *\nDisallow: /members/\n", content_type="text/plain")
        for path, (title, _, text) in STORIES.items():
            site.add(path, page(title, text))
        links = [(site.url(path), title, day) for path, (title, day, _) in STORIES.items()]
        site.add("/politics/rss.xml", rss(links + [(site.url("/politics/old-story"), "Removed", None),
                                                   (site.url("/members/briefing"), "Members only", None)]),
                 content_type="application/rss+xml")
        feed = site.url("/politics/rss.xml")
        kg("build", "--store", options.store, feed)
        kg("build", "--store", options.store, feed)
        title, _, text = STORIES["/politics/starmer-nato"]
        site.add("/politics/starmer-nato", page(title, [*text, "Defence Secretary John Healey will join him."]))
        kg("build", "--store", options.store, "--since", "2025-06-01", feed)


if __name__ == "__main__":
    main()
