"""Benchmark (not a test): 3,000 slow connections beside real checks.

Opens 1,500 connections that send a request line and headers and then a
form body a byte at a time (one byte per connection per second), and 1,500
that send a request line and never finish their headers. While they are
open, times normal /v2/check requests (the goal: each under 2 s), then
waits for the server to drop the stalled headers (the goal: all gone
within 15 s of being opened, with the default 10 s header timeout).
"""

import resource
import selectors
import socket
import sys
import time
import urllib.parse
import urllib.request

from harness import Server

SLOW = 3000
BODY = urllib.parse.urlencode({"language": "en-GB", "text": "It was the the end. " * 50}).encode()


def check(url):
    body = urllib.parse.urlencode({"language": "en-GB", "text": "It was the the end of a opposition."}).encode()
    started = time.perf_counter()
    with urllib.request.urlopen(url + "v2/check", data=body, timeout=60) as r:
        assert r.status == 200
        assert r.read().count(b'"offset"') == 4
    return time.perf_counter() - started


def main():
    soft, hard = resource.getrlimit(resource.RLIMIT_NOFILE)
    if hard < SLOW + 100:
        sys.exit(f"the open-file limit ({hard}) is too low for {SLOW} connections")
    # The server starts with a soft limit of 1,024, as on many systems, and
    # must raise it itself; this client takes the hard limit.
    resource.setrlimit(resource.RLIMIT_NOFILE, (min(1024, hard), hard))
    server = Server("--quiet", "--max-checks", "2")
    resource.setrlimit(resource.RLIMIT_NOFILE, (hard, hard))
    with server:
        with open(f"/proc/{server.proc.pid}/limits") as f:
            limit = next(line for line in f if line.startswith("Max open files"))
        print("server: " + " ".join(limit.split()))
        host, port = server.url.split("//")[1].rstrip("/").split(":")
        bodies, headers = [], []
        opened = time.monotonic()
        for i in range(SLOW):
            s = socket.create_connection((host, int(port)))
            if i % 2 == 0:
                s.sendall(
                    b"POST /v2/check HTTP/1.1\r\nHost: x\r\n"
                    b"Content-Type: application/x-www-form-urlencoded\r\n"
                    + f"Content-Length: {len(BODY)}\r\n\r\n".encode()
                )
                bodies.append(s)
            else:
                s.sendall(b"POST /v2/check HTTP/1.1\r\nHost: x\r\n")
                headers.append(s)
        print(f"opened {len(bodies)} slow bodies and {len(headers)} stalled headers in {time.monotonic() - opened:.1f} s")
        took = []
        sel = selectors.DefaultSelector()
        for s in headers:
            s.setblocking(False)
            sel.register(s, selectors.EVENT_READ)
        closed = {}
        sent = 0
        while len(closed) < len(headers) and time.monotonic() - opened < 60:
            # A byte of every slow body, a normal check, and note which
            # stalled headers the server has closed.
            for s in bodies:
                if sent < len(BODY):
                    try:
                        s.send(BODY[sent : sent + 1])
                    except OSError:
                        pass
            sent += 1
            took.append(check(server.url))
            for key, _ in sel.select(timeout=1.0):
                try:
                    data = key.fileobj.recv(4096)
                except OSError:
                    data = b""
                if not data and key.fileobj not in closed:
                    closed[key.fileobj] = time.monotonic() - opened
                    sel.unregister(key.fileobj)
        took.sort()
        print(
            f"normal checks while the slow connections were open: {len(took)}, "
            f"median {took[len(took) // 2] * 1000:.0f} ms, slowest {took[-1] * 1000:.0f} ms"
        )
        if closed:
            print(
                f"stalled headers dropped: {len(closed)} of {len(headers)}, "
                f"the last {max(closed.values()):.1f} s after opening"
            )
        for s in bodies + headers:
            s.close()
        ok = took[-1] < 2.0 and len(closed) == len(headers) and max(closed.values()) < 15.0
        print("goal met" if ok else "goal NOT met")
        if not ok:
            sys.exit(1)


if __name__ == "__main__":
    main()
