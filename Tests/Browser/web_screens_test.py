"""The staff's web screens (/app of `fundledger serve`, issue 12) driven in headless Chromium.

Run by `scripts/browser-tests` after the layout checks, with what it sets up: DATABASE_URL (a
database loaded with `fundledger demo`, reached as a login role granted fundledger_writer),
FUNDLEDGER_BIN (the executable) and FUNDLEDGER_API (the base URL of `fundledger serve` on that database). Without
FUNDLEDGER_API every test is skipped.

It adds its own staff users with `fundledger user add` (password on standard input), then, as a
person would: signs in, records a contribution through the form and sees it on the fund's page
and in the dashboard's totals, has a refused amount shown by its field with the typed values
kept, double-submits a form and finds one contribution, is refused the form as a reader, is
refused a form whose CSRF token was tampered with, and signs out; opens a donor's page from the
fund's, records a pledge, and has a disbursement against a milestone refused for want of money
(the message by the amount, the values kept) before paying a small one; uploads a bank CSV with
one bad line (refused whole, the line listed) then a good one (checked, then posted once); opens
the thanks paragraph and copies it with the button. Screenshots of each screen,
at 375 px and 1024 px wide, go to browser.OUTPUT (test-results/screenshots/web-*.png).

It adds contributions, pledges and a small disbursement to the demo's GAZA fund (each run a
figure of its own).
"""

import os
import pathlib
import re
import tempfile
import subprocess
import unittest
import uuid

import axe_core_python
import browser
from selenium.common.exceptions import WebDriverException
from selenium.webdriver.common.by import By
from selenium.webdriver.support.ui import Select, WebDriverWait

API = os.environ.get("FUNDLEDGER_API")
BIN = os.environ.get("FUNDLEDGER_BIN")
PASSWORD = "mot de passe des tests"
PHONE, LAPTOP = 375, 1024
NBSP, NNBSP = "\u00a0", "\u202f"
# axe-core (4.4.3), as the axe-core-python package ships it.
AXE = (pathlib.Path(axe_core_python.__file__).parent / "axe.min.js").read_text(encoding="utf-8")


def plain(text):
    """Text with its no-break spaces as plain ones (WebDriver's text may give either)."""
    return text.replace(NBSP, " ").replace(NNBSP, " ")


def euros(text):
    """'1 234,56' as the screens print it: narrow no-break spaces between thousands, € after a no-break space."""
    whole, cents = text.split(",")
    digits = whole.replace(" ", "")
    groups = []
    while digits:
        groups.insert(0, digits[-3:])
        digits = digits[:-3]
    return NNBSP.join(groups) + "," + cents + NBSP + "€"


def add_user(role, email=None):
    """A new staff user of `role` (its e-mail unique to this run unless given), added as `fundledger user add` does."""
    email = email or f"{role}-{uuid.uuid4().hex[:8]}@example.org"
    subprocess.run([BIN, "user", "add", "--email", email, "--role", role], input=PASSWORD + "\n",
                   text=True, check=True, capture_output=True)
    return email


def document_scrolls_sideways(driver):
    return driver.execute_script(
        "const e = document.scrollingElement || document.documentElement; return e.scrollWidth > e.clientWidth + 1;")


