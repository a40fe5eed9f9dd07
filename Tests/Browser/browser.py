"""Headless Chromium for the layout checks, shared by every browser test (the printed reports
here, the web screens later).

Debian's Chromium is driven through Debian's own chromedriver (no Selenium Manager, nothing
downloaded); `scripts/setup browser` installs both and `scripts/python-tools browser` the pinned
selenium. What a test keeps (full-page PNGs, A4 PDFs) goes to `test-results/screenshots/` at the
top of the repository, or to $FUNDLEDGER_SCREENSHOTS.

    driver = browser.start(width=600)
    browser.load(driver, "file:///tmp/report.html")
    assert not browser.overflow(driver), browser.describe(browser.overflow(driver))
    browser.screenshot(driver, "report-600px")
    browser.print_media(driver)                  # @media print, viewport at A4's printable width
    browser.print_pdf(driver, "report-a4")
    driver.quit()
"""

import base64
import os
import pathlib
import re

from selenium import webdriver
from selenium.webdriver.chrome.service import Service

REPOSITORY = pathlib.Path(__file__).resolve().parents[2]
CHROMIUM = os.environ.get("CHROMIUM", "/usr/bin/chromium")
CHROMEDRIVER = os.environ.get("CHROMEDRIVER", "/usr/bin/chromedriver")
OUTPUT = pathlib.Path(os.environ.get("FUNDLEDGER_SCREENSHOTS", REPOSITORY / "test-results" / "screenshots"))

# CSS pixels are 1/96 inch.
PX_PER_MM = 96 / 25.4
A4_MM = (210, 297)
# The margins a page that declares none is printed with (left and right, top and bottom).
DEFAULT_MARGIN_MM = 15
# A bounding box may end a fraction of a pixel past the edge (subpixel layout): not an overflow.
TOLERANCE_PX = 1


def start(width=1024, height=800):
    """A headless Chromium whose viewport is exactly `width` × `height` CSS pixels."""
    options = webdriver.ChromeOptions()
    options.binary_location = CHROMIUM
    # --no-sandbox: the tests run as root (in CI and here), where Chromium's sandbox refuses to
    # start; --disable-dev-shm-usage: containers have a tiny /dev/shm.
    for argument in ("--headless=new", "--no-sandbox", "--disable-dev-shm-usage", "--disable-gpu",
                     "--hide-scrollbars", "--force-device-scale-factor=1", "--lang=fr-FR",
                     f"--window-size={width},{height}"):
        options.add_argument(argument)
    driver = webdriver.Chrome(service=Service(CHROMEDRIVER), options=options)
    resize(driver, width, height)
    return driver


def resize(driver, width, height=800):
    """Sets the layout viewport to `width` × `height` CSS pixels (the window's frame excluded)."""
    driver.execute_cdp_cmd("Emulation.setDeviceMetricsOverride", {
        "width": int(width), "height": int(height), "deviceScaleFactor": 1, "mobile": False})


def set_headers(driver, headers):
    """Sends `headers` (a dict) with every later request of the browser, e.g. a bearer token."""
    driver.execute_cdp_cmd("Network.enable", {})
    driver.execute_cdp_cmd("Network.setExtraHTTPHeaders", {"headers": dict(headers)})


def load(driver, url):
    """Opens a file:// or http(s):// URL (or a path) and waits for its fonts."""
    if "://" not in str(url):
        url = pathlib.Path(url).resolve().as_uri()
    driver.get(str(url))
    driver.execute_async_script("const done = arguments[0]; document.fonts.ready.then(() => done(true));")


def emulate_media(driver, media):
    """`print` or `screen` (or "" for the browser's own): what CSS @media rules see."""
    driver.execute_cdp_cmd("Emulation.setEmulatedMedia", {"media": media})


_PAGE_MARGINS_JS = """
const margins = {left: null, right: null, top: null, bottom: null};
for (const sheet of document.styleSheets) {
  let rules;
  try { rules = sheet.cssRules; } catch (e) { continue; }
  for (const rule of rules) {
    if (rule.type !== CSSRule.PAGE_RULE || rule.selectorText) continue;  // @page, not @page :first
    for (const side of Object.keys(margins)) {
      const value = rule.style.getPropertyValue('margin-' + side);
      if (value) margins[side] = value;
    }
  }
}
return margins;
"""


def _mm(length):
    """A CSS length of @page (mm, cm, in, px, pt) in millimetres; None when it is not one of those."""
    match = re.fullmatch(r"\s*([0-9.]+)\s*(mm|cm|in|px|pt)\s*", length or "")
    if not match:
        return None
    value, unit = float(match.group(1)), match.group(2)
    return value * {"mm": 1, "cm": 10, "in": 25.4, "px": 25.4 / 96, "pt": 25.4 / 72}[unit]


def page_margins_mm(driver):
    """The page's own @page margins in mm (left, right, top, bottom), DEFAULT_MARGIN_MM where it sets none."""
    declared = driver.execute_script(_PAGE_MARGINS_JS)
    return tuple(_mm(declared[side]) if _mm(declared[side]) is not None else DEFAULT_MARGIN_MM
                 for side in ("left", "right", "top", "bottom"))


