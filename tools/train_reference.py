"""`gmloss train --dataset folder` re-done in Python TensorFlow, to tell the recipe from the port.

The network, GM head and loss of tools/bench_python.py (alpha 0.1, lambda 0.01 constant, as
`gmloss train --lambda 0.01 --lambda-schedule constant`), trained as `gmloss train` trains it:
per-channel normalisation from the training images, pad-4 random crops and flips, batch 128
with the last incomplete batch dropped, Nesterov momentum 0.9 with TensorFlow's ApplyMomentum
update, a linear warm-up to the base rate then cosine decay to 0 (both per step), weight decay
5e-4 on convolution weights and means (`--decay-all` adds the batch-norm scale and shift), test
accuracy of the inference path (moving batch-norm statistics) after every epoch. Prints one line
per epoch (the training loss includes the weight decay); `--csv` also writes them.

    python tools/train_reference.py --data-dir DIR [--epochs 10] [--warmup-epochs 1]

DIR has the layout `gmloss train --dataset folder` reads: DIR/train/<class>/* and
DIR/test/<class>/*, classes sorted by name, images of one size.
"""

import argparse
import csv
import math
import os
import sys
import time

import bench_python


def parse_args(argv):
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--data-dir", required=True, help="DIR/train/<class>/*, DIR/test/<class>/*")
    parser.add_argument("--epochs", type=int, default=10)
    parser.add_argument("--warmup-epochs", type=float, default=1.0)
    parser.add_argument("--lr", type=float, default=0.1)
    parser.add_argument("--weight-decay", type=float, default=5e-4)
    parser.add_argument("--decay-all", action="store_true",
                        help="decay the batch-norm scale and shift too")
    parser.add_argument("--depth", type=int, default=20)
    parser.add_argument("--batch-size", type=int, default=128)
    parser.add_argument("--threads", type=int, default=0, help="0: TensorFlow's choice")
    parser.add_argument("--seed", type=int, default=42)
    parser.add_argument("--csv", help="also write the epoch lines to this CSV file")
    args = parser.parse_args(argv)
    if args.epochs < 1:
        parser.error(f"--epochs {args.epochs}: must be at least 1")
    if not 0 <= args.warmup_epochs < args.epochs:
        parser.error(f"--warmup-epochs {args.warmup_epochs}: must be in [0, --epochs)")
    if (args.depth - 2) % 6 or args.depth < 8:
        parser.error(f"--depth {args.depth}: must be 6n+2")
    for part in ["train", "test"]:
        if not os.path.isdir(os.path.join(args.data_dir, part)):
            parser.error(f"--data-dir {args.data_dir}: no {part} folder there")
    return args


def read_folder(part_dir, class_names=None):
    """Images (N, H, W, C) uint8 and labels of one part; classes are the sorted folder names."""
    import numpy as np
    from PIL import Image

    names = class_names or sorted(
        n for n in os.listdir(part_dir) if os.path.isdir(os.path.join(part_dir, n)))
    images, labels = [], []
    for label, name in enumerate(names):
        folder = os.path.join(part_dir, name)
        if not os.path.isdir(folder):
            raise ValueError(f"{part_dir}: no folder for class {name}")
        for file in sorted(os.listdir(folder)):
            with Image.open(os.path.join(folder, file)) as image:
                pixels = np.asarray(image)
            pixels = pixels[:, :, None] if pixels.ndim == 2 else pixels
            if images and pixels.shape != images[0].shape:
                raise ValueError(f"{os.path.join(folder, file)}: {pixels.shape}, but the first "
                                 f"image is {images[0].shape}")
            images.append(pixels)
            labels.append(label)
    if not images:
        raise ValueError(f"{part_dir}: no images")
    return np.stack(images), np.asarray(labels, dtype=np.int32), names


def learning_rate(args, iteration, batches_per_epoch):
    """As gmloss's LearningRateSchedule: linear warm-up never above the base, then cosine."""
    epochs = iteration / batches_per_epoch
    if epochs < args.warmup_epochs:
        return min(args.lr, args.lr * (iteration + 1) / (args.warmup_epochs * batches_per_epoch))
    span = max(args.epochs - args.warmup_epochs, 1e-9)
    return 0.5 * args.lr * (1 + math.cos(math.pi * min((epochs - args.warmup_epochs) / span, 1)))


def main(argv):
    args = parse_args(argv)
    os.environ.setdefault("TF_ENABLE_ONEDNN_OPTS", "1")
    os.environ.setdefault("TF_CPP_MIN_LOG_LEVEL", "2")
    try:
        train_images, train_labels, names = read_folder(os.path.join(args.data_dir, "train"))
        test_images, test_labels, _ = read_folder(os.path.join(args.data_dir, "test"), names)
    except (OSError, ValueError) as e:
        print(f"train_reference: {e}", file=sys.stderr)
        return 2
    if test_images.shape[1:] != train_images.shape[1:]:
        print(f"train_reference: test images are {test_images.shape[1:]}, training images "
              f"{train_images.shape[1:]}", file=sys.stderr)
        return 2
    if len(train_images) < args.batch_size:
        print(f"train_reference: {len(train_images)} training images, fewer than one batch of "
              f"{args.batch_size}", file=sys.stderr)
        return 2
    import numpy as np
    import tensorflow as tf

    if args.threads:
        tf.config.threading.set_intra_op_parallelism_threads(args.threads)
        tf.config.threading.set_inter_op_parallelism_threads(args.threads)
    tf.random.set_seed(args.seed)
    args.height, args.width, args.channels = train_images.shape[1:]
    args.classes = len(names)
    pixels = train_images.reshape(-1, args.channels).astype(np.float64)
    mean, std = pixels.mean(0), np.sqrt(np.maximum(pixels.var(0), 1e-6))
    trainable, loss, logits = bench_python.build_model(
        tf, args, mean=mean.astype(np.float32), std=std.astype(np.float32),
        decay_all=args.decay_all)
    accumulators = [tf.Variable(tf.zeros_like(v)) for v in trainable]
    rate = tf.Variable(0.0)

    @tf.function
    def train_step(images, labels):
        with tf.GradientTape() as tape:
            objective, train_logits = loss(images, labels, wd=args.weight_decay)
        for variable, accumulator, gradient in zip(
                trainable, accumulators, tape.gradient(objective, trainable)):
            # ApplyMomentum with use_nesterov, as gmloss: a <- m a + g; v <- v - lr (g + m a)
            accumulator.assign(0.9 * accumulator + gradient)
            variable.assign_sub(rate * (gradient + 0.9 * accumulator))
        predicted = tf.argmax(train_logits, 1, output_type=tf.int32)
        return objective, tf.reduce_sum(tf.cast(predicted == labels, tf.int32))

    @tf.function
    def correct(images, labels):
        predicted = tf.argmax(logits(images), 1, output_type=tf.int32)
        return tf.reduce_sum(tf.cast(predicted == labels, tf.int32))

    def augment(image, label):
        padded = tf.pad(tf.cast(image, tf.float32), [[4, 4], [4, 4], [0, 0]])
        cropped = tf.image.random_crop(padded, [args.height, args.width, args.channels])
        return tf.image.random_flip_left_right(cropped), label

    training = (tf.data.Dataset.from_tensor_slices((train_images, train_labels))
                .shuffle(len(train_images), seed=args.seed, reshuffle_each_iteration=True)
                .map(augment, num_parallel_calls=tf.data.AUTOTUNE)
                .batch(args.batch_size, drop_remainder=True).prefetch(tf.data.AUTOTUNE))
    testing = (tf.data.Dataset.from_tensor_slices((test_images, test_labels))
               .map(lambda image, label: (tf.cast(image, tf.float32), label)).batch(500))
    batches_per_epoch = len(train_images) // args.batch_size
    fields = ["epoch", "lr", "train_loss", "train_accuracy", "test_accuracy", "elapsed_seconds"]
    rows, iteration, start = [], 0, time.perf_counter()
    for epoch in range(1, args.epochs + 1):
        loss_sum, right = 0.0, 0
        for images, labels in training:
            rate.assign(learning_rate(args, iteration, batches_per_epoch))
            objective, batch_right = train_step(images, labels)
            loss_sum += float(objective)
            right += int(batch_right)
            iteration += 1
        test_right = sum(int(correct(images, labels)) for images, labels in testing)
        # The rate the next step would take, as gmloss's metrics.csv: 0 after the last epoch.
        row = {"epoch": epoch, "lr": learning_rate(args, iteration, batches_per_epoch),
               "train_loss": loss_sum / batches_per_epoch,
               "train_accuracy": right / (batches_per_epoch * args.batch_size),
               "test_accuracy": test_right / len(test_images),
               "elapsed_seconds": time.perf_counter() - start}
        rows.append(row)
        print(f"epoch {epoch}/{args.epochs}: lr {row['lr']:.4g}, training loss "
              f"{row['train_loss']:.4f}, accuracy {100 * row['train_accuracy']:.2f}%; test "
              f"accuracy {100 * row['test_accuracy']:.2f}% ({row['elapsed_seconds']:.0f} s)",
              flush=True)
        if args.csv:
            with open(args.csv, "w", newline="") as out:
                writer = csv.DictWriter(out, fieldnames=fields)
                writer.writeheader()
                writer.writerows(rows)
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
