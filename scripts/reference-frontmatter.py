#!/usr/bin/env python3
"""Reference front matter parser: the oracle for Tests/TWCFrontmatterTests/FrontmatterPatternsTests.swift.

usage: scripts/reference-frontmatter.py FILE...

Finds the front matter block of each file exactly as Hugo's page lexer does (YAML between `---`
lines, TOML between `+++` lines, a JSON object starting with `{`), parses it with PyYAML (YAML),
tomllib (TOML, Python 3.11 standard library) or json, and prints one JSON object
{path: value} on standard output.

Values are printed so that a comparison can be exact:
  string            JSON string
  boolean, null     JSON true / false / null
  integer           {"$int": "<decimal digits>"}        (no precision lost to JSON doubles)
  float             {"$float": "<repr>"}                 (repr round-trips; "inf", "-inf", "nan")
  date/time         {"$datetime": "<source text>"}       (the text as written, not a reformatted date)
  sequence / array  JSON array
  mapping / table   {"$table": [[key, value], ...]}      (keys as strings, in source order)
A file's entry is {"$table": ...} for its front matter, {"$none": true} when the file has no
front matter, or {"$error": "<message>"} when the block is missing its end or does not parse.

YAML: Hugo 0.152+ reads front matter with goccy/go-yaml as YAML 1.2 (core schema). PyYAML's
SafeLoader implements YAML 1.1, so the loader below (Yaml12Loader) differs from plain SafeLoader
in exactly these ways:
  1. Implicit resolvers are the YAML 1.2 core schema instead of YAML 1.1's:
     - bool:  true/True/TRUE/false/False/FALSE only (1.1 also took yes/no/on/off/y/n: strings here);
     - null:  ~, null, Null, NULL and the empty scalar (as 1.1);
     - int:   [-+]?[0-9]+ (decimal, so 0777 is 777, not octal 511), 0o[0-7]+, 0x[0-9a-fA-F]+
              (1.1's 0b binary, 0777 octal, 1_000 underscores and 190:20:30 sexagesimal: strings);
     - float: [-+]?(\.[0-9]+|[0-9]+(\.[0-9]*)?)([eE][-+]?[0-9]+)?, [-+]?.inf, .nan (and their
              capitalised spellings) -- 1e3 is a float (1.1 needed a dot), 1_000.5 and 190:20:30.5
              are strings;
     - the 1.1 `=` (value) resolver is dropped: `=` is a plain string;
     - merge keys `<<` are resolved and merged as in 1.1: YAML 1.2 has no merge type, but
       goccy/go-yaml merges `<<` when it decodes a mapping, so Hugo sees merged front matter.
  2. Timestamps (the YAML 1.1 timestamp pattern, which our parser also recognises) are not turned
     into datetime objects: they are kept as their source text, tagged {"$datetime": ...}.
     An explicit !!timestamp tag does the same.
  3. A key repeated in one mapping (or a second `<<` merge key) is an error (goccy/go-yaml:
     "mapping key ... already defined"), where SafeLoader silently keeps the last value.
  4. Mapping keys are strings: a scalar key is its scalar text (`1: x` has key "1", `true: x` key
     "true"), as Hugo's map[string]any front matter has them; a collection as a key is an error.
  5. The YAML 1.1 !!binary, !!omap, !!pairs and !!set types are errors (Hugo front matter has no
     such values).

TOML: tomllib implements TOML 1.0 as pelletier/go-toml v2 (Hugo's TOML library) does. The one
change is that offset date-times, local date-times, local dates and local times are kept as their
source text ({"$datetime": ...}) instead of datetime objects; the script still lets tomllib check
that they are valid dates and times.

JSON: the json module, with integers kept apart from floats (Go's encoding/json would make every
number a float64; the comparison is about parsing, and no fixture page has JSON front matter).
"""

import json
import math
import re
import sys

try:
    import yaml
except ImportError:  # reported by the caller (the Swift test) with the install command
    print("error: PyYAML is not installed (python3 -m pip install pyyaml)", file=sys.stderr)
    sys.exit(3)

try:
    import tomllib
    import tomllib._parser as _toml_parser
except ImportError:
    print("error: Python 3.11 or later is needed (tomllib)", file=sys.stderr)
    sys.exit(3)


# ---------------------------------------------------------------------------------------------
# Values


class DateTimeText(str):
    """A date/time kept as its source text."""


