"""One model's detection results as the detection page shows them: a row per kind of suspect
input (each attack, each unfamiliar set), a column per score, the best score of each row in bold;
or, with --against, a GM model's own likelihood row by row against the best score on it and on
a baseline model.

    python tools/detection_table.py RECORD_DIR
    python tools/detection_table.py GM_RECORD_DIR --against BASELINE_RECORD_DIR

RECORD_DIR holds what `gmloss detect --json` printed for one model, one file per command (the
names only set the order): each attack gives a row and each unfamiliar set a row, once however
many commands measured it (the first, in sorted order, is shown). A cell is the AUC of telling
clean images from the suspect ones (for attacks: those that turned a right answer wrong) and, in parentheses, the
share caught at 5% false alarms.
"""

import json
import os
import sys

SCORES = {
    "log-likelihood": "log-likelihood",
    "log-max-probability": "log max probability",
    "negative-energy": "minus energy",
    "negative-mahalanobis": "minus Mahalanobis",
    "fitted-log-likelihood": "fitted log-likelihood",
    "log-likelihood-fitted-covariance": "learned centres, fitted covariance",
}
DATASETS = {"fashion-mnist": "Fashion-MNIST", "mnist": "MNIST", "cifar10": "CIFAR-10",
            "cifar100": "CIFAR-100", "folder:cifar10-jpeg": "CIFAR-10"}
ATTACKED = "adversarial, successful"
UNFAMILIAR = "unfamiliar"


def read_records(record_dir):
    """The records of one model, in sorted file order."""
    names = sorted(n for n in os.listdir(record_dir) if n.endswith(".json"))
    if not names:
        raise ValueError(f"{record_dir}: no .json record of gmloss detect")
    records = []
    for name in names:
        path = os.path.join(record_dir, name)
        with open(path) as f:
            record = json.load(f)
        if not isinstance(record, dict) or "scores" not in record:
            raise ValueError(f"{path}: not a record of gmloss detect --json (it has no scores)")
        records.append(record)
    return records


def attack_name(attack):
    """FGSM 2, PGD 8: the attack and its epsilon (of 255)."""
    return f"{attack['kind'].upper()} {attack['epsilon']:g}"


def unfamiliar_name(description):
    """'fashion-mnist test split, 1000 images ...' -> 'Fashion-MNIST test images'."""
    if description.startswith("uniform noise"):
        return "uniform noise"
    dataset, _, rest = description.partition(" ")
    split = rest.split(" split")[0]
    return f"{DATASETS.get(dataset, dataset)} {split} images"


def suspects(records):
    """(name, accuracy under attack or "", {score: separation}) per row, attacks first."""
    scores = list(records[0]["scores"])
    for record in records:
        if list(record["scores"]) != scores:
            raise ValueError(f"the records give different scores: {scores} and"
                             f" {list(record['scores'])}; were they of one model?")
    attacks, unfamiliar = {}, {}
    for record in records:
        attacks.setdefault(attack_name(record["attack"]), (
            f"{100 * record['adversarialAccuracy']:.1f}%",
            {s: record["scores"][s][ATTACKED] for s in scores}))
        unfamiliar.setdefault(unfamiliar_name(record["unfamiliar"]), (
            "", {s: record["scores"][s][UNFAMILIAR] for s in scores}))
    return [(name, accuracy, separations)
            for group in (attacks, unfamiliar) for name, (accuracy, separations) in group.items()]


def auc(separation):
    """The AUC as the tables print it, so that what looks equal compares equal."""
    return f"{separation['auc']:.3f}"


def cell(separation):
    return f"{auc(separation)} ({100 * separation['detectionRate']:.0f}%)"


def table(records):
    """Every score of one model; the cells whose AUC is the row's highest are in bold."""
    rows = suspects(records)
    scores = list(rows[0][2])
    lines = ["| suspect inputs | accuracy under attack | "
             + " | ".join(SCORES.get(s, s) for s in scores) + " |",
             "|---" * (len(scores) + 2) + "|"]
    for name, accuracy, separations in rows:
        best = max(auc(s) for s in separations.values())
        cells = [f"**{cell(s)}**" if auc(s) == best else cell(s) for s in separations.values()]
        lines.append(f"| {name} | {accuracy} | " + " | ".join(cells) + " |")
    return "\n".join(lines)


def best_score(separations):
    """The AUC of the best score and the score's name (the first of equals)."""
    name = max(separations, key=lambda s: auc(separations[s]))
    return auc(separations[name]), SCORES.get(name, name)


def versus(gm_records, baseline_records, own="log-likelihood"):
    """Row by row, the GM model's own likelihood against the best other score on the GM model
    and the best score on a baseline model (the same suspect inputs, attacked on its own
    gradient), and whether it beats them."""
    baseline = {name: separations for name, _, separations in suspects(baseline_records)}
    lines = ["| suspect inputs | GM log-likelihood | best baseline on the GM model | best baseline"
             " on the softmax model | does the likelihood beat the best baseline? |",
             "|---|---|---|---|---|"]
    for name, _, separations in suspects(gm_records):
        if name not in baseline:
            raise ValueError(f"the baseline model's records have no row {name!r}")
        likelihood = auc(separations[own])
        on_gm = best_score({s: v for s, v in separations.items() if s != own})
        on_baseline = best_score(baseline[name])
        best = max(on_gm[0], on_baseline[0])
        if likelihood > best:
            verdict = f"yes, by {float(likelihood) - float(best):.3f}"
        else:
            verdict = ("level" if likelihood == best
                       else f"no, by {float(best) - float(likelihood):.3f}")
            if likelihood > on_baseline[0]:
                verdict += "; it beats every score of the softmax model"
        lines.append(f"| {name} | {likelihood} | {on_gm[0]} ({on_gm[1]}) |"
                     f" {on_baseline[0]} ({on_baseline[1]}) | {verdict} |")
    return "\n".join(lines)


if __name__ == "__main__":
    if len(sys.argv) not in (2, 4) or (len(sys.argv) == 4 and sys.argv[2] != "--against"):
        sys.exit(__doc__)
    try:
        records = read_records(sys.argv[1])
        print(versus(records, read_records(sys.argv[3])) if len(sys.argv) == 4
              else table(records))
    except (OSError, ValueError) as error:
        sys.exit(f"detection_table.py: error: {error}")
