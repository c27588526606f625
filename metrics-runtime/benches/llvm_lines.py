#!/usr/bin/env python3
"""LLVM IR lines per component: what each declared component makes the
compiler build, measured with cargo-llvm-lines on a crate of N ten-field
components (one field of each kind: the five scalar types and their
`*Vec`s) against the same crate with one component. By default none of
the components is used, so the figure is what declaring one costs; with
`--used`, a public function calls every component's `global()`,
`try_global()`, `register`, `unregister` and `for_test()`, so the figure
is what a component costs the crate that uses it too.

    cargo install cargo-llvm-lines
    python3 metrics-runtime/benches/llvm_lines.py [--components 20] [--top 25] [--used]

It prints the total lines of both crates, the lines per component
((total of N - total of 1) / (N - 1)), and the functions with the most
lines in the crate of N, with their copies: a function instantiated once
per component shows N copies (or a multiple of N).
"""

import argparse
import os
import re
import shutil
import subprocess
import sys
import tempfile

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import compile_time  # noqa: E402  (the scratch crates are made the same way)
FIELDS = [
    ("IntCounter", "_total", None),
    ("Counter", "_total", None),
    ("IntGauge", "", None),
    ("Gauge", "", None),
    ("Histogram", "_seconds", None),
    ("IntCounterVec", "_total", '"route"'),
    ("CounterVec", "_total", '"route"'),
    ("IntGaugeVec", "", '"route"'),
    ("GaugeVec", "", '"route"'),
    ("HistogramVec", "_seconds", '"route"'),
]


def source(components, used):
    types = ", ".join(sorted({ty for ty, _, _ in FIELDS}))
    out = [f"use prometheus_component::prometheus::{{{types}}};", "use prometheus_component::Metrics;", ""]
    for c in range(components):
        out.append("/// A component.")
        out.append("#[derive(Metrics)]")
        out.append(f'#[metrics(component = "c{c}", namespace = "gen")]')
        out.append(f"pub struct C{c} {{")
        for m, (ty, suffix, labels) in enumerate(FIELDS):
            out.append(f"    /// Metric {m}.")
            if labels:
                out.append(f"    #[metric(labels = [{labels}])]")
            out.append(f"    pub m{m}{suffix}: {ty},")
        out.append("}")
        out.append("")
    if used:
        out.append("/// Uses every component as a service would.")
        out.append("pub fn use_all(registry: &prometheus_component::Registry) {")
        for c in range(components):
            out.append(f"    C{c}::global().m0_total.inc();")
            out.append(f"    let _ = C{c}::try_global();")
            out.append(f"    let _ = C{c}::register(registry);")
            out.append(f"    C{c}::unregister(registry);")
            out.append(f"    C{c}::for_test().m0_total.inc();")
        out.append("}")
    return "\n".join(out)


def make_crate(base, components, used):
    name = f"gen_llvm_{components}"
    return compile_time.make_crate(base, "llvm", name, source(components, used))


def llvm_lines(path, target):
    env = dict(os.environ, CARGO_TARGET_DIR=target)
    result = subprocess.run(["cargo", "llvm-lines", "--lib"], cwd=path, env=env, check=True,
                            capture_output=True, text=True)
    rows = []
    total = None
    for line in result.stdout.splitlines():
        t = re.match(r"\s*(\d+)\s+(\d+)\s+\(TOTAL\)", line)
        if t:
            total = (int(t.group(1)), int(t.group(2)))
            continue
        m = re.match(r"\s*(\d+)\s+\([^)]*\)\s+(\d+)\s+\([^)]*\)\s+(.*)", line)
        if not m:
            continue
        lines, copies, function = int(m.group(1)), int(m.group(2)), m.group(3)
        rows.append((lines, copies, function))
    if total is None:
        sys.exit("cargo llvm-lines printed no total:\n" + result.stdout + result.stderr)
    return total, rows


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--components", type=int, default=20)
    parser.add_argument("--top", type=int, default=25)
    parser.add_argument("--used", action="store_true", help="call every component's methods")
    args = parser.parse_args()
    if shutil.which("cargo-llvm-lines") is None:
        sys.exit("needs cargo-llvm-lines: cargo install cargo-llvm-lines")
    base = tempfile.mkdtemp(prefix="metrics-llvm-lines-")
    try:
        target = os.path.join(base, "target")
        (one, one_copies), _ = llvm_lines(make_crate(base, 1, args.used), target)
        (many, many_copies), rows = llvm_lines(make_crate(base, args.components, args.used), target)
        per = (many - one) / (args.components - 1)
        per_copies = (many_copies - one_copies) / (args.components - 1)
        print(f"1 component: {one} lines, {one_copies} functions")
        print(f"{args.components} components: {many} lines, {many_copies} functions")
        what = "used" if args.used else "declared, unused"
        print(f"per ten-field component ({what}): {per:.0f} LLVM IR lines, {per_copies:.0f} functions")
        print(f"\nlargest in the crate of {args.components} (lines, copies, function):")
        for lines, copies, function in rows[: args.top]:
            print(f"{lines:8} {copies:6}  {function}")
    finally:
        shutil.rmtree(base, ignore_errors=True)


if __name__ == "__main__":
    sys.exit(main())