def encode(value):
    """Python value -> the tagged JSON form described above."""
    if isinstance(value, DateTimeText):
        return {"$datetime": str(value)}
    if isinstance(value, bool) or value is None or isinstance(value, str):
        return value
    if isinstance(value, int):
        return {"$int": str(value)}
    if isinstance(value, float):
        if math.isnan(value):
            return {"$float": "nan"}
        if math.isinf(value):
            return {"$float": "inf" if value > 0 else "-inf"}
        return {"$float": repr(value)}
    if isinstance(value, list):
        return [encode(v) for v in value]
    if isinstance(value, dict):
        return {"$table": [[str(k), encode(v)] for k, v in value.items()]}
    raise ValueError(f"unsupported value of type {type(value).__name__}")


# ---------------------------------------------------------------------------------------------
# YAML 1.2 core schema on top of PyYAML's SafeLoader


class Yaml12Loader(yaml.SafeLoader):
    pass


# Deviation 1: replace every implicit resolver by the YAML 1.2 core schema.
Yaml12Loader.yaml_implicit_resolvers = {}
Yaml12Loader.add_implicit_resolver(
    "tag:yaml.org,2002:bool", re.compile(r"^(?:true|True|TRUE|false|False|FALSE)$"), list("tTfF"))
Yaml12Loader.add_implicit_resolver(
    "tag:yaml.org,2002:null", re.compile(r"^(?:~|null|Null|NULL|)$"), ["~", "n", "N", ""])
Yaml12Loader.add_implicit_resolver(
    "tag:yaml.org,2002:int", re.compile(r"^(?:[-+]?[0-9]+|0o[0-7]+|0x[0-9a-fA-F]+)$"), list("-+0123456789"))
Yaml12Loader.add_implicit_resolver(
    "tag:yaml.org,2002:float",
    re.compile(r"^(?:[-+]?(?:\.[0-9]+|[0-9]+(?:\.[0-9]*)?)(?:[eE][-+]?[0-9]+)?"
               r"|[-+]?\.(?:inf|Inf|INF)|\.(?:nan|NaN|NAN))$"),
    list("-+.0123456789"))
Yaml12Loader.add_implicit_resolver(
    "tag:yaml.org,2002:merge", re.compile(r"^(?:<<)$"), ["<"])
# Deviation 2 (resolution part): the YAML 1.1 timestamp pattern, as PyYAML has it.
Yaml12Loader.add_implicit_resolver(
    "tag:yaml.org,2002:timestamp",
    re.compile(r"""^(?:[0-9][0-9][0-9][0-9]-[0-9][0-9]-[0-9][0-9]
                    |[0-9][0-9][0-9][0-9] -[0-9][0-9]? -[0-9][0-9]?
                     (?:[Tt]|[ \t]+)[0-9][0-9]?
                     :[0-9][0-9] :[0-9][0-9] (?:\.[0-9]*)?
                     (?:[ \t]*(?:Z|[-+][0-9][0-9]?(?::[0-9][0-9])?))?)$""", re.X),
    list("0123456789"))


def _construct_int(loader, node):
    text = loader.construct_scalar(node)
    if text.startswith("0o"):
        return int(text[2:], 8)
    if text.startswith("0x"):
        return int(text[2:], 16)
    return int(text, 10)  # 1.2 core: decimal, leading zeros included


def _construct_float(loader, node):
    text = loader.construct_scalar(node).lower()
    if text in (".inf", "+.inf"):
        return math.inf
    if text == "-.inf":
        return -math.inf
    if text == ".nan":
        return math.nan
    return float(text)


def _construct_timestamp(loader, node):
    # Deviation 2: the source text, not a datetime.
    return DateTimeText(loader.construct_scalar(node))


def _construct_mapping(loader, node, deep=False):
    # Deviations 3 and 4: string keys; a key written twice (or two `<<` merge keys) in one mapping
    # is an error. A key of the mapping itself overrides a merged one, as SafeLoader does it.
    seen = set()
    merges = 0
    for key_node, _ in node.value:
        if key_node.tag == "tag:yaml.org,2002:merge":
            merges += 1
            if merges > 1:
                raise yaml.constructor.ConstructorError(
                    None, None, "duplicate merge key '<<'", key_node.start_mark)
            continue
        if not isinstance(key_node, yaml.ScalarNode):
            raise yaml.constructor.ConstructorError(
                None, None, "a collection cannot be a front matter key", key_node.start_mark)
        if key_node.value in seen:
            raise yaml.constructor.ConstructorError(
                None, None, f"mapping key {key_node.value!r} already defined", key_node.start_mark)
        seen.add(key_node.value)
    loader.flatten_mapping(node)  # merged pairs first, then the mapping's own: later ones win
    result = {}
    for key_node, value_node in node.value:
        if not isinstance(key_node, yaml.ScalarNode):
            raise yaml.constructor.ConstructorError(
                None, None, "a collection cannot be a front matter key", key_node.start_mark)
        result[key_node.value] = loader.construct_object(value_node, deep=deep)
    return result


