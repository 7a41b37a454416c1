"""Reading the web (graph/sources/, graph/ingest.py): pages, feeds and sitemaps from a news
site on 127.0.0.1 that these tests start; each bad case is one line naming its URL."""
from __future__ import annotations

import gzip

import pytest

from graph.ingest import IngestError, read_articles
from graph.model import Article
from graph.sources.feeds import Entry, FeedError, parse
from graph.sources.fetch import USER_AGENT, Fetcher, FetchError, Politeness, canonical_url
from graph.sources.web import Selection, select
from newssite import NewsSite, atom, page, rss, rss1, sitemap, sitemap_index

STORY = ["The finance minister of Ruritania, Anna Berg, resigned on Monday after parliament rejected her budget "
         "for the second time in a month.",
         "Prime Minister Karl Holt accepted the resignation and said a successor would be named this week."]
QUICK = Politeness(delay=0, timeout=10.0, max_bytes=100_000)  # generous: the machine may be busy


@pytest.fixture
def site():
    with NewsSite() as running:
        running.add("/robots.txt", b"User-agent: *\nDisallow: /private/\n", content_type="text/plain")
        yield running


def read(site: NewsSite, *paths: str, selection: Selection = Selection(), politeness: Politeness = QUICK):
    with Fetcher(politeness) as fetcher:
        return list(read_articles([site.url(p) for p in paths], fetcher=fetcher, selection=selection))


def only(items, kind):
    assert len(items) == 1 and isinstance(items[0], kind), items
    return items[0]


# --- pages ------------------------------------------------------------------------------


def test_sources_page_keeps_the_article_and_drops_the_furniture(site):
    site.add("/2025/05/berg-resigns", page("Finance minister resigns", STORY, date="2025-05-02"))
    article = only(read(site, "/2025/05/berg-resigns"), Article)
    assert article.key == article.url == site.url("/2025/05/berg-resigns")
    assert article.title == "Finance minister resigns"
    assert article.date == "2025-05-02"
    assert "Anna Berg, resigned on Monday" in article.text and "successor would be named" in article.text
    for furniture in ("cookies", "Subscribe", "Celebrity chef", "All rights reserved", "Privacy policy"):
        assert furniture not in article.text
    assert article.retrieval.site == "The Example Gazette"
    assert article.retrieval.fetched.endswith("+00:00") and article.retrieval.feed is None


def test_sources_every_request_names_the_tool_and_reads_robots_first(site):
    site.add("/a", page("A", STORY))
    read(site, "/a")
    assert [path for _, path, _ in site.requests] == ["/robots.txt", "/a"]
    assert {agent for _, _, agent in site.requests} == {USER_AGENT}
    assert USER_AGENT.startswith("newsgraph/")


def test_sources_redirect_is_followed_and_keyed_by_where_it_lands(site):
    site.add("/old-link", b"", status=301, headers={"Location": "/2025/05/berg-resigns"})
    site.add("/2025/05/berg-resigns", page("Finance minister resigns", STORY))
    article = only(read(site, "/old-link"), Article)
    assert article.key == site.url("/2025/05/berg-resigns") == article.source


def test_sources_same_host_canonical_link_is_the_key_and_other_hosts_are_not(site):
    site.add("/story?utm_source=rss", page("A", STORY, canonical=site.url("/story")))
    site.add("/syndicated", page("B", STORY, canonical="https://elsewhere.example/original"))
    first, second = read(site, "/story?utm_source=rss", "/syndicated")
    assert first.key == site.url("/story")
    assert second.key == site.url("/syndicated")


@pytest.mark.parametrize(("path", "route", "message"), [
    ("/missing", None, "HTTP 404 Not Found"),
    ("/slow", dict(body=page("Slow", STORY), delay=2.0), "timed out after 0.5 s"),
    ("/report.pdf", dict(body=b"%PDF-1.4 not a page", content_type="application/pdf"),
     "not an HTML page or a feed (Content-Type application/pdf)"),
    ("/huge", dict(body=page("Huge", ["word " * 30_000])), "over the limit of 100,000"),
    ("/private/memo", dict(body=page("Memo", STORY)), "robots.txt of 127.0.0.1:"),
    ("/to-ftp", dict(body=b"", status=302, headers={"Location": "ftp://127.0.0.1/file"}),
     "only http(s) URLs are fetched, not ftp://127.0.0.1/file"),
    ("/loop", dict(body=b"", status=302, headers={"Location": "/loop"}), "more than 5 redirects"),
])
def test_sources_bad_url_is_one_line_naming_it(site, path, route, message):
    if route is not None:
        site.add(path, **route)
    impatient = Politeness(delay=0, timeout=0.5, max_bytes=QUICK.max_bytes)
    error = only(read(site, path, politeness=impatient if path == "/slow" else QUICK), IngestError)
    assert error.source == site.url(path)
    assert message in error.message and "\n" not in str(error)
    assert str(error).startswith(site.url(path) + ": ")


