"""The Gaussians `gmloss detect` fits to a model's features, fitted again with numpy: the same
class means, the same shared covariance and the same squared Mahalanobis distances."""

import os

import numpy as np

from conftest import PARITY, require

RIDGE = 1e-6  # GaussianFit.RIDGE: added to the diagonal, times its mean


def load(name):
    return np.load(os.path.join(require(os.path.join(PARITY, "gaussian-fit")), name))


def numpy_fit():
    """Features, class means and the features centred on their class's mean, in float64."""
    features = load("features.npy").astype(np.float64)
    labels = load("labels.npy")
    means = np.stack([features[labels == k].mean(axis=0) for k in range(10)])
    return features, means, features - means[labels]


def test_means_and_covariance_are_numpys():
    _, means, centred = numpy_fit()
    # The biased estimate of the shared covariance, as Lee et al. fit it.
    covariance = np.cov(centred, rowvar=False, bias=True)
    np.testing.assert_allclose(load("means.npy"), means, rtol=1e-9, atol=1e-12)
    np.testing.assert_allclose(load("covariance.npy"), covariance, rtol=1e-9, atol=1e-12)


def test_squared_mahalanobis_distances_are_numpys():
    features, means, centred = numpy_fit()
    covariance = centred.T @ centred / len(centred)
    dimension = covariance.shape[0]
    sigma = covariance + RIDGE * np.trace(covariance) / dimension * np.eye(dimension)
    want = np.array([[d @ np.linalg.solve(sigma, d) for d in x - means] for x in features[:20]])
    np.testing.assert_allclose(load("distances.npy"), want, rtol=1e-6)
