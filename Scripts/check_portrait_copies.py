#!/usr/bin/env python3
"""Does the portrait GAN copy its corpus? A by-hand check, not a test (numpy and Pillow).

For each portrait of a generated grid, the distance to its nearest training portrait is compared
with the typical distance between two training portraits (each one's nearest other portrait).
A generator that memorised would sit far closer to its nearest neighbour than training images sit
to theirs. Distances are RMS over pixels in [0, 1], at 64 px and downscaled to 16 px (which
ignores brush-level detail and compares composition).

    python3 Scripts/check_portrait_copies.py Outputs/grid.png   # a grid from `belamy portrait --count 64 --grid --size 64`
"""
import sys
import numpy as np
from PIL import Image

TILE = 64
CORPUS = "Corpora/portraits/portraits-64.png"
MANIFEST = "Corpora/portraits/manifest.tsv"


def tiles(path, count=None, border=0):
    """The TILE×TILE images of a grid (sheets have no border; belamy's grids may have one)."""
    sheet = np.asarray(Image.open(path).convert("RGB"), dtype=np.float32) / 255
    step = TILE + border
    rows, columns = (sheet.shape[0] + border) // step, (sheet.shape[1] + border) // step
    found = [sheet[r * step + border: r * step + border + TILE, c * step + border: c * step + border + TILE]
             for r in range(rows) for c in range(columns)]
    found = [t for t in found if t.shape == (TILE, TILE, 3)]
    return np.stack(found[:count] if count else found)


def downscaled(images, size):
    f = TILE // size
    return images.reshape(len(images), size, f, size, f, 3).mean(axis=(2, 4))


def distances(a, b):
    """RMS distance between every image of a and every image of b."""
    a, b = a.reshape(len(a), -1), b.reshape(len(b), -1)
    squared = (a * a).sum(1)[:, None] + (b * b).sum(1)[None, :] - 2 * a @ b.T
    return np.sqrt(np.maximum(squared, 0) / a.shape[1])


def main():
    grid = sys.argv[1]
    border = int(sys.argv[2]) if len(sys.argv) > 2 else 2
    count = sum(1 for _ in open(MANIFEST)) - 1
    corpus = tiles(CORPUS, count)
    samples = tiles(grid, border=border)
    print(f"{len(samples)} samples against {len(corpus)} training portraits")
    for label, size in (("64 px", 64), ("16 px", 16)):
        c, s = downscaled(corpus, size), downscaled(samples, size)
        within = distances(c, c)
        np.fill_diagonal(within, np.inf)
        train_nearest = within.min(1)
        sample_nearest = distances(s, c).min(1)
        ratio = sample_nearest / np.median(train_nearest)
        print(f"{label}: sample→nearest training  median {np.median(sample_nearest):.4f}  min {sample_nearest.min():.4f}")
        print(f"       training→nearest other median {np.median(train_nearest):.4f}  min {train_nearest.min():.4f}")
        print(f"       samples closer to a training image than the median training pair: "
              f"{(ratio < 1).sum()} of {len(samples)}; closest ratio {ratio.min():.2f}")


if __name__ == "__main__":
    main()
