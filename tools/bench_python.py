"""The gmloss benchmark in Python TensorFlow: the same ResNet with the GM head, timed the same way.

Training: ResNet (depth 6n+2, 16/32/64 filters, explicit padding for strided convolutions,
option-A shortcuts, fused batch norm with moving averages), the GM head (class means, margin
logits, cross entropy, likelihood term), weight decay 5e-4 on convolution weights and means,
Nesterov momentum 0.9, one tf.function step; images from tf.data with pad-4 random crops and
flips, prefetched. Inference: the SavedModel `gmloss bench --export-dir DIR` wrote, called
through its serving signature. Prints one JSON object with the same fields as
`gmloss bench --json`.

    python tools/bench_python.py --shape 32x32x3 --saved-model DIR [--threads N] [--steps N]
        [--precision fp32|bf16]
"""

import argparse
import json
import os
import sys
import time


def parse_args(argv):
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--shape", default="28x28x1", help="HxWxC (default: 28x28x1)")
    parser.add_argument("--classes", type=int, default=10)
    parser.add_argument("--depth", type=int, default=20)
    parser.add_argument("--batch-size", type=int, default=128)
    parser.add_argument("--threads", type=int, default=0, help="0: TensorFlow's choice")
    parser.add_argument("--warmup", type=int, default=20)
    parser.add_argument("--steps", type=int, default=100)
    parser.add_argument("--seed", type=int, default=42)
    parser.add_argument("--saved-model", help="a SavedModel to time for inference")
    parser.add_argument("--profile-steps", type=int, default=0,
                        help="after the timed steps, trace N more and report the kernel time "
                             "per step by op type")
    parser.add_argument("--precision", choices=["fp32", "bf16"], default="fp32",
                        help="bf16: oneDNN's bfloat16 auto-mixed-precision rewrite, as "
                             "`gmloss --precision bf16` turns it on (default: fp32)")
    parser.add_argument("--onednn", choices=["0", "1"], default="1",
                        help="TF_ENABLE_ONEDNN_OPTS, as gmloss sets it (default: 1)")
    args = parser.parse_args(argv)
    try:
        args.height, args.width, args.channels = (int(v) for v in args.shape.split("x"))
    except ValueError:
        parser.error(f"--shape {args.shape}: expected HEIGHTxWIDTHxCHANNELS, such as 32x32x3")
    if (args.depth - 2) % 6 or args.depth < 8:
        parser.error(f"--depth {args.depth}: must be 6n+2")
    if args.saved_model and not os.path.isfile(os.path.join(args.saved_model, "saved_model.pb")):
        parser.error(f"--saved-model {args.saved_model}: no saved_model.pb there")
    return args


def timing(seconds, batch_size):
    import numpy as np

    values = np.sort(np.asarray(seconds))
    return {
        "median": float(np.percentile(values, 50)),
        "p10": float(np.percentile(values, 10)),
        "p90": float(np.percentile(values, 90)),
        "imagesPerSecond": float(len(values) * batch_size / values.sum()),
    }


