#!/usr/bin/env python3
"""Before/after table of the figures a benchmark printed (scripts/bench-before-after).

Every number on every printed line is a figure, named by its line with that number shown as
[#] and the other numbers as #; a name printed several times in a run is told apart by its
occurrence (@2, @3...). Kept: figures every run on both sides printed and that vary at all, each once (a summary table
repeating a line's figures is not shown again).
Per figure: median before, median after, after/before ratio, min..max each side, and the
verdict: "within noise" when the two ranges overlap or the ratio differs from 1 by no more
than the larger relative spread (max-min)/median of the two sides; otherwise "regression" or
"improvement" when the unit says which way is better, else "higher"/"lower".
"""
import argparse
import re
import statistics
import sys
from collections import defaultdict

# not inside names, addresses or paths (p99, node-1, 127.0.10.201, :8080, /24)
NUMBER = re.compile(r"(?<![\w.\-/:])\d[\d,]*(?:\.\d+)?(?![\d.]*\d)")
# the unit printed right after a figure says which way is better
LOWER_IS_BETTER = re.compile(r"^(ms|s|us|µs|%|B|KiB|MiB|GiB|kB|ticks)(?=\W|$)")
HIGHER_IS_BETTER = re.compile(r"^(qps|req/s|creates/s|events/s|Gbit/s|Mbit/s|/s)(?=\W|$)")
SKIP = re.compile(r"^(# |\$ |machine at |installing |\d\d:\d\d:\d\d\.\d+ +(WARN|INFO|DEBUG))")


def figures(path):
    out = {}
    seen = defaultdict(int)
    with open(path, encoding="utf-8", errors="replace") as f:
        for line in f:
            # a port picked at random per run (127.0.9.1:45749) is not a figure and must not split a name
            line = re.sub(r"(?<=\d):\d{2,5}\b", ":port", " ".join(line.split()))
            if not line or SKIP.match(line):
                continue
            matches = list(NUMBER.finditer(line))
            for i, m in enumerate(matches):
                parts, last = [], 0
                for j, n in enumerate(matches):
                    parts.append(line[last:n.start()])
                    parts.append("[#]" if i == j else "#")
                    last = n.end()
                parts.append(line[last:])
                name = "".join(parts)
                seen[name] += 1
                key = name if seen[name] == 1 else f"{name} @{seen[name]}"
                out[key] = (float(m.group().replace(",", "")), line[m.end():].strip())
    return out


def shorten(name, width=110):
    if len(name) <= width:
        return name
    at = name.index("[#]")
    start = max(0, min(at - width // 2, len(name) - width))
    return ("…" if start > 0 else "") + name[start:start + width] + ("…" if start + width < len(name) else "")


def direction(after_number):
    if HIGHER_IS_BETTER.match(after_number):
        return 1
    if LOWER_IS_BETTER.match(after_number):
        return -1
    return 0


def verdict(before, after, sense):
    mb, ma = statistics.median(before), statistics.median(after)
    if min(after) <= max(before) and min(before) <= max(after):
        return "within noise"
    ratio = ma / mb if mb else float("inf")
    spread = max((max(v) - min(v)) / abs(statistics.median(v)) if statistics.median(v) else 0 for v in (before, after))
    if abs(ratio - 1) <= spread:
        return "within noise"
    higher = ma > mb
    if sense == 0:
        return "higher" if higher else "lower"
    return "improvement" if (higher and sense > 0) or (not higher and sense < 0) else "regression"


def fmt(x):
    return f"{x:,.0f}" if abs(x) >= 1000 else f"{x:.3g}" if abs(x) < 10 else f"{x:.1f}"


def main():
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--before", nargs="+", required=True)
    ap.add_argument("--after", nargs="+", required=True)
    args = ap.parse_args()
    runs = {side: [figures(p) for p in paths] for side, paths in (("before", args.before), ("after", args.after))}
    order = list(runs["after"][0]) if runs["after"] else []
    common = [k for k in order if all(k in r for side in runs.values() for r in side)]
    print(f"runs: {len(args.before)} before, {len(args.after)} after; figures every run printed: {len(common)}")
    print("| figure | before median | after median | after/before | before min..max | after min..max | verdict |")
    print("|---|---:|---:|---:|---:|---:|---|")
    shown = set()
    for key in common:
        before = [r[key][0] for r in runs["before"]]
        after = [r[key][0] for r in runs["after"]]
        if len(set(before + after)) == 1 or (tuple(before), tuple(after)) in shown:
            continue  # a constant, or a figure printed again (a summary table repeating a line)
        shown.add((tuple(before), tuple(after)))
        mb, ma = statistics.median(before), statistics.median(after)
        ratio = f"{ma / mb:.2f}" if mb else "n/a"
        sense = direction(runs["after"][0][key][1])
        print(f"| {shorten(key).replace('|', '/')} | {fmt(mb)} | {fmt(ma)} | {ratio} | {fmt(min(before))}..{fmt(max(before))}"
              f" | {fmt(min(after))}..{fmt(max(after))} | {verdict(before, after, sense)} |")
    return 0


if __name__ == "__main__":
    sys.exit(main())
