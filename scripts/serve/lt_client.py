"""language_tool_python, the LanguageTool client, against copydesk serve.

It checks a draft with planted errors through remote_server, applies the
corrections with language_tool_python.utils.correct (which applies every
replacement without asking), and the corrected text must be exactly what
copydesk's safe fixes make of it: the conversion's figure is left alone,
since its fix comes as a replacement only when a request asks for unsafe
fixes (copydesk.unsafe=true).
"""

import language_tool_python
from language_tool_python.utils import correct

import json
import urllib.parse
import urllib.request

from harness import DRAFT, SAFE_FIXED, Server


def main():
    with Server() as server:
        tool = language_tool_python.LanguageTool("en-GB", remote_server=server.url)
        try:
            matches = tool.check(DRAFT)
            ids = [m.rule_id for m in matches]
            assert ids == [
                "repeated-word",
                "indefinite-article",
                "glued-repeat",
                "unit-conversion",
                "repeated-word",
            ], ids
            # Offsets as language_tool_python reads them (code points, after
            # its own correction for UTF-16 surrogate pairs).
            article = matches[1]
            assert DRAFT[article.offset : article.offset + article.error_length] == "a independent", article
            assert article.replacements == ["an independent"], article
            assert article.category == "MISC", article
            conversion = matches[3]
            assert conversion.replacements == [], conversion
            fixed = correct(DRAFT, matches)
            assert fixed == SAFE_FIXED, f"{fixed!r}\n!=\n{SAFE_FIXED!r}"
            left = [m.rule_id for m in tool.check(fixed)]
            assert left == ["unit-conversion"], left

            # A client that asks the writer first may ask for unsafe fixes.
            body = urllib.parse.urlencode(
                {"language": "en-GB", "text": DRAFT, "copydesk.unsafe": "true"}
            ).encode()
            with urllib.request.urlopen(server.url + "v2/check", data=body) as r:
                asked = json.load(r)["matches"][3]
            assert asked["replacements"] == [{"value": "6.2 miles"}], asked
            # Each rule links to its explanation on the server.
            with urllib.request.urlopen(asked["rule"]["urls"][0]["value"]) as r:
                assert r.read().decode().startswith("unit-conversion: ")

            # Rules can be turned off by id, as LanguageTool's can.
            tool.disabled_rules = {"REPEATED_WORD"}
            ids = [m.rule_id for m in tool.check(DRAFT)]
            assert "repeated-word" not in ids and len(ids) == 3, ids
        finally:
            tool.close()
    print(f"language_tool_python: {len(matches)} matches, corrected text as expected")


if __name__ == "__main__":
    main()
