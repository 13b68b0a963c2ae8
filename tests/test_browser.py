"""The explorer as a reader uses it, in Debian's chromium driven by Playwright.

Screenshots of each page are written to data/screenshots/.
"""

import pytest
from playwright.sync_api import expect, sync_playwright

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
    page.get_by_role("link", name="ranked search").first.click()
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
