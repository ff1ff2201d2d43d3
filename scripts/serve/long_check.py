"""Benchmark (not a test): one long text through /v2/check and /api/check.

400,000 characters with about 10,000 findings, curly quotes and an emoji in
every sentence, so that offsets must be converted to UTF-16 everywhere.
Prints the wall time of each request (best of three) and checks that both
endpoints report the same number of findings.
"""

import json
import sys
import time
import urllib.parse
import urllib.request

from harness import Server

SENTENCE = "It was the the end, Bob\u2019s day \U0001F600 and. "


def text():
    out = SENTENCE * (400_000 // len(SENTENCE) + 1)
    return out[:400_000]


def post(url, body, content_type):
    req = urllib.request.Request(url, data=body, headers={"Content-Type": content_type})
    started = time.perf_counter()
    with urllib.request.urlopen(req, timeout=600) as r:
        data = json.loads(r.read())
    return time.perf_counter() - started, data


def main():
    t = text()
    with Server("--max-body", "16000000", "--timeout", "600", "--quiet") as server:
        form = urllib.parse.urlencode({"language": "en-GB", "text": t}).encode()
        api = json.dumps({"text": t}).encode()
        lt = min(post(server.url + "v2/check", form, "application/x-www-form-urlencoded") for _ in range(3))
        own = min(post(server.url + "api/check", api, "application/json") for _ in range(3))
        n_lt, n_own = len(lt[1]["matches"]), len(own[1]["diagnostics"])
        print(f"text: {len(t):,} characters, {len(t.encode('utf-16-le')) // 2:,} UTF-16 units")
        print(f"/v2/check: {n_lt:,} matches in {lt[0]:.3f} s")
        print(f"/api/check: {n_own:,} findings in {own[0]:.3f} s")
        if n_lt != n_own:
            sys.exit("the two endpoints disagree")


if __name__ == "__main__":
    main()
