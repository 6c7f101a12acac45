"""The Python reference against hand-computed values, then against Java on shared vectors."""

import json
import os

import numpy as np
import pytest

import gm_reference
from conftest import PARITY, require

RTOL = 1e-5


def test_reference_matches_the_hand_computed_example():
    # Same case as Java's LargeMarginGmLossTest: d(x1) = (2, 1, 0), d(x2) = (2, 1, 4).
    x = np.array([[2.0, 0.0], [0.0, 2.0]])
    means = np.array([[0.0, 0.0], [1.0, 1.0], [2.0, 0.0]])
    total, classification, likelihood = gm_reference.gm_loss(
        x, means, np.array([0, 1]), 0.5, 0.1)
    ce1 = 3 + np.log(np.exp(-3) + np.exp(-1) + 1)
    ce2 = 1.5 + np.log(np.exp(-2) + np.exp(-1.5) + np.exp(-4))
    assert classification.numpy() == pytest.approx((ce1 + ce2) / 2, rel=1e-12)
    assert likelihood.numpy() == pytest.approx(1.5, rel=1e-12)
    assert total.numpy() == pytest.approx((ce1 + ce2) / 2 + 0.15, rel=1e-12)


def test_reference_gradients_match_finite_differences():
    rng = np.random.default_rng(0)
    x = rng.normal(size=(3, 4))
    means = rng.normal(size=(5, 4))
    sigma = rng.uniform(0.5, 2.0, size=(5,))
    labels = np.array([0, 3, 4])
    result = gm_reference.loss_and_gradients(x, means, labels, 0.3, 0.2, sigma, "isotropic")

    def loss(sigma_value):
        return gm_reference.gm_loss(x, means, labels, 0.3, 0.2, sigma_value,
                                    "isotropic")[0].numpy()

    eps = 1e-6
    for k in range(5):
        plus, minus = sigma.copy(), sigma.copy()
        plus[k] += eps
        minus[k] -= eps
        numeric = (loss(plus) - loss(minus)) / (2 * eps)
        assert result["grad_variances"][k] == pytest.approx(numeric, rel=1e-6, abs=1e-9)


def test_paper_reference_matches_the_hand_computed_example():
    # Same case as Java's VarianceTest: sigma = (1, 2, 4), D = 2, so 1/2 log|Sigma_k| = log s_k.
    x = np.array([[2.0, 0.0], [0.0, 2.0]])
    means = np.array([[0.0, 0.0], [1.0, 1.0], [2.0, 0.0]])
    log_sigma = np.log(np.array([1.0, 2.0, 4.0]))
    total, classification, likelihood = gm_reference.gm_loss(
        x, means, np.array([0, 1]), 0.5, 0.1, log_sigma, "isotropic", "log", "paper")
    ln2, ln4 = np.log(2), np.log(4)
    ce1 = 3 + np.log(np.exp(-3) + np.exp(-0.5 - ln2) + np.exp(-ln4))
    ce2 = 0.75 + ln2 + np.log(np.exp(-2) + np.exp(-0.75 - ln2) + np.exp(-1 - ln4))
    assert classification.numpy() == pytest.approx((ce1 + ce2) / 2, rel=1e-12)
    assert likelihood.numpy() == pytest.approx((2 + 0.5 + ln2) / 2, rel=1e-12)


def test_paper_reference_gradients_match_finite_differences():
    rng = np.random.default_rng(1)
    x = rng.normal(size=(3, 4))
    means = rng.normal(size=(5, 4))
    sigma = rng.uniform(0.5, 2.0, size=(5, 4))
    labels = np.array([0, 3, 4])
    args = (0.3, 0.2)
    result = gm_reference.loss_and_gradients(x, means, labels, *args, sigma, "diagonal",
                                             "linear", "paper")

    def loss(sigma_value):
        return gm_reference.gm_loss(x, means, labels, *args, sigma_value, "diagonal", "linear",
                                    "paper")[0].numpy()

    eps = 1e-6
    for k in range(5):
        for j in range(4):
            plus, minus = sigma.copy(), sigma.copy()
            plus[k, j] += eps
            minus[k, j] -= eps
            numeric = (loss(plus) - loss(minus)) / (2 * eps)
            assert result["grad_variances"][k, j] == pytest.approx(numeric, rel=1e-6, abs=1e-9)


def cases():
    root = os.path.join(PARITY, "gm_vectors")
    if not os.path.isdir(root):
        return ["missing"]
    return sorted(os.listdir(root))


def relative_error(java, reference):
    """max |java - reference| over max |reference|: the error relative to the tensor's scale.

    Element by element, a float32 gradient entry that is almost zero can differ from the float64
    reference by more than 1e-5 of itself through round-off alone; against the tensor's scale the
    bound is meaningful.
    """
    java = np.asarray(java, dtype=np.float64)
    reference = np.asarray(reference, dtype=np.float64)
    return float(np.max(np.abs(java - reference)) / max(np.max(np.abs(reference)), 1e-30))


@pytest.mark.parametrize("case", cases())
def test_java_loss_and_gradients_equal_the_reference(case):
    directory = require(os.path.join(PARITY, "gm_vectors", case))
    load = lambda name: np.load(os.path.join(directory, name + ".npy"))
    with open(os.path.join(directory, "params.json")) as f:
        params = json.load(f)
    variances = load("variances") if params["shape"] != "none" else None
    if variances is not None and params["shape"] == "isotropic":
        variances = variances.reshape(-1)
    reference = gm_reference.loss_and_gradients(
        load("x"), load("means"), load("labels"), params["alpha"], params["lambda"],
        variances, params["shape"], params["parameterisation"], params["likelihood"])
    outputs = ["loss", "classification", "likelihood", "grad_x", "grad_means"]
    if variances is not None:
        outputs.append("grad_variances")
    errors = {}
    for name in outputs:
        java = load(name)
        expected = reference[name]
        if name == "grad_variances":
            java = java.reshape(expected.shape)
        errors[name] = relative_error(java, expected)
    print(f"\n{case}: " + ", ".join(f"{k} {v:.2e}" for k, v in errors.items()))
    assert all(error <= RTOL for error in errors.values()), errors