def a4_printable_width(driver):
    """A4's width less the page's left and right margins, in CSS pixels (680 with 15 mm margins)."""
    left, right, _, _ = page_margins_mm(driver)
    return round((A4_MM[0] - left - right) * PX_PER_MM)


def print_media(driver):
    """Lays the loaded page out as Chromium prints it on A4: @media print, and a viewport as wide as
    the printable area (A4 less the page's @page margins). Returns that width in CSS pixels."""
    emulate_media(driver, "print")
    left, right, top, bottom = page_margins_mm(driver)
    width = a4_printable_width(driver)
    resize(driver, width, round((A4_MM[1] - top - bottom) * PX_PER_MM))
    return width


_OVERFLOW_JS = """
const limit = arguments[0];
const viewport = document.documentElement.clientWidth;
const scroller = document.scrollingElement || document.documentElement;
function name(element) {
  let text = element.localName;
  if (element.id) return text + '#' + element.id;
  const classes = Array.from(element.classList).slice(0, 2);
  if (classes.length) text += '.' + classes.join('.');
  const parent = element.parentElement;
  if (parent) {
    const same = Array.from(parent.children).filter(c => c.localName === element.localName);
    if (same.length > 1) text += ':nth-of-type(' + (same.indexOf(element) + 1) + ')';
  }
  return text;
}
function path(element) {
  const parts = [];
  for (let e = element; e && e !== document.documentElement && parts.length < 4; e = e.parentElement) {
    parts.unshift(name(e));
    if (e.id || e === document.body) break;
  }
  return parts.join(' > ');
}
const found = [];
if (scroller.scrollWidth > scroller.clientWidth) {
  found.push({path: 'document', right: scroller.scrollWidth, width: scroller.scrollWidth, text: '',
              detail: 'scrollWidth ' + scroller.scrollWidth + ' > clientWidth ' + scroller.clientWidth});
}
const offending = new Set();
for (const element of document.body ? document.body.querySelectorAll('*') : []) {
  const box = element.getBoundingClientRect();
  if (box.width === 0 && box.height === 0) continue;
  const right = box.right + window.scrollX;
  if (right <= viewport + limit) continue;
  offending.add(element);
  // The outermost offender says where the fix goes; its descendants stick out with it.
  if (offending.has(element.parentElement)) continue;
  found.push({path: path(element), right: Math.round(right), width: Math.round(box.width),
              text: (element.innerText || element.textContent || '').trim().replace(/\\s+/g, ' ').slice(0, 60),
              detail: ''});
}
return {viewport: viewport, elements: found};
"""


def overflow(driver):
    """What sticks out horizontally: the document itself when it scrolls sideways (scrollWidth >
    clientWidth), then every element whose right edge passes the viewport's width by more than
    TOLERANCE_PX, outermost only (a table, not each of its cells). Each is a dict with `path` (a
    short CSS path), `right` and `width` in CSS pixels, and the start of its `text`; empty when the
    page fits."""
    result = driver.execute_script(_OVERFLOW_JS, TOLERANCE_PX)
    for element in result["elements"]:
        element["viewport"] = result["viewport"]
    return result["elements"]


def describe(found, limit=8):
    """The offenders of `overflow` as lines for a failure message."""
    lines = []
    for element in found[:limit]:
        if element["path"] == "document":
            lines.append(f"  document scrolls sideways ({element['detail']})")
        else:
            text = f" «{element['text']}»" if element["text"] else ""
            lines.append(f"  {element['path']}: right edge at {element['right']} px "
                         f"(viewport {element['viewport']} px, width {element['width']} px){text}")
    if len(found) > limit:
        lines.append(f"  … and {len(found) - limit} more")
    return "\n".join(lines)


def _output(name, extension):
    OUTPUT.mkdir(parents=True, exist_ok=True)
    return OUTPUT / (re.sub(r"[^A-Za-z0-9._-]+", "-", name) + extension)


def screenshot(driver, name):
    """The whole page (not only the viewport) as `<OUTPUT>/<name>.png`; returns its path."""
    size = driver.execute_script(
        "const e = document.scrollingElement || document.documentElement;"
        "return [Math.max(e.scrollWidth, e.clientWidth), Math.max(e.scrollHeight, e.clientHeight)];")
    shot = driver.execute_cdp_cmd("Page.captureScreenshot", {
        "format": "png", "captureBeyondViewport": True, "fromSurface": True,
        "clip": {"x": 0, "y": 0, "width": size[0], "height": size[1], "scale": 1}})
    path = _output(name, ".png")
    path.write_bytes(base64.b64decode(shot["data"]))
    return path


def print_pdf(driver, name):
    """The page printed on A4 (its own @page size and margins when it declares them, else 15 mm
    margins), backgrounds included, as `<OUTPUT>/<name>.pdf`; returns its path."""
    left, right, top, bottom = page_margins_mm(driver)
    inch = 25.4
    pdf = driver.execute_cdp_cmd("Page.printToPDF", {
        "paperWidth": A4_MM[0] / inch, "paperHeight": A4_MM[1] / inch,
        "marginLeft": left / inch, "marginRight": right / inch, "marginTop": top / inch, "marginBottom": bottom / inch,
        "printBackground": True, "preferCSSPageSize": True})
    path = _output(name, ".pdf")
    path.write_bytes(base64.b64decode(pdf["data"]))
    return path
