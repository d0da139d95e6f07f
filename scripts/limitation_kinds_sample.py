#!/usr/bin/env python3
"""Draws, and scores, the hand-judged sample that measures how precisely limitation kinds are placed.

Usage (standard library only; the paperkg binary reads the digests):

  python3 scripts/limitation_kinds_sample.py draw  [--bin PATH] [--digests DIR] [--seed N] [--size N] [--out FILE]
  python3 scripts/limitation_kinds_sample.py score [--bin PATH] [--digests DIR] [--out FILE]
  python3 scripts/limitation_kinds_sample.py list  [--bin PATH] [--digests DIR]

draw: runs `paperkg extract --format json` on every digest of DIR (default ../shared/digests), takes the
limitations and future directions that have at least one kind, sorts them (digest, arXiv id, section, n)
and draws SIZE of them (default 110) with random.Random(SEED) (default 14). It writes one row per assigned
kind: digest, arxiv_id, item ("limitation/2": the n of the item's IRI), text (heading — sentence), kind,
cues, verdict, note. A person fills in verdict (right or wrong: is the item about that kind of problem?)
and note. Drawing again keeps the verdicts of rows whose item, kind and cues did not change, so that
only what the word lists changed needs judging again.

score: precision = right / judged rows (and the share of items whose every kind is right), and coverage
= share of all items (in DIR) that have at least one kind. list: every item with its kinds, for reading.
"""

import argparse
import csv
import json
import pathlib
import random
import subprocess
import sys

ROOT = pathlib.Path(__file__).resolve().parent.parent
COLUMNS = ["digest", "arxiv_id", "item", "text", "kind", "cues", "verdict", "note"]
SECTIONS = [("limitations", "limitation"), ("future_work", "future")]


def items(binary, digests):
    """Every limitation and future direction of the digests, numbered as the RDF writer numbers them."""
    files = sorted(p for p in pathlib.Path(digests).glob("*.md") if p.stem != "SOURCE")
    out = subprocess.run(
        [binary, "extract", "--format", "json", *map(str, files)], capture_output=True, check=True
    ).stdout
    found = []
    for digest in json.loads(out):
        counters = {}
        for paper in digest["papers"]:
            for key, path in SECTIONS:
                for it in paper[key]:
                    n = counters[(paper["id"], path)] = counters.get((paper["id"], path), 0) + 1
                    heading = it["label"]
                    text = it["text"] if it["text"].startswith(heading.rstrip("…")) else f"{heading} — {it['text']}"
                    found.append(
                        {
                            "digest": digest["date"],
                            "arxiv_id": paper["id"],
                            "item": f"{path}/{n}",
                            "text": " ".join(text.split()),
                            "kinds": [(k["label"], "; ".join(c["text"] for c in k["cues"])) for k in it["kinds"]],
                        }
                    )
    return found


def draw(args):
    placed = [i for i in items(args.bin, args.digests) if i["kinds"]]
    placed.sort(key=lambda i: (i["digest"], i["arxiv_id"], i["item"].split("/")[0], int(i["item"].split("/")[1])))
    sample = random.Random(args.seed).sample(placed, min(args.size, len(placed)))
    old = {}
    if pathlib.Path(args.out).exists():
        with open(args.out, newline="", encoding="utf-8") as f:
            for r in csv.DictReader(f, delimiter="\t"):
                old[(r["digest"], r["arxiv_id"], r["item"], r["kind"], r["cues"])] = (r["verdict"], r["note"])
    with open(args.out, "w", newline="", encoding="utf-8") as f:
        w = csv.writer(f, delimiter="\t", lineterminator="\n")
        w.writerow(COLUMNS)
        for i in sample:
            for kind, cues in i["kinds"]:
                verdict, note = old.get((i["digest"], i["arxiv_id"], i["item"], kind, cues), ("", ""))
                w.writerow([i["digest"], i["arxiv_id"], i["item"], i["text"], kind, cues, verdict, note])
    print(f"{len(sample)} items of {len(placed)} placed ones drawn (seed {args.seed}) into {args.out}")


def score(args):
    with open(args.out, newline="", encoding="utf-8") as f:
        rows = list(csv.DictReader(f, delimiter="\t"))
    judged = [r for r in rows if r["verdict"] in ("right", "wrong")]
    if len(judged) != len(rows):
        print(f"{len(rows) - len(judged)} rows have no verdict yet", file=sys.stderr)
    right = sum(r["verdict"] == "right" for r in judged)
    by_item = {}
    for r in judged:
        by_item.setdefault((r["digest"], r["arxiv_id"], r["item"]), []).append(r["verdict"] == "right")
    all_right = sum(all(v) for v in by_item.values())
    every = items(args.bin, args.digests)
    placed = sum(bool(i["kinds"]) for i in every)
    print(f"precision (kinds judged right): {right}/{len(judged)} = {right / max(len(judged), 1):.3f}")
    print(f"items whose every kind is right: {all_right}/{len(by_item)} = {all_right / max(len(by_item), 1):.3f}")
    print(f"coverage (items with a kind): {placed}/{len(every)} = {placed / max(len(every), 1):.3f}")


def listing(args):
    for i in items(args.bin, args.digests):
        kinds = " | ".join(f"{k} [{c}]" for k, c in i["kinds"]) or "-"
        print(f"{i['digest']}\t{i['arxiv_id']}\t{i['item']}\t{kinds}\t{i['text']}")


def main():
    p = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    p.add_argument("mode", choices=["draw", "score", "list"])
    p.add_argument("--bin", default=str(ROOT / "target/release/paperkg"))
    p.add_argument("--digests", default=str(ROOT.parent / "shared/digests"))
    p.add_argument("--seed", type=int, default=14)
    p.add_argument("--size", type=int, default=110)
    p.add_argument("--out", default=str(ROOT / "tests/fixtures/limitation-kinds-sample.tsv"))
    args = p.parse_args()
    {"draw": draw, "score": score, "list": listing}[args.mode](args)


if __name__ == "__main__":
    main()
