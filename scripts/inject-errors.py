#!/usr/bin/env python3
"""Plant copy-desk errors in a copy of some prose, deterministically.

    scripts/inject-errors.py SRC_DIR OUT_FILE [SEED]

Reads every .txt under SRC_DIR (sorted), and writes one file with, in about
one sentence in three: a doubled word or run of words, a word glued to itself,
a/an swapped, or a number in a bracketed conversion changed or dropped.
For speed work: findings on this file exercise every rule's reporting
paths, so `scripts/same-findings` compares thousands of findings rather
than the few a clean corpus gives. Nothing here is a test of recall.
"""
import os
import random
import re
import sys

src, out = sys.argv[1], sys.argv[2]
rng = random.Random(int(sys.argv[3]) if len(sys.argv) > 3 else 16)
WORD = re.compile(r"[A-Za-z]+")
PAREN = re.compile(r"\((\d[\d,.]*)\s")


def plant(line):
    words = list(WORD.finditer(line))
    if not words:
        return line
    kind = rng.randrange(6)
    if kind == 0:  # doubled word
        m = rng.choice(words)
        return line[: m.end()] + " " + m.group() + line[m.end():]
    if kind == 1 and len(words) > 2:  # doubled run of two or three words
        i = rng.randrange(len(words) - 2)
        n = rng.choice([2, 3]) if i + 3 <= len(words) else 2
        a, b = words[i].start(), words[i + n - 1].end()
        return line[:b] + " " + line[a:b] + line[b:]
    if kind == 2:  # glued double
        m = rng.choice(words)
        return line[: m.end()] + m.group().lower() + line[m.end():]
    if kind == 3:  # article swap
        for m in words:
            if m.group() in ("a", "an", "A", "An"):
                new = {"a": "an", "an": "a", "A": "An", "An": "A"}[m.group()]
                return line[: m.start()] + new + line[m.end():]
        return line
    if kind == 4:  # conversion: change the number
        m = PAREN.search(line)
        if m:
            return line[: m.start(1)] + str(rng.randrange(2, 999)) + line[m.end(1):]
        return line
    m = PAREN.search(line)  # conversion: drop the number
    if m:
        return line[: m.start(1)] + line[m.end() :]
    return line


with open(out, "w", encoding="utf-8") as f:
    for root, dirs, files in sorted(os.walk(src)):
        dirs.sort()
        for name in sorted(files):
            if not name.endswith(".txt"):
                continue
            with open(os.path.join(root, name), encoding="utf-8", errors="replace") as g:
                for line in g:
                    # Sentence by sentence, one in three planted.
                    parts = re.split(r"(?<=[.!?] )", line)
                    f.write("".join(plant(s) if rng.random() < 0.33 else s for s in parts))
            f.write("\n\n")
