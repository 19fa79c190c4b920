#!/usr/bin/env python3
"""Writes the seed corpus of one fuzz target from the repository's fixtures (nothing is committed
but this script and the few hand-written files in Fuzz/seeds/TARGET).
   Fuzz/seeds.py TARGET OUTPUT_DIR"""
import base64, hashlib, json, os, sys

target, out = sys.argv[1], sys.argv[2]
root = os.path.join(os.path.dirname(os.path.abspath(__file__)), "..")
fixtures = os.path.join(root, "fixtures")
os.makedirs(out, exist_ok=True)
count = 0


def seed(data):
    global count
    if isinstance(data, str):
        data = data.encode("utf-8", "surrogateescape")
    if not data or len(data) > 64 * 1024:
        return
    name = hashlib.sha1(data).hexdigest()
    with open(os.path.join(out, name), "wb") as f:
        f.write(data)
    count += 1


def conformance(name):
    with open(os.path.join(fixtures, "conformance", name), encoding="utf-8") as f:
        return json.load(f)


def files(top, suffixes):
    for folder, _, names in sorted(os.walk(top)):
        for n in sorted(names):
            if n.endswith(suffixes):
                with open(os.path.join(folder, n), "rb") as f:
                    yield f.read()


def frontmatter(page, opener):
    """The front matter block content of a page that starts with `opener` ("---" or "+++")."""
    text = page.decode("utf-8", "replace")
    if not text.startswith(opener + "\n"):
        return None
    end = text.find("\n" + opener, len(opener))
    return text[len(opener) + 1:end + 1] if end > 0 else None


pages = [p for p in files(fixtures, (".md",))]
hand = os.path.join(root, "Fuzz", "seeds", target)
if os.path.isdir(hand):
    for data in files(hand, ("",)):
        seed(data)
if target == "markdown":
    for example in conformance("commonmark-0.31.2.json") + conformance("gfm-extensions.json"):
        seed(example["markdown"])
    for page in pages:
        seed(page)
elif target == "page":
    for page in pages:
        seed(page)
elif target == "editor":
    for page in pages:
        if page[:1] in (b"-", b"+", b"{"):
            seed(b"\x00" + page)
    for example in conformance("commonmark-0.31.2.json")[::10]:
        seed("---\ntitle: x\n---\n" + example["markdown"])
elif target == "yaml":
    for case in conformance("yaml-test-suite.json"):
        seed(case["yaml"])
    for page in pages:
        seed(frontmatter(page, "---") or "")
    for data in files(fixtures, (".yaml", ".yml")):
        seed(data)
elif target == "toml":
    for case in conformance("toml-test-1.0.0.json"):
        seed(case["toml"] if "toml" in case else base64.b64decode(case["toml_b64"]))
    for page in pages:
        seed(frontmatter(page, "+++") or "")
    for data in files(fixtures, (".toml",)):
        seed(data)
elif target == "json":
    for case in conformance("yaml-test-suite.json"):
        seed(case.get("json") or "")
    for page in pages:
        if page.lstrip().startswith(b"{"):
            seed(page)
    for data in files(fixtures, (".json",)):
        if len(data) < 64 * 1024:
            seed(data)
elif target == "template":
    for data in files(os.path.join(fixtures, "templates"), ("",)):
        seed(data)
    for data in files(fixtures, (".html",)):
        seed(data)
else:
    sys.exit(f"unknown target {target}")
print(f"{count} seeds for {target}", file=sys.stderr)
