package gmloss.train;

import gmloss.io.Numbers;
import java.util.Locale;

/**
 * How a hyper-parameter of the head (GM's margin alpha or likelihood weight lambda, say) changes
 * over training.
 *
 * <ul>
 *   <li>{@code constant}: the value throughout.
 *   <li>{@code ramp:E[:S]}: in epoch e &lt; E, value * (S + (1 - S) e / E); the value from epoch E
 *       on. The authors' TPAMI code ramps alpha with S = 0.1 and lambda with S = 0.01.
 *   <li>{@code stepup:N:G:MAX}: Caffe's schedule, value * G^floor(step / N), capped at MAX.
 * </ul>
 */
public sealed interface HyperSchedule {

  float valueAt(float value, Progress progress);

  String describe();

  record Constant() implements HyperSchedule {
    @Override
    public float valueAt(float value, Progress progress) {
      return value;
    }

    @Override
    public String describe() {
      return "constant";
    }
  }

  record Ramp(double epochs, double start) implements HyperSchedule {
    @Override
    public float valueAt(float value, Progress progress) {
      double done = Math.min(progress.epoch() / epochs, 1.0);
      return (float) (value * (start + (1 - start) * done));
    }

    @Override
    public String describe() {
      return "ramp:" + Numbers.compact(epochs) + ":" + Numbers.compact(start);
    }
  }

  record StepUp(long every, double gamma, double max) implements HyperSchedule {
    @Override
    public float valueAt(float value, Progress progress) {
      return (float) Math.min(value * Math.pow(gamma, progress.iteration() / every), max);
    }

    @Override
    public String describe() {
      return "stepup:" + every + ":" + Numbers.compact(gamma) + ":" + Numbers.compact(max);
    }
  }

  /**
   * Parses {@code constant}, {@code ramp:E[:S]} or {@code stepup:N:G:MAX}.
   *
   * @param defaultRampStart S when a ramp does not give one (the hyper-parameter's own)
   * @throws IllegalArgumentException with a message naming the problem
   */
  static HyperSchedule parse(String text, double defaultRampStart) {
    String[] parts = text.trim().toLowerCase(Locale.ROOT).split(":");
    try {
      switch (parts[0]) {
        case "constant":
          if (parts.length == 1) {
            return new Constant();
          }
          break;
        case "ramp":
          if (parts.length == 2 || parts.length == 3) {
            double epochs = Double.parseDouble(parts[1]);
            double start = parts.length == 3 ? Double.parseDouble(parts[2]) : defaultRampStart;
            if (epochs <= 0 || start < 0 || start > 1) {
              throw new IllegalArgumentException("'" + text
                  + "': ramp needs epochs > 0 and a start fraction in [0, 1]");
            }
            return new Ramp(epochs, start);
          }
          break;
        case "stepup":
          if (parts.length == 4) {
            long every = Long.parseLong(parts[1]);
            double gamma = Double.parseDouble(parts[2]);
            double max = Double.parseDouble(parts[3]);
            if (every <= 0 || gamma <= 0 || max < 0) {
              throw new IllegalArgumentException("'" + text
                  + "': stepup needs N > 0, G > 0 and MAX >= 0");
            }
            return new StepUp(every, gamma, max);
          }
          break;
        default:
          break;
      }
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException("'" + text + "': " + e.getMessage());
    }
    throw new IllegalArgumentException("'" + text
        + "' is not constant, ramp:E[:S] or stepup:N:G:MAX");
  }
}
