package gmloss.cli;

import gmloss.data.DataRequest;
import gmloss.data.DatasetKind;
import gmloss.options.OptionException;
import gmloss.options.OptionSpecs;
import gmloss.options.OptionValues;
import gmloss.runtime.Cpu;
import gmloss.train.Precision;
import java.io.PrintStream;

/** The options that name a model and the dataset to question it on, shared by commands. */
final class ModelOptions {

  private ModelOptions() {}

  /** New options: --model, --dataset, --data-dir, --data-home. */
  static OptionSpecs specs() {
    return new OptionSpecs()
        .value("model", "DIR", null, "a SavedModel written by gmloss, or a run directory;"
            + " required")
        .value("dataset", "NAME", null, DatasetKind.cliNames() + " (default: the model's)")
        .value("data-dir", "DIR", null, "directory of the dataset's files (default: as for"
            + " train)")
        .value("data-home", "DIR", null, "where gmloss download puts datasets");
  }

  /** {@code specs} with --precision, for the commands that compute with a model. */
  static OptionSpecs withPrecision(OptionSpecs specs) {
    return specs.value("precision", "KIND", "fp32", "arithmetic: fp32, or bf16 (bfloat16"
        + " products, float32 weights; faster on a CPU with AMX)");
  }

  /**
   * The precision {@code options} ask for; a bf16 request on a CPU without bfloat16
   * instructions is warned about on {@code err}, and computed all the same.
   */
  static Precision precision(OptionValues options, PrintStream err) throws OptionException {
    Precision precision = options.choice("precision", Precision.class);
    precision.warning(Cpu.read()).ifPresent(warning -> err.println("gmloss: " + warning));
    return precision;
  }

  /** {@code specs} with --tta, for the commands that classify with a model. */
  static OptionSpecs withTta(OptionSpecs specs) {
    return specs.value("tta", "KIND", "none", "test-time augmentation: none, or flip (the mean"
        + " logits of each image and its mirror), reported beside the plain figures");
  }

  /** The dataset those options ask for. */
  static DataRequest data(OptionValues options) {
    return DataRequest.of(options.optional("dataset"), options.path("data-dir"),
        options.path("data-home"));
  }
}
