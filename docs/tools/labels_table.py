#!/usr/bin/env python3
"""Rewrite the "## The table" part of docs/labels.md from src/model/labels/{ja,en}.toml.

Run from the repository root after adding or changing a label: python3 docs/tools/labels_table.py
(tests/labels.rs checks that every key is documented)."""
import re
import tomllib


def comments(path):
    """The comment line above each key, by `section.key`."""
    out, section, last = {}, None, ""
    for line in open(path, encoding="utf-8"):
        line = line.rstrip("\n")
        m = re.match(r"^\[([a-z_]+)\]", line)
        if m:
            section, last = m.group(1), ""
        elif line.startswith("#"):
            last = line.lstrip("# ").strip()
        else:
            k = re.match(r"^([a-z_0-9]+)\s*=", line)
            if k and section:
                out[f"{section}.{k.group(1)}"] = last
                last = ""
    return out


def cell(text):
    return text.replace("|", "\\|").replace("\n", " ")


ja = tomllib.load(open("src/model/labels/ja.toml", "rb"))
en = tomllib.load(open("src/model/labels/en.toml", "rb"))
where = comments("src/model/labels/en.toml")
parts = ["## The table\n"]
for section, names in ja.items():
    parts.append(f"\n### `[{section}]`\n\n| Key | 日本語（既定） | English | Where it shows |\n|---|---|---|---|")
    for name, text in names.items():
        key = f"{section}.{name}"
        parts.append(f"| `{key}` | {cell(text)} | {cell(en[section][name])} | {cell(where.get(key, ''))} |")
doc = open("docs/labels.md", encoding="utf-8").read()
start = doc.index("## The table")
end = doc.index("\n## ", start + 1)
doc = doc[:start] + "\n".join(parts) + "\n" + doc[end:]
open("docs/labels.md", "w", encoding="utf-8").write(doc)
