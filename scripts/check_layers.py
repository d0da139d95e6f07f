#!/usr/bin/env python3
"""Checks that paperkg's modules import one way, down the data flow.

Usage: python3 scripts/check_layers.py   (exit 0: one-way; exit 1: it prints every import that breaks it)

Each crate lists its top-level modules in data-flow order, lowest first. A module may use the modules
listed before it and nothing listed after it, so no two modules can import each other. Inside a module,
no two files may import each other either (a file uses another through `super::x`, `crate::m::x` or
`self::x`). The text crate may not name the root crate, Oxigraph or RocksDB at all.

Imports are read from the Rust source as text: `use` lines and paths written inline (`crate::rdf::quads`),
with comments and string literals stripped first. Test code counts like any other code.
"""

import pathlib
import re
import sys

ROOT = pathlib.Path(__file__).resolve().parent.parent

# Lowest first. `cmd` and `main` are the binary: they may use everything.
CRATES = {
    "crates/text/src": ["error", "shared", "ns", "vocab", "digest", "extract"],
    "src": ["error", "week", "rdf", "store", "views", "export", "trends", "report", "build", "ready", "endpoint", "push", "cmd", "main"],
}
# Modules of the text crate, which the root crate re-exports under the same names: below every root module.
TEXT_MODULES = set(CRATES["crates/text/src"])
FORBIDDEN_IN_TEXT = re.compile(r"\b(paperkg::|oxigraph|oxrocksdb|rocksdb)")

COMMENT = re.compile(r"//[^\n]*|/\*.*?\*/", re.S)
STRING = re.compile(r'r#*"(?:.|\n)*?"#*|"(?:\\.|[^"\\])*"')
PATH = re.compile(r"\b(crate|super|self|paperkg|paperkg_text)((?:::\w+)+)")
GROUP = re.compile(r"\b(crate|super|self|paperkg|paperkg_text)::\{([^;]*?)\};", re.S)


def strip(text):
    text = COMMENT.sub("", text)
    return STRING.sub('""', text)


def module_of(base, path):
    """The top-level module a file belongs to, and the file's own module path inside the crate."""
    rel = path.relative_to(base).with_suffix("")
    parts = list(rel.parts)
    if parts[-1] == "mod":
        parts = parts[:-1]
    if parts == ["lib"]:
        return None, []
    return parts[0], parts


def imported(text):
    """(anchor, first segments) of every path the file names."""
    out = []
    for m in PATH.finditer(text):
        out.append((m.group(1), [s for s in m.group(2).split("::") if s]))
    for m in GROUP.finditer(text):
        for item in re.split(r",\s*", m.group(2)):
            first = re.match(r"\s*(\w+)", item)
            if first:
                out.append((m.group(1), [first.group(1)]))
    return out


def resolve(anchor, segs, own, crate_dir):
    """The crate-level module path a reference points to, or None for an outside crate."""
    if anchor == "crate":
        return segs
    if anchor == "paperkg" and crate_dir == "src":
        return segs
    if anchor == "paperkg_text":
        return segs
    if anchor == "self":
        return own + segs
    if anchor == "super":
        base = own[:-1]
        while segs and segs[0] == "super":
            base, segs = base[:-1], segs[1:]
        return base + segs
    return None


def main():
    problems = []
    for crate_dir, order in CRATES.items():
        base = ROOT / crate_dir
        rank = {m: i for i, m in enumerate(order)}
        files = {}
        edges = set()
        for path in sorted(base.rglob("*.rs")):
            top, own = module_of(base, path)
            if top is None:
                continue
            text = strip(path.read_text(encoding="utf-8"))
            if crate_dir.startswith("crates/text") and FORBIDDEN_IN_TEXT.search(text):
                problems.append(f"{path.relative_to(ROOT)}: the text crate names the store side")
            if top not in rank:
                problems.append(f"{path.relative_to(ROOT)}: module `{top}` is not in the layer list")
                continue
            files[tuple(own)] = path
            for anchor, segs in imported(text):
                target = resolve(anchor, segs, own, crate_dir)
                if not target:
                    continue
                other = target[0]
                if crate_dir == "src" and other in TEXT_MODULES and other not in rank:
                    continue  # a text-crate module re-exported by the root: below everything here
                if anchor == "paperkg_text" or other not in rank:
                    continue
                if other != top and rank[other] > rank[top]:
                    problems.append(
                        f"{path.relative_to(ROOT)}: `{top}` uses `{other}`, which comes later in the data flow"
                    )
                if other == top and len(target) > 1 and len(own) > 1:
                    edges.add((tuple(own), tuple(target[:2]) if top != target[1] else tuple(target[:1])))
        # Two files of one module that use each other.
        for a, b in edges:
            if a != b and (b, a) in edges and a < b:
                problems.append(f"{crate_dir}: {'/'.join(a)} and {'/'.join(b)} use each other")
    for p in sorted(set(problems)):
        print(p)
    if problems:
        print(f"check_layers: {len(set(problems))} imports break the one-way flow", file=sys.stderr)
        return 1
    print("check_layers: every module imports only modules before it in the data flow")
    return 0


if __name__ == "__main__":
    sys.exit(main())
