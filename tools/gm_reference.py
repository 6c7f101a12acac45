"""An independent TensorFlow 2 implementation of the L-GM loss, written from the paper's formulas.

Wan et al., "Rethinking Feature Distribution for Loss Functions in Image Classification",
CVPR 2018, with the Caffe layer's optional learned variances:

    d_ik  = 1/2 sum_j (x_ij - mu_kj)^2 / s_kj          (s = 1 without learned variances)
    L_cls = mean_i CE(softmax(-(1 + alpha [k == y_i]) d_i), y_i)
    L_lkd = mean_i 1/2 ||x_i - mu_{y_i}||^2            (never divided by the variance)
    L     = L_cls + lambda L_lkd

and, with likelihood="paper", the paper's Gaussian densities, log N(x; mu_k, Sigma_k) =
-d_ik - 1/2 log|Sigma_k| - D/2 log(2 pi), the constant dropped since it cancels in the softmax
and does not move a gradient:

    L_cls = mean_i CE(softmax(-(1 + alpha [k == y_i]) d_i - 1/2 log|Sigma|), y_i)
    L_lkd = mean_i -log N(x_i; mu_{y_i}, Sigma_{y_i}) = mean_i d_{i,y_i} + 1/2 log|Sigma_{y_i}|

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


def log_determinants(variances, shape, parameterisation, dim):
    """log |Sigma_k| for every class: D log s_k (isotropic) or sum_j log s_kj (diagonal)."""
    s = effective_variances(variances, parameterisation)
    if shape == "isotropic":
        return dim * tf.math.log(s)
    return tf.reduce_sum(tf.math.log(s), axis=1)


def gm_loss(x, means, labels, alpha, lam, variances=None, shape="none",
            parameterisation="linear", likelihood="caffe"):
    """Returns (total, classification, likelihood) for a batch."""
    num_classes = means.shape[0]
    d = distances(x, means, variances, shape, parameterisation)
    one_hot = tf.one_hot(labels, num_classes, dtype=x.dtype)
    logits = -(1.0 + alpha * one_hot) * d
    paper = likelihood == "paper" and shape != "none"
    if paper:
        log_dets = log_determinants(variances, shape, parameterisation, x.shape[1])
        logits = logits - 0.5 * log_dets[None, :]
    log_normaliser = tf.reduce_logsumexp(logits, axis=1)
    true_logit = tf.reduce_sum(one_hot * logits, axis=1)
    classification = tf.reduce_mean(log_normaliser - true_logit)
    if paper:
        own_distance = tf.reduce_sum(one_hot * d, axis=1)
        own_log_det = tf.gather(log_dets, labels)
        likelihood_term = tf.reduce_mean(own_distance + 0.5 * own_log_det)
    else:
        own_means = tf.gather(means, labels)
        likelihood_term = tf.reduce_mean(0.5 * tf.reduce_sum(tf.square(x - own_means), axis=1))
    return classification + lam * likelihood_term, classification, likelihood_term


def loss_and_gradients(x, means, labels, alpha, lam, variances=None, shape="none",
                       parameterisation="linear", likelihood="caffe"):
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
            parameterisation, likelihood)
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
