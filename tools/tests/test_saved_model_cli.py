"""saved_model_cli shows complete signatures: for the committed models, and for the models the
Java suite has just exported with the current code."""

import json
import os
import re
import subprocess
import sys

import pytest

from conftest import PARITY, SAVEDMODELS, require

# Written by the Java suite's ParityFixturesTest with the current code: GM, identity covariance.
FRESH = os.path.join(PARITY, "fresh-model")


def committed_models():
    return sorted(
        os.path.join(SAVEDMODELS, name) for name in os.listdir(SAVEDMODELS)
        if os.path.exists(os.path.join(SAVEDMODELS, name, "saved_model.pb")))


def show_all(model_dir):
    cli = os.path.join(os.path.dirname(sys.executable), "saved_model_cli")
    result = subprocess.run([cli, "show", "--all", "--dir", model_dir],
                            capture_output=True, text=True, check=True)
    return result.stdout


def signature_block(text, key):
    match = re.search(r"signature_def\['" + re.escape(key) + r"'\]:(.*?)(?=signature_def\[|\Z)",
                      text, re.S)
    assert match, f"no signature {key}"
    return match.group(1)


def tensor(block, name):
    match = re.search(r"\['" + re.escape(name) + r"'\] tensor_info:\s*dtype: (\S+)\s*"
                      r"shape: \(([^)]*)\)", block)
    assert match, f"no tensor {name} in\n{block}"
    return match.group(1), match.group(2).replace(" ", "")


@pytest.mark.parametrize("model_dir", committed_models() + [FRESH])
def test_three_signatures_with_dtypes_and_shapes(model_dir):
    text = show_all(require(model_dir))
    with open(os.path.join(model_dir, "model_card.json")) as f:
        card = json.load(f)
    images = ",".join(str(n) for n in card["input"]["shape"])
    classes = f"-1,{len(card['classNames'])}"
    feature = f"-1,{card['featureDim'] or 64}"
    for key in ["serving_default", "features", "gm"]:
        block = signature_block(text, key)
        assert "Method name is: tensorflow/serving/predict" in block
        assert tensor(block, "images") == ("DT_FLOAT", images)
    serving = signature_block(text, "serving_default")
    assert tensor(serving, "logits") == ("DT_FLOAT", classes)
    assert tensor(serving, "probabilities") == ("DT_FLOAT", classes)
    assert tensor(serving, "classes") == ("DT_INT64", "-1")
    assert tensor(signature_block(text, "features"), "features") == ("DT_FLOAT", feature)
    gm = signature_block(text, "gm")
    assert tensor(gm, "distances") == ("DT_FLOAT", classes)
    assert tensor(gm, "log_likelihood") == ("DT_FLOAT", "-1")


def test_there_is_a_committed_model():
    assert committed_models()
