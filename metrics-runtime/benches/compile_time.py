#!/usr/bin/env python3
"""Compile-time benchmark: a crate of N components of M metrics each, once
declared with `#[derive(Metrics)]` and once written by hand with
`prometheus` calls, timed under `cargo check` and `cargo build`.

Dependencies are built once first, so the timings are those of the
generated crate alone (what a user's incremental `cargo check` pays),
measured from a clean state of that crate, several runs alternating
between the two crates, medians reported.
It also times a from-scratch build of the proc-macro crate with its `syn`.

Two layouts of the same crate are timed. `modules`: each component in a
module of its own that imports what it uses, as a service lays out its
code. `glob`: every module does `use super::*;` of the crate root, which
makes rustc bind each of the crate root's names once per module; the
derive's crate-wide uniqueness check puts 11 hidden names per component in
the crate root (see `metrics-macros/src/unique.rs`), so this layout shows
what that check costs at its worst.

    python3 metrics-runtime/benches/compile_time.py [--runs 5] [--components 200] [--metrics 10] [--layout modules|glob|both]
"""

import argparse
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time

ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
KINDS = [("IntCounter", "_total"), ("Counter", "_total"), ("IntGauge", ""), ("Gauge", ""), ("Histogram", "_seconds")]
TYPES = "Counter, Gauge, Histogram, IntCounter, IntGauge"


def imports(layout, names):
    """The crate root's imports and each module's, for `layout`."""
    if layout == "glob":
        return [f"use prometheus_component::{name};" for name in names], ["    use super::*;"]
    return [], [f"    use prometheus_component::{name};" for name in names]


def derive_source(components, metrics, layout):
    root, module = imports(layout, ["prometheus::*" if layout == "glob" else f"prometheus::{{{TYPES}}}", "Metrics"])
    out = root + [""]
    for c in range(components):
        out.append(f"pub mod c{c} {{")
        out.extend(module)
        out.append("    /// A component.")
        out.append("    #[derive(Metrics)]")
        out.append(f'    #[metrics(component = "c{c}", namespace = "gen")]')
        out.append(f"    pub struct C{c} {{")
        for m in range(metrics):
            ty, suffix = KINDS[m % len(KINDS)]
            out.append(f"        /// Metric {m}.")
            out.append(f"        pub m{m}{suffix}: {ty},")
        out.append("    }")
        out.append("}")
    return "\n".join(out) + "\n"


def hand_source(components, metrics, layout):
    used = "prometheus::*" if layout == "glob" else f"prometheus::{{{TYPES}, HistogramOpts, Opts, Registry, Result}}"
    root, module = imports(layout, [used])
    out = root + [""]
    for c in range(components):
        out.append(f"pub mod c{c} {{")
        out.extend(module)
        out.append("    /// A component.")
        out.append(f"    pub struct C{c} {{")
        for m in range(metrics):
            ty, suffix = KINDS[m % len(KINDS)]
            out.append(f"        /// Metric {m}.")
            out.append(f"        pub m{m}{suffix}: {ty},")
        out.append("    }")
        out.append(f"    impl C{c} {{")
        out.append("        /// Creates and registers every metric.")
        out.append("        pub fn register(registry: &Registry) -> Result<Self> {")
        out.append("            let this = Self {")
        for m in range(metrics):
            ty, suffix = KINDS[m % len(KINDS)]
            name = f"gen_c{c}_m{m}{suffix}"
            opts = "HistogramOpts" if ty == "Histogram" else "Opts"
            out.append(f'                m{m}{suffix}: {ty}::with_opts({opts}::new("{name}", "Metric {m}."))?,')
        out.append("            };")
        for m in range(metrics):
            _, suffix = KINDS[m % len(KINDS)]
            out.append(f"            registry.register(Box::new(this.m{m}{suffix}.clone()))?;")
        out.append("            Ok(this)")
        out.append("        }")
        out.append("    }")
        out.append("}")
    return "\n".join(out) + "\n"


def make_crate(base, layout, name, source):
    path = os.path.join(base, layout, name)
    os.makedirs(os.path.join(path, "src"))
    runtime = os.path.join(ROOT, "metrics-runtime")
    with open(os.path.join(path, "Cargo.toml"), "w") as f:
        f.write(
            f'[package]\nname = "{name}"\nversion = "0.0.0"\nedition = "2021"\npublish = false\n\n'
            f'[dependencies]\nprometheus-component = {{ path = "{runtime}" }}\n\n[workspace]\n'
        )
    with open(os.path.join(path, "src", "lib.rs"), "w") as f:
        f.write(source)
    shutil.copy(os.path.join(ROOT, "rust-toolchain.toml"), path)
    shutil.copy(os.path.join(ROOT, "Cargo.lock"), path)
    return path


def cargo(path, *args, target):
    env = dict(os.environ, CARGO_TARGET_DIR=target)
    start = time.perf_counter()
    subprocess.run(["cargo", *args], cwd=path, env=env, check=True,
                   stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    return time.perf_counter() - start


def time_crates(crates, command, runs, target):
    """Median time of `cargo <command>` for each crate, from a clean state
    of that crate. The runs alternate between the crates, so that a change
    in the machine's load during the benchmark weighs on both alike."""
    for path in crates.values():
        cargo(path, command, target=target)  # dependencies, once
    times = {name: [] for name in crates}
    for _ in range(runs):
        for name, path in crates.items():
            cargo(path, "clean", "-p", name, target=target)
            times[name].append(cargo(path, command, target=target))
    return {name: (statistics.median(t), t) for name, t in times.items()}


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--components", type=int, default=200)
    parser.add_argument("--metrics", type=int, default=10)
    parser.add_argument("--layout", choices=["modules", "glob", "both"], default="both")
    args = parser.parse_args()
    layouts = ["modules", "glob"] if args.layout == "both" else [args.layout]

    base = tempfile.mkdtemp(prefix="metrics-compile-bench-")
    try:
        target = os.path.join(base, "target")
        for layout in layouts:
            crates = {
                "gen_derive": make_crate(base, layout, "gen_derive", derive_source(args.components, args.metrics, layout)),
                "gen_hand": make_crate(base, layout, "gen_hand", hand_source(args.components, args.metrics, layout)),
            }
            results = {}
            for command in ("check", "build"):
                for name, (median, times) in time_crates(crates, command, args.runs, target).items():
                    results[(command, name)] = median
                    print(f"{layout:7} cargo {command:5} {name:10}: median {median:6.2f} s  runs {', '.join(f'{t:.2f}' for t in times)}")
                ratio = results[(command, "gen_derive")] / results[(command, "gen_hand")]
                print(f"{layout:7} cargo {command:5} derive / hand-written: {ratio:.2f}x", flush=True)

        macros_target = os.path.join(base, "target-macros")
        times = []
        for _ in range(max(1, args.runs // 2)):
            shutil.rmtree(macros_target, ignore_errors=True)
            times.append(cargo(ROOT, "build", "-p", "prometheus-component-macros", target=macros_target))
        print(f"prometheus-component-macros from scratch (with syn, quote, proc-macro2): median {statistics.median(times):.2f} s")
    finally:
        shutil.rmtree(base, ignore_errors=True)


if __name__ == "__main__":
    sys.exit(main())
