"""tools/seed_table.py against numbers worked out by hand on made-up runs, and the CIFAR-10 page
against the records of its runs."""

import json
import os

import pytest

from conftest import ROOT

import seed_table


def make_run(root, name, loss, seed, accuracies, planned=None):
    run = root / name
    run.mkdir()
    (run / "run.json").write_text(json.dumps({"options": {
        "loss": loss, "seed": seed, "precision": "bf16",
        "epochs": planned or len(accuracies)}}))
    rows = ["epoch,test_accuracy,elapsed_seconds"] + [
        f"{i + 1},{a},{(i + 1) * 1800.4}" for i, a in enumerate(accuracies)]
    (run / "metrics.csv").write_text("\n".join(rows) + "\n")
    return str(run)


def test_last_and_best_epochs_means_spreads_and_the_verdict(tmp_path):
    runs = [seed_table.read_run(make_run(tmp_path, *spec)) for spec in [
        ("gm-7", "gm", 7, [0.80, 0.90, 0.89]),
        ("gm-42", "gm", 42, [0.85, 0.91]),
        ("softmax-7", "softmax", 7, [0.86, 0.88]),
        ("softmax-42", "softmax", 42, [0.87, 0.88]),
        ("softmax-1234", "softmax", 1234, [0.5], 160)]]
    text = seed_table.table(runs)
    # gm-7's last three epochs (fewer than ten) average 86.33%; three half-hours and a second.
    assert "| gm-7 | gm | 7 | bf16 | 3 | 89.00% | 90.00% (2) | 86.33% | 1h30m |" in text
    assert ("| softmax-1234 | softmax | 1234 | bf16 | 1 of 160 (running) | 50.00% | 50.00% (1)"
            " | 50.00% | 0h30m |") in text
    # Last epochs: gm 89 and 91, mean 90, sd sqrt(2); softmax 88 and 88 (the running one left
    # out), sd 0. Means of the last epochs: gm 86.33 and 88, mean 87.17, sd 1.18; softmax 87
    # and 87.5, mean 87.25, sd 0.35.
    assert "| gm | 2 | 90.00% | 1.41 | 87.17% | 1.18 |" in text
    assert "| softmax | 2 | 88.00% | 0.00 | 87.25% | 0.35 |" in text
    # difference 2, standard error sqrt(2/2 + 0) = 1: exactly twice, so not more than twice.
    assert "gm - softmax, last epoch: +2.00 points, standard error 1.00; within twice" in text
    # -0.083, standard error sqrt(1.389/2 + 0.125/2) = 0.870.
    assert ("gm - softmax, mean of the last 10: -0.08 points, standard error 0.87; within"
            " twice") in text


def test_one_run_of_a_loss_is_not_judged(tmp_path):
    runs = [seed_table.read_run(make_run(tmp_path, "a", "gm", 1, [0.9])),
            seed_table.read_run(make_run(tmp_path, "b", "softmax", 1, [0.8]))]
    text = seed_table.table(runs)
    assert "| gm | 1 | 90.00% | — | 90.00% | — |" in text
    assert "gm - softmax, last epoch: +10.00 points; one run of a loss has no spread" in text
    assert "standard error" not in text


def test_a_run_without_an_epoch_is_named(tmp_path):
    run = make_run(tmp_path, "empty", "gm", 1, [])
    with pytest.raises(ValueError, match="empty/metrics.csv: no epoch finished yet"):
        seed_table.read_run(run)


RECORDS = os.path.join(ROOT, "docs", "results", "cifar10-runs")
with open(os.path.join(ROOT, "docs", "results", "cifar10.md")) as page:
    CIFAR10_PAGE = page.read()


def seed_runs():
    seeds = os.path.join(RECORDS, "seeds")
    return [seed_table.read_run(os.path.join(seeds, name)) for name in sorted(os.listdir(seeds))]


def test_the_cifar10_page_shows_the_table_its_seed_runs_give():
    assert seed_table.table(seed_runs()) in CIFAR10_PAGE


@pytest.mark.parametrize("name", sorted(os.listdir(os.path.join(RECORDS, "protocols"))))
def test_the_cifar10_page_gives_each_protocol_runs_last_best_and_last_ten(name):
    run = seed_table.read_run(os.path.join(RECORDS, "protocols", name))
    accuracies = run["accuracies"]
    best, epoch = seed_table.best_epoch(accuracies)
    row = (f"| {run['epochs']} | **{accuracies[-1]:.2f}%** | {best:.2f}% ({epoch}) |"
           f" {seed_table.last_mean(accuracies):.2f}% |")
    assert row in CIFAR10_PAGE


def test_the_cifar10_protocol_table_gives_each_losss_mean_and_spread_over_its_seeds():
    by_loss = {}
    for run in seed_runs():
        by_loss.setdefault(run["loss"], []).append(run["accuracies"][-1])
    for loss, lasts in by_loss.items():
        if len(lasts) > 1:
            mean, sd = seed_table.summary(lasts)
            assert f"mean **{mean:.2f}%** ± {sd:.2f}" in CIFAR10_PAGE, loss
        else:
            assert f"| **{lasts[0]:.2f}%** |" in CIFAR10_PAGE, loss
