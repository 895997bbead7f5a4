"""Screenshots of every main page as each demo account, at desktop and phone width.

Run by `make screenshots` after the demo is loaded: starts a dev server on port 8765, logs in
through the real login form in headless Chromium (Debian's /usr/bin/chromium) and writes PNGs
to docs/screenshots/.
"""

from __future__ import annotations

import os
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

from playwright.sync_api import sync_playwright

ROOT = Path(__file__).resolve().parent.parent
OUT = ROOT / "docs" / "screenshots"
BASE = "http://127.0.0.1:8765"
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--no-first-run",
    "--disable-sync",
]
PAGES = {
    "inspektorat": ["/", "/regions/62/", "/regions/62.03/", "/verify/", "/scores/", "/reports/"],
    "pimpinan": ["/"],
    "kapuas": ["/todo/", "/regions/62.03/"],
    "bpkad-kapuas": ["/todo/", "/regions/62.03/"],
}
WIDTHS = {"desktop": (1280, 900), "phone": (390, 844)}


def _serve():
    env = {**os.environ, "DEBUG": "1"}
    server = subprocess.Popen(
        [sys.executable, "manage.py", "runserver", "127.0.0.1:8765", "--noreload"],
        cwd=ROOT,
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    for _ in range(60):
        try:
            urllib.request.urlopen(f"{BASE}/healthz", timeout=1)
            return server
        except OSError:
            time.sleep(0.5)
    server.terminate()
    raise SystemExit("the dev server did not start")


def _slug(path: str) -> str:
    return path.strip("/").replace("/", "-").replace(".", "_") or "dashboard"


def main() -> None:
    OUT.mkdir(parents=True, exist_ok=True)
    server = _serve()
    try:
        with sync_playwright() as p:
            browser = p.chromium.launch(executable_path="/usr/bin/chromium", args=CHROMIUM_ARGS)
            for username, paths in PAGES.items():
                for width_name, (width, height) in WIDTHS.items():
                    page = browser.new_page(viewport={"width": width, "height": height})
                    page.goto(f"{BASE}/accounts/login/")
                    page.fill("input[name=username]", username)
                    page.fill("input[name=password]", "mcsp-demo")
                    page.click("main form button[type=submit]")
                    page.wait_for_load_state("networkidle")
                    for path in paths:
                        page.goto(BASE + path)
                        name = f"{username}-{_slug(path)}-{width_name}.png"
                        page.screenshot(path=OUT / name)
                        print("wrote", OUT / name)
                    page.close()
            browser.close()
    finally:
        server.terminate()


if __name__ == "__main__":
    main()
