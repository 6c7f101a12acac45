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


def baseline_record(kind, epsilon, unfamiliar, attacked, strange):
    """A softmax model's record: scores of its own, without a likelihood."""
    return {"attack": {"kind": kind, "epsilon": epsilon}, "adversarialAccuracy": 0.3,
            "unfamiliar": unfamiliar,
            "scores": {"negative-energy": {"adversarial, successful": attacked,
                                           "unfamiliar": strange}}}


def test_the_likelihood_against_the_best_score_of_either_model(tmp_path):
    gm, softmax = tmp_path / "gm", tmp_path / "softmax"
    # FGSM 2: the likelihood (0.800) beats the GM model's Mahalanobis score (0.700) and the
    # softmax model's energy (0.750). Fashion-MNIST: 0.8004 and 0.7996 both print as 0.800,
    # the energy is lower: level, and it beats the softmax model. PGD 8: both are ahead, the
    # energy (0.990) most, by 0.09. Noise: the likelihood (0.600) is above the GM model's other
    # score (0.500) but below the softmax model's energy (0.700).
    write(gm, "fgsm2.json", record("fgsm", 2.0, 0.5, FASHION,
                                   [separation(0.8, 0.3), separation(0.7, 0.2)],
                                   [separation(0.8004, 0.3), separation(0.7996, 0.2)]))
    write(gm, "pgd8-noise.json", record("pgd", 8.0, 0.0, "uniform noise, 1000 images",
                                        [separation(0.9, 0.5), separation(0.95, 0.6)],
                                        [separation(0.6, 0.1), separation(0.5, 0.1)]))
    write(softmax, "fgsm2.json", baseline_record("fgsm", 2.0, FASHION, separation(0.75, 0.2),
                                                 separation(0.7, 0.1)))
    write(softmax, "pgd8-noise.json", baseline_record(
        "pgd", 8.0, "uniform noise, 1000 images", separation(0.99, 0.9), separation(0.7, 0.2)))
    text = detection_table.versus(detection_table.read_records(str(gm)),
                                  detection_table.read_records(str(softmax)))
    assert text.split("\n")[2:] == [
        "| FGSM 2 | 0.800 | 0.700 (minus Mahalanobis) | 0.750 (minus energy) | yes, by 0.050 |",
        "| PGD 8 | 0.900 | 0.950 (minus Mahalanobis) | 0.990 (minus energy) | no, by 0.090 |",
        "| Fashion-MNIST test images | 0.800 | 0.800 (minus Mahalanobis) | 0.700 (minus energy)"
        " | level; it beats every score of the softmax model |",
        "| uniform noise | 0.600 | 0.500 (minus Mahalanobis) | 0.700 (minus energy) |"
        " no, by 0.100 |"]


def test_a_row_the_baseline_did_not_measure_is_named(tmp_path):
    gm, softmax = tmp_path / "gm", tmp_path / "softmax"
    write(gm, "fgsm8.json", record("fgsm", 8.0, 0.5, FASHION, [separation(0.8, 0.3)] * 2,
                                   [separation(0.8, 0.3)] * 2))
    write(softmax, "fgsm2.json", baseline_record("fgsm", 2.0, FASHION, separation(0.7, 0.1),
                                                 separation(0.7, 0.1)))
    with pytest.raises(ValueError, match="the baseline model's records have no row 'FGSM 8'"):
        detection_table.versus(detection_table.read_records(str(gm)),
                               detection_table.read_records(str(softmax)))


RECORDS = os.path.join(ROOT, "docs", "results", "detection-runs")
with open(os.path.join(ROOT, "docs", "results", "detection.md")) as page:
    DETECTION_PAGE = page.read()


@pytest.mark.parametrize("model", sorted(
    name for name in os.listdir(RECORDS) if os.path.isdir(os.path.join(RECORDS, name))))
def test_the_detection_page_shows_the_table_each_models_records_give(model):
    records = detection_table.read_records(os.path.join(RECORDS, model))
    assert detection_table.table(records) in DETECTION_PAGE


def test_the_detection_page_compares_the_likelihood_row_by_row_as_the_records_give():
    gm = detection_table.read_records(os.path.join(RECORDS, "cifar10-gm"))
    softmax = detection_table.read_records(os.path.join(RECORDS, "cifar10-softmax-he164"))
    assert detection_table.versus(gm, softmax) in DETECTION_PAGE
