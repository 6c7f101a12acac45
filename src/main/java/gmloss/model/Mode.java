package gmloss.model;

/** Which of the two forward paths a layer builds; both read the same variables. */
public enum Mode {
  /** Batch statistics, and moving-statistic updates registered with the parameters. */
  TRAIN,
  /** Moving statistics only; no labels, no updates. This is the exported path. */
  INFER
}
