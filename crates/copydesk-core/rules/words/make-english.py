#!/usr/bin/env python3
"""Regenerate english.txt and doubled.txt from Debian's SCOWL word lists.

    apt-get install -y wbritish-large wamerican-large wbritish-insane wamerican-insane
    python3 crates/copydesk-core/rules/words/make-english.py

english.txt: the union of the British and American "large" lists (SCOWL
size 70), folded to lower case and NFC, with possessive forms ("Paris's")
dropped when the stem is itself listed. Sorted, one word a line.

doubled.txt: the words of the "insane" lists (SCOWL size 95) that are a
string of three or more letters written twice ("kavakava", "wikiwiki") and
are not in english.txt. Too rare for a general list, they are still words,
so glued-repeat must not report them. (Doubles of one or two letters there
are names and junk, "Inin", "Atat", "Bebe"; glued-repeat has its own list
for those.)

names.txt: the words of english.txt that the "large" lists give only with a
capital ("Duran", "Sirhan"): proper names, never ordinary words. A rule
that must tell an ordinary word from a name ("Government Government" is a
slip, "Duran Duran" a band) looks a word up in english.txt and not here.

build.rs compiles all three into the binary.
"""
import os
import re
import unicodedata

HERE = os.path.dirname(os.path.abspath(__file__))
LARGE = [
    "/usr/share/dict/british-english-large",
    "/usr/share/dict/american-english-large",
]
INSANE = [
    "/usr/share/dict/british-english-insane",
    "/usr/share/dict/american-english-insane",
]


def read(paths):
    words = set()
    for path in paths:
        with open(path, encoding="utf-8") as f:
            for line in f:
                w = unicodedata.normalize("NFC", line.strip()).lower()
                w = w.replace("\u2019", "'")
                if w:
                    words.add(w)
    return words


def write(name, words):
    with open(os.path.join(HERE, name), "w", encoding="utf-8") as f:
        f.write("".join(w + "\n" for w in sorted(words)))


english = read(LARGE)
english = {w for w in english if not (w.endswith("'s") and w[:-2] in english)}
write("english.txt", english)

# Names: listed with a capital and never in lower case.
lower, capital = set(), set()
for path in LARGE:
    with open(path, encoding="utf-8") as f:
        for line in f:
            w = unicodedata.normalize("NFC", line.strip()).replace("\u2019", "'")
            if not w or w.endswith("'s"):
                continue
            (capital if w[0].isupper() else lower).add(w.lower())
write("names.txt", (capital - lower) & english)

doubled = {w for w in read(INSANE) if re.fullmatch(r"(.{3,})\1", w)} - english
write("doubled.txt", doubled)
