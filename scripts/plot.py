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
"""
import argparse
import json
import math
import os
import sys
import textwrap

SCHEMA = "membench-result/1"
FLEET = "membench-fleet/1"
SCHEMA_DIR = os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "docs", "schema")
SCHEMA_FILES = {SCHEMA: "membench-result-1.schema.json", FLEET: "membench-fleet-1.schema.json"}
EMULATED = "EMULATED: timings measure the emulator, not the CPU (meaningless)"


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
    if not isinstance(doc, dict) or doc.get("schema") not in SCHEMA_FILES:
        got = doc.get("schema") if isinstance(doc, dict) else None
        raise BadInput("%s: not a membench result (schema is %s, expected \"%s\" or \"%s\")"
                       % (path, json.dumps(got), SCHEMA, FLEET))
    try:
        import jsonschema
        store = {}
        for tag, name in SCHEMA_FILES.items():
            with open(os.path.join(SCHEMA_DIR, name), encoding="utf-8") as f:
                store[tag] = json.load(f)
        schema = store[doc["schema"]]
    except (ImportError, OSError):
        schema = None
    if schema is not None:
        # the fleet's items $ref the result schema by its $id: resolved here, offline
        resolver = jsonschema.RefResolver.from_schema(
            schema, store={s["$id"]: s for s in store.values()})
        err = jsonschema.exceptions.best_match(
            jsonschema.Draft202012Validator(schema, resolver=resolver).iter_errors(doc))
        if err is not None:
            where = "".join("[%d]" % p if isinstance(p, int) else ".%s" % p
                            for p in err.absolute_path).lstrip(".") or "top level"
            raise BadInput("%s: %s: %s" % (path, where, err.message))
    elif doc["schema"] == FLEET:
        if not isinstance(doc.get("hosts"), list):
            raise BadInput("%s: missing or wrong \"hosts\"" % path)
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


def emulated(doc):
    return bool(doc["host"].get("emulated"))


def mark_emulated(fig, what):
    """A result run under an emulator: say so across the figure, in red."""
    fig.text(0.5, 0.5, "EMULATED", transform=fig.transFigure, fontsize=60, color="#c44e52",
             alpha=0.18, ha="center", va="center", rotation=25, zorder=10)
    fig.text(0.01, 0.005, what, transform=fig.transFigure, fontsize=8, color="#c44e52",
             fontweight="bold", ha="left", va="bottom")


def fmt(v):
    if v == 0:
        return "0"
    if abs(v) >= 100:
        return "%.0f" % v
    if abs(v) >= 10:
        return "%.1f" % v
    return "%.2f" % v


def parse_barrier(name):
    """A barrier's name as the result writes it, "kind.type" or "kind.type:kernel"
    (src/barrier/id.c formats it): (kind, type, kernel flavour?).  The one reader."""
    base, _, flavour = name.partition(":")
    kind, _, type_ = base.partition(".")
    return kind, type_, flavour == "kernel"


def row_label(e):
    return e["kind"] + (":kernel" if parse_barrier(e["barrier"])[2] else "")


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
        # below a tenth of a counter unit is timer noise (a free barrier): one colour
        lo = min(pos) if vmax / min(pos) <= 1e5 else max(min(pos), min(0.1, vmax / 1e5))
        pos = [lo]                  # what 0 and negatives are drawn as
        norm = LogNorm(vmin=lo, vmax=vmax, clip=True)
    else:
        norm = Normalize(vmin=min(0, min(vals)), vmax=vmax if vmax > 0 else 1)
    ncol = min(3, len(contexts))
    nrow = (len(contexts) + ncol - 1) // ncol
    cw = min(1.3, 14.0 / (len(types) * ncol))      # figure at most ~16 in wide
    fig, axes = plt.subplots(nrow, ncol, squeeze=False, layout="constrained",
                             figsize=(2.0 + cw * len(types) * ncol, 1.2 + 0.55 * len(kinds) * nrow + 0.8))
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
    fig.suptitle("membench: median cost per barrier\n" + host_title(doc)
                 + ("\n" + EMULATED if emulated(doc) else ""), fontsize=10,
                 color="#c44e52" if emulated(doc) else "black")
    if emulated(doc):
        mark_emulated(fig, doc["host"].get("emulation") or "run under an emulator")
    cb = fig.colorbar(im, ax=axes.ravel().tolist(), shrink=0.9, aspect=30)
    cb.set_label("median %s per barrier" % unit_label(doc))
    fig.savefig(out, dpi=120)
    plt.close(fig)
    return out


MAX_COLS = 30          # barriers per row of panels before the figure wraps
MAX_WIDTH = 16.0       # inches


def barrier_order(names):
    """names in the order the run took them, which is membench's registry order (kind by
    kind, types in order), each kind kept together and each :kernel right after its base.
    No list of kinds or types here: the result says them."""
    first = {}
    for n in names:
        first.setdefault(n, len(first))
    base_first, kind_first = {}, {}
    for n in first:
        kind, type_, _ = parse_barrier(n)
        base_first.setdefault((kind, type_), first[n])
        kind_first.setdefault(kind, first[n])

    def key(n):
        kind, type_, kernel = parse_barrier(n)
        return (kind_first[kind], base_first[(kind, type_)], kernel)
    return sorted(first, key=key)


def kind_of(barrier):
    return parse_barrier(barrier)[0]


def plot_litmus(plt, doc, out):
    """One bar panel per test (bad-outcome rate per barrier, log axis) over a strip of the
    five models' expected verdicts; barriers in columns grouped by kind; wraps past MAX_COLS.
    Returns (out, summary) or None."""
    from matplotlib.colors import ListedColormap
    from matplotlib.lines import Line2D
    from matplotlib.patches import Patch, Rectangle
    entries = [e for e in doc["litmus"] if e["status"] == "skipped" or e["iterations"] > 0]
    if not any(e["status"] != "skipped" for e in entries):
        return None
    tests = list(dict.fromkeys(e["test"] for e in entries))
    barriers = barrier_order([e["barrier"] for e in entries])
    cell = {(e["test"], e["barrier"]): e for e in entries}
    host = next((e["host_model"] for e in entries if e.get("host_model")), doc["host"].get("model"))
    models = list(dict.fromkeys(m for e in entries for m in e["expected"]))  # the result's order
    colors = {"ok": "#4c72b0", "violation": "#c44e52", "unobserved": "#999999"}

    nchunk = (len(barriers) + MAX_COLS - 1) // MAX_COLS
    per = (len(barriers) + nchunk - 1) // nchunk
    chunks = [barriers[i:i + per] for i in range(0, len(barriers), per)]

    rates = [e["positives"] / e["iterations"] for e in entries
             if e["status"] != "skipped" and e["positives"]]
    ubs = [ub_of(e) for e in entries if e["status"] != "skipped" and not e["positives"]]
    floor = 10 ** math.floor(math.log10(min(rates + ubs)) - 0.5)

    bar_h, strip_h, label_h = 1.55, 0.15 * len(models), 1.15
    width = min(MAX_WIDTH, max(7.0, 2.3 + 0.5 * per))
    lcol = 4 if width >= 11 else 3 if width >= 8.5 else 2
    lrows = (7 + lcol - 1) // lcol
    height = 1.0 + 0.17 * lrows + nchunk * (len(tests) * (bar_h + strip_h + 0.45) + label_h)
    fig = plt.figure(figsize=(width, height), layout="constrained")
    ratios = [0.17 * lrows]
    for _ in chunks:
        for _ in tests:
            ratios += [bar_h, strip_h]
    gs = fig.add_gridspec(len(ratios), 1, height_ratios=ratios)
    lax = fig.add_subplot(gs[0])
    lax.axis("off")
    hatch = "////"
    strip_cmap = ListedColormap(["#eeeeee", "#4d4d4d"])
    row = 1
    panels = 0
    for chunk in chunks:
        groups = []
        for i, b in enumerate(chunk):
            if groups and groups[-1][0] == kind_of(b):
                groups[-1][2] = i
            else:
                groups.append([kind_of(b), i, i])
        for ti, test in enumerate(tests):
            ax = fig.add_subplot(gs[row])
            sx = fig.add_subplot(gs[row + 1], sharex=ax)
            row += 2
            panels += 1
            for gi, (kind, lo, hi) in enumerate(groups):
                if gi % 2:
                    ax.axvspan(lo - 0.5, hi + 0.5, color="#f2f2f2", zorder=0)
                if gi:
                    for a in (ax, sx):
                        a.axvline(lo - 0.5, color="#777777", linewidth=0.8, zorder=3)
                ax.text((lo + hi) / 2, 0.97, kind, transform=ax.get_xaxis_transform(),
                        ha="center", va="top", fontsize=8, style="italic", color="#444444")
            grid = [[math.nan] * len(chunk) for _ in models]
            nviol = 0
            for i, b in enumerate(chunk):
                e = cell.get((test, b))
                if e is None:
                    continue
                for r, m in enumerate(models):
                    v = e["expected"].get(m)
                    if v is not None:
                        grid[r][i] = 1.0 if v == "Never" else 0.0
                if e["status"] == "skipped":
                    ax.text(i, math.sqrt(floor), "skipped", rotation=90, ha="center",
                            va="bottom", fontsize=7, color="#777777")
                    continue
                never = e["expected"].get(e["host_model"]) == "Never"
                nviol += e["status"] == "violation"
                rate = e["positives"] / e["iterations"]
                if rate > 0:
                    ax.bar(i, rate - floor, bottom=floor, width=0.75, zorder=2,
                           color=colors.get(e["status"], "#999999"),
                           hatch=hatch if never else None, edgecolor="black", linewidth=0.6)
                    ax.text(i, rate * 1.25, "%.2g" % rate, ha="center", va="bottom", fontsize=7)
                else:
                    ub = ub_of(e)
                    ax.bar(i, ub - floor, bottom=floor, width=0.75, zorder=2, color="none",
                           hatch=hatch if never else None, linestyle="--", linewidth=0.6,
                           edgecolor=colors["unobserved"] if e["status"] == "unobserved"
                           else "#555555")
                    ax.plot(i, ub, marker="v", color="black", markersize=5, zorder=4)
                    ax.text(i, ub * 1.35, "0", ha="center", va="bottom", fontsize=7)
            ax.set_yscale("log")
            ax.set_ylim(floor, 12)
            ax.set_yticks([10.0 ** k for k in range(int(round(math.log10(floor))), 1)])
            ax.tick_params(axis="y", labelsize=7)
            ax.tick_params(axis="x", bottom=False, labelbottom=False)
            ax.grid(axis="y", color="#dddddd", linewidth=0.5, zorder=1)
            ax.set_axisbelow(True)
            ax.set_xlim(-0.5, per - 0.5)
            ax.set_ylabel("bad-outcome rate", fontsize=8)
            nrun = sum(1 for b in chunk if (test, b) in cell and cell[(test, b)]["status"] != "skipped")
            ax.set_title("%s%s: %d barrier%s run, %d violation%s" % (
                test, "" if nchunk == 1 else " (part %d of %d)" % (chunks.index(chunk) + 1, nchunk),
                nrun, "" if nrun == 1 else "s", nviol, "" if nviol == 1 else "s"),
                loc="left", fontsize=9, fontweight="bold",
                color=colors["violation"] if nviol else "black")
            sx.imshow(grid, cmap=strip_cmap, vmin=0, vmax=1, aspect="auto",
                      interpolation="nearest", extent=(-0.5, len(chunk) - 0.5, len(models) - 0.5, -0.5))
            for r in range(len(models)):
                for i in range(len(chunk)):
                    v = grid[r][i]
                    if v == v:
                        sx.text(i, r, "N" if v else "S", ha="center", va="center", fontsize=7,
                                color="white" if v else "#333333")
            sx.set_yticks(range(len(models)),
                          ["%s (host)" % m if m == host else m for m in models], fontsize=7)
            for lab in sx.get_yticklabels():
                if lab.get_text().endswith("(host)"):
                    lab.set_fontweight("bold")
            if host in models:
                sx.add_patch(Rectangle((-0.5, models.index(host) - 0.5), len(chunk), 1, fill=False,
                                       edgecolor="#c44e52", linewidth=1.2, zorder=5))
            sx.set_ylim(len(models) - 0.5, -0.5)
            last = ti == len(tests) - 1
            sx.set_xticks(range(len(chunk)), chunk if last else [""] * len(chunk),
                          rotation=50, ha="right", rotation_mode="anchor", fontsize=8)
            sx.tick_params(axis="x", length=2 if last else 0)
            if last:
                sx.set_xlabel("barrier in the test's fence() slot (grouped by kind)", fontsize=8)
    lax.legend(handles=[Patch(facecolor=colors["ok"], edgecolor="black", label="ok"),
                        Patch(facecolor=colors["violation"], edgecolor="black",
                              label="violation (seen, host model says Never)"),
                        Patch(facecolor="white", edgecolor=colors["unobserved"], linestyle="--",
                              label="unobserved (allowed, not seen)"),
                        Patch(facecolor="white", edgecolor="black", hatch=hatch,
                              label="host model (%s) says Never" % host),
                        Line2D([], [], marker="v", color="black", linestyle="none",
                               label="none seen: 95% upper bound 3/N"),
                        Patch(facecolor="#4d4d4d", label="expected: N = Never"),
                        Patch(facecolor="#eeeeee", edgecolor="#999999",
                              label="S = Sometimes (allowed)")],
               loc="center", ncol=lcol, fontsize=7, frameon=False)
    fig.suptitle("membench litmus: bad outcomes (positives / iterations) per test x barrier,"
                 + (" " if width >= 11 else "\n") + "with each model's expected verdict\n"
                 + "\n".join(textwrap.wrap(host_title(doc), int(width * 12)))
                 + ("\nEMULATED: the counts show the ordering of the CPU the emulator ran on, not of %s"
                    " hardware" % doc["host"]["arch"] if emulated(doc) else ""), fontsize=10,
                 color="#c44e52" if emulated(doc) else "black")
    summary = "%d test%s x %d barriers in %d panel%s (%d row%s of barriers), %.1f x %.1f in" % (
        len(tests), "" if len(tests) == 1 else "s", len(barriers), panels,
        "" if panels == 1 else "s", nchunk, "" if nchunk == 1 else "s", width, height)
    fig.savefig(out, dpi=120, metadata={"Description": "membench litmus: " + summary})
    plt.close(fig)
    return out, summary


def ub_of(e):
    return e["p_upper95"] if e["p_upper95"] else 3.0 / e["iterations"]


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
    # A barrier x context grid of relative change: readable whatever the
    # scale (a 47000-tick membarrier next to a 4-tick sfence), one cell per row
    # that compare judges, with base -> new medians written in it.
    barriers = barrier_order([p[0]["barrier"] for p in pairs])
    contexts = []
    for p in pairs:
        if p[0]["context"] not in contexts:
            contexts.append(p[0]["context"])
    cell = {(p[0]["barrier"], p[0]["context"]): (p[2], p[3]) for p in pairs}
    grid = [[float("nan")] * len(contexts) for _ in barriers]
    for i, bn in enumerate(barriers):
        for j, cx in enumerate(contexts):
            if (bn, cx) in cell:
                b, n = cell[(bn, cx)]
                grid[i][j] = (n - b) / abs(b) * 100 if b else 0.0
    fig, ax = plt.subplots(figsize=(min(16, 2.5 + 1.9 * len(contexts)),
                                    1.8 + 0.36 * len(barriers)))
    im = ax.imshow(grid, cmap="RdYlGn_r", vmin=-40, vmax=40, aspect="auto")
    for i, bn in enumerate(barriers):
        for j, cx in enumerate(contexts):
            if (bn, cx) not in cell:
                continue
            b, n = cell[(bn, cx)]
            ch = grid[i][j]
            ax.text(j, i, "%+.1f%%\n%s -> %s" % (ch, fmt(b), fmt(n)), ha="center", va="center",
                    fontsize=6.5, color="black")
    ax.set_xticks(range(len(contexts)), contexts, fontsize=8)
    ax.set_yticks(range(len(barriers)), barriers, fontsize=8)
    ax.xaxis.tick_top()
    cb = fig.colorbar(im, ax=ax, fraction=0.04, pad=0.02)
    cb.set_label("change of the median, %% (new vs base; red = slower), in %s" % unit_label(base))
    emu = emulated(base) or emulated(new)
    ax.set_title("membench compare: %s -> %s\n%s%s" % (os.path.basename(names[0]),
                 os.path.basename(names[1]), host_title(new), "\n" + EMULATED if emu else ""),
                 fontsize=10, pad=28, color="#c44e52" if emu else "black")
    if emu:
        mark_emulated(fig, "a side ran under an emulator: its changes mean nothing")
    fig.tight_layout()
    fig.savefig(out, dpi=120)
    plt.close(fig)
    return out


# ---- fleets (membench merge) ---------------------------------------------

def cost_ns(h, e):
    """Median ns per barrier of cost entry e on host record h: measured, else ticks / hz."""
    ns = e["units"].get("ns")
    if ns and ns.get("median") is not None:
        return ns["median"]
    t = e["units"]["ticks"]["median"]
    if t is None:
        return None
    if (h["counter"].get("unit") or "ticks") == "ns":
        return t
    hz = h["counter"].get("hz")
    return t * 1e9 / hz if hz else None


def host_label(name, res):
    h = res["host"]
    return "%s (%s%s)" % (name, h["arch"], ", EMULATED" if h.get("emulated") else "")


def sort_hosts(hosts, how):
    """hosts: [(name, result)]; arch: by arch then name, emulated last in their arch;
    name: by name; cost: by the median back-to-back ns over barriers, cheapest first."""
    def typical(res):
        v = sorted(x for x in (cost_ns(res["host"], e) for e in res["cost"]
                               if e["supported"] and e["context"] == "back-to-back")
                   if x is not None)
        return v[len(v) // 2] if v else float("inf")
    if how == "name":
        return sorted(hosts, key=lambda hr: hr[0])
    if how == "cost":
        return sorted(hosts, key=lambda hr: (bool(hr[1]["host"].get("emulated")), typical(hr[1]), hr[0]))
    return sorted(hosts, key=lambda hr: (hr[1]["host"]["arch"], bool(hr[1]["host"].get("emulated")), hr[0]))


def fleet_sizes(nhosts, ncols):
    """Cell height (in), tick font size: readable from 2 hosts to a few hundred."""
    cell = 0.32 if nhosts <= 8 else 0.22 if nhosts <= 24 else max(0.07, min(0.16, 9.0 / nhosts))
    font = 8 if nhosts <= 24 else max(4, min(7, int(cell * 50)))
    return cell, font


def style_host_ticks(ax, labels, font):
    ax.set_yticks(range(len(labels)), labels, fontsize=font)
    for lab in ax.get_yticklabels():
        if "EMULATED" in lab.get_text():
            lab.set_color("#c44e52")


def plot_fleet_cost(plt, fleet, out, how):
    """Median ns per barrier: rows hosts, columns barriers, one panel per context.
    An emulated host's row is hatched grey: its timings are not a CPU's."""
    from matplotlib.colors import LogNorm
    hosts = sort_hosts([(h["name"], h["result"]) for h in fleet["hosts"]], how)
    cell = {}
    for name, res in hosts:
        for e in res["cost"]:
            if e["supported"]:
                v = cost_ns(res["host"], e)
                if v is not None:
                    cell[(name, e["context"], e["barrier"])] = v
    if not cell:
        return None
    contexts = list(dict.fromkeys(k[1] for k in cell))
    barriers = barrier_order([k[2] for k in cell])
    native = [v for (n, c, b), v in cell.items()
              if not dict(hosts)[n]["host"].get("emulated") and v > 0]
    lo = max(min(native), 0.05) if native else 0.05
    hi = max(native) if native else 1.0
    norm = LogNorm(vmin=lo, vmax=max(hi, lo * 10), clip=True)
    nh, nb = len(hosts), len(barriers)
    ch, font = fleet_sizes(nh, nb)
    # few hosts: panels stacked (wide cells, figures in them); many: three abreast, so
    # that 50 hosts x 6 contexts stays about 20 in tall
    ncol = min(3 if nh > 12 or nb <= 10 else 1, len(contexts))
    nrow = (len(contexts) + ncol - 1) // ncol
    cw = min(0.42, 13.0 / (nb * ncol))
    annotate = nh <= 12 and cw >= 0.3
    width = min(16.0, 2.8 + cw * nb * ncol + 0.6 * ncol)
    # barrier names under the bottom row of panels only
    height = 1.6 + 1.3 + nrow * (ch * nh + 0.45)
    fig, axes = plt.subplots(nrow, ncol, squeeze=False, layout="constrained", figsize=(width, height))
    labels = [host_label(n, r) for n, r in hosts]
    im = None
    for i, ctx in enumerate(contexts):
        ax = axes[i // ncol][i % ncol]
        grid = [[math.nan] * nb for _ in hosts]
        for r, (name, res) in enumerate(hosts):
            emu = res["host"].get("emulated")
            for c, b in enumerate(barriers):
                v = cell.get((name, ctx, b))
                if v is None:
                    continue
                if emu:
                    ax.add_patch(plt.Rectangle((c - 0.5, r - 0.5), 1, 1, facecolor="#dddddd",
                                               hatch="///", edgecolor="#c44e52", linewidth=0))
                else:
                    grid[r][c] = max(v, lo)
                if annotate and not emu:    # an emulated timing is no figure to read off
                    ax.text(c, r, fmt(v), ha="center", va="center", fontsize=6.5,
                            color="black" if norm(max(v, lo)) > 0.6 else "white")
        im = ax.imshow(grid, cmap="viridis", norm=norm, aspect="auto", interpolation="nearest")
        ax.set_xlim(-0.5, nb - 0.5)
        ax.set_ylim(nh - 0.5, -0.5)
        ax.set_title(ctx, fontsize=9)
        bottom = i + ncol >= len(contexts)
        ax.set_xticks(range(nb), barriers if bottom else [""] * nb, rotation=60, ha="right",
                      rotation_mode="anchor", fontsize=min(7, font + 1))
        style_host_ticks(ax, labels if i % ncol == 0 else [""] * nh, font)
        ax.tick_params(length=1.5)
    for j in range(len(contexts), nrow * ncol):
        axes[j // ncol][j % ncol].axis("off")
    nemu = sum(1 for _, r in hosts if r["host"].get("emulated"))
    arches = sorted({r["host"]["arch"] for _, r in hosts})
    fig.suptitle("membench fleet: median ns per barrier, %d host%s (%s), sorted by %s"
                 % (nh, "" if nh == 1 else "s", ", ".join(arches), how)
                 + ("\n%d EMULATED host%s (red, hatched, no figures): timings measure the emulator, "
                    "not the CPU - meaningless" % (nemu, "" if nemu == 1 else "s") if nemu else "")
                 + "\nns = counter ticks / counter rate: comparable across hosts; blank = not run there",
                 fontsize=10)
    cb = fig.colorbar(im, ax=axes.ravel().tolist(), shrink=0.9, aspect=40)
    cb.set_label("median ns per barrier (log)")
    summary = "%d hosts x %d barriers x %d contexts, %d emulated, %.1f x %.1f in" % (
        nh, nb, len(contexts), nemu, width, height)
    fig.savefig(out, dpi=100, metadata={"Description": "membench fleet cost: " + summary})
    plt.close(fig)
    return out, summary


FLEET_STATUS = (  # (key, colour, legend)
    ("violation", "#c44e52", "violation: seen, the host's own model forbids it"),
    ("seen", "#dd8452", "seen, allowed by the host's model"),
    ("held", "#4c72b0", "never seen, the host's model forbids it (ok)"),
    ("unobserved", "#bbbbbb", "never seen, allowed (unobserved)"),
    ("skipped", "#ffffff", "skipped"),
)


def status_key(e):
    if e["status"] == "skipped":
        return "skipped"
    if e["status"] == "violation":
        return "violation"
    if e["status"] == "unobserved":
        return "unobserved"
    return "seen" if e["positives"] else "held"


def plot_fleet_litmus(plt, fleet, out, how):
    """host x barrier per test: what each host saw, judged by its own model
    (host_model), one panel per test; emulated hosts marked."""
    from matplotlib.colors import ListedColormap
    from matplotlib.patches import Patch
    hosts = sort_hosts([(h["name"], h["result"]) for h in fleet["hosts"]], how)
    cell = {}
    for name, res in hosts:
        for e in res["litmus"]:
            if e["status"] == "skipped" or e["iterations"] > 0:
                cell[(name, e["test"], e["barrier"])] = e
    if not cell:
        return None
    tests = list(dict.fromkeys(k[1] for k in cell))
    barriers = barrier_order([k[2] for k in cell])
    keys = [k for k, _, _ in FLEET_STATUS]
    cmap = ListedColormap([c for _, c, _ in FLEET_STATUS])
    nh, nb = len(hosts), len(barriers)
    ch, font = fleet_sizes(nh, nb)
    cw = min(0.45, 13.0 / nb)
    annotate = nh <= 12 and cw >= 0.3
    width = min(16.0, 3.6 + cw * nb)
    lrows = 3 if width < 11 else 2
    height = 1.0 + 0.2 * lrows + 1.3 + len(tests) * (ch * nh + 0.45)
    fig = plt.figure(figsize=(width, height), layout="constrained")
    gs = fig.add_gridspec(len(tests) + 1, 1, height_ratios=[0.2 * lrows] + [ch * nh + 0.3] * len(tests))
    lax = fig.add_subplot(gs[0])
    lax.axis("off")
    axes = [[fig.add_subplot(gs[t + 1])] for t in range(len(tests))]
    def label(n, r):
        model = next((e["host_model"] for e in r["litmus"] if e.get("host_model")),
                     r["host"].get("model"))
        return "%s (%s, %s%s)" % (n, r["host"]["arch"], model,
                                  ", EMULATED" if r["host"].get("emulated") else "")
    labels = [label(n, r) for n, r in hosts]
    nviol = 0
    for t, test in enumerate(tests):
        ax = axes[t][0]
        grid = [[math.nan] * nb for _ in hosts]
        for r, (name, res) in enumerate(hosts):
            for c, b in enumerate(barriers):
                e = cell.get((name, test, b))
                if e is None:
                    continue
                k = status_key(e)
                nviol += k == "violation"
                grid[r][c] = keys.index(k)
                if annotate and k != "skipped":
                    rate = e["positives"] / e["iterations"]
                    ax.text(c, r, "%.0e" % rate if rate else "0", ha="center", va="center",
                            fontsize=6, color="white" if k in ("violation", "held") else "black")
                if res["host"].get("emulated"):
                    ax.add_patch(plt.Rectangle((c - 0.5, r - 0.5), 1, 1, fill=False, hatch="..",
                                               edgecolor="#c44e52", linewidth=0))
        ax.imshow(grid, cmap=cmap, vmin=-0.5, vmax=len(keys) - 0.5, aspect="auto",
                  interpolation="nearest")
        ax.set_xlim(-0.5, nb - 0.5)
        ax.set_ylim(nh - 0.5, -0.5)
        ax.set_title(test, loc="left", fontsize=9, fontweight="bold")
        last = t == len(tests) - 1
        ax.set_xticks(range(nb), barriers if last else [""] * nb, rotation=60, ha="right",
                      rotation_mode="anchor", fontsize=min(7, font + 1))
        style_host_ticks(ax, labels, font)
        ax.tick_params(length=1.5)
    handles = [Patch(facecolor=c, edgecolor="#555555", label=l) for _, c, l in FLEET_STATUS]
    handles.append(Patch(facecolor="none", edgecolor="none", label="blank: not run on that host"))
    nemu = sum(1 for _, r in hosts if r["host"].get("emulated"))
    if nemu:
        handles.append(Patch(facecolor="white", edgecolor="#c44e52", hatch="..",
                             label="EMULATED host: counts show the ordering of the CPU the "
                                   "emulator ran on"))
    lax.legend(handles=handles, loc="center", ncol=2 if width < 11 else 3, fontsize=7,
               frameon=False)
    fig.suptitle("membench fleet litmus: %d host%s x %d test%s x %d barriers, each host judged by "
                 "its own model (host (arch, model)), sorted by %s; %d violation%s"
                 % (nh, "" if nh == 1 else "s", len(tests), "" if len(tests) == 1 else "s", nb, how,
                    nviol, "" if nviol == 1 else "s"), fontsize=10,
                 color="#c44e52" if nviol else "black")
    summary = "%d hosts x %d tests x %d barriers, %d violations, %d emulated, %.1f x %.1f in" % (
        nh, len(tests), nb, nviol, nemu, width, height)
    fig.savefig(out, dpi=100, metadata={"Description": "membench fleet litmus: " + summary})
    plt.close(fig)
    return out, summary


def plot_slide(plt, dots, out, cols, title):
    """Render each dot file with Graphviz and lay the images out in a grid."""
    import io
    import shutil
    import subprocess
    import matplotlib.image as mpimg
    if not shutil.which("dot"):
        raise BadInput("--slide needs Graphviz's dot (apt-get install graphviz)")
    imgs = []
    for d in dots:
        try:
            r = subprocess.run(["dot", "-Tpng", "-Gdpi=110", d], capture_output=True, check=False)
        except OSError as e:
            raise BadInput("cannot run dot: %s" % e)
        if r.returncode or not r.stdout:
            err = r.stderr.decode(errors="replace").strip().splitlines() or ["no output"]
            raise BadInput("dot cannot render %s: %s" % (d, err[0]))
        imgs.append((d, mpimg.imread(io.BytesIO(r.stdout), format="png")))
    cols = max(1, min(cols or (1 if len(imgs) == 1 else 2), len(imgs)))
    rows = (len(imgs) + cols - 1) // cols
    # each panel sized after the widest and tallest image, in inches at 110 dpi
    w = max(i.shape[1] for _, i in imgs) / 110.0
    h = max(i.shape[0] for _, i in imgs) / 110.0
    fig, axes = plt.subplots(rows, cols, figsize=(cols * w, rows * h + (0.5 if title else 0)),
                             squeeze=False)
    for k, ax in enumerate(axes.flat):
        ax.axis("off")
        if k < len(imgs):
            ax.imshow(imgs[k][1])
    if title:
        fig.suptitle(title, fontsize=14)
    fig.tight_layout()
    fig.savefig(out, dpi=110)
    plt.close(fig)
    return out


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
