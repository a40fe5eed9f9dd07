"""Every HTML page the ledger prints, laid out by headless Chromium in a 600 px mail column
(screen) and on A4 (print media, a viewport as wide as the printable area): nothing may stick
out horizontally. A full-page PNG of each layout and the A4 PDF are kept in
test-results/screenshots/ (browser.OUTPUT).

The pages come from the demo data: the CLI writes the quarterly report, the compte rendu and
the thanks; the HTTP service serves the milestone report, the donor statement and the compte
rendu (the CLI prints those two as text only). `scripts/browser-tests` sets it all up and
passes it in the environment:
  FUNDLEDGER_BIN        the fundledger executable
  DATABASE_URL          a database loaded with `fundledger demo`
  FUNDLEDGER_API        base URL of `fundledger serve` on that database
  FUNDLEDGER_TOKEN      a reader token for it
Without them, only the self-test runs (the report checks are skipped).

The quarterly report checked is the newsletter's (the default); its internal sheet (--detail)
is a wide table for the finance team's screens and is not held to a mail column.
"""

import json
import os
import pathlib
import subprocess
import tempfile
import unittest
import urllib.parse
import urllib.request

import browser

HERE = pathlib.Path(__file__).resolve().parent
MAIL_COLUMN = 600
QUARTER = "2026-Q1"
FUNDS = ("GAZA", "TURQUIE", "MAROC", "VIETNAM")
# A compte rendu with payments in the year and one of the demo's longest donor names.
COMPTE_RENDU = {"donor": "Département de Seine-Saint-Denis", "fund": "MAROC", "year": 2026}



class Layout:
    """Loads a page in one Chromium (shared by a test class), in one of the two layouts, and
    asserts it fits, keeping its screenshot (and the A4 PDF) whatever the outcome."""

    driver = None

    @classmethod
    def start_browser(cls):
        cls.driver = browser.start(width=MAIL_COLUMN)

    @classmethod
    def stop_browser(cls):
        if cls.driver is not None:
            cls.driver.quit()
            cls.driver = None

    def assert_fits(self, page, url, layout):
        driver = self.driver
        browser.emulate_media(driver, "screen")
        browser.resize(driver, MAIL_COLUMN)
        browser.load(driver, url)
        # An error (401, 404, problem+json) must not pass for a page that fits.
        kind = driver.execute_script("return document.contentType")
        self.assertEqual(kind, "text/html", f"{page}: {url} is {kind}, not a page: {driver.page_source[:300]}")
        if layout == "a4":
            width = browser.print_media(driver)
            where = f"A4 print ({width} px printable)"
        else:
            width = MAIL_COLUMN
            where = f"{MAIL_COLUMN} px screen"
        found = browser.overflow(driver)
        shot = browser.screenshot(driver, f"{page}-{layout}")
        if layout == "a4":
            browser.print_pdf(driver, page)
        if found:
            self.fail(f"{page} overflows at {where} (screenshot {shot}):\n{browser.describe(found)}")
        return found


class OverflowSelfTest(Layout, unittest.TestCase):
    """The check itself: a page too wide for both layouts is flagged, naming the table; a page
    that fits is not."""

    @classmethod
    def setUpClass(cls):
        cls.start_browser()

    @classmethod
    def tearDownClass(cls):
        cls.stop_browser()

    def test_too_wide_page_is_flagged_in_both_layouts(self):
        for layout in ("600px", "a4"):
            with self.subTest(layout=layout):
                with self.assertRaises(AssertionError) as caught:
                    self.assert_fits("selftest-too-wide", HERE / "fixtures" / "too-wide.html", layout)
                message = str(caught.exception)
                self.assertIn("selftest-too-wide overflows at", message)
                self.assertIn("table#figures", message)
                self.assertIn("document scrolls sideways", message)

    def test_page_that_fits_passes(self):
        for layout in ("600px", "a4"):
            with self.subTest(layout=layout):
                self.assertEqual(self.assert_fits("selftest-fits", HERE / "fixtures" / "fits.html", layout), [])


def _configured():
    return all(os.environ.get(name) for name in ("FUNDLEDGER_BIN", "DATABASE_URL", "FUNDLEDGER_API", "FUNDLEDGER_TOKEN"))


