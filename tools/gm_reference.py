"""An independent TensorFlow 2 implementation of the L-GM loss, written from the paper's formulas.

Wan et al., "Rethinking Feature Distribution for Loss Functions in Image Classification",
CVPR 2018, with the Caffe layer's optional learned variances:

    d_ik  = 1/2 sum_j (x_ij - mu_kj)^2 / s_kj          (s = 1 without learned variances)
    L_cls = mean_i CE(softmax(-(1 + alpha [k == y_i]) d_i), y_i)
    L_lkd = mean_i 1/2 ||x_i - mu_{y_i}||^2            (never divided by the variance)
    L     = L_cls + lambda L_lkd

Variances: "isotropic" (one per class) or "diagonal" (one per class and dimension), used as
relu(sigma) + 1e-4 ("linear", Caffe) or exp(sigma) ("log"). Everything is computed in float64
with explicit differences, not the ||x||^2 - 2 x.mu + ||mu||^2 expansion the Java graph uses, so
agreement is evidence and not a copy.
"""

import numpy as np
import tensorflow as tf

CLAMP_OFFSET = 1e-4


def effective_variances(raw, parameterisation):
    """The positive variances a raw variance variable stands for."""
    if parameterisation == "log":
        return tf.exp(raw)
    return tf.nn.relu(raw) + CLAMP_OFFSET


def distances(x, means, variances=None, shape="none", parameterisation="linear"):
    """d[i, k] = 1/2 sum_j (x_ij - mu_kj)^2 / s_kj, shape [N, C]."""
    diff = x[:, None, :] - means[None, :, :]
    squares = tf.square(diff)
    if shape == "none":
        return 0.5 * tf.reduce_sum(squares, axis=-1)
    s = effective_variances(variances, parameterisation)
    if shape == "isotropic":
        return 0.5 * tf.reduce_sum(squares, axis=-1) / s[None, :]
    if shape == "diagonal":
        return 0.5 * tf.reduce_sum(squares / s[None, :, :], axis=-1)
    raise ValueError(f"unknown variance shape {shape!r}")


def gm_loss(x, means, labels, alpha, lam, variances=None, shape="none",
            parameterisation="linear"):
    """Returns (total, classification, likelihood) for a batch."""
    num_classes = means.shape[0]
    d = distances(x, means, variances, shape, parameterisation)
    one_hot = tf.one_hot(labels, num_classes, dtype=x.dtype)
    logits = -(1.0 + alpha * one_hot) * d
    log_normaliser = tf.reduce_logsumexp(logits, axis=1)
    true_logit = tf.reduce_sum(one_hot * logits, axis=1)
    classification = tf.reduce_mean(log_normaliser - true_logit)
    own_means = tf.gather(means, labels)
    likelihood = tf.reduce_mean(0.5 * tf.reduce_sum(tf.square(x - own_means), axis=1))
    return classification + lam * likelihood, classification, likelihood


def loss_and_gradients(x, means, labels, alpha, lam, variances=None, shape="none",
                       parameterisation="linear"):
    """Loss parts and d total / d (x, means, variances) as float64 numpy arrays."""
    x = tf.Variable(np.asarray(x, dtype=np.float64))
    means = tf.Variable(np.asarray(means, dtype=np.float64))
    sources = [x, means]
    var = None
    if shape != "none":
        var = tf.Variable(np.asarray(variances, dtype=np.float64))
        sources.append(var)
    with tf.GradientTape() as tape:
        total, classification, likelihood = gm_loss(
            x, means, tf.constant(labels, dtype=tf.int32), alpha, lam, var, shape,
            parameterisation)
    grads = tape.gradient(total, sources)
    result = {
        "loss": total.numpy(),
        "classification": classification.numpy(),
        "likelihood": likelihood.numpy(),
        "grad_x": grads[0].numpy(),
        "grad_means": grads[1].numpy(),
    }
    if var is not None:
        result["grad_variances"] = grads[2].numpy()
    return result
