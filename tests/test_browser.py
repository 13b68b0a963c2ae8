"""The explorer as a reader uses it, in Debian's chromium driven by Playwright.

Screenshots of each page are written to data/screenshots/.
"""

import json
import re
import urllib.request

import pytest
from playwright.sync_api import expect, sync_playwright

from explorer.serve import running
from ingest.build import build
from ingest.sources import find_sources

from .conftest import ROOT

CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]
SCREENSHOTS = ROOT / "data" / "screenshots"


@pytest.fixture(scope="module")
def page(server):
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        page = browser.new_page(viewport={"width": 1280, "height": 900})
        yield page
        browser.close()


def screenshot(page, name: str) -> None:
    path = SCREENSHOTS / f"{name}.png"
    page.screenshot(path=str(path), full_page=True)
    assert path.stat().st_size > 10_000


def test_search_passage_entity_and_timeline(page, server):
    page.goto(server + "/")
    page.get_by_role("link", name="search", exact=True).first.click()
    page.fill("input[name=q]", "Molotov")
    page.click("input[type=submit]")
    marks = page.locator("td.col-snippet mark")
    expect(marks.first).to_have_text("Molotov")
    assert marks.count() >= 3
    ranks = [float(t) for t in page.locator("td.col-rank").all_inner_texts()]
    assert ranks == sorted(ranks)
    screenshot(page, "search")

    page.locator("td.col-passage a").first.click()
    expect(page.locator("h1")).to_contain_text("passages")
    people = page.locator('mark[data-type="PERSON"]')
    expect(people.first).to_be_visible()
    assert page.locator('mark[data-type="DATE"]').count() + people.count() >= 2
    expect(page.locator(".legend mark")).to_have_count(8)
    # the line as written once, as raw_text: its stored copy is a storage detail
    expect(page.locator("td.col-raw_text")).to_be_visible()
    expect(page.locator("td.col-raw_text_if_changed")).to_be_hidden()
    screenshot(page, "passage")

    name = people.first.inner_text()
    people.first.click()
    expect(page.locator("h1")).to_contain_text("entities")
    expect(page.locator("table.kwic td.match").first).to_have_text(name)
    expect(page.locator("ul.neighbours li").first).to_be_visible()
    screenshot(page, "entity")

    page.goto(server + "/corpus/timeline")
    bars = page.locator(".timeline a")
    assert bars.count() >= 5
    screenshot(page, "timeline")
    # The seed's yearless days of August and September 1939 take their year from the text
    # before them: leaving inferred dates out leaves fewer passages in 1939.
    all_1939 = page.locator('.timeline a[data-year="1939"]').get_attribute("title")
    page.locator("a.stated-only").click()
    stated_1939 = page.locator('.timeline a[data-year="1939"]').get_attribute("title")
    assert int(stated_1939.split()[1]) < int(all_1939.split()[1]), (all_1939, stated_1939)
    page.go_back()
    page.locator('.timeline a[data-year="1939"]').click()
    expect(page.locator("td.col-dates").first).to_contain_text("1939")
    screenshot(page, "year")


def test_a_broken_search_explains_itself(page, server):
    page.goto(server + "/corpus/search?q=%22unbalanced")
    expect(page.locator(".search-message")).to_contain_text("not valid search syntax")
    expect(page.locator(".search-help")).to_have_attribute("open", "")
    screenshot(page, "search-error")


def test_narrow_a_search_by_entity_and_year_and_back(page, server):
    page.goto(server + "/corpus/search?q=Soviet")
    all_results = page.locator("td.col-passage").count()
    expect(page.locator(".search-facets")).to_be_visible()
    page.locator('.facet[data-facet="GPE"] a', has_text="Germany").first.click()
    expect(page.locator(".in-force")).to_contain_text("Germany")
    by_entity = page.locator("td.col-passage").count()
    assert 0 < by_entity < all_results
    page.locator('.facet[data-facet="years"] a').first.click()
    expect(page.locator(".in-force a")).to_have_count(2)
    assert 0 < page.locator("td.col-passage").count() <= by_entity
    screenshot(page, "search-facets")
    page.locator(".in-force a", has_text="×").last.click()  # the year, the last filter added
    expect(page.locator(".in-force a")).to_have_count(1)
    expect(page.locator("td.col-passage")).to_have_count(by_entity)
    page.locator(".in-force a").first.click()
    expect(page.locator(".in-force")).to_have_count(0)
    # The filters go before the page has its rows: the count is waited for, not read at once.
    expect(page.locator("td.col-passage")).to_have_count(all_results)


