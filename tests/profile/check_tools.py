#!/usr/bin/env python3
"""make test's check of tools/profile's folding and tools/flamegraph's
drawing, on fixed input: tests/profile/stacks.txt (a /proc/profile_stacks
text) is folded with a made-up symbol table, and the folded stacks are
drawn and compared with tests/profile/expected.svg byte for byte (after a
change to the drawing, look at the new picture, then copy it over:
tests/profile/check_tools.py --update).  Ends with "N passed, M failed"."""
import importlib.machinery, importlib.util, os, sys
import xml.dom.minidom

HERE = os.path.dirname(os.path.abspath(__file__))
TOP = os.path.dirname(os.path.dirname(HERE))


def load(name):
    """tools/NAME, a script without .py, as a module."""
    loader = importlib.machinery.SourceFileLoader(name.replace("-", "_"),
                                                  os.path.join(TOP, "tools", name))
    module = importlib.util.module_from_spec(
        importlib.util.spec_from_loader(loader.name, loader))
    loader.exec_module(module)
    return module


PROFILE = load("profile")


class FakeSymbols:
    """entry_a at ...10, sys_b at ...20, do_c at ...30, leaf_d at ...50."""
    addrs = [0xffffffff80100010, 0xffffffff80100020, 0xffffffff80100030,
             0xffffffff80100050]
    names = ["entry_a", "sys_b", "do_c", "leaf_d"]
    name = PROFILE.Symbols.name


EXPECTED_FOLDED = {
    # two leaf pcs in leaf_d, one chain; return address ...21 is named
    # by ...20, the call: sys_b
    "entry_a;sys_b;leaf_d": 7,
    "entry_a;do_c": 3,
    # return address ...30, do_c's first byte, is named by ...2f: the
    # call was sys_b's last instruction
    "sys_b;do_c": 1,
    "[user]": 4,
    "[lost]": 1,
}


def main():
    results = []
    profile, flamegraph = PROFILE, load("flamegraph")
    lines = open(os.path.join(HERE, "stacks.txt")).read().splitlines()
    folded = profile.fold(FakeSymbols(), lines)
    results.append((folded == EXPECTED_FOLDED,
                    "fold: /proc/profile_stacks lines to folded stacks (%s)" % folded))
    text = "".join("%s %d\n" % kv for kv in sorted(folded.items()))
    root = flamegraph.parse_folded(text.splitlines())
    svg = flamegraph.flamegraph(root, "fixed input", 600)
    results.append((root.count == 16 and root.children["entry_a"].count == 10,
                    "parse_folded: 16 samples, 10 through entry_a"))
    try:
        xml.dom.minidom.parseString(svg)
        results.append((True, "the SVG is well-formed XML"))
    except Exception as e:
        results.append((False, "the SVG is well-formed XML (%s)" % e))
    expected = os.path.join(HERE, "expected.svg")
    if "--update" in sys.argv:
        open(expected, "w").write(svg)
    results.append((svg == open(expected).read(),
                    "the SVG is tests/profile/expected.svg byte for byte"))
    try:
        flamegraph.parse_folded(["a;b"])
        results.append((False, "a line without a count is refused"))
    except ValueError:
        results.append((True, "a line without a count is refused"))
    for ok, what in results:
        print("%s - %s" % ("ok" if ok else "not ok", what))
    failed = sum(not ok for ok, _ in results)
    print("%d passed, %d failed" % (len(results) - failed, failed))
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