def build_model(tf, args, mean=127.5, std=64.0, decay_all=False):
    """Variables and the forward pass of the ResNet and GM head, as gmloss builds them.

    mean, std: pixel normalisation (a number, or one per channel). decay_all: weight decay on the
    batch-norm scale and shift too (`gmloss train --decay-all true`). Returns the trainable
    variables, loss(images, labels) -> (objective, margin-free training logits) and
    logits(images), the inference path's logits (moving batch-norm statistics).
    """
    rng = tf.random.Generator.from_seed(args.seed)
    conv_weights, bn, variables = [], [], []

    def conv(in_c, out_c):
        w = tf.Variable(rng.normal([3, 3, in_c, out_c]) * (2.0 / (9 * in_c)) ** 0.5)
        conv_weights.append(w)
        return w

    def norm(c):
        layer = {"scale": tf.Variable(tf.ones([c])), "offset": tf.Variable(tf.zeros([c])),
                 "mean": tf.Variable(tf.zeros([c]), trainable=False),
                 "var": tf.Variable(tf.ones([c]), trainable=False)}
        bn.append(layer)
        return layer

    filters = [16, 32, 64]
    layers = [("stem", conv(args.channels, 16), norm(16))]
    in_c = 16
    blocks = []
    for stage, out_c in enumerate(filters):
        for block in range((args.depth - 2) // 6):
            stride = 2 if stage > 0 and block == 0 else 1
            blocks.append((stride, in_c, out_c, conv(in_c, out_c), norm(out_c),
                           conv(out_c, out_c), norm(out_c)))
            in_c = out_c
    means = tf.Variable(rng.normal([args.classes, 64]) * 0.1)
    trainable = conv_weights + [v for layer in bn for v in (layer["scale"], layer["offset"])]
    trainable.append(means)

    def batch_norm(x, layer, training):
        if training:
            y, mean, var = tf.compat.v1.nn.fused_batch_norm(
                x, layer["scale"], layer["offset"], epsilon=1e-5, is_training=True)
            layer["mean"].assign_sub(0.1 * (layer["mean"] - mean))
            layer["var"].assign_sub(0.1 * (layer["var"] - var))
            return y
        y, _, _ = tf.compat.v1.nn.fused_batch_norm(
            x, layer["scale"], layer["offset"], mean=layer["mean"], variance=layer["var"],
            epsilon=1e-5, is_training=False)
        return y

    def conv2d(x, w, stride):
        if stride == 1:
            return tf.nn.conv2d(x, w, 1, "SAME")
        x = tf.pad(x, [[0, 0], [1, 1], [1, 1], [0, 0]])
        return tf.nn.conv2d(x, w, stride, "VALID")

    def features(images, training):
        x = (images - mean) / std
        _, w, layer = layers[0]
        x = tf.nn.relu(batch_norm(conv2d(x, w, 1), layer, training))
        for stride, in_c, out_c, w1, n1, w2, n2 in blocks:
            y = tf.nn.relu(batch_norm(conv2d(x, w1, stride), n1, training))
            y = batch_norm(conv2d(y, w2, 1), n2, training)
            shortcut = x[:, ::stride, ::stride, :] if stride > 1 else x
            if out_c > in_c:
                extra = out_c - in_c
                shortcut = tf.pad(shortcut, [[0, 0], [0, 0], [0, 0],
                                             [extra // 2, extra - extra // 2]])
            x = tf.nn.relu(y + shortcut)
        return tf.reduce_mean(x, axis=[1, 2])

    def half_distances(f):
        """d_k = ||f - mu_k||^2 / 2 for every image and class."""
        return 0.5 * (tf.reduce_sum(f * f, 1, keepdims=True) - 2 * tf.matmul(f, means,
                      transpose_b=True) + tf.reduce_sum(means * means, 1)[None, :])

    def loss(images, labels, alpha=0.1, lam=0.01, wd=5e-4):
        f = features(images, True)
        d = half_distances(f)
        one_hot = tf.one_hot(labels, args.classes)
        logits = -(1 + alpha * one_hot) * d
        classification = tf.reduce_mean(
            tf.nn.softmax_cross_entropy_with_logits(one_hot, logits))
        likelihood = tf.reduce_mean(
            0.5 * tf.reduce_sum(tf.square(f - tf.gather(means, labels)), 1))
        decay = wd * tf.add_n([tf.nn.l2_loss(w) for w in decayed])
        return classification + lam * likelihood + decay, -d

    def logits(images):
        return -half_distances(features(images, False))

    decayed = trainable if decay_all else conv_weights + [means]
    return trainable, loss, logits


def op_profile(tf, run_step, steps):
    """Kernel time per step by op type, summed over threads, from TensorFlow's profiler trace.

    Ops are the events named "node:OpType" (not the runtime's own "Class::method" or
    "Stage: detail" events); the input pipeline's threads (tf_data*) are left out, as gmloss's
    loader is Java code outside the session.
    """
    import collections
    import glob
    import re
    import tempfile

    from tensorflow.tsl.profiler.protobuf import xplane_pb2

    with tempfile.TemporaryDirectory() as logdir:
        tf.profiler.experimental.start(logdir)
        for _ in range(steps):
            run_step()
        tf.profiler.experimental.stop()
        space = xplane_pb2.XSpace()
        with open(glob.glob(os.path.join(logdir, "**", "*.xplane.pb"), recursive=True)[0],
                  "rb") as trace:
            space.ParseFromString(trace.read())
    op_event = re.compile(r"^[^\s:]+:([A-Za-z_]\w*)$")
    picoseconds = collections.Counter()
    for plane in space.planes:
        for line in plane.lines:
            if line.name.startswith("tf_data"):
                continue
            for event in line.events:
                op = op_event.match(plane.event_metadata[event.metadata_id].name)
                if op:
                    picoseconds[op.group(1)] += event.duration_ps
    return {op: ps / 1e9 / steps for op, ps in
            sorted(picoseconds.items(), key=lambda item: (-item[1], item[0]))}


def dataset(tf, args):
    import numpy as np

    rng = np.random.default_rng(args.seed)
    count = 20 * args.batch_size
    pixels = rng.integers(0, 256, size=(count, args.height, args.width, args.channels),
                          dtype=np.uint8)
    labels = rng.integers(0, args.classes, size=count).astype(np.int32)

    def augment(image, label):
        image = tf.cast(image, tf.float32)
        padded = tf.pad(image, [[4, 4], [4, 4], [0, 0]])
        image = tf.image.random_crop(padded, [args.height, args.width, args.channels])
        return tf.image.random_flip_left_right(image), label

    return (tf.data.Dataset.from_tensor_slices((pixels, labels)).shuffle(count, seed=args.seed)
            .repeat().map(augment, num_parallel_calls=tf.data.AUTOTUNE)
            .batch(args.batch_size, drop_remainder=True).prefetch(tf.data.AUTOTUNE)), pixels


def main(argv):
    args = parse_args(argv)
    os.environ["TF_ENABLE_ONEDNN_OPTS"] = args.onednn
    os.environ.setdefault("TF_CPP_MIN_LOG_LEVEL", "2")
    import numpy as np
    import tensorflow as tf

    if args.threads:
        tf.config.threading.set_intra_op_parallelism_threads(args.threads)
        tf.config.threading.set_inter_op_parallelism_threads(args.threads)
    if args.precision == "bf16":
        tf.config.optimizer.set_experimental_options(
            {"auto_mixed_precision_onednn_bfloat16": True})
    trainable, loss, _ = build_model(tf, args)
    optimizer = tf.keras.optimizers.SGD(learning_rate=0.01, momentum=0.9, nesterov=True)

    @tf.function
    def train_step(images, labels):
        with tf.GradientTape() as tape:
            value, _ = loss(images, labels)
        optimizer.apply_gradients(zip(tape.gradient(value, trainable), trainable))
        return value

    data, pixels = dataset(tf, args)
    batches = iter(data)
    train_seconds, waited = [], 0.0
    for step in range(args.warmup + args.steps):
        start = time.perf_counter()
        images, labels = next(batches)
        fed = time.perf_counter()
        train_step(images, labels).numpy()
        if step >= args.warmup:
            train_seconds.append(time.perf_counter() - start)
            waited += fed - start
    result = {
        "implementation": "python",
        "opMillisPerStep": op_profile(tf, lambda: train_step(*next(batches)).numpy(),
                                      args.profile_steps) if args.profile_steps else {},
        "tensorflowVersion": tf.__version__,
        "oneDnn": args.onednn == "1",
        "precision": args.precision,
        "training": timing(train_seconds, args.batch_size),
        "inputWaitShare": waited / sum(train_seconds),
    }
    if args.saved_model:
        serve = tf.saved_model.load(args.saved_model).signatures["serving_default"]
        inference_seconds = []
        batch_count = len(pixels) // args.batch_size
        for step in range(args.warmup + args.steps):
            at = step % batch_count * args.batch_size
            images = tf.constant(pixels[at:at + args.batch_size].astype(np.float32))
            start = time.perf_counter()
            serve(images=images)["classes"].numpy()
            if step >= args.warmup:
                inference_seconds.append(time.perf_counter() - start)
        result["inference"] = timing(inference_seconds, args.batch_size)
    with open("/proc/self/status") as status:
        for line in status:
            if line.startswith("VmHWM:"):
                result["peakRssMiB"] = int(line.split()[1]) // 1024
    print(json.dumps(result))
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
