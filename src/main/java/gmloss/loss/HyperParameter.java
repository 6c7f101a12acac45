package gmloss.loss;

/**
 * A scalar a head's loss reads at every step, which training may schedule: GM's margin alpha and
 * likelihood weight lambda, the center loss's lambda and centre rate. Its value and schedule are
 * the options {@code --<name>} and {@code --<name>-schedule}.
 *
 * @param name as options, logs, metrics, checkpoints and model cards write it
 * @param rampStart the share of the value a {@code ramp} schedule starts from when it names none
 */
public record HyperParameter(String name, double rampStart) {}
