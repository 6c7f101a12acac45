package gmloss.loss;

/**
 * A scalar a head's loss reads at every step, which training may schedule: GM's margin alpha and
 * likelihood weight lambda, the center loss's lambda and centre rate. Its value and schedule are
 * the settings {@code <name>} and {@code <name>-schedule}.
 *
 * @param name as settings, logs, metrics, checkpoints and model cards write it
 * @param defaultValue its value when a run sets none
 * @param defaultSchedule its schedule when a run sets none: "constant", "ramp:E[:S]" or
 *     "stepup:N:G:MAX"
 * @param rampStart the share of the value a {@code ramp} schedule starts from when it names none
 */
public record HyperParameter(String name, String defaultValue, String defaultSchedule,
    double rampStart) {

  /** The name of the setting that schedules it. */
  public String scheduleName() {
    return name + "-schedule";
  }
}
