#!/usr/bin/env python3
# SPDX-License-Identifier: MIT
"""Plot a membench result or fleet (docs/results.md) with matplotlib.

  plot.py [--outdir DIR] RESULT.json
      STEM-cost.png    median cost of each kind x type, one heatmap per context
      STEM-litmus.png  bad-outcome rate (positives / iterations) per test x barrier,
                       hatched where the host's memory model says Never
  plot.py [--outdir DIR] [--sort arch|name|cost] FLEET.json   (membench merge)
      STEM-cost.png    median ns per barrier, host x barrier, one panel per context
      STEM-litmus.png  status per host x barrier, one panel per test, each host
                       judged by its own model
  plot.py [--outdir DIR] --compare BASE.json NEW.json
      BASE-vs-NEW.png  base and new median per barrier x context, with the change
  plot.py --slide OUT.png [--cols N] [--title T] GRAPH.dot...
      OUT.png          the graphs of `membench explain --format dot` rendered by
                       Graphviz's dot and laid out in a grid, one panel each, for a slide

A result run under an emulator (host.emulated) is marked EMULATED wherever it
is drawn: its timings measure the emulator; its litmus counts the ordering of
the CPU the emulator ran on.

Prints the path of each file written.  Bad input: one line on stderr, exit 2.

This file is the command line; the work is in the modules beside it: plot_load.py
(reading and checking the JSON), plot_common.py (what the figures share), plot_run.py
(one result), plot_compare.py (--compare), plot_fleet.py (a fleet), plot_slide.py (--slide).
"""
import argparse
import os
import sys

from plot_compare import plot_compare
from plot_fleet import plot_fleet_cost, plot_fleet_litmus
from plot_load import FLEET, BadInput, load
from plot_run import plot_cost, plot_litmus
from plot_slide import plot_slide


def stem(path):
    base = os.path.basename(path)
    return base[:-5] if base.endswith(".json") else base


def main():
    ap = argparse.ArgumentParser(description="Plot membench results (PNG).")
    ap.add_argument("--outdir", help="where the PNGs go (default: beside the first file)")
    ap.add_argument("--compare", action="store_true", help="before/after chart of BASE NEW")
    ap.add_argument("--sort", choices=("arch", "name", "cost"), default="arch",
                    help="order of a fleet's hosts (default: arch, then name)")
    ap.add_argument("--slide", metavar="OUT.png",
                    help="lay out `membench explain --format dot` graphs (the files) in a grid")
    ap.add_argument("--cols", type=int, default=0, help="--slide: panels per row")
    ap.add_argument("--title", default="", help="--slide: a title over the grid")
    ap.add_argument("files", nargs="+", metavar="RESULT.json")
    a = ap.parse_args()
    if a.slide:
        import matplotlib
        matplotlib.use("Agg")
        import matplotlib.pyplot as plt
        try:
            print(plot_slide(plt, a.files, a.slide, a.cols, a.title))
        except BadInput as e:
            print("plot.py: %s" % e, file=sys.stderr)
            return 2
        except OSError as e:
            print("plot.py: cannot write %s: %s" % (a.slide, e.strerror or e), file=sys.stderr)
            return 2
        return 0
    if len(a.files) != (2 if a.compare else 1):
        print("plot.py: %s" % ("--compare needs BASE.json NEW.json" if a.compare
                               else "needs exactly one RESULT.json"), file=sys.stderr)
        return 2
    import matplotlib
    matplotlib.use("Agg")
    import matplotlib.pyplot as plt
    outdir = a.outdir or os.path.dirname(a.files[0]) or "."
    written = []
    try:
        docs = [load(p) for p in a.files]
        os.makedirs(outdir, exist_ok=True)
        if a.compare and any(d["schema"] == FLEET for d in docs):
            raise BadInput("--compare takes two results, not fleets (membench compare "
                           "compares fleets host by host)")
        if docs[0]["schema"] == FLEET:
            s = os.path.join(outdir, stem(a.files[0]))
            for kind, draw in (("cost", plot_fleet_cost), ("litmus", plot_fleet_litmus)):
                got = draw(plt, docs[0], "%s-%s.png" % (s, kind), a.sort)
                if got:
                    written.append(got[0])
                    print("plot.py: fleet %s: %s" % (kind, got[1]), file=sys.stderr)
            if not written:
                print("plot.py: %s has no cost or litmus entries to plot" % a.files[0],
                      file=sys.stderr)
                return 2
        elif a.compare:
            out = os.path.join(outdir, "%s-vs-%s.png" % (stem(a.files[0]), stem(a.files[1])))
            written.append(plot_compare(plt, docs[0], docs[1], out, tuple(a.files)))
        else:
            s = os.path.join(outdir, stem(a.files[0]))
            written.append(plot_cost(plt, docs[0], s + "-cost.png"))
            lit = plot_litmus(plt, docs[0], s + "-litmus.png")
            written.append(lit and lit[0])
            if lit:
                print("plot.py: litmus: %s" % lit[1], file=sys.stderr)
            if not any(written):
                print("plot.py: %s has no cost or litmus entries to plot" % a.files[0],
                      file=sys.stderr)
                return 2
    except BadInput as e:
        print("plot.py: %s" % e, file=sys.stderr)
        return 2
    except OSError as e:
        print("plot.py: cannot write in %s: %s" % (outdir, e.strerror or e), file=sys.stderr)
        return 2
    for w in written:
        if w:
            print(w)
    return 0


if __name__ == "__main__":
    sys.exit(main())
