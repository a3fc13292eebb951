# SPDX-License-Identifier: MIT
"""plot.py --compare: the before/after chart of two results of one arch (plot_compare),
the change of the median per barrier x context."""
import os

from plot_common import EMULATED, barrier_order, emulated, fmt, host_title, mark_emulated, \
    unit_label
from plot_load import BadInput


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