@unittest.skipUnless(API and BIN, "FUNDLEDGER_API and FUNDLEDGER_BIN are set by scripts/browser-tests")
class WebScreensTest(unittest.TestCase):
    @classmethod
    def setUpClass(cls):
        cls.clerk = add_user("clerk")
        cls.reader = add_user("reader")
        # The README's pictures show this one: the same address at every run (a new database each time).
        cls.treasurer = add_user("clerk", "tresorerie@example.org")

    def setUp(self):
        self.driver = browser.start(width=PHONE, height=800)
        self.addCleanup(self.driver.quit)

    # -- helpers ---------------------------------------------------------------------------------

    def open(self, path):
        browser.load(self.driver, API + path)

    def sign_in(self, email):
        self.open("/app/connexion")
        self.driver.find_element(By.ID, "email").send_keys(email)
        self.driver.find_element(By.ID, "password").send_keys(PASSWORD)
        self.driver.find_element(By.CSS_SELECTOR, "form.stacked button[type=submit]").click()
        self.wait_for_path("/app")

    def wait_for_path(self, path):
        """Waits (10 s at most) until the browser is on `path` after a click."""
        WebDriverWait(self.driver, 10).until(lambda driver: driver.current_url.split("?")[0].endswith(path),
                                             f"never reached {path}")

    def shoot(self, name):
        """Keeps the page at 375 px and 1024 px, checks neither scrolls sideways, and that axe-core
        finds no serious or critical accessibility violation on it."""
        for width in (PHONE, LAPTOP):
            browser.resize(self.driver, width)
            browser.screenshot(self.driver, f"web-{name}-{width}px")
            self.assertFalse(document_scrolls_sideways(self.driver), f"{name} scrolls sideways at {width} px")
            self.assert_accessible(f"{name} at {width} px")
        browser.resize(self.driver, PHONE)

    def assert_accessible(self, what):
        self.driver.execute_script(AXE)
        results = self.driver.execute_async_script(
            "const done = arguments[arguments.length - 1]; axe.run().then(done, e => done({violations: [{id: 'axe', impact: 'critical', help: String(e), nodes: []}]}));")
        serious = [v for v in results["violations"] if v.get("impact") in ("serious", "critical")]
        self.assertEqual(serious, [], f"{what}: " + "; ".join(
            f"{v['id']} ({v['impact']}): {v['help']} — " + ", ".join(str(n["target"]) for n in v["nodes"][:5])
            for v in serious))

    def fill_contribution(self, donor, amount, date="2026-03-15", reference=""):
        Select(self.driver.find_element(By.ID, "donor")).select_by_visible_text(donor)
        for field, value in (("amount", amount), ("date", date), ("reference", reference)):
            element = self.driver.find_element(By.ID, field)
            element.clear()
            element.send_keys(value)

    def submit(self):
        self.driver.find_element(By.CSS_SELECTOR, "form.stacked button[type=submit]").click()

    def body(self):
        """The page's text, no-break spaces as plain ones (compare with `plain(…)`)."""
        return plain(self.driver.find_element(By.TAG_NAME, "body").text)

    def dashboard_figure(self, code, label):
        """The figure `label` (Reçu, Disponible…) of fund `code` on the dashboard."""
        self.open("/app")
        card = self.driver.find_element(By.XPATH, f"//li[contains(@class,'fund-card')][.//span[@class='code' and text()='{code}']]")
        return card.find_element(By.XPATH, f".//div[dt[text()='{label}']]/dd").text

    # -- tests -----------------------------------------------------------------------------------

    def test_0_readme_pictures_before_any_test_writes(self):
        """The README's pictures (doc_images.py), on the demo data as `fundledger demo` loads it:
        named to run first, before the other tests add their figures."""
        self.sign_in(self.treasurer)
        self.shoot("readme-dashboard")
        self.open("/app/fonds/GAZA")
        self.shoot("readme-fund")
        self.open("/app/fonds/GAZA/versement")
        self.shoot("readme-contribution-form")

    def test_sign_in_record_a_contribution_and_see_it_on_the_fund_page_and_the_dashboard(self):
        self.open("/app/connexion")
        self.shoot("signin")
        self.sign_in(self.clerk)
        received_before = self.dashboard_figure("GAZA", "Reçu")
        self.shoot("dashboard")
        self.open("/app/fonds/GAZA")
        self.shoot("fund")
        self.open("/app/fonds/GAZA/versement")
        self.shoot("contribution-form")
        amount = f"{uuid.uuid4().int % 900 + 100} 321,07"  # a figure of its own, e.g. 546 321,07
        self.fill_contribution("Bondy", amount, reference=f"WEB-{uuid.uuid4().hex[:6]}")
        self.submit()
        WebDriverWait(self.driver, 10).until(lambda driver: "Versement enregistré" in driver.title)
        text = self.body()
        self.assertIn(plain(euros(amount)), text)
        entry = re.search(r"écriture n°\s*(\d+)", text)
        self.assertIsNotNone(entry, text)
        self.assertIn("Enregistrer un autre versement", text)
        self.shoot("contribution-recorded")
        self.open("/app/fonds/GAZA")
        self.assertIn(f"n° {entry.group(1)}", self.body())
        self.assertNotEqual(self.dashboard_figure("GAZA", "Reçu"), received_before)

    def test_a_refused_amount_keeps_the_typed_values_and_shows_the_message_by_its_field(self):
        self.sign_in(self.clerk)
        self.open("/app/fonds/GAZA/versement")
        self.fill_contribution("Bondy", "12,3,4", date="15/03/2026", reference="à garder")
        self.submit()
        WebDriverWait(self.driver, 10).until(lambda driver: driver.find_elements(By.ID, "amount-refusal"))
        self.assertEqual(self.driver.find_element(By.ID, "amount").get_attribute("value"), "12,3,4")
        self.assertEqual(self.driver.find_element(By.ID, "date").get_attribute("value"), "15/03/2026")
        self.assertEqual(self.driver.find_element(By.ID, "reference").get_attribute("value"), "à garder")
        self.assertEqual(Select(self.driver.find_element(By.ID, "donor")).first_selected_option.text, "Bondy")
        message = self.driver.find_element(By.ID, "amount-refusal")
        self.assertIn("Séparateurs ambigus", message.text)
        self.assertEqual(self.driver.find_element(By.ID, "amount").get_attribute("aria-describedby"), "amount-refusal")
        self.shoot("contribution-refused")

    def test_a_double_submit_records_once(self):
        self.sign_in(self.clerk)
        self.open("/app/fonds/GAZA/versement")
        amount = f"{uuid.uuid4().int % 900 + 100} 654,03"
        self.fill_contribution("Bondy", amount, reference=f"DBL-{uuid.uuid4().hex[:6]}")
        # Two posts of the same rendered form at once, as a double click sends them.
        statuses = self.driver.execute_async_script("""
            const done = arguments[0];
            const form = document.querySelector('form.stacked');
            const send = () => fetch(form.action, {method: 'POST', body: new URLSearchParams(new FormData(form))});
            Promise.all([send(), send()]).then(rs => done(rs.map(r => r.status)));
        """)
        self.assertEqual(statuses, [200, 200])
        self.open("/app/fonds/GAZA")
        self.assertEqual(self.body().count(plain(euros(amount))), 1)

    def test_a_reader_cannot_reach_the_form(self):
        self.sign_in(self.reader)
        self.open("/app/fonds/GAZA")
        self.assertEqual(self.driver.find_elements(By.LINK_TEXT, "Enregistrer un versement"), [])
        self.open("/app/fonds/GAZA/versement")
        self.assertIn("Accès refusé", self.driver.find_element(By.TAG_NAME, "h1").text)
        self.assertEqual(self.driver.find_elements(By.ID, "amount"), [])
        self.shoot("forbidden")

    def test_a_form_with_a_tampered_csrf_token_is_refused(self):
        self.sign_in(self.clerk)
        self.open("/app/fonds/GAZA/versement")
        self.fill_contribution("Bondy", "10,00")
        self.driver.execute_script("document.querySelector('form.stacked input[name=csrf]').value = 'forged';")
        self.submit()
        # Read while the page changes, the old heading may be gone from the document: asked again.
        WebDriverWait(self.driver, 10, ignored_exceptions=(WebDriverException,)).until(
            lambda driver: "Accès refusé" in driver.find_element(By.TAG_NAME, "h1").text)
        self.assertIn("rechargez la page", self.body())

    def test_a_donors_page_from_the_fund_page_shows_its_statement_in_french(self):
        self.sign_in(self.reader)
        self.open("/app/fonds/GAZA")
        self.driver.find_element(By.LINK_TEXT, "Lille").click()
        WebDriverWait(self.driver, 10).until(lambda driver: "/app/donateurs/" in driver.current_url)
        self.assertEqual(self.driver.find_element(By.TAG_NAME, "h1").text, "Lille")
        lines = plain(self.driver.find_element(By.ID, "donor-lines").text)
        self.assertIn("Promesse n° ", lines)
        self.assertIn("Délib. 2025-1432", lines)
        self.assertIn(plain(euros("10 000,00")), lines)
        self.assertIn("en cours", lines)  # 8 000 of the 10 000 promised received
        self.assertIn("reçu", lines)
        self.assertIn("11 décembre 2025", lines)
        self.shoot("donor")

    def test_a_clerk_records_a_pledge(self):
        self.sign_in(self.clerk)
        self.open("/app/fonds/GAZA")
        self.driver.find_element(By.LINK_TEXT, "Enregistrer une promesse").click()
        self.wait_for_path("/app/fonds/GAZA/promesse")
        self.shoot("pledge-form")
        amount = f"{uuid.uuid4().int % 900 + 100} 111,00"
        self.fill_contribution("Grenoble", amount, reference=f"Délib. WEB-{uuid.uuid4().hex[:6]}")
        self.submit()
        WebDriverWait(self.driver, 10).until(lambda driver: "Promesse enregistrée" in driver.title)
        text = self.body()
        self.assertIn(plain(euros(amount)), text)
        self.assertRegex(text, r"promesse n° \d+, écriture n° \d+")
        self.assertIn("Enregistrer une autre promesse", text)
        self.shoot("pledge-recorded")

    def test_a_disbursement_beyond_the_funds_money_is_refused_by_its_amount_then_a_small_one_paid(self):
        self.sign_in(self.clerk)
        self.open("/app/fonds/GAZA/paiement")
        milestone = Select(self.driver.find_element(By.ID, "milestone"))
        option = next(o for o in milestone.options if o.text.startswith("Rapport final"))
        self.assertIn("tranche " + plain(euros("40 000,00")), plain(option.text))
        self.assertIn("déjà versé", option.text)
        milestone.select_by_visible_text(option.text)
        for field, value in (("amount", "9 999 999,00"), ("date", "2026-03-31"), ("reference", "trop")):
            element = self.driver.find_element(By.ID, field)
            element.clear()
            element.send_keys(value)
        self.submit()
        WebDriverWait(self.driver, 10).until(lambda driver: driver.find_elements(By.ID, "amount-refusal"))
        self.assertIn("Fonds insuffisants", self.driver.find_element(By.ID, "amount-refusal").text)
        self.assertEqual(self.driver.find_element(By.ID, "amount").get_attribute("value"), "9 999 999,00")
        self.assertEqual(self.driver.find_element(By.ID, "reference").get_attribute("value"), "trop")
        self.assertTrue(Select(self.driver.find_element(By.ID, "milestone")).first_selected_option.text.startswith("Rapport final"))
        self.shoot("disbursement-refused")
        element = self.driver.find_element(By.ID, "amount")
        element.clear()
        element.send_keys("1,00")
        self.submit()
        WebDriverWait(self.driver, 10).until(lambda driver: "Paiement enregistré" in driver.title)
        text = self.body()
        self.assertIn(plain(euros("1,00")), text)
        self.assertRegex(text, r"écriture n° \d+")
        self.assertIn("Enregistrer un autre paiement", text)
        self.shoot("disbursement-recorded")

    def upload(self, text):
        """Sends `text` as a CSV file through the upload form's file input."""
        with tempfile.TemporaryDirectory() as folder:
            path = pathlib.Path(folder) / "releve.csv"
            path.write_text(text, encoding="utf-8")
            self.driver.find_element(By.ID, "file").send_keys(str(path))
            page = self.driver.find_element(By.TAG_NAME, "html")
            self.submit()
            # The next page, not the one the file was sent from (it may show a refusal too).
            # Chromium may answer for the old page's element, mid-navigation, "Node with given id
            # does not belong to the document" instead of a stale reference: gone all the same.
            def left(driver):
                try:
                    page.is_enabled()
                    return False
                except WebDriverException:  # StaleElementReferenceException is one too
                    return True
            WebDriverWait(self.driver, 10).until(left)
            WebDriverWait(self.driver, 10).until(
                lambda driver: "vérification" in driver.title or driver.find_elements(By.ID, "file-refusal"))

    def test_a_csv_upload_with_a_bad_line_is_refused_whole_then_a_good_one_checked_and_posted_once(self):
        self.sign_in(self.clerk)
        self.driver.find_element(By.LINK_TEXT, "Importer un relevé bancaire (CSV)").click()
        self.wait_for_path("/app/import")
        self.shoot("import-form")
        run = uuid.uuid4().hex[:6]
        header = "date;collectivité;fonds;montant;référence\n"
        good = f"2026-03-20;Bondy;GAZA;{uuid.uuid4().int % 900 + 100} 777,01;IMP-{run}-1\n"
        self.upload(header + good + f"2026-03-21;Grenoble;GAZA;12,3,4;IMP-{run}-2\n")
        self.assertIn("Import refusé, rien n’a été écrit", plain(self.driver.find_element(By.ID, "file-refusal").text))
        self.assertIn("12,3,4", self.driver.find_element(By.ID, "import-problems").text)
        self.shoot("import-refused")
        self.upload(header + good + f"2026-03-21;Grenoble;GAZA;10,00;IMP-{run}-2\n")
        self.assertIn("Toutes les lignes sont bonnes", self.body())
        self.shoot("import-preview")
        fields = {element.get_attribute("name"): element.get_attribute("value")
                  for element in self.driver.find_elements(By.CSS_SELECTOR, "main form input[type=hidden]")}
        self.submit()
        WebDriverWait(self.driver, 10).until(lambda driver: "Import enregistré" in driver.title)
        self.assertRegex(self.body(), r"2 versement\(s\) de releve.csv enregistré\(s\)")
        self.shoot("import-recorded")
        # The same post sent again (a double click, a reload): recorded once, and said so.
        answer = self.driver.execute_async_script("""
            const done = arguments[1];
            fetch('/app/import/enregistrer', {method: 'POST', body: new URLSearchParams(arguments[0])})
              .then(r => r.text()).then(done);
        """, fields)
        self.assertIn("Ce fichier est déjà enregistré", answer)

    def test_the_thanks_paragraph_and_its_copy_button(self):
        self.sign_in(self.reader)
        self.open("/app/fonds/GAZA")
        self.driver.find_element(By.LINK_TEXT, "Remerciements").click()
        self.wait_for_path("/app/fonds/GAZA/remerciements")
        paragraph = plain(self.driver.find_element(By.ID, "thanks-html").text)
        self.assertIn("Bondy", paragraph)
        self.assertIn("Région Occitanie", paragraph)
        button = self.driver.find_element(By.ID, "copy-thanks")
        self.assertTrue(button.is_displayed())  # shown by /app/copy.js
        button.click()
        WebDriverWait(self.driver, 5).until(
            lambda driver: driver.find_element(By.ID, "copy-status").text == "Paragraphe copié.")
        self.shoot("thanks")
        self.open("/app/fonds/GAZA/rapport?trimestre=2026-Q1")
        self.assertIn("1er trimestre 2026", self.body())
        self.shoot("quarterly")
        self.driver.find_element(By.ID, "report-html").click()
        WebDriverWait(self.driver, 10).until(lambda driver: "1er trimestre 2026" in driver.title)

    def test_sign_out_ends_the_session(self):
        self.sign_in(self.reader)
        self.driver.find_element(By.CSS_SELECTOR, "form.signout button").click()
        self.wait_for_path("/app/connexion")
        self.open("/app")
        self.wait_for_path("/app/connexion")


if __name__ == "__main__":
    unittest.main()