def test_an_entity_has_its_timeline_and_its_place(page, server):
    page.goto(server + "/corpus/entities?name=Germany")
    page.locator("td.col-id a").first.click()
    bars = page.locator(".timeline a")
    assert bars.count() >= 3
    counts = [int(text.split("\n")[0]) for text in bars.all_inner_texts()]
    page.locator("a.show-share").click()
    shares = page.locator(".timeline a").first.get_attribute("title")
    assert "of the passages dated then" in shares
    assert [t.split("\n")[0] for t in page.locator(".timeline a").all_inner_texts()] != counts
    expect(page.locator("p.place")).to_contain_text("GeoNames")
    screenshot(page, "entity-timeline")
    page.locator("a.on-the-map").click()
    expect(page.locator(".leaflet-marker-icon, .marker-cluster").first).to_be_visible()


def test_the_map_shows_a_marker_per_place(page, server):
    page.goto(server + "/corpus/places?_size=max")
    places = page.locator("td.col-id").count()
    markers = page.locator(".leaflet-marker-icon, .marker-cluster")
    expect(markers.first).to_be_visible(timeout=15_000)
    # clusters stand for several markers: their numbers and the single markers add up
    clustered = sum(int(t) for t in page.locator(".marker-cluster").all_inner_texts())
    singles = page.locator(".leaflet-marker-icon:not(.marker-cluster)").count()
    assert clustered + singles == places
    screenshot(page, "map")


def test_the_network_downloads_for_gephi_and_networkx(page, server, tmp_path):
    import networkx

    page.goto(server + "/corpus/cooccurrence")
    with page.expect_download() as download:
        page.locator(".network-downloads a", has_text="GEXF").click()
    path = tmp_path / "network.gexf"
    download.value.save_as(path)
    graph = networkx.read_gexf(path)
    rows = page.locator(".rows-and-columns tbody tr").count()
    assert graph.number_of_edges() >= rows > 0
    screenshot(page, "network")


def test_names_takes_a_list_one_per_line_and_keeps_it(page, server):
    page.goto(server + "/corpus/names")
    names = page.locator("textarea[name=names]")
    expect(names).to_be_visible()
    names.fill("Molotov\nRibbentrop\n\nStalin")
    page.click("input[type=submit]")
    expect(page.locator("td.col-name")).to_have_text(["Molotov", "Ribbentrop", "Stalin"])
    expect(page.locator("textarea[name=names]")).to_have_value("Molotov\nRibbentrop\n\nStalin")
    page.locator("td.col-link a").first.click()
    expect(page.locator("td.col-snippet mark").first).to_have_text("Molotov")
    screenshot(page, "names")


def test_the_search_page_is_one_box_named_by_its_search_with_chips(page, server):
    page.goto(server + "/corpus/search")
    expect(page).to_have_title("Search")
    page.fill("form.search-box input[name=q]", "Soviet")
    page.locator("form.search-box input[type=submit]").click()
    expect(page).to_have_title("Soviet — search")
    assert "select" not in page.title().lower()
    all_results = page.locator("td.col-passage").count()
    # the document's title and language beside each passage, the facets beside the results
    expect(page.locator("td.col-document .language").first).to_have_text("English")
    box = page.locator(".search-results").bounding_box()
    facets = page.locator(".search-layout .search-facets").bounding_box()
    assert facets["x"] > box["x"] + box["width"] - 1 and facets["y"] < box["y"] + box["height"]
    page.locator('.facet[data-facet="GPE"] a', has_text="Germany").first.click()
    chip = page.locator('.in-force a.chip[data-filter="name"]')
    expect(chip).to_contain_text("Germany")
    assert 0 < page.locator("td.col-passage").count() < all_results
    screenshot(page, "search-chips")
    chip.click()
    expect(page.locator(".in-force")).to_have_count(0)
    expect(page.locator("td.col-passage")).to_have_count(all_results)
    # a new search keeps the filters in force; the advanced link shows the parameters and SQL
    page.locator(".search-box a.advanced").click()
    expect(page.locator("form.sql")).to_be_visible()
    expect(page).to_have_title("Soviet — search")


