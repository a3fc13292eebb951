#!/usr/bin/env python3
# SPDX-License-Identifier: MIT
"""Plot a membench result (docs/results.md) with matplotlib.

  plot.py [--outdir DIR] RESULT.json
      STEM-cost.png    median cost of each kind x type, one heatmap per context
      STEM-litmus.png  bad-outcome rate (positives / iterations) per test x barrier,
                       hatched where the host's memory model says Never
  plot.py [--outdir DIR] --compare BASE.json NEW.json
      BASE-vs-NEW.png  base and new median per barrier x context, with the change

Prints the path of each file written.  Bad input: one line on stderr, exit 2.
"""
import argparse
import json
import math
import os
import sys

SCHEMA = "membench-result/1"
SCHEMA_FILE = os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "docs", "schema",
                           "membench-result-1.schema.json")


class BadInput(Exception):
    pass


def load(path):
    """The result in path, checked against the schema (when jsonschema is there)."""
    try:
        with open(path, encoding="utf-8") as f:
            doc = json.load(f)
    except OSError as e:
        raise BadInput("cannot read %s: %s" % (path, e.strerror or e))
    except (ValueError, UnicodeDecodeError) as e:
        raise BadInput("%s: not valid JSON: %s" % (path, e))
    if not isinstance(doc, dict) or doc.get("schema") != SCHEMA:
        got = doc.get("schema") if isinstance(doc, dict) else None
        raise BadInput("%s: not a membench result (schema is %s, expected \"%s\")"
                       % (path, json.dumps(got), SCHEMA))
    try:
        import jsonschema
        with open(SCHEMA_FILE, encoding="utf-8") as f:
            schema = json.load(f)
    except (ImportError, OSError):
        schema = None
    if schema is not None:
        err = jsonschema.exceptions.best_match(
            jsonschema.Draft202012Validator(schema).iter_errors(doc))
        if err is not None:
            where = "".join("[%d]" % p if isinstance(p, int) else ".%s" % p
                            for p in err.absolute_path).lstrip(".") or "top level"
            raise BadInput("%s: %s: %s" % (path, where, err.message))
    else:
        for key, typ in (("host", dict), ("cost", list), ("litmus", list)):
            if not isinstance(doc.get(key), typ):
                raise BadInput("%s: missing or wrong \"%s\"" % (path, key))
    return doc


def stem(path):
    base = os.path.basename(path)
    return base[:-5] if base.endswith(".json") else base


def unit_label(doc):
    c = doc["host"]["counter"]
    unit = c.get("unit") or "ticks"
    return "%s %s" % (c.get("name") or "counter", unit) if unit == "ticks" else unit


def host_title(doc):
    h = doc["host"]
    c = h["counter"]
    hz = c.get("hz")
    rate = " @ %.3f GHz" % (hz / 1e9) if isinstance(hz, (int, float)) and hz > 0 else ""
    return "%s, %s (%s), counter %s%s" % (h.get("cpu_model") or "unknown CPU", h["arch"],
                                          h.get("model") or "?", c.get("name") or "?", rate)


def fmt(v):
    if v == 0:
        return "0"
    if abs(v) >= 100:
        return "%.0f" % v
    if abs(v) >= 10:
        return "%.1f" % v
    return "%.2f" % v


def row_label(e):
    return e["kind"] + (":kernel" if e["barrier"].endswith(":kernel") else "")


