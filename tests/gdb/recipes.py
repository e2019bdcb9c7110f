#!/usr/bin/python3
"""Checks that every gdb sequence in the docs is tested: each ```gdb
block's "(gdb) " commands must appear, in order and contiguous, in the
commands of some tests/gdb/*.gdb scenario.  Prints one line per block,
"ok<TAB>what" or "fail<TAB>what", for tests/gdb/run.sh to report.

usage: tests/gdb/recipes.py docs/*.md tests/gdb/*.gdb
"""
import re
import sys


def doc_blocks(text):
    """The command lists of the ```gdb blocks, in order."""
    for block in re.findall(r"^```gdb\n(.*?)^```", text, re.M | re.S):
        yield [line[len("(gdb) "):].strip() for line in block.splitlines()
               if line.startswith("(gdb) ")]


def scenario_commands(path):
    with open(path) as f:
        return [line.strip() for line in f
                if line.strip() and not line.startswith("#")]


def contains(seq, sub):
    return any(seq[i:i + len(sub)] == sub
               for i in range(len(seq) - len(sub) + 1))


def check_doc(doc, tested):
    with open(doc) as f:
        blocks = list(doc_blocks(f.read()))
    for n, block in enumerate(blocks, 1):
        where = [p for p, cmds in tested.items() if block and contains(cmds, block)]
        what = "%s block %d (%s) is run by %s" % (
            doc, n, block[0] if block else "empty",
            where[0] if where else "no scenario")
        print("%s\t%s" % ("ok" if where else "fail", what))


def main(paths):
    """paths: the docs (*.md) and the scenarios (*.gdb), in any order."""
    tested = {p: scenario_commands(p) for p in paths if p.endswith(".gdb")}
    for doc in (p for p in paths if p.endswith(".md")):
        check_doc(doc, tested)


if __name__ == "__main__":
    main(sys.argv[1:])