def _construct_yaml_map(loader, node):
    data = {}
    yield data
    data.update(_construct_mapping(loader, node))


def _unsupported(loader, node):
    raise yaml.constructor.ConstructorError(
        None, None, f"unsupported type {node.tag}", node.start_mark)


Yaml12Loader.add_constructor("tag:yaml.org,2002:int", _construct_int)
Yaml12Loader.add_constructor("tag:yaml.org,2002:float", _construct_float)
Yaml12Loader.add_constructor("tag:yaml.org,2002:timestamp", _construct_timestamp)
Yaml12Loader.add_constructor("tag:yaml.org,2002:map", _construct_yaml_map)
for _tag in ("binary", "omap", "pairs", "set"):  # deviation 5
    Yaml12Loader.add_constructor("tag:yaml.org,2002:" + _tag, _unsupported)


def parse_yaml(text):
    # Hugo reads one document; an empty block is an empty mapping.
    value = yaml.load(text, Loader=Yaml12Loader)
    if value is None:
        return {}
    if not isinstance(value, dict):
        raise ValueError("front matter must be a mapping of keys to values")
    return value


# ---------------------------------------------------------------------------------------------
# TOML: tomllib, date-times kept as source text

_toml_match_to_datetime = _toml_parser.match_to_datetime
_toml_match_to_localtime = _toml_parser.match_to_localtime


def _datetime_text(match):
    _toml_match_to_datetime(match)  # still validates (e.g. month 13 is an error)
    return DateTimeText(match.group())


def _localtime_text(match):
    _toml_match_to_localtime(match)
    return DateTimeText(match.group())


# tomllib's parser calls these two names for every date-time, date and time value.
_toml_parser.match_to_datetime = _datetime_text
_toml_parser.match_to_localtime = _localtime_text


def parse_toml(text):
    return tomllib.loads(text)


def parse_json(text):
    value = json.loads(text)
    if not isinstance(value, dict):
        raise ValueError("front matter must be a mapping of keys to values")
    return value


# ---------------------------------------------------------------------------------------------
# Hugo's page lexer (hugolib/pageparser/pagelexer_intro.go): where the front matter is


class NoFrontMatter(Exception):
    pass


def _consume_crlf(text, pos):
    consumed = False
    if pos < len(text) and text[pos] == "\r":
        pos += 1
        consumed = True
    if pos < len(text) and text[pos] == "\n":
        pos += 1
        consumed = True
    return pos, consumed


def find_front_matter(text):
    """(format, content) of the front matter block, as Hugo's lexer cuts it."""
    pos = 0
    while pos < len(text):
        c = text[pos]
        if c in " \t\r\n\ufeff":  # spaces, line ends and byte order marks before the block
            pos += 1
            continue
        break
    else:
        raise NoFrontMatter()
    c = text[pos]
    if c in "+-":
        name, fmt = ("TOML", "toml") if c == "+" else ("YAML", "yaml")
        delim = c * 3
        if text[pos:pos + 3] != delim:
            raise ValueError(f"invalid {name} delimiter")
        pos, at_line_end = _consume_crlf(text, pos + 3)
        start = pos
        while True:
            if not at_line_end:
                if pos >= len(text):
                    raise ValueError(f"EOF looking for end {name} front matter delimiter")
                r = text[pos]
                pos += 1
                at_line_end = r in "\r\n"
                if not at_line_end:
                    continue
            if text.startswith(delim, pos):
                return fmt, text[start:pos]
            at_line_end = False
    if c == "{":
        level, in_quote, start = 0, False, pos
        while True:
            if pos >= len(text):
                raise ValueError("unexpected EOF parsing JSON front matter")
            r = text[pos]
            pos += 1
            if r == "{" and not in_quote:
                level += 1
            elif r == "}" and not in_quote:
                level -= 1
            elif r == '"':
                in_quote = not in_quote
            elif r == "\\":
                pos += 1
            if level == 0:
                return "json", text[start:pos]
    raise NoFrontMatter()


PARSERS = {"yaml": parse_yaml, "toml": parse_toml, "json": parse_json}


def reference(path):
    with open(path, "rb") as f:
        data = f.read()
    try:
        text = data.decode("utf-8")
        fmt, content = find_front_matter(text)
        return encode(PARSERS[fmt](content))
    except NoFrontMatter:
        return {"$none": True}
    except Exception as error:  # any parse error is a result to compare, not a crash
        return {"$error": f"{type(error).__name__}: {error}"}


def main(argv):
    if not argv:
        print(__doc__.splitlines()[2], file=sys.stderr)
        return 2
    result = {path: reference(path) for path in argv}
    json.dump(result, sys.stdout, ensure_ascii=False, sort_keys=True)
    sys.stdout.write("\n")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
