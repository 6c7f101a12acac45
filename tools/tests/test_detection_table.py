"""tools/detection_table.py on made-up records, and the detection page against the records of
its measurements."""

import json
import os

import pytest

from conftest import ROOT

import detection_table


def separation(auc, rate):
    return {"auc": auc, "detectionRate": rate, "falsePositiveRate": 0.05, "threshold": -1.0}


def record(kind, epsilon, accuracy, unfamiliar, attacked, strange):
    """A record as `gmloss detect --json` writes it, for two scores."""
    return {"attack": {"kind": kind, "epsilon": epsilon}, "adversarialAccuracy": accuracy,
            "unfamiliar": unfamiliar,
            "scores": {"log-likelihood": {"adversarial, successful": attacked[0],
                                          "unfamiliar": strange[0]},
                       "negative-mahalanobis": {"adversarial, successful": attacked[1],
                                                "unfamiliar": strange[1]}}}


def write(directory, name, content):
    directory.mkdir(exist_ok=True)
    (directory / name).write_text(json.dumps(content))


FASHION = "fashion-mnist test split, 1000 images spread evenly over its 10000, as 32x32x3"


def test_a_row_per_attack_and_per_unfamiliar_set_the_best_in_bold(tmp_path):
    write(tmp_path, "fgsm2.json", record("fgsm", 2.0, 0.453, FASHION,
                                         [separation(0.69786, 0.1484), separation(0.6531, 0.11)],
                                         [separation(0.8, 0.4), separation(0.9, 0.5)]))
    # The same attack and unfamiliar set again, in a later file: shown once, from the first.
    write(tmp_path, "later.json", record("fgsm", 2.0, 0.1, FASHION,
                                         [separation(0.1, 0.1), separation(0.1, 0.1)],
                                         [separation(0.1, 0.1), separation(0.1, 0.1)]))
    write(tmp_path, "pgd8-noise.json", record("pgd", 8.0, 0.012, "uniform noise, 1000 images",
                                              [separation(0.9674, 0.89), separation(0.9669, 0.87)],
                                              [separation(0.76, 0.08), separation(0.872, 0.18)]))
    lines = detection_table.table(detection_table.read_records(str(tmp_path))).split("\n")
    assert lines == [
        "| suspect inputs | accuracy under attack | log-likelihood | minus Mahalanobis |",
        "|---|---|---|---|",
        "| FGSM 2 | 45.3% | **0.698 (15%)** | 0.653 (11%) |",
        # 0.9674 and 0.9669 both print as 0.967: a tie, both in bold.
        "| PGD 8 | 1.2% | **0.967 (89%)** | **0.967 (87%)** |",
        "| Fashion-MNIST test images |  | 0.800 (40%) | **0.900 (50%)** |",
        "| uniform noise |  | 0.760 (8%) | **0.872 (18%)** |"]


def test_records_of_two_models_are_refused(tmp_path):
    first = record("fgsm", 2.0, 0.5, FASHION, [separation(0.5, 0)] * 2, [separation(0.5, 0)] * 2)
    second = dict(first, scores={"log-max-probability": first["scores"]["log-likelihood"]})
    write(tmp_path, "a.json", first)
    write(tmp_path, "b.json", second)
    with pytest.raises(ValueError, match="the records give different scores"):
        detection_table.table(detection_table.read_records(str(tmp_path)))


def test_a_file_that_is_no_detect_record_is_named(tmp_path):
    write(tmp_path, "evaluate.json", {"accuracy": 0.9})
    with pytest.raises(ValueError, match="evaluate.json: not a record of gmloss detect --json"):
        detection_table.read_records(str(tmp_path))


def test_an_empty_directory_is_named(tmp_path):
    with pytest.raises(ValueError, match="no .json record"):
        detection_table.read_records(str(tmp_path))


RECORDS = os.path.join(ROOT, "docs", "results", "detection-runs")
with open(os.path.join(ROOT, "docs", "results", "detection.md")) as page:
    DETECTION_PAGE = page.read()


@pytest.mark.parametrize("model", sorted(
    name for name in os.listdir(RECORDS) if os.path.isdir(os.path.join(RECORDS, name))))
def test_the_detection_page_shows_the_table_each_models_records_give(model):
    records = detection_table.read_records(os.path.join(RECORDS, model))
    assert detection_table.table(records) in DETECTION_PAGE