@unittest.skipUnless(_configured(), "needs FUNDLEDGER_BIN, DATABASE_URL, FUNDLEDGER_API, FUNDLEDGER_TOKEN (scripts/browser-tests)")
class ReportLayoutTest(Layout, unittest.TestCase):
    """Each page the ledger prints, at 600 px and on A4. The tests are made below, one per page
    and layout, so that a failure names both."""

    pages = {}  # name → URL, made once in setUpClass

    @classmethod
    def setUpClass(cls):
        cls.folder = tempfile.TemporaryDirectory(prefix="fundledger-layout-")
        folder = pathlib.Path(cls.folder.name)
        api, token = os.environ["FUNDLEDGER_API"].rstrip("/"), os.environ["FUNDLEDGER_TOKEN"]

        def run(*arguments):
            result = subprocess.run([os.environ["FUNDLEDGER_BIN"], *arguments], capture_output=True)
            if result.returncode != 0:
                raise RuntimeError(f"fundledger {' '.join(arguments)} failed ({result.returncode}): "
                                   + result.stderr.decode(errors="replace"))
            return result.stdout

        def cli(name, *arguments):
            path = folder / f"{name}.html"
            run(*arguments, "--output", str(path))
            return path.as_uri()

        def fragment(name, *arguments):  # commands that print to standard output only
            path = folder / f"{name}.html"
            path.write_bytes(run(*arguments))
            return path.as_uri()

        def get_json(path):
            request = urllib.request.Request(api + path, headers={"Authorization": f"Bearer {token}",
                                                                  "Accept": "application/json"})
            with urllib.request.urlopen(request, timeout=30) as response:
                return json.load(response)

        donors = {d["name"]: d["id"] for d in get_json("/v1/donors?limit=100")["items"]}
        donor = donors[COMPTE_RENDU["donor"]]
        query = urllib.parse.urlencode({"fund": COMPTE_RENDU["fund"], "year": COMPTE_RENDU["year"]})

        pages = {"quarterly-all": cli("quarterly-all", "report", "quarterly", "--quarter", QUARTER, "--format", "html")}
        for fund in FUNDS:
            pages[f"quarterly-{fund.lower()}"] = cli(f"quarterly-{fund.lower()}", "report", "quarterly",
                                                     "--quarter", QUARTER, "--fund", fund, "--format", "html")
        pages["compte-rendu"] = cli("compte-rendu", "statement", "--donor", COMPTE_RENDU["donor"],
                                    "--fund", COMPTE_RENDU["fund"], "--year", str(COMPTE_RENDU["year"]),
                                    "--compte-rendu", "--format", "html")
        pages["thanks-vietnam"] = fragment("thanks-vietnam", "thanks", "--fund", "VIETNAM", "--pledged", "--format", "html")
        pages["compte-rendu-http"] = f"{api}/v1/donors/{donor}/compte-rendu?{query}"
        pages["milestones"] = f"{api}/v1/reports/milestones?as_of=2026-03-31"
        pages["statement"] = f"{api}/v1/donors/{donor}/statement"
        cls.pages = pages

        cls.start_browser()
        # Every request the browser makes carries the token and asks for HTML (harmless for file://).
        browser.set_headers(cls.driver, {"Authorization": f"Bearer {token}", "Accept": "text/html"})

    @classmethod
    def tearDownClass(cls):
        cls.stop_browser()
        cls.folder.cleanup()

    def test_every_page_was_made(self):
        self.assertEqual(set(self.pages), set(PAGES))


PAGES = (["quarterly-all"] + [f"quarterly-{fund.lower()}" for fund in FUNDS]
         + ["compte-rendu", "compte-rendu-http", "milestones", "statement", "thanks-vietnam"])


def _make_test(page, layout):
    def test(self):
        self.assert_fits(page, self.pages[page], layout)
    test.__doc__ = f"{page} fits {'A4 (print)' if layout == 'a4' else f'{MAIL_COLUMN} px (screen)'}"
    return test


for _page in PAGES:
    for _layout in ("600px", "a4"):
        setattr(ReportLayoutTest, f"test_{_page.replace('-', '_')}_{_layout}", _make_test(_page, _layout))


if __name__ == "__main__":
    unittest.main()
