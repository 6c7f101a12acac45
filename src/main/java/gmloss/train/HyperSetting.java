package gmloss.train;

import gmloss.io.Numbers;

/**
 * A hyper-parameter of the head as a run sets it: the value and how it changes over training.
 *
 * @param name as the head's type names it
 */
public record HyperSetting(String name, float value, HyperSchedule schedule) {

  /** The value at {@code progress}. */
  public float valueAt(Progress progress) {
    return schedule.valueAt(value, progress);
  }

  /** "alpha 0.1 constant", as the log gives it. */
  public String describe() {
    return name + " " + Numbers.compact(value) + " " + schedule.describe();
  }
}