def test_sources_robots_disallowed_page_is_never_requested(site):
    site.add("/private/memo", page("Memo", STORY))
    read(site, "/private/memo")
    assert site.fetched("/private/memo") == 0


def test_sources_oversize_body_without_length_is_cut_off(site):
    """A server that does not say how long its answer is is stopped at the cap all the same."""
    fetcher = Fetcher(Politeness(delay=0, max_bytes=2_000))
    site.add("/big", page("Big", STORY * 50), with_length=False)
    with fetcher, pytest.raises(FetchError, match="over the limit of 2,000 bytes"):
        fetcher.get(site.url("/big"))


def test_sources_page_in_another_encoding_is_decoded_by_its_charset(site):
    text = ["Le président Émile Durand a reçu à l'Élysée le chancelier, qui a salué « une amitié sans faille ».",
            "Les deux dirigeants ont évoqué le budget européen et la défense commune pendant deux heures."]
    site.add("/fr", page("Rencontre à l'Élysée", text, charset="iso-8859-1"), content_type="text/html; charset=iso-8859-1")
    site.add("/ru", page("Встреча в Кремле", ["Президент встретился с премьер-министром в Москве во вторник."],
                         charset="windows-1251"), content_type="text/html")
    french, russian = read(site, "/fr", "/ru")
    assert "Le président Émile Durand a reçu à l'Élysée" in french.text and french.title == "Rencontre à l'Élysée"
    assert "Президент встретился с премьер-министром" in russian.text
    assert russian.metadata["encoding"] == "cp1251"


def test_sources_plain_text_response_is_an_article(site):
    site.add("/wire.txt", ("Title: Wire copy\nDate: 2025-05-03\n\n" + " ".join(STORY)).encode(), content_type="text/plain")
    article = only(read(site, "/wire.txt"), Article)
    assert (article.title, article.date) == ("Wire copy", "2025-05-03")


@pytest.mark.parametrize("url", ["ftp://127.0.0.1/feed.xml", "file:///etc/passwd"])
def test_sources_other_schemes_are_refused(url):
    error = only(list(read_articles([url])), IngestError)
    assert str(error) == f"{url}: only http(s) URLs are fetched"


def test_sources_unreachable_host_is_one_line():
    with Fetcher(QUICK) as fetcher:
        error = only(list(read_articles(["http://127.0.0.1:9/nothing"], fetcher=fetcher)), IngestError)
    assert error.message.startswith("cannot read robots.txt of 127.0.0.1:9: ") and "\n" not in error.message


# --- politeness ---------------------------------------------------------------------------


class FakeClock:
    """Time that passes only when the fetcher sleeps, so pacing is checked without waiting."""

    def __init__(self) -> None:
        self.now, self.slept = 1000.0, []

    def __call__(self) -> float:
        return self.now

    def sleep(self, seconds: float) -> None:
        self.slept.append(round(seconds, 3))
        self.now += seconds


def test_sources_requests_to_one_host_are_spaced_by_the_delay(site):
    for name in ("a", "b", "c"):
        site.add(f"/{name}", page(name, STORY))
    clock = FakeClock()
    with Fetcher(Politeness(delay=2.0), clock=clock, sleep=clock.sleep) as fetcher:
        for name in ("a", "b", "c"):
            fetcher.get(site.url(f"/{name}"))
    assert clock.slept == [2.0, 2.0, 2.0]  # after robots.txt, a and b


def test_sources_the_delay_is_per_host(site):
    """127.0.0.1 and localhost are two hosts to the fetcher: neither waits for the other."""
    site.add("/a", page("a", STORY))
    clock = FakeClock()
    with Fetcher(Politeness(delay=2.0), clock=clock, sleep=clock.sleep) as fetcher:
        fetcher.get(site.url("/a"))
        fetcher.get(site.url("/a").replace("127.0.0.1", "localhost"))
    assert clock.slept == [2.0, 2.0]  # each host's page after its own robots.txt only


