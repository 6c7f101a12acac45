package gmloss.cli;

import gmloss.data.Dataset;
import gmloss.data.DatasetKind;
import gmloss.data.ImageSet;
import gmloss.inspect.LoadedModel;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;

/**
 * The dataset a command questions a model on: named by an option or else by the model's card,
 * found where {@code train} finds it, and checked to fit the model.
 *
 * @param directory where it was read from, for messages
 */
record ModelData(Dataset data, Path directory) {

  /** {@code table} with the options that name a model and the dataset to question it on. */
  static OptionTable withModelAndData(OptionTable table) {
    return table
        .value("model", "DIR", null, "a SavedModel written by gmloss, or a run directory;"
            + " required")
        .value("dataset", "NAME", null, DatasetKind.cliNames() + " (default: the model's)")
        .value("data-dir", "DIR", null, "directory of the dataset's files (default: as for"
            + " train)")
        .value("data-home", "DIR", null, "where gmloss download puts datasets");
  }

  /**
   * @param datasetOption the option naming the dataset; absent means the model's own
   * @param dirOption the option giving its directory
   */
  static ModelData load(ParsedOptions options, LoadedModel model, String datasetOption,
      String dirOption) throws UsageException, IOException {
    String name = options.optional(datasetOption).orElse(model.card().dataset()
        .startsWith("folder:") ? "folder" : model.card().dataset());
    DatasetKind kind = DatasetKind.fromCliName(name).orElseThrow(
        () -> new UsageException("--" + datasetOption + " " + name + ": unknown dataset,"
            + " expected one of " + DatasetKind.cliNames()));
    Path directory = TrainCommand.dataDirectory(options, kind, datasetOption, dirOption);
    return new ModelData(kind.load(directory, false), directory);
  }

  /** Refuses images the model was not made for: another image shape or number of classes. */
  void requireFits(LoadedModel model, ImageSet images, String dirOption)
      throws UsageException {
    List<Integer> shape = List.of(images.height(), images.width(), images.channels());
    if (!shape.equals(model.imageShape())) {
      throw new UsageException(String.format(Locale.ROOT, "--%s %s: images are %s, the"
          + " model takes %s (height, width, channels)", dirOption, directory, shape,
          model.imageShape()));
    }
    if (data.numClasses() != model.card().classNames().size()) {
      throw new UsageException("--" + dirOption + " " + directory + ": " + data.numClasses()
          + " classes, the model has " + model.card().classNames().size());
    }
  }
}
