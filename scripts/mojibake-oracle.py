#!/usr/bin/env python3
"""Generates mojibake from clean text and repairs it with ftfy, for twc-lint's tests.

usage: mojibake-oracle.py CLEAN_DIR > cases.jsonl

Each line of each .txt file in CLEAN_DIR is correct text. For each, this writes:
- the clean text itself (variant "clean"), with what ftfy.fix_encoding makes of it;
- the text encoded as UTF-8 and decoded with each code page, once, twice and three times
  (variant "plain"), for lines and for their first non-ASCII word;
- lossy variants of the single misreading: non-breaking spaces turned into spaces ("nbsp"), and
  also collapsed with the space after them ("nbsp-collapsed"),
  undefined bytes decoded as U+FFFD ("replacement"), characters outside Latin-1 saved as '?'
  ("question");
- the broken text between two correct texts on one line ("mixed").
Each case is a JSON object: id, variant, codec, depth, original, broken, ftfy, and stages:
the text after each misreading before the last (the original first).
Python's codecs make the mojibake, so the test does not rely on twc-lint's own tables.
"""

import json
import os
import sys

import ftfy
import ftfy.bad_codecs  # noqa: F401  (registers the sloppy-windows-125x codecs)

# Python codec, the name twc-lint uses in messages.
CODECS = [
    ("sloppy-windows-1252", "Windows-1252"),
    ("latin-1", "ISO-8859-1"),
    ("iso8859_15", "ISO-8859-15"),
    ("sloppy-windows-1250", "Windows-1250"),
    ("sloppy-windows-1251", "Windows-1251"),
    ("sloppy-windows-1253", "Windows-1253"),
    ("sloppy-windows-1254", "Windows-1254"),
    ("sloppy-windows-1255", "Windows-1255"),
    ("sloppy-windows-1256", "Windows-1256"),
    ("sloppy-windows-1257", "Windows-1257"),
    ("sloppy-windows-1258", "Windows-1258"),
    ("iso8859_2", "ISO-8859-2"),
    ("iso8859_5", "ISO-8859-5"),
    ("iso8859_7", "ISO-8859-7"),
    ("iso8859_9", "ISO-8859-9"),
    ("mac_roman", "MacRoman"),
    ("cp437", "code page 437"),
    ("cp850", "code page 850"),
    ("cp866", "code page 866"),
    ("koi8_r", "KOI8-R"),
]


def misread(text, codec, depth):
    for _ in range(depth):
        try:
            text = text.encode("utf-8").decode(codec)
        except UnicodeDecodeError:
            return None
    return text


def first_word(line):
    for word in line.split():
        if any(ord(c) > 0x7F for c in word):
            return word.strip(".,;:!?()[]\"'«»“”„")
    return None


def main():
    folder = sys.argv[1]
    lines = []
    for name in sorted(os.listdir(folder)):
        if name.endswith(".txt"):
            with open(os.path.join(folder, name), encoding="utf-8") as handle:
                lines += [line.rstrip("\n") for line in handle if line.strip()]
    cases = []

    def add(variant, codec, depth, original, broken, stages=None):
        case = {"variant": variant, "codec": codec, "depth": depth, "original": original, "broken": broken}
        case["stages"] = stages or [original]
        cases.append(case)

    for line in lines:
        add("clean", "", 0, line, line)
    texts = [line for line in lines if any(ord(c) > 0x7F for c in line)]
    words = sorted({w for w in (first_word(line) for line in texts) if w and any(ord(c) > 0x7F for c in w)})
    for number, text in enumerate(texts + words):
        for codec, name in CODECS:
            for depth in (1, 2, 3):
                if depth > 1 and number % 3 != 0:
                    continue  # a third of the texts for the deeper readings keeps the run short
                broken = misread(text, codec, depth)
                if broken is None or broken == text:
                    continue
                stages = [misread(text, codec, level) for level in range(depth)]
                add("plain", name, depth, text, broken, stages)
                if depth != 1:
                    continue
                if "\xa0" in broken and "\xa0" not in text:
                    add("nbsp", name, 1, text, broken.replace("\xa0", " "))
                    # Text whose runs of white space were collapsed too: `voilÃ le` for `voilà le`.
                    collapsed = broken.replace("\xa0 ", " ").replace("\xa0", " ")
                    if collapsed != broken.replace("\xa0", " "):
                        add("nbsp-collapsed", name, 1, text, collapsed)
                if codec.startswith("sloppy"):
                    strict = text.encode("utf-8").decode(codec.replace("sloppy-", ""), errors="replace")
                    if strict != broken:
                        add("replacement", name, 1, text, strict)
                question = broken.encode("latin-1", errors="replace").decode("latin-1")
                if question != broken and any(ord(c) > 0x7F for c in question):
                    add("question", name, 1, text, question)
                if number < len(texts):
                    before = lines[(number * 7 + 3) % len(lines)]
                    after = lines[(number * 11 + 5) % len(lines)]
                    add("mixed", name, 1, before + " " + text + " " + after, before + " " + broken + " " + after)
    for number, case in enumerate(cases):
        case["id"] = number
        case["ftfy"] = ftfy.fix_encoding(case["broken"])
        sys.stdout.write(json.dumps(case, ensure_ascii=False) + "\n")


main()
