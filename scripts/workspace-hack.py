#!/usr/bin/env python3
"""Keeps workspace-hack/Cargo.toml: the dependencies, with the features `cargo test --workspace`
unifies them to, of every crate whose features differ when a package is built on its own.

Cargo unifies features over the packages one command selects, so `cargo build -p ewasm-node`
after `cargo test --workspace` rebuilt serde, SCALE and everything above them (~11 min on the
2-core build machine). The std packages built on their own (the node, the state-test runner,
the differential binaries, the fixtures, the pallet's benchmark tests) depend on workspace-hack,
which gives them the workspace's feature set: the cargo-hakari pattern, without the hack in the
no_std crates the runtime's wasm is built from. (Features are half of it: crates only build
scripts use must also get the dev profile's settings, see `[profile.dev.build-override]`.) CI
checks both: this script's --check, and that `cargo build -p ewasm-node` compiles no dependency
after the workspace's tests (scripts/test.sh).

    python3 scripts/workspace-hack.py          # rewrite workspace-hack/Cargo.toml
    python3 scripts/workspace-hack.py --check  # exit 1 if a package built on its own still differs
"""
import json
import re
import subprocess
import sys
from collections import defaultdict
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
HACK = ROOT / "workspace-hack" / "Cargo.toml"
# (package, extra cargo tree arguments): each is built on its own by a script or a test.
SOLO_BUILDS = [
    ("ewasm-node", ["-e", "normal,build"]),
    ("ewasm-statetest", ["-e", "normal,build"]),
    ("ewasm-differential", ["-e", "normal,build"]),
    ("pallet-ewasm-fixtures", ["-e", "normal,build"]),
    ("pallet-ewasm", ["--features", "runtime-benchmarks"]),
]
# Features only the benchmark tests have, on purpose.
INTENDED = {"runtime-benchmarks", "frame-benchmarking"}
PACKAGE = re.compile(r"^(\S+) v(\S+)(?: \((/[^)]*)\))?")


def resolve(args):
    """{(name, version): the feature sets it is built with} of a `cargo tree` (a crate built for
    build scripts or proc-macros with other features than for the rest appears twice), and
    {name: path} of the workspace members in it."""
    out = subprocess.run(
        ["cargo", "tree", "--prefix", "none", "-f", "{p}|{f}", *args],
        cwd=ROOT, check=True, capture_output=True, text=True,
    ).stdout
    found, paths = defaultdict(set), {}
    for line in out.splitlines():
        package, bar, feats = line.partition("|")
        if not bar:
            continue  # a section header
        name, version, path = PACKAGE.match(package).groups()
        if path:
            paths[name] = path
        found[(name, version)].add(frozenset(f for f in feats.replace(" (*)", "").split(",") if f))
    return found, paths


def sides():
    """(target, host): the crates reachable from the workspace members on each side. Build
    dependencies, proc-macros and what they depend on are the host's; listing a target-only
    crate in [build-dependencies] would build a second, host copy of it."""
    meta = json.loads(subprocess.run(
        ["cargo", "metadata", "--format-version", "1"],
        cwd=ROOT, check=True, capture_output=True, text=True,
    ).stdout)
    name_of = {p["id"]: (p["name"], p["version"]) for p in meta["packages"]}
    proc_macro = {p["id"] for p in meta["packages"] if any("proc-macro" in t["kind"] for t in p["targets"])}
    edges = {n["id"]: [(d["pkg"], {k["kind"] for k in d["dep_kinds"]}) for d in n["deps"]] for n in meta["resolve"]["nodes"]}
    members = set(meta["workspace_members"])
    target, host = set(), set()
    todo = [(m, False) for m in members]
    while todo:
        pkg, on_host = todo.pop()
        on_host = on_host or pkg in proc_macro
        seen = host if on_host else target
        if pkg in seen:
            continue
        seen.add(pkg)
        for dep, kinds in edges[pkg]:
            if None in kinds or ("dev" in kinds and pkg in members):
                todo.append((dep, on_host))
            if "build" in kinds:
                todo.append((dep, True))
    return {name_of[p] for p in target}, {name_of[p] for p in host}


def differences(workspace, solo):
    """The crates built with other features on their own: each pinned with the union of its
    workspace feature sets (on each side it is on, see `sides`)."""
    def without_intended(sets):
        return {frozenset(f - INTENDED) for f in sets}

    return {
        crate: set().union(*without_intended(workspace[crate]))
        for crate, sets in solo.items()
        if crate in workspace and without_intended(workspace[crate]) != without_intended(sets)
    }


def render(pins, paths, target=frozenset(), host=frozenset()):
    """The hack's Cargo.toml: each pin under [dependencies] if it is on the target side, under
    [build-dependencies] if on the host side (see `sides`)."""
    versions = defaultdict(set)
    for name, version in pins:
        versions[name].add(version)

    def entry(name, version, feats):
        listed = ", ".join(f'"{f}"' for f in sorted(feats))
        if name in paths:
            source = f'path = "../{Path(paths[name]).relative_to(ROOT)}"'
        else:
            source = f'version = "{version}"'
        key, package = name, ""
        if len(versions[name]) > 1:
            major = version.split(".")[0] if not version.startswith("0.") else "0_" + version.split(".")[1]
            key, package = f"{name}-{major}", f'package = "{name}", '
        return f"{key} = {{ {package}{source}, default-features = false, features = [{listed}] }}"

    def section(side):
        return "\n".join(entry(n, v, f) for (n, v), f in sorted(pins.items()) if (n, v) in side)

    return f"""# Generated by scripts/workspace-hack.py: do not edit. The features `cargo test --workspace`
# gives these crates, for the packages built on their own (see the script).
[package]
name = "workspace-hack"
description = "Gives the std packages built on their own the workspace's feature set"
version.workspace = true
edition.workspace = true
license.workspace = true
publish = false

[dependencies]
{section(target)}

# Build scripts and proc-macros: cargo resolves their features apart.
[build-dependencies]
{section(host)}
"""


def remaining():
    """What still differs, per package built on its own, with the current workspace-hack."""
    workspace, paths = resolve(["--workspace"])
    diffs = {}
    for package, args in SOLO_BUILDS:
        diffs[package] = differences(workspace, resolve(["-p", package, *args])[0])
    return diffs, paths


def main():
    if "--check" in sys.argv:
        diffs, _ = remaining()
        stale = {p: sorted(f"{n} {v}" for n, v in d) for p, d in diffs.items() if d}
        if stale:
            print("workspace-hack is out of date (run python3 scripts/workspace-hack.py):", stale)
            sys.exit(1)
        print("workspace-hack: every package built on its own has the workspace's features")
        return
    # Pinning a crate can pull new crates into a package's tree: repeat until nothing differs.
    pins = {}
    HACK.write_text(render(pins, {}))
    target, host = sides()
    for _ in range(10):
        diffs, paths = remaining()
        new = {c: f for d in diffs.values() for c, f in d.items()}
        if not new:
            print(f"workspace-hack pins {len(pins)} crates")
            return
        pins.update(new)
        HACK.write_text(render(pins, paths, target, host))
    sys.exit("workspace-hack: no fixed point after 10 rounds")


if __name__ == "__main__":
    main()
