"""Writes an IDX dataset (Fashion-MNIST, MNIST) as JPEG files in the layout `--dataset folder`
reads, DIR/{train,test}/<label>/NNNN.jpg, NNNN being the image's rank within its class.

The CIFAR-10 copy this project can reach is a JPEG re-encoding at quality 75; training the same
command on Fashion-MNIST and on its re-encoding at that quality measures what the encoding costs.

    python tools/idx_to_jpeg.py --idx-dir /usr/share/datasets/fashion-mnist --out DIR
"""

import argparse
import gzip
import os
import shutil
import struct
import sys

from PIL import Image

SPLITS = (("train", "train"), ("test", "t10k"))


def read_idx(path):
    """The IDX file's data after its header, and its dimensions."""
    opener = gzip.open if path.endswith(".gz") else open
    with opener(path, "rb") as f:
        data = f.read()
    zero, kind, rank = struct.unpack(">HBB", data[:4])
    if zero != 0 or kind != 0x08:
        raise ValueError(f"{path}: not an IDX file of unsigned bytes")
    dims = struct.unpack(">" + "I" * rank, data[4:4 + 4 * rank])
    return data[4 + 4 * rank:], dims


def find(idx_dir, name):
    for candidate in (name + ".gz", name):
        path = os.path.join(idx_dir, candidate)
        if os.path.exists(path):
            return path
    raise FileNotFoundError(f"{idx_dir}: neither {name} nor {name}.gz")


def convert(idx_dir, out, quality):
    """Writes every image of both splits; returns the number written per split."""
    written = {}
    for split, prefix in SPLITS:
        pixels, (count, height, width) = read_idx(find(idx_dir, f"{prefix}-images-idx3-ubyte"))
        labels, (label_count,) = read_idx(find(idx_dir, f"{prefix}-labels-idx1-ubyte"))
        if label_count != count:
            raise ValueError(f"{idx_dir}: {count} {split} images but {label_count} labels")
        size = height * width
        rank = {}
        for i, label in enumerate(labels):
            directory = os.path.join(out, split, str(label))
            if label not in rank:
                os.makedirs(directory, exist_ok=True)
                rank[label] = 0
            image = Image.frombytes("L", (width, height), pixels[i * size:(i + 1) * size])
            image.save(os.path.join(directory, f"{rank[label]:04d}.jpg"), quality=quality)
            rank[label] += 1
        written[split] = count
    return written


def main(argv=None):
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--idx-dir", required=True, help="directory of the four IDX files")
    parser.add_argument("--out", required=True, help="directory to write (must not exist)")
    parser.add_argument("--quality", type=int, default=75, help="JPEG quality, 1 to 95")
    args = parser.parse_args(argv)
    if not 1 <= args.quality <= 95:
        parser.error(f"--quality {args.quality}: must be 1 to 95")
    if os.path.exists(args.out):
        parser.error(f"--out {args.out}: exists; give a new directory")
    # Written beside the destination and renamed when complete: a failed run leaves nothing
    # that looks like a dataset.
    partial = args.out.rstrip("/") + ".partial"
    shutil.rmtree(partial, ignore_errors=True)
    try:
        written = convert(args.idx_dir, partial, args.quality)
        os.rename(partial, args.out)
    except (OSError, ValueError) as e:
        shutil.rmtree(partial, ignore_errors=True)
        print(f"error: {e}", file=sys.stderr)
        return 1
    print(", ".join(f"{n} {split} images" for split, n in written.items()), "written to",
          args.out)
    return 0


if __name__ == "__main__":
    sys.exit(main())