def test_sources_crawl_delay_of_robots_txt_is_obeyed(site):
    site.add("/robots.txt", b"User-agent: newsgraph\nCrawl-delay: 5\nDisallow:\n", content_type="text/plain")
    site.add("/a", page("a", STORY))
    clock = FakeClock()
    with Fetcher(Politeness(delay=1.0), clock=clock, sleep=clock.sleep) as fetcher:
        fetcher.get(site.url("/a"))
    assert clock.slept == [5.0]


@pytest.mark.parametrize(("status", "allowed"), [(404, True), (403, False), (503, False)])
def test_sources_robots_txt_status_decides_as_rfc_9309_says(site, status, allowed):
    site.add("/robots.txt", b"", status=status)
    site.add("/a", page("a", STORY))
    items = read(site, "/a")
    assert isinstance(items[0], Article) is allowed, items


# --- feeds and sitemaps ---------------------------------------------------------------------


@pytest.fixture
def feed_site(site):
    """Three stories, a dead link and an RSS 2.0 feed listing all four."""
    for number, (day, who) in enumerate([("02", "Anna Berg"), ("03", "Karl Holt"), ("04", "Lena Vos")], 1):
        site.add(f"/news/{number}", page(f"Page title {number}", [f"{who} spoke in parliament on May {day}.", *STORY],
                                         date=f"2025-05-{day}"))
    site.add("/feed.xml", rss([(site.url("/news/1"), "Berg resigns", "Fri, 02 May 2025 09:00:00 GMT"),
                               (site.url("/news/2"), "Holt accepts", "Sat, 03 May 2025 09:00:00 +0200"),
                               (site.url("/news/3"), "Vos named", None),
                               (site.url("/news/gone"), "Gone", "Sun, 04 May 2025 09:00:00 GMT")]),
             content_type="application/rss+xml")
    return site


def test_sources_feed_entries_are_stored_with_the_feeds_titles_and_dates(feed_site):
    items = read(feed_site, "/feed.xml")
    stored = [item for item in items if isinstance(item, Article)]
    assert [(a.key, a.title, a.date) for a in stored] == [
        (feed_site.url("/news/1"), "Berg resigns", "2025-05-02"),
        (feed_site.url("/news/2"), "Holt accepts", "2025-05-03"),
        (feed_site.url("/news/3"), "Vos named", "2025-05-04"),  # undated in the feed: the page's date
    ]
    assert {a.retrieval.feed for a in stored} == {feed_site.url("/feed.xml")}
    assert [str(e) for e in items if isinstance(e, IngestError)] == [f"{feed_site.url('/news/gone')}: HTTP 404 Not Found"]


def test_sources_since_and_limit_pick_the_newest_entries(feed_site):
    since = read(feed_site, "/feed.xml", selection=Selection(since="2025-05-03"))
    assert sorted(a.key[-1] for a in since if isinstance(a, Article)) == ["2", "3"]  # 3 is dated by its page
    assert feed_site.fetched("/news/1") == 0
    limited = read(feed_site, "/feed.xml", selection=Selection(limit=2))
    assert [item.source for item in limited] == [feed_site.url("/news/gone"), feed_site.url("/news/2")]


def test_sources_sitemap_index_is_followed_to_its_pages(feed_site):
    feed_site.add("/sitemap-old.xml", sitemap([(feed_site.url("/news/1"), "2025-05-02")]), content_type="application/xml")
    feed_site.add("/sitemap-new.xml", sitemap([(feed_site.url("/news/2"), "2025-05-03T10:00:00+00:00"),
                                               (feed_site.url("/news/3"), None)]), content_type="text/xml")
    feed_site.add("/sitemap.xml", sitemap_index([("/sitemap-old.xml", "2025-05-02"), ("/sitemap-new.xml", "2025-05-04")]),
                  content_type="application/xml")
    everything = read(feed_site, "/sitemap.xml")
    assert [(a.key[-1], a.title, a.date) for a in everything] == [
        ("1", "Page title 1", "2025-05-02"), ("2", "Page title 2", "2025-05-03"), ("3", "Page title 3", "2025-05-04")]
    recent = read(feed_site, "/sitemap.xml", selection=Selection(since="2025-05-03"))
    assert [a.key[-1] for a in recent] == ["2", "3"]
    assert feed_site.fetched("/sitemap-old.xml") == 1  # the first build only: the index dates it before --since


