package gmloss.data;

import gmloss.options.OptionException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * Which dataset a task reads and from where: a dataset named by the caller (or else by a model),
 * in the directory given, else where it is installed or downloaded by default. Messages name the
 * options the values came from.
 *
 * @param dataset the dataset's name, {@link DatasetKind#cliNames()}; empty for the fallback
 * @param dataDir its directory; empty to look where it is installed or downloaded
 * @param dataHome where {@code gmloss download} puts datasets; empty for {@link DataHome}'s
 *     default
 * @param datasetOption the option that names the dataset, for messages
 * @param dirOption the option that names its directory, for messages
 */
public record DataRequest(Optional<String> dataset, Optional<Path> dataDir,
    Optional<Path> dataHome, String datasetOption, String dirOption) {

  /** The dataset a model was trained on, where training finds it by default. */
  public static DataRequest modelsOwn() {
    return of(Optional.empty(), Optional.empty(), Optional.empty());
  }

  /** A request whose values came from {@code --dataset}, {@code --data-dir}, {@code --data-home}. */
  public static DataRequest of(Optional<String> dataset, Optional<Path> dataDir,
      Optional<Path> dataHome) {
    return new DataRequest(dataset, dataDir, dataHome, "dataset", "data-dir");
  }

  /**
   * The dataset named, or else {@code fallback} (a model's dataset; a folder dataset is recorded
   * as {@code folder:<name>}).
   */
  public DatasetKind kind(String fallback) throws OptionException {
    String name = dataset.orElse(fallback.startsWith("folder:") ? "folder" : fallback);
    return DatasetKind.fromCliName(name).orElseThrow(() -> new OptionException("--"
        + datasetOption + " " + name + ": unknown dataset, expected one of "
        + DatasetKind.cliNames()));
  }

  /** The datasets gmloss reads without a folder given: all but folder. */
  private static String readable() {
    return Arrays.stream(DatasetKind.values()).filter(k -> k != DatasetKind.FOLDER)
        .map(DatasetKind::cliName).collect(Collectors.joining("|"));
  }

  /**
   * The directory given, or where {@code kind} is by default: the Debian package's folder for
   * Fashion-MNIST if installed, else {@code <data home>/<dataset>}, where {@code gmloss download}
   * puts it. A missing folder is refused with what fetches it.
   */
  public Path directory(DatasetKind kind) throws OptionException {
    return directory(kind, kind.cliName());
  }

  /**
   * As {@link #directory(DatasetKind)}, for a model trained on {@code trainedOn} (as its card
   * names it), which messages mention.
   */
  public Path directory(DatasetKind kind, String trainedOn) throws OptionException {
    if (dataDir.isPresent()) {
      if (!Files.isDirectory(dataDir.get())) {
        throw new OptionException("--" + dirOption + " " + dataDir.get()
            + ": directory not found; " + kind.howToGet());
      }
      return dataDir.get();
    }
    if (kind == DatasetKind.FOLDER) {
      throw new OptionException("--" + dirOption + " is required for folder: "
          + kind.howToGet().replace("--data-dir", "--" + dirOption)
          + (dataset.isEmpty() ? "; the model was trained on image folders (" + trainedOn
              + "), or question it on a dataset gmloss reads itself with --" + datasetOption
              + " " + readable() + " once gmloss download has fetched it" : ""));
    }
    Optional<Path> packaged = kind.defaultDirectory().filter(Files::isDirectory);
    if (packaged.isPresent()) {
      return packaged.get();
    }
    Path home = DataHome.resolve(dataHome, System.getenv());
    Path downloaded = home.resolve(kind.cliName());
    if (!Files.isDirectory(downloaded)) {
      throw new OptionException("--" + datasetOption + " " + kind.cliName() + ": not found in "
          + downloaded + "; fetch it with: gmloss download " + kind.cliName()
          + (dataHome.isPresent() ? " --data-home " + home : ""));
    }
    return downloaded;
  }
}
