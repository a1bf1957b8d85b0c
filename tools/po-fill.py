#!/usr/bin/env python3
"""po-fill.py [--force] PO JSON — fill entries of a .po file from JSON.

JSON is an object {"English message": "中文译文", ...}.  Untranslated and
fuzzy entries found in it are filled (and lose their fuzzy mark); entries
already translated are left alone unless --force.  Prints how many entries
are still untranslated or fuzzy.
"""
import json
import re
import sys

ESCAPES = {"n": "\n", "t": "\t", '"': '"', "\\": "\\"}


def unquote(line):
    body = line[line.index('"') + 1:line.rindex('"')]
    return re.sub(r"\\(.)", lambda m: ESCAPES.get(m.group(1), m.group(0)), body)


def quote(text):
    esc = text.replace("\\", "\\\\").replace('"', '\\"').replace("\t", "\\t")
    parts = esc.split("\n")
    pieces = [p + "\\n" for p in parts[:-1]] + ([parts[-1]] if parts[-1] else [])
    if len(pieces) <= 1:
        return [f'msgstr "{pieces[0] if pieces else ""}"']
    return ['msgstr ""'] + [f'"{p}"' for p in pieces]


def split_field(lines, name):
    """(the field's text or None, the lines without the field)."""
    text, rest, on = None, [], False
    for l in lines:
        if l.startswith(name + " "):
            on, text = True, unquote(l)
        elif on and l.startswith('"'):
            text += unquote(l)
        else:
            on = False
            rest.append(l)
    return text, rest


def main():
    force = "--force" in sys.argv
    po, table_file = [a for a in sys.argv[1:] if a != "--force"]
    table = json.load(open(table_file, encoding="utf-8"))
    out, left = [], 0
    for block in open(po, encoding="utf-8").read().rstrip("\n").split("\n\n"):
        lines = block.split("\n")
        msgid, _ = split_field(lines, "msgid")
        msgstr, rest = split_field(lines, "msgstr")
        fuzzy = any(l.startswith("#,") and "fuzzy" in l for l in lines)
        plural = any(l.startswith("msgid_plural") for l in lines)
        wanted = msgid and (not msgstr or fuzzy or force)
        if wanted and not plural and msgid in table:
            rest = [re.sub(r",?\s*fuzzy", "", l) if l.startswith("#,") else l for l in rest]
            rest = [l for l in rest if l.strip() not in ("#,", "")]
            lines = rest + quote(table[msgid])
        elif msgid and (not msgstr or fuzzy):
            left += 1
        out.append("\n".join(lines))
    open(po, "w", encoding="utf-8").write("\n\n".join(out) + "\n")
    print(f"{left} entries untranslated or fuzzy")


main()
