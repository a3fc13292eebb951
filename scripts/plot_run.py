# SPDX-License-Identifier: MIT
"""The plots of one result: plot_cost (median cost heatmap per context) and plot_litmus
(bad-outcome rate per test x barrier over each model's expected verdict)."""
import math
import textwrap

from plot_common import EMULATED, barrier_order, emulated, fmt, host_title, kind_of, \
    mark_emulated, row_label, unit_label


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
