"""The paste-and-check page in a real browser: Debian's Chromium, driven
by Playwright. Paste a draft, see the findings underlined and listed, fix
one, fix all safe, and check the text. Screenshots go to target/.
"""

import os
import tempfile
import time

from playwright.sync_api import expect, sync_playwright

from harness import DRAFT, ROOT, SAFE_FIXED, Server

CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-default-apps",
    "--disable-sync",
    "--disable-gpu",
    "--no-first-run",
    "--no-default-browser-check",
    "--metrics-recording-only",
]


def main():
    shots = ROOT / "target"
    shots.mkdir(exist_ok=True)
    with Server() as server, sync_playwright() as p:
        browser = p.chromium.launch(
            executable_path="/usr/bin/chromium", headless=True, args=CHROMIUM_ARGS
        )
        page = browser.new_page(viewport={"width": 1280, "height": 900})
        requests = []
        page.on("request", lambda r: requests.append(r.url))
        errors = []
        page.on("pageerror", lambda e: errors.append(str(e)))
        page.goto(server.url)
        expect(page.locator("#dialect")).to_have_value("en-GB")

        # Paste: the page checks by itself as the text changes.
        text = page.get_by_label("Copy to check")
        text.fill(DRAFT)
        findings = page.locator("#findings > li")
        expect(findings).to_have_count(5)
        marks = page.locator("#highlights mark")
        expect(marks).to_have_count(5)
        assert marks.all_text_contents() == [
            "the the",
            "a independent",
            "oppositionopposition",
            "16 miles",
            "in in",
        ], marks.all_text_contents()
        expect(findings.nth(0)).to_contain_text('repeated word "the"')
        expect(findings.nth(0)).to_contain_text('remove the second "the"')
        expect(page.get_by_role("status")).to_contain_text("5 findings")
        page.screenshot(path=str(shots / "serve-page.png"), full_page=True)

        # One fix, by keyboard: focus the button and press Enter.
        fix = findings.nth(1).get_by_role("button", name="Fix: replace “a” with “an”")
        fix.focus()
        page.keyboard.press("Enter")
        expect(findings).to_have_count(4)
        assert "said an independent review" in text.input_value()
        assert "the the budget" in text.input_value()

        # Then every safe fix: the conversion changes a fact, so it stays.
        page.get_by_role("button", name="Fix all safe").click()
        expect(text).to_have_value(SAFE_FIXED)
        expect(findings).to_have_count(1)
        expect(findings.nth(0).get_by_role("button", name="Fix, changes a fact: replace “16” with “6.2”")).to_be_visible()
        expect(page.get_by_role("status")).to_contain_text("Applied 3 safe fixes; 1 finding left")
        page.screenshot(path=str(shots / "serve-page-fixed.png"), full_page=True)

        # A 5,000-word article (timed for the record, not asserted).
        article = " ".join([DRAFT.replace("\n", " ")] * 122)
        words = len(article.split())
        started = time.monotonic()
        text.fill(article)
        page.get_by_role("button", name="Check").click()
        expect(findings).to_have_count(5 * 122, timeout=30_000)
        took = time.monotonic() - started

        outside = [u for u in requests if not u.startswith(server.url)]
        assert not outside, f"the page reached outside its server: {outside}"
        assert not any(u.endswith("/favicon.ico") for u in requests), requests
        assert not errors, errors
        keyed(browser)
        browser.close()
    print(
        f"page: findings shown, one fix and fix-all-safe applied; {words} words "
        f"checked and shown in {took:.2f} s; screenshots in target/serve-page*.png"
    )


def keyed(browser):
    """A server with --api-keys: the page asks for the key once, and keeps
    it for the tab (a reload does not ask again)."""
    with tempfile.TemporaryDirectory() as tmp:
        keys = os.path.join(tmp, "keys")
        with open(os.open(keys, os.O_WRONLY | os.O_CREAT, 0o600), "w") as f:
            f.write("desk page-key-123\n")
        with Server("--api-keys", keys) as server:
            page = browser.new_page()
            asked = []

            def answer(dialog):
                asked.append(dialog.message)
                dialog.accept("page-key-123")

            page.on("dialog", answer)
            page.goto(server.url)
            page.get_by_label("Copy to check").fill(DRAFT)
            expect(page.locator("#findings > li")).to_have_count(5)
            page.reload()
            page.get_by_label("Copy to check").fill(DRAFT)
            expect(page.locator("#findings > li")).to_have_count(5)
            assert len(asked) == 1 and "API key" in asked[0], asked
            page.close()


if __name__ == "__main__":
    main()
