# SPDX-License-Identifier: MIT
"""What plot.py's figures share: the host's title and counter unit, the EMULATED marks,
number formatting, and the one reader of a barrier's name (parse_barrier) with the
orders and labels built on it."""

EMULATED = "EMULATED: timings measure the emulator, not the CPU (meaningless)"


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
