package gmloss.run;

import gmloss.options.OptionSpecs;

/**
 * The settings of a training run by name, with their defaults and whether a resume may change
 * them: what {@link TrainSettings} sets, what {@code run.json} records and a resume reads back.
 * How the command line describes them is {@code gmloss.cli.TrainOptionHelp}.
 */
public final class TrainOptions {

  /** Fixed for the life of a run: it shapes the model's variables or the batches it sees. */
  private static final boolean FIXED = true;
  private static final boolean CHANGEABLE = false;

  public static final OptionSpecs SPECS = new OptionSpecs()
      .setting("recipe", null, FIXED)
      .setting("dataset", "fashion-mnist", FIXED)
      .setting("data-dir", null, CHANGEABLE)
      .setting("data-home", null, CHANGEABLE)
      .setting("cifar100-labels", "fine", FIXED)
      .setting("train-limit", "0", FIXED)
      .setting("test-limit", "0", CHANGEABLE)
      .setting("val-split", "0", FIXED)
      .flagSetting("no-augment", FIXED)
      .setting("network", "resnet", FIXED)
      .setting("depth", "20", FIXED)
      .setting("feature-dim", "0", FIXED)
      .setting("loss", "gm", FIXED)
      .setting("alpha", "0.1", CHANGEABLE)
      .setting("alpha-schedule", "constant", CHANGEABLE)
      .setting("lambda", "0.1", CHANGEABLE)
      .setting("lambda-schedule", "ramp:1", CHANGEABLE)
      .setting("center-alpha", "0.5", CHANGEABLE)
      .setting("center-alpha-schedule", "constant", CHANGEABLE)
      .setting("means-init", "normal", FIXED)
      .setting("variance", "none", FIXED)
      .setting("variance-param", "linear", FIXED)
      .setting("variance-lr-mult", "0.1", FIXED)
      .setting("gm-likelihood", "caffe", FIXED)
      .setting("optimizer", "momentum", FIXED)
      .setting("momentum", "0.9", CHANGEABLE)
      .setting("nesterov", "true", CHANGEABLE)
      .setting("lr", "0.1", CHANGEABLE)
      .setting("lr-schedule", "cosine", CHANGEABLE)
      .setting("lr-steps", "50%,75%", CHANGEABLE)
      .setting("lr-decay", "0.1", CHANGEABLE)
      .setting("warmup-epochs", "1", CHANGEABLE)
      .setting("warmup-lr", null, CHANGEABLE)
      .setting("weight-decay", "5e-4", CHANGEABLE)
      .setting("decay-all", "false", CHANGEABLE)
      .setting("decay-means", "true", CHANGEABLE)
      .setting("means-lr-mult", "1", CHANGEABLE)
      .setting("epochs", "6", CHANGEABLE)
      .setting("batch-size", "128", FIXED)
      .setting("eval-batch-size", "500", CHANGEABLE)
      .setting("seed", "42", FIXED)
      .setting("device", "auto", CHANGEABLE)
      .setting("threads", "0", CHANGEABLE)
      .setting("precision", "fp32", CHANGEABLE)
      .setting("run-name", null, FIXED)
      .setting("run-dir", null, FIXED)
      .setting("export-dir", null, CHANGEABLE)
      .setting("checkpoint-every", "0", CHANGEABLE)
      .setting("keep-checkpoints", "2", CHANGEABLE)
      .setting("log-every", "0", CHANGEABLE)
      .flagSetting("overwrite", CHANGEABLE);

  private TrainOptions() {}
}