def plot_cost(plt, doc, out):
    from matplotlib.colors import LogNorm, Normalize
    rows = [e for e in doc["cost"] if e["supported"] and e["units"]["ticks"]["median"] is not None]
    if not rows:
        return None
    contexts = list(dict.fromkeys(e["context"] for e in rows))
    kinds = list(dict.fromkeys(row_label(e) for e in rows))
    types = list(dict.fromkeys(e["type"] for e in rows))
    vals = [e["units"]["ticks"]["median"] for e in rows]
    pos = [v for v in vals if v > 0]
    vmax = max(vals) if vals else 1
    if pos and vmax / min(pos) > 100:
        norm = LogNorm(vmin=min(pos), vmax=vmax)
    else:
        norm = Normalize(vmin=min(0, min(vals)), vmax=vmax if vmax > 0 else 1)
    ncol = min(3, len(contexts))
    nrow = (len(contexts) + ncol - 1) // ncol
    fig, axes = plt.subplots(nrow, ncol, squeeze=False,
                             figsize=(1.2 + 1.3 * len(types) * ncol, 1.2 + 0.55 * len(kinds) * nrow + 0.8))
    im = None
    for i, ctx in enumerate(contexts):
        ax = axes[i // ncol][i % ncol]
        grid = [[math.nan] * len(types) for _ in kinds]
        for e in rows:
            if e["context"] == ctx:
                v = e["units"]["ticks"]["median"]
                grid[kinds.index(row_label(e))][types.index(e["type"])] = \
                    v if not isinstance(norm, LogNorm) or v > 0 else min(pos)
        im = ax.imshow(grid, cmap="viridis", norm=norm, aspect="auto")
        for r, k in enumerate(kinds):
            for c, t in enumerate(types):
                e = next((x for x in rows if x["context"] == ctx and row_label(x) == k
                          and x["type"] == t), None)
                if e is None:
                    continue
                v = e["units"]["ticks"]["median"]
                shade = norm(max(v, min(pos)) if isinstance(norm, LogNorm) else v)
                ax.text(c, r, fmt(v), ha="center", va="center", fontsize=8,
                        color="black" if shade > 0.6 else "white")
        ax.set_title(ctx, fontsize=10)
        ax.set_xticks(range(len(types)), types, rotation=30, ha="right", fontsize=8)
        ax.set_yticks(range(len(kinds)), kinds, fontsize=8)
    for j in range(len(contexts), nrow * ncol):
        axes[j // ncol][j % ncol].axis("off")
    fig.suptitle("membench: median cost per barrier\n" + host_title(doc), fontsize=10)
    fig.tight_layout()
    cb = fig.colorbar(im, ax=axes.ravel().tolist(), shrink=0.9)
    cb.set_label("median %s per barrier" % unit_label(doc))
    fig.savefig(out, dpi=120)
    plt.close(fig)
    return out


def plot_litmus(plt, doc, out):
    rows = [e for e in doc["litmus"] if e["status"] != "skipped" and e["iterations"] > 0]
    if not rows:
        return None
    colors = {"ok": "#4c72b0", "violation": "#c44e52", "unobserved": "#999999"}
    fig, ax = plt.subplots(figsize=(max(6, 0.7 * len(rows) + 2), 5))
    floor = min(min((e["p_upper95"] or 3.0 / e["iterations"]) for e in rows),
                min(e["positives"] / e["iterations"] for e in rows if e["positives"]) if any(
                    e["positives"] for e in rows) else 1) / 10
    for i, e in enumerate(rows):
        model = e["host_model"]
        never = e["expected"].get(model) == "Never"
        rate = e["positives"] / e["iterations"]
        if rate > 0:
            ax.bar(i, rate, bottom=floor, color=colors.get(e["status"], "#999999"),
                   hatch="//" if never else None, edgecolor="black", linewidth=0.6)
            ax.text(i, rate * 1.3, "%.2g" % rate, ha="center", fontsize=7)
        else:
            ub = e["p_upper95"] if e["p_upper95"] is not None else 3.0 / e["iterations"]
            ax.bar(i, ub, bottom=floor, color="none", hatch="//" if never else None,
                   edgecolor="gray", linewidth=0.6, linestyle="--")
            ax.plot(i, ub, marker="v", color="black", markersize=6)
            ax.text(i, ub * 1.3, "0 (<%.1g)" % ub, ha="center", fontsize=7)
    ax.set_yscale("log")
    ax.set_xticks(range(len(rows)), ["%s\n%s" % (e["test"], e["barrier"]) for e in rows],
                  rotation=45, ha="right", fontsize=7)
    ax.set_ylabel("bad-outcome rate (positives / iterations)")
    from matplotlib.patches import Patch
    from matplotlib.lines import Line2D
    ax.legend(handles=[Patch(facecolor=colors["ok"], label="ok"),
                       Patch(facecolor=colors["violation"], label="violation"),
                       Patch(facecolor=colors["unobserved"], label="unobserved"),
                       Patch(facecolor="white", edgecolor="black", hatch="//",
                             label="host model says Never"),
                       Line2D([], [], marker="v", color="black", linestyle="none",
                              label="none seen: 95% upper bound")],
              fontsize=7, loc="upper right")
    ax.set_title("membench litmus: bad outcomes per test x barrier\n" + host_title(doc), fontsize=10)
    fig.tight_layout()
    fig.savefig(out, dpi=120)
    plt.close(fig)
    return out


def plot_compare(plt, base, new, out, names):
    def key(e):
        return (e["barrier"], e["context"])

    def med(e):
        s = [x for x in e["units"]["ticks"]["samples"] if x is not None]
        if not s:
            return e["units"]["ticks"]["median"]
        s.sort()
        n = len(s)
        return s[n // 2] if n % 2 else (s[n // 2 - 1] + s[n // 2]) / 2

    if base["host"]["arch"] != new["host"]["arch"]:
        raise BadInput("%s is %s but %s is %s" % (names[0], base["host"]["arch"], names[1],
                                                  new["host"]["arch"]))
    newd = {key(e): e for e in new["cost"] if e["supported"]}
    pairs = [(e, newd[key(e)]) for e in base["cost"] if e["supported"] and key(e) in newd]
    pairs = [(b, n, med(b), med(n)) for b, n in pairs]
    pairs = [p for p in pairs if p[2] is not None and p[3] is not None]
    if not pairs:
        raise BadInput("%s and %s have no supported barrier x context in common" % names)
    fig, ax = plt.subplots(figsize=(9, 1.5 + 0.38 * len(pairs)))
    ys = range(len(pairs))
    h = 0.38
    ax.barh([y - h / 2 for y in ys], [p[2] for p in pairs], h, label="base: " + names[0],
            color="#8c8c8c")
    ax.barh([y + h / 2 for y in ys], [p[3] for p in pairs], h, label="new: " + names[1],
            color="#4c72b0")
    top = max(max(p[2], p[3]) for p in pairs)
    for y, (_, _, b, n) in zip(ys, pairs):
        if b:
            ch = (n - b) / abs(b) * 100
            txt = "%+.1f%%" % ch
            col = "#c44e52" if ch > 10 else "#55a868" if ch < -10 else "black"
        else:
            txt, col = ("+inf" if n > 0 else "0%"), "black"
        ax.text(max(b, n) + top * 0.01, y, txt, va="center", fontsize=7, color=col)
    ax.set_yticks(list(ys), ["%s / %s" % key(p[0]) for p in pairs], fontsize=7)
    ax.invert_yaxis()
    ax.set_xlim(0, top * 1.15 if top > 0 else 1)
    ax.set_xlabel("median %s per barrier" % unit_label(base))
    ax.legend(fontsize=7, loc="lower right")
    ax.set_title("membench compare: before / after\n" + host_title(new), fontsize=10)
    fig.tight_layout()
    fig.savefig(out, dpi=120)
    plt.close(fig)
    return out


def main():
    ap = argparse.ArgumentParser(description="Plot membench results (PNG).")
    ap.add_argument("--outdir", help="where the PNGs go (default: beside the first file)")
    ap.add_argument("--compare", action="store_true", help="before/after chart of BASE NEW")
    ap.add_argument("files", nargs="+", metavar="RESULT.json")
    a = ap.parse_args()
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
        if a.compare:
            out = os.path.join(outdir, "%s-vs-%s.png" % (stem(a.files[0]), stem(a.files[1])))
            written.append(plot_compare(plt, docs[0], docs[1], out, tuple(a.files)))
        else:
            s = os.path.join(outdir, stem(a.files[0]))
            written.append(plot_cost(plt, docs[0], s + "-cost.png"))
            written.append(plot_litmus(plt, docs[0], s + "-litmus.png"))
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
