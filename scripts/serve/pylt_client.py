"""pyLanguagetool, another LanguageTool client, against copydesk serve: its
command line with `-a URL/v2/` (the trailing slash is part of what it
wants) and `-u`, which prints each rule's link from `rule.urls`; the link
must answer the rule's explanation.

The text is ASCII: pyLanguagetool reads LanguageTool's UTF-16 offsets as
Python string indices, so after an emoji its own display is off by one,
with LanguageTool as with copydesk.
"""

import os
import pathlib
import subprocess
import sys
import tempfile
import urllib.request

from harness import Server

TEXT = "It was the the end of a opposition. Then thethe.\n"


def main():
    exe = pathlib.Path(sys.executable).parent / "pylanguagetool"
    with Server() as server, tempfile.TemporaryDirectory() as tmp:
        draft = os.path.join(tmp, "draft.txt")
        with open(draft, "w") as f:
            f.write(TEXT)
        run = subprocess.run(
            [str(exe), "-a", server.url + "v2/", "-u", "--no-color", "-l", "en-GB", draft],
            capture_output=True,
            text=True,
            timeout=60,
        )
        out = run.stdout
        # pyLanguagetool exits 1 when it has found something.
        assert run.returncode == 1, (run.returncode, out, run.stderr)
        for fixed in [
            "It was the end of a opposition.",
            "It was the the end of an opposition.",
            "Then the.",
        ]:
            assert fixed in out, f"{fixed!r} not in:\n{out}"
        link = server.url + "rules/indefinite-article"
        assert link in out, out
        with urllib.request.urlopen(link) as r:
            assert r.read().decode().startswith("indefinite-article: ")
    print("pyLanguagetool: 3 findings with their fixes, and the rules' links")


if __name__ == "__main__":
    main()
