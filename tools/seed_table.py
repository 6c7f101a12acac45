"""Runs of the same command with different seeds, side by side: each run's last and best epoch,
each loss's mean and standard deviation over its seeds, and whether the difference of two losses
is larger than twice its standard error.

    python tools/seed_table.py RUN_DIR [RUN_DIR ...]

A run directory is one `gmloss train` wrote: its run.json names the loss, seed and precision, its
metrics.csv has one row per epoch. The result of a run is its last epoch's test accuracy; the best
epoch is printed for reference only. The mean of the last ten epochs, less moved by the swing from
one epoch to the next, is compared as well.
"""

import csv
import json
import math
import os
import statistics
import sys
from itertools import combinations

LAST = 10


def read_run(run_dir):
    """The loss, seed, precision and per-epoch test accuracies (percent) of one run."""
    with open(os.path.join(run_dir, "run.json")) as f:
        options = json.load(f)["options"]
    with open(os.path.join(run_dir, "metrics.csv")) as f:
        rows = list(csv.DictReader(f))
    if not rows:
        raise ValueError(f"{run_dir}/metrics.csv: no epoch finished yet")
    accuracies = [100 * float(row["test_accuracy"]) for row in rows]
    elapsed = rows[-1].get("elapsed_seconds")
    return {"dir": os.path.basename(os.path.normpath(run_dir)), "loss": options["loss"],
            "seed": options["seed"], "precision": options.get("precision", "fp32"),
            "epochs": int(rows[-1]["epoch"]), "planned": int(options["epochs"]),
            "accuracies": accuracies, "seconds": float(elapsed) if elapsed else None}


def last_mean(accuracies):
    """Mean test accuracy of the last ten epochs (of all, in a shorter run)."""
    return statistics.fmean(accuracies[-LAST:])


def best_epoch(accuracies):
    """The best test accuracy and its epoch (counted from 1; the first of equals)."""
    index = max(range(len(accuracies)), key=lambda i: accuracies[i])
    return accuracies[index], index + 1


def duration(seconds):
    """Wall time as 4h56m; a dash when the run's metrics do not give it."""
    if seconds is None:
        return "—"
    minutes = round(seconds / 60)
    return f"{minutes // 60}h{minutes % 60:02d}m"


def summary(accuracies):
    """Mean and sample standard deviation (0 for one run)."""
    mean = statistics.fmean(accuracies)
    sd = statistics.stdev(accuracies) if len(accuracies) > 1 else 0.0
    return mean, sd


def spread(sd, count):
    """A standard deviation as the tables show it: a dash for a single run, which has none."""
    return f"{sd:.2f}" if count > 1 else "—"


def difference(first, second):
    """Mean difference first - second and its standard error (Welch: sd^2/n of each added)."""
    mean_a, sd_a = summary(first)
    mean_b, sd_b = summary(second)
    return mean_a - mean_b, math.sqrt(sd_a ** 2 / len(first) + sd_b ** 2 / len(second))


def table(runs):
    lines = [f"| run | loss | seed | precision | epochs | last epoch | best epoch | mean of the last"
             f" {LAST} | wall time |", "|---|---|---|---|---|---|---|---|---|"]
    for run in runs:
        acc = run["accuracies"]
        best, epoch = best_epoch(acc)
        done = f"{run['epochs']}" + ("" if run["epochs"] == run["planned"]
                                     else f" of {run['planned']} (running)")
        lines.append(f"| {run['dir']} | {run['loss']} | {run['seed']} | {run['precision']} | "
                     f"{done} | {acc[-1]:.2f}% | {best:.2f}% ({epoch}) | "
                     f"{last_mean(acc):.2f}% | {duration(run['seconds'])} |")
    finished = {}
    for run in runs:
        if run["epochs"] == run["planned"]:
            finished.setdefault(run["loss"], []).append(run["accuracies"])
    lines += ["", f"| loss | finished runs | last epoch: mean | standard deviation | mean of the"
              f" last {LAST}: mean | standard deviation |", "|---|---|---|---|---|---|"]
    for loss, runs_of_loss in finished.items():
        mean, sd = summary([acc[-1] for acc in runs_of_loss])
        mean_last, sd_last = summary([last_mean(acc) for acc in runs_of_loss])
        count = len(runs_of_loss)
        lines.append(f"| {loss} | {count} | {mean:.2f}% | {spread(sd, count)} | "
                     f"{mean_last:.2f}% | {spread(sd_last, count)} |")
    for a, b in combinations(finished, 2):
        for what, value in (("last epoch", lambda acc: acc[-1]),
                            (f"mean of the last {LAST}", last_mean)):
            lines.append(f"\n{a} - {b}, {what}: "
                         + verdict([value(acc) for acc in finished[a]],
                                   [value(acc) for acc in finished[b]]))
    return "\n".join(lines)


def verdict(first, second):
    """The difference of two losses' results, its standard error and what they say."""
    diff, se = difference(first, second)
    if min(len(first), len(second)) < 2:
        return f"{diff:+.2f} points; one run of a loss has no spread to judge it by"
    if abs(diff) > 2 * se:
        judged = "more than twice its standard error"
    else:
        judged = "within twice its standard error: these seeds cannot separate them"
    return f"{diff:+.2f} points, standard error {se:.2f}; {judged}"


if __name__ == "__main__":
    if len(sys.argv) < 2:
        sys.exit(__doc__)
    print(table([read_run(d) for d in sys.argv[1:]]))
