"""Checks that Python's TensorFlow computes, from a gmloss SavedModel, what Java computed.

Java writes a batch of raw test images (images.npy) and its outputs for them, one .npy file per
output (logits, probabilities, classes, features, distances, log_likelihood). This program loads
the SavedModel with tf.saved_model.load, runs every signature on the same images and compares:
max |difference| <= tolerance for the float outputs, identical predicted classes.

    python tools/parity.py --model savedmodels/NAME --java-outputs DIR

gmloss runs TensorFlow with oneDNN on (TF_ENABLE_ONEDNN_OPTS=1), so this program does the same
unless the variable is already set: then the outputs are bit-identical. With oneDNN off on one
side only, they differ by float32 round-off (compare with --relative).

Exit status: 0 all equal, 1 a mismatch, 2 missing or unreadable inputs.
"""

import argparse
import os
import sys

# Must happen before TensorFlow is imported anywhere in this process.
os.environ.setdefault("TF_ENABLE_ONEDNN_OPTS", "1")

import numpy as np

TOLERANCE = 1e-5
EXACT_OUTPUTS = {"classes"}


def compare(model_dir, java_dir, tolerance=TOLERANCE, relative=False):
    """Returns a list of rows (signature, output, shape, difference, ok).

    The difference is max |python - java|, divided by max |java| when relative.
    """
    import tensorflow as tf

    images = np.load(os.path.join(java_dir, "images.npy"))
    model = tf.saved_model.load(model_dir)
    rows = []
    for key in sorted(model.signatures.keys()):
        outputs = model.signatures[key](images=tf.constant(images))
        for name in sorted(outputs.keys()):
            path = os.path.join(java_dir, name + ".npy")
            if not os.path.exists(path):
                raise FileNotFoundError(f"{path}: Java output for {key}/{name} is missing")
            python_value = outputs[name].numpy()
            java_value = np.load(path)
            if python_value.shape != java_value.shape:
                rows.append((key, name, python_value.shape, float("inf"), False))
                continue
            if name in EXACT_OUTPUTS:
                diff = float(np.max(np.abs(python_value.astype(np.int64)
                                           - java_value.astype(np.int64)), initial=0))
                ok = diff == 0
            else:
                diff = float(np.max(np.abs(python_value.astype(np.float64)
                                           - java_value.astype(np.float64)), initial=0))
                if relative:
                    diff /= max(float(np.max(np.abs(java_value), initial=0)), 1e-30)
                ok = diff <= tolerance
            rows.append((key, name, python_value.shape, diff, ok))
    return rows


def format_table(rows, relative=False):
    title = "max|diff|/max" if relative else "max |diff|"
    lines = [f"{'signature':<16} {'output':<16} {'shape':<12} {title:>13}  result"]
    for key, name, shape, diff, ok in rows:
        shape_text = "x".join(str(d) for d in shape)
        lines.append(f"{key:<16} {name:<16} {shape_text:<12} {diff:>13.3g}  "
                     f"{'ok' if ok else 'MISMATCH'}")
    return "\n".join(lines)


def main(argv=None):
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--model", required=True, help="SavedModel directory")
    parser.add_argument("--java-outputs", required=True,
                        help="directory with images.npy and Java's outputs")
    parser.add_argument("--tolerance", type=float, default=TOLERANCE,
                        help=f"max abs difference of float outputs (default {TOLERANCE})")
    parser.add_argument("--relative", action="store_true",
                        help="divide each difference by the largest Java value of that output")
    args = parser.parse_args(argv)
    print(f"TF_ENABLE_ONEDNN_OPTS={os.environ.get('TF_ENABLE_ONEDNN_OPTS')}")
    try:
        rows = compare(args.model, args.java_outputs, args.tolerance, args.relative)
    except (OSError, ValueError) as error:
        print(f"parity: {error}", file=sys.stderr)
        return 2
    print(format_table(rows, args.relative))
    if not rows or not all(ok for *_, ok in rows):
        print("parity: MISMATCH", file=sys.stderr)
        return 1
    print(f"parity: {len(rows)} outputs equal")
    return 0


if __name__ == "__main__":
    sys.exit(main())
