package gmloss.cli;

import gmloss.data.DataRequest;
import gmloss.data.DatasetKind;
import gmloss.options.OptionSpecs;
import gmloss.options.OptionValues;

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

  /** The dataset those options ask for. */
  static DataRequest data(OptionValues options) {
    return DataRequest.of(options.optional("dataset"), options.path("data-dir"),
        options.path("data-home"));
  }
}
