#!/usr/bin/env python3
"""check-messages.py SOURCE_ROOT — no message reaches a user unmarked.

A string literal given as the message of kp_fail, kp_err_wrap, kp_fail_errno,
kp_cli_error, kp_cli_usage_error, kp_note, or printed to stderr, must be
marked _("...") (or N_ in a table) so that it is in the catalog.  Literals
without a letter ("%s: %s") carry no words and pass.  Files listed in
po/UNCHECKED are not checked yet; the list only ever shrinks.
"""
import os
import re
import sys

# The callee and how many arguments come before its message.
CALLS = {
    "kp_fail": 1, "kp_err_wrap": 1, "kp_fail_errno": 1,
    "kp_cli_error": 0, "kp_cli_usage_error": 1, "kp_note": 0,
    "fprintf": 1, "fputs": 0, "printf": 0, "puts": 0,
}
CALL = re.compile(r"\b(" + "|".join(CALLS) + r")\s*\(")
LITERAL = re.compile(r'\s*"')
LETTERS = re.compile(r"[A-Za-z]{2,}")


def arguments(text, start):
    """The top-level arguments of the call whose '(' is at text[start-1]."""
    depth, args, cur, i, quote = 0, [], [], start, None
    while i < len(text):
        c = text[i]
        if quote:
            cur.append(c)
            if c == "\\":
                cur.append(text[i + 1])
                i += 1
            elif c == quote:
                quote = None
        elif c in "\"'":
            quote = c
            cur.append(c)
        elif c in "([{":
            depth += 1
            cur.append(c)
        elif c in ")]}":
            if depth == 0:
                args.append("".join(cur))
                return args
            depth -= 1
            cur.append(c)
        elif c == "," and depth == 0:
            args.append("".join(cur))
            cur = []
        else:
            cur.append(c)
        i += 1
    return args


def literal_words(arg):
    """The words of arg when it is a bare string literal, else None."""
    if not LITERAL.match(arg):
        return None
    text = "".join(re.findall(r'"((?:[^"\\]|\\.)*)"', arg))
    return text if LETTERS.search(re.sub(r"%[-+ #0-9.]*l?l?[a-zA-Z]", "", text)) else None


def check(path, rel):
    text = open(path, encoding="utf-8").read()
    text = re.sub(r"/\*.*?\*/", lambda m: "\n" * m.group().count("\n"), text, flags=re.S)
    problems = []
    for m in CALL.finditer(text):
        args = arguments(text, m.end())
        skip = CALLS[m.group(1)]
        if m.group(1) == "fprintf" and args and args[0].strip() not in ("stderr",):
            continue
        if m.group(1) == "fputs" and (len(args) < 2 or args[1].strip() != "stderr"):
            continue
        if len(args) <= skip:
            continue
        words = literal_words(args[skip])
        if words:
            line = text.count("\n", 0, m.start()) + 1
            problems.append(f"{rel}:{line}: unmarked message \"{words[:60]}\": mark it _(\"...\")")
    return problems


def main():
    root = sys.argv[1]
    unchecked_file = os.path.join(root, "po", "UNCHECKED")
    unchecked = set()
    if os.path.exists(unchecked_file):
        unchecked = {l.strip() for l in open(unchecked_file) if l.strip() and not l.startswith("#")}
    problems = []
    for top in ("core", "demo_city"):
        for d, _, files in os.walk(os.path.join(root, top)):
            for f in sorted(files):
                if not f.endswith(".c"):
                    continue
                path = os.path.join(d, f)
                rel = os.path.relpath(path, root)
                if rel not in unchecked:
                    problems += check(path, rel)
    for p in problems:
        print(p, file=sys.stderr)
    if problems:
        print(f"{len(problems)} unmarked messages", file=sys.stderr)
        sys.exit(1)


main()
