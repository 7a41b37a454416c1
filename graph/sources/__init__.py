"""Where articles come from besides plain files: compressed files and archives
(`archives`), the web fetched politely (`fetch`), and feeds and sitemaps (`feeds`).

These modules deliver bytes and links; graph.ingest turns them into Articles.
"""
