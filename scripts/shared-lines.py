#!/usr/bin/env python3
"""Lines shared between the built-in providers' generated files.

Each file of crates/tokenspec-core/src/providers/ (mod.rs aside) is normalised: the
provider's names (`weir`, `Weir`, `WEIR`) become `X`, each line is stripped, blank lines
dropped. Two files share a line as often as it occurs in both (a multiset intersection).
Prints lines per file, then for every pair the shared lines and their share of the
smaller file.

    python3 scripts/shared-lines.py [DIR]
"""
import collections
import itertools
import pathlib
import re
import sys

root = pathlib.Path(__file__).resolve().parent.parent
folder = pathlib.Path(sys.argv[1]) if len(sys.argv) > 1 else root / "crates/tokenspec-core/src/providers"


def camel(stem):
    return "".join(part[:1].upper() + part[1:] for part in stem.split("_"))


def lines(path):
    stem = path.stem
    names = sorted({stem, camel(stem), stem.upper()}, key=len, reverse=True)
    pattern = re.compile("|".join(re.escape(n) for n in names))
    out = []
    for line in path.read_text().splitlines():
        line = pattern.sub("X", line.strip())
        if line:
            out.append(line)
    return out


files = {p.stem: lines(p) for p in sorted(folder.glob("*.rs")) if p.stem != "mod"}
for stem, text in files.items():
    total = len((folder / f"{stem}.rs").read_text().splitlines())
    print(f"{stem:12} {total:4} lines, {len(text):4} non-blank")
worst = None
for (a, la), (b, lb) in itertools.combinations(files.items(), 2):
    shared = sum((collections.Counter(la) & collections.Counter(lb)).values())
    share = shared / min(len(la), len(lb))
    print(f"{a:10} {b:10} {shared:4} shared, {share:4.0%} of the smaller")
    if worst is None or share > worst[0]:
        worst = (share, a, b, shared)
print(f"most shared: {worst[1]} and {worst[2]}, {worst[3]} lines, {worst[0]:.0%}")
