"""Dates as news sources write them → ISO dates, one reading for files, records, pages and feeds.

A module of its own because both ingest and the feed reader (which must compare an entry's
date with `--since` before fetching it) need the same reading of "Tue, 02 Dec 2025 09:00 GMT".
"""
from __future__ import annotations

import re
from datetime import date, datetime

from dateutil import parser as date_parser

_ISO_DATE = re.compile(r"(\d{4})-(\d{2})-(\d{2})(?:$|[T ])")


def normalise_date(raw: str) -> str | None:
    """The ISO date (YYYY-MM-DD) `raw` names, or None when it names no complete date.

    The date is taken as written (a timestamp's zone is not applied), since the page's
    own calendar day is what the article means. A value missing its year, month or day
    is refused rather than completed from today's date, which would make runs differ.
    """
    value = raw.strip()
    iso = _ISO_DATE.match(value)
    try:
        if iso:
            return date(int(iso[1]), int(iso[2]), int(iso[3])).isoformat()
        one = date_parser.parse(value, default=datetime(2000, 1, 1), ignoretz=True)
        other = date_parser.parse(value, default=datetime(2001, 2, 2), ignoretz=True)
    except (ValueError, OverflowError):
        return None
    return one.date().isoformat() if one.date() == other.date() else None
