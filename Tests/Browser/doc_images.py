"""Copies the README's pictures from a layout run's screenshots into docs/images/, each kept under
MAX_BYTES: cropped to MAX_HEIGHT pixels from the top, then scaled down until small enough (by
Chromium itself: the standard library has no image library).

    python doc_images.py test-results/screenshots docs/images      (scripts/browser-tests --update-docs)
"""

import base64
import pathlib
import sys
import tempfile

import browser

# screenshot (without .png) → picture in docs/images/
PICTURES = {
    "quarterly-all-600px": "quarterly-report-600px.png",
    "compte-rendu-a4": "compte-rendu-a4.png",
    # The staff's screens (web_screens_test, before any test records anything).
    "web-readme-dashboard-1024px": "web-dashboard-1024px.png",
    "web-readme-fund-1024px": "web-fund-1024px.png",
    "web-readme-contribution-form-375px": "web-contribution-form-375px.png",
}
MAX_BYTES = 400 * 1024
MAX_HEIGHT = 1800


def shrink(driver, source, target):
    with tempfile.TemporaryDirectory() as folder:
        page = pathlib.Path(folder) / "image.html"
        page.write_text(f'<!DOCTYPE html><html><body style="margin:0"><img id="i" src="{source.resolve().as_uri()}">'
                        "</body></html>", encoding="utf-8")
        browser.emulate_media(driver, "screen")
        browser.load(driver, page)
        width, height = driver.execute_script(
            "const i = document.getElementById('i'); return [i.naturalWidth, i.naturalHeight];")
        browser.resize(driver, width, min(height, MAX_HEIGHT))
        scale = 1.0
        while True:
            shot = driver.execute_cdp_cmd("Page.captureScreenshot", {
                "format": "png", "captureBeyondViewport": True,
                "clip": {"x": 0, "y": 0, "width": width, "height": min(height, MAX_HEIGHT), "scale": scale}})
            data = base64.b64decode(shot["data"])
            if len(data) <= MAX_BYTES or scale < 0.4:
                break
            scale *= 0.85
    target.write_bytes(data)
    cropped = " (cropped)" if height > MAX_HEIGHT else ""
    print(f"{target}: {len(data) // 1024} KB, scale {scale:.2f}{cropped}", file=sys.stderr)


def main(shots, images):
    images.mkdir(parents=True, exist_ok=True)
    driver = browser.start()
    try:
        for name, picture in PICTURES.items():
            source = shots / f"{name}.png"
            if not source.exists():
                sys.exit(f"doc_images: no screenshot {source} (run scripts/browser-tests first)")
            shrink(driver, source, images / picture)
    finally:
        driver.quit()


if __name__ == "__main__":
    main(pathlib.Path(sys.argv[1]), pathlib.Path(sys.argv[2]))
