"""tools/train_reference.py trains on a folder of images as `gmloss train --dataset folder` does."""

import csv
import os
import subprocess
import sys
from types import SimpleNamespace

import numpy as np
from PIL import Image

from conftest import TOOLS

SCRIPT = os.path.join(TOOLS, "train_reference.py")


def write_folder(root, per_class, shapes=None):
    """Two classes anyone can tell apart: dark and bright 8x8 colour images, with noise."""
    rng = np.random.default_rng(0)
    for part, count in [("train", per_class), ("test", per_class // 2)]:
        for label, name in enumerate(["bright", "dark"]):
            folder = os.path.join(root, part, name)
            os.makedirs(folder)
            for i in range(count):
                shape = (shapes or {}).get((part, name, i), (8, 8, 3))
                base = 40 if name == "dark" else 200
                pixels = np.clip(base + rng.normal(0, 20, shape), 0, 255).astype(np.uint8)
                Image.fromarray(pixels).save(os.path.join(folder, f"{i:04d}.png"))


def run(*args):
    return subprocess.run([sys.executable, SCRIPT, *args], capture_output=True, text=True,
                          timeout=600)


def test_it_learns_two_classes_and_writes_every_epoch(tmp_path):
    write_folder(str(tmp_path / "data"), 32)
    table = tmp_path / "epochs.csv"
    result = run("--data-dir", str(tmp_path / "data"), "--epochs", "3", "--warmup-epochs", "0.5",
                 "--depth", "8", "--batch-size", "16", "--lr", "0.05", "--csv", str(table))
    assert result.returncode == 0, result.stderr
    assert result.stdout.count("\nepoch ") + result.stdout.startswith("epoch ") == 3
    with open(table) as rows:
        epochs = list(csv.DictReader(rows))
    assert [int(row["epoch"]) for row in epochs] == [1, 2, 3]
    assert float(epochs[-1]["lr"]) < 1e-6, "cosine ends at 0"
    assert float(epochs[-1]["test_accuracy"]) == 1.0, result.stdout


def test_the_learning_rate_warms_up_linearly_then_follows_the_cosine():
    import train_reference

    args = SimpleNamespace(lr=0.1, warmup_epochs=1.5, epochs=4)
    rate = [train_reference.learning_rate(args, i, 10) for i in range(40)]
    assert rate[0] == 0.1 / 15 and rate[13] == 0.1 * 14 / 15
    assert rate[14] == 0.1, "the last warm-up step reaches the base rate, never more"
    assert rate[15] == 0.1, "the cosine starts at the base rate"
    assert abs(rate[25] - 0.1 * 0.5 * (1 + np.cos(np.pi * 0.4))) < 1e-12
    assert max(rate) == 0.1


def test_images_of_another_size_are_named(tmp_path):
    write_folder(str(tmp_path / "data"), 4, shapes={("train", "dark", 2): (9, 8, 3)})
    result = run("--data-dir", str(tmp_path / "data"), "--depth", "8", "--batch-size", "2")
    assert result.returncode == 2
    assert os.path.join("train", "dark", "0002.png") in result.stderr
    assert "(9, 8, 3)" in result.stderr


def test_a_folder_without_test_images_is_refused(tmp_path):
    os.makedirs(tmp_path / "data" / "train" / "a")
    result = run("--data-dir", str(tmp_path / "data"))
    assert result.returncode == 2
    assert "no test folder there" in result.stderr