def test_a_timeline_shows_the_years_without_passages(page, server):
    page.goto(server + "/corpus/timeline")
    years = [
        int(y)
        for y in page.locator(".timeline [data-year]").evaluate_all(
            "bars => bars.map(bar => bar.dataset.year)"
        )
    ]
    assert years == list(range(years[0], years[-1] + 1))
    empty = page.locator(".timeline .empty")
    assert empty.count() >= 1
    assert all(t.endswith("no passages") for t in empty.evaluate_all("e => e.map(x => x.title)"))
    screenshot(page, "timeline-gaps")


@pytest.mark.parametrize(
    "path, drawn",
    [
        ("trends?terms=Germany,pact", "path.line"),
        ("collocates?q=Soviet", "rect.bar"),
        ("keyness?year=1939", "rect.bar"),
    ],
)
def test_each_distant_reading_page_draws_its_chart_from_its_json(page, server, path, drawn):
    page.goto(f"{server}/corpus/{path}")
    chart = page.locator("figure.chart")
    expect(chart).to_have_attribute("data-drawn", re.compile(r"^[1-9]"))
    json_url = server + chart.get_attribute("data-json")
    rows = json.loads(urllib.request.urlopen(json_url).read())
    assert int(chart.get_attribute("data-drawn")) == len(rows)
    marks = page.locator(f"figure.chart svg {drawn}")
    if drawn == "path.line":
        # a line per term by the years mentioned; the seed's document has no date of its own
        by_year = page.locator('figure.chart svg[data-value="share_by_year_mentioned"] path.line')
        expect(by_year).to_have_count(len({row["term"] for row in rows}))
        assert marks.count() == by_year.count()
    else:
        shown = marks.evaluate_all("bars => bars.map(bar => bar.dataset.word)")
        assert shown == [row["word"] for row in rows[:30]]
    screenshot(page, path.split("?")[0])


@pytest.fixture(scope="module")
def own_corpora(tmp_path_factory):
    """A folder with a corpus.yml and one without, each built and served."""
    served = {}
    for name, described in [("described", True), ("plain", False)]:
        folder = tmp_path_factory.mktemp(name) / "field notes"
        folder.mkdir()
        (folder / "notes.txt").write_text(
            "The archive opened in 1991.\n\nThe files of 1939 were read first.\n", encoding="utf-8"
        )
        if described:
            (folder / "corpus.yml").write_text(
                "title: Field notes from the archive\nlicense: CC0 1.0\n"
                "license_url: https://creativecommons.org/publicdomain/zero/1.0/\n",
                encoding="utf-8",
            )
        db = folder.parent / f"{name}.db"
        build(find_sources([folder]), db, ner=False)
        served[name] = db
    return served


@pytest.mark.parametrize("name", ["described", "plain"])
def test_a_corpus_of_one_s_own_is_called_by_its_name(page, own_corpora, name):
    with running(own_corpora[name]) as url:
        page.goto(url + "/")
        text = page.locator("body").inner_text()
        assert "Soviet–German" not in text and "Wikipedia" not in text
        if name == "described":
            expect(page.locator("h1")).to_have_text("Field notes from the archive")
            expect(page.locator("footer")).to_contain_text("Data license: CC0 1.0")
        else:
            expect(page.locator("h1")).to_have_text("field notes")
            assert "license" not in page.locator("footer").inner_text().lower()
        screenshot(page, f"own-corpus-{name}")