def test_sources_gzipped_sitemap_is_read(feed_site):
    feed_site.add("/sitemap-1.xml.gz", gzip.compress(sitemap([(feed_site.url("/news/2"), "2025-05-03")])),
                  content_type="application/x-gzip")
    feed_site.add("/sitemap.xml", sitemap_index([("/sitemap-1.xml.gz", "2025-05-04")]), content_type="application/xml")
    assert [a.key[-1] for a in read(feed_site, "/sitemap.xml")] == ["2"]
    feed_site.add("/bomb.xml.gz", gzip.compress(b"<urlset>" + b" " * 200_000 + b"</urlset>"), content_type="application/gzip")
    assert "unpacks to over the limit of 100,000 bytes" in only(read(feed_site, "/bomb.xml.gz"), IngestError).message


def test_sources_two_feeds_listing_one_page_read_it_once(feed_site):
    feed_site.add("/atom.xml", atom([(feed_site.url("/news/1"), "Berg resigns", "2025-05-02T09:00:00Z")]),
                  content_type="application/atom+xml")
    items = read(feed_site, "/feed.xml", "/atom.xml")
    assert sum(isinstance(item, Article) for item in items) == 3
    assert feed_site.fetched("/news/1") == 1


def test_sources_atom_and_rss1_feeds_are_read():
    atom_listing = parse(atom([("/a", "A", "2025-05-02T09:00:00Z")]), "http://site.test/atom.xml")
    assert atom_listing.entries == [Entry("http://site.test/a", "A", "2025-05-02T09:00:00Z", "http://site.test/atom.xml")]
    rdf_listing = parse(rss1([("http://site.test/b", "B", "2025-05-03")]), "http://site.test/rss1.xml")
    assert (rdf_listing.kind, rdf_listing.entries[0].url, rdf_listing.entries[0].date) == ("rss1", "http://site.test/b", "2025-05-03")


def test_sources_hostile_xml_does_not_expand_entities():
    bomb = (b'<?xml version="1.0"?><!DOCTYPE rss [<!ENTITY a "aaaaaaaaaa"><!ENTITY b "&a;&a;&a;&a;&a;&a;&a;&a;">'
            b'<!ENTITY f SYSTEM "file:///etc/passwd">]><rss><channel><item><title>&b;&f;</title><link>/x</link></item>'
            b'</channel></rss>')
    entry = parse(bomb, "http://site.test/feed").entries[0]
    assert "root:" not in (entry.title or "") and len(entry.title or "") < 20


def test_sources_feed_that_breaks_xml_rules_is_read_all_the_same():
    sloppy = (b'<?xml version="1.0"?><rss version="2.0"><channel><title>Politics &nbsp;</title>'
              b"<item><title>Tax & spend</title><link>http://t/a?x=1&y=2</link></item>"
              b"<item><title>Second</title><link>http://t/b</link></item></channel></rss>")
    entries = parse(sloppy, "http://t/feed").entries
    assert [(entry.url, entry.title) for entry in entries] == [("http://t/a?x=1&y=2", "Tax & spend"), ("http://t/b", "Second")]
    truncated = parse(b"<rss><channel><item><link>http://t/c</link></item><item><link>http://t/d", "http://t/feed")
    assert [entry.url for entry in truncated.entries][:1] == ["http://t/c"]


def test_sources_feed_errors_are_clear():
    with pytest.raises(FeedError, match="not well-formed XML"):
        parse(b"Service unavailable, try later", "http://site.test/feed")
    with pytest.raises(FeedError, match="root is <html>"):
        parse(b"<html><body/></html>", "http://site.test/feed")
    assert parse(b"<rss><channel><item><title>no link</title></item></channel></rss>", "http://t/f").skipped == 1


def test_sources_select_keeps_each_page_once_newest_first():
    entries = [Entry("http://t/a?utm_source=x", date="2025-01-01"), Entry("http://t/a"), Entry("http://t/b", date="2025-03-01"),
               Entry("http://t/c")]
    assert [e.url for e in select(entries, Selection(limit=2))] == ["http://t/b", "http://t/a?utm_source=x"]
    assert [e.url for e in select(entries, Selection(since="2025-02-01"))] == ["http://t/b", "http://t/c"]


def test_sources_canonical_url_has_one_spelling():
    assert canonical_url("HTTPS://News.Example.org:443/a?utm_medium=rss&id=7#comments") == "https://news.example.org/a?id=7"
    assert canonical_url("http://example.org") == "http://example.org/"
    assert canonical_url("http://example.org:8080/x") == "http://example.org:8080/x"
