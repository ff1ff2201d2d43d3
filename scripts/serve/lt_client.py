"""language_tool_python, the LanguageTool client, against copydesk serve.

It checks a draft with planted errors through remote_server, applies the
corrections with language_tool_python.utils.correct, and the corrected text
must be exactly what copydesk's fixes make of it.
"""

import language_tool_python
from language_tool_python.utils import correct

from harness import CORRECTED, DRAFT, Server


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
            fixed = correct(DRAFT, matches)
            assert fixed == CORRECTED, f"{fixed!r}\n!=\n{CORRECTED!r}"
            assert tool.check(fixed) == [], tool.check(fixed)

            # Rules can be turned off by id, as LanguageTool's can.
            tool.disabled_rules = {"REPEATED_WORD"}
            ids = [m.rule_id for m in tool.check(DRAFT)]
            assert "repeated-word" not in ids and len(ids) == 3, ids
        finally:
            tool.close()
    print(f"language_tool_python: {len(matches)} matches, corrected text as expected")


if __name__ == "__main__":
    main()
