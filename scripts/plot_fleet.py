# SPDX-License-Identifier: MIT
"""The plots of a fleet (membench merge): plot_fleet_cost (median ns, host x barrier per
context) and plot_fleet_litmus (status, host x barrier per test, each host judged by
its own model), with the host ordering and sizing they share."""
import math

from plot_common import barrier_order, fmt


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
