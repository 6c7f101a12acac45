"""One model's detection results as the detection page shows them: a row per kind of suspect
input (each attack, each unfamiliar set), a column per score, the best score of each row in bold.

    python tools/detection_table.py RECORD_DIR

RECORD_DIR holds what `gmloss detect --json` printed for one model, one file per command (the
names only set the order): each attack gives a row and each unfamiliar set a row, once however
many commands measured it (the first, in sorted order, is shown). A cell is the AUC of telling clean images from
the suspect ones (for attacks: those that turned a right answer wrong) and, in parentheses, the
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


def cell(separation):
    return f"{separation['auc']:.3f} ({100 * separation['detectionRate']:.0f}%)"


def row(name, accuracy, separations):
    """One row; the cells whose AUC, as printed, is the row's highest are in bold."""
    best = max(f"{s['auc']:.3f}" for s in separations)
    cells = [f"**{cell(s)}**" if f"{s['auc']:.3f}" == best else cell(s) for s in separations]
    return f"| {name} | {accuracy} | " + " | ".join(cells) + " |"


def table(records):
    scores = list(records[0]["scores"])
    for record in records:
        if list(record["scores"]) != scores:
            raise ValueError(f"the records give different scores: {scores} and"
                             f" {list(record['scores'])}; were they of one model?")
    lines = ["| suspect inputs | accuracy under attack | "
             + " | ".join(SCORES.get(s, s) for s in scores) + " |",
             "|---" * (len(scores) + 2) + "|"]
    attacks, unfamiliar = {}, {}
    for record in records:
        attacks.setdefault(attack_name(record["attack"]), row(
            attack_name(record["attack"]), f"{100 * record['adversarialAccuracy']:.1f}%",
            [record["scores"][s][ATTACKED] for s in scores]))
        unfamiliar.setdefault(unfamiliar_name(record["unfamiliar"]), row(
            unfamiliar_name(record["unfamiliar"]), "",
            [record["scores"][s][UNFAMILIAR] for s in scores]))
    lines += list(attacks.values()) + list(unfamiliar.values())
    return "\n".join(lines)


if __name__ == "__main__":
    if len(sys.argv) != 2:
        sys.exit(__doc__)
    try:
        print(table(read_records(sys.argv[1])))
    except (OSError, ValueError) as error:
        sys.exit(f"detection_table.py: error: {error}")
