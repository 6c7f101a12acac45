"""TensorBoard reads the event files gmloss writes, and finds the run's own numbers in them."""

import csv
import glob
import os

import numpy as np
import tensorflow as tf
from tensorflow.core.util import event_pb2

from conftest import PARITY, require


def read_events():
    run = require(os.path.join(PARITY, "tensorboard-run"))
    files = glob.glob(os.path.join(run, "tensorboard", "events.out.tfevents.*"))
    assert len(files) == 1, files
    values = {}
    for record in tf.data.TFRecordDataset(files[0]):
        event = event_pb2.Event.FromString(record.numpy())
        for value in event.summary.value:
            values.setdefault(value.tag, []).append((event.step, value))
    with open(os.path.join(run, "metrics.csv")) as f:
        rows = list(csv.DictReader(f))
    return values, rows


def test_epoch_scalars_are_the_rows_of_metrics_csv():
    values, rows = read_events()
    assert len(rows) == 2
    for tag, column in [("epoch/test_accuracy", "test_accuracy"),
                        ("epoch/train_loss", "train_loss"),
                        ("epoch/test_loss", "test_loss"),
                        ("epoch/learning_rate", "lr")]:
        steps = [step for step, _ in values[tag]]
        assert steps == [1, 2], (tag, steps)
        got = [v.simple_value for _, v in values[tag]]
        want = [float(row[column]) for row in rows]
        np.testing.assert_allclose(got, want, rtol=1e-5, err_msg=tag)


def test_every_step_has_its_scalars():
    values, _ = read_events()
    # 512 images in batches of 64: 8 steps per epoch, 16 in all.
    for tag in ["step/loss", "step/epoch_accuracy", "step/learning_rate", "step/alpha",
                "step/lambda", "step/images_per_second"]:
        assert [step for step, _ in values[tag]] == list(range(1, 17)), tag
    alphas = {v.simple_value for _, v in values["step/alpha"]}
    assert alphas == {np.float32(0.1)}


def test_histograms_of_distances_and_variances():
    values, rows = read_events()
    distances = values["test/distance_to_own_mean"]
    assert [step for step, _ in distances] == [1, 2]
    for _, value in distances:
        assert value.histo.num == 200
        assert value.histo.min >= -1e-4
    variances = values["head/variances"]
    for (step, value), row in zip(variances, rows):
        assert value.histo.num == 10
        np.testing.assert_allclose(value.histo.min, float(row["variance_min"]), rtol=1e-5)
        np.testing.assert_allclose(value.histo.max, float(row["variance_max"]), rtol=1e-5)
