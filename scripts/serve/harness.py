"""Start `copydesk serve` on a free loopback port for a test, and stop it.

The server's log (standard error) is kept, so a test can check that the
copy it sent never reaches the log.
"""

import os
import pathlib
import subprocess
import threading

ROOT = pathlib.Path(__file__).resolve().parents[2]

# A draft with planted errors, written for these tests. The emoji comes
# before most findings, so offsets that count UTF-16 units wrongly show.
DRAFT = (
    "The council approved the the budget on Tuesday after a long debate. \U0001F600 "
    "Councillors said a independent review had found no problems.\n"
    "The oppositionopposition leader asked for a 10 km (16 miles) walk along "
    "the river. Work begins in in March.\n"
)
# Every fix applied, the unsafe one (the conversion) included.
CORRECTED = (
    "The council approved the budget on Tuesday after a long debate. \U0001F600 "
    "Councillors said an independent review had found no problems.\n"
    "The opposition leader asked for a 10 km (6.2 miles) walk along "
    "the river. Work begins in March.\n"
)
# Safe fixes only: the conversion is left for the writer.
SAFE_FIXED = CORRECTED.replace("(6.2 miles)", "(16 miles)")
# Words of the draft that must never appear in the server's log.
SECRET_WORDS = ["oppositionopposition", "Councillors"]


def binary():
    if os.environ.get("COPYDESK"):
        return os.environ["COPYDESK"]
    for profile in ("release", "debug"):
        b = ROOT / "target" / profile / "copydesk"
        if b.exists():
            return str(b)
    raise SystemExit("no copydesk binary: run cargo build --release first")


class Server:
    def __init__(self, *args):
        self.proc = subprocess.Popen(
            [binary(), "serve", "--bind", "127.0.0.1:0", *args],
            stderr=subprocess.PIPE,
            text=True,
        )
        first = self.proc.stderr.readline()
        if "listening on " not in first:
            self.proc.kill()
            raise SystemExit(f"copydesk serve did not start: {first!r}")
        self.url = first.split("listening on ", 1)[1].strip()
        self.log = [first]
        # Drain the log, or a full pipe would stall the server.
        self.reader = threading.Thread(target=self._read, daemon=True)
        self.reader.start()

    def _read(self):
        for line in self.proc.stderr:
            self.log.append(line)

    def __enter__(self):
        return self

    def __exit__(self, *exc):
        self.proc.terminate()
        self.proc.wait(timeout=10)
        self.reader.join(timeout=5)
        log = "".join(self.log)
        for word in SECRET_WORDS:
            assert word not in log, f"the log holds copy ({word!r}):\n{log}"
        return False
