# SPDX-License-Identifier: MIT
"""plot.py --slide: `membench explain --format dot` graphs rendered by Graphviz's dot and
laid out in a grid, one panel each (plot_slide)."""
from plot_load import BadInput


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
