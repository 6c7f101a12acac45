package gmloss.data;

import gmloss.io.EnumNames;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** The datasets this project reads, where their files live and how to read them. */
public enum DatasetKind {
  FASHION_MNIST(Path.of("/usr/share/datasets/fashion-mnist"),
      "install the Debian package (sudo apt-get install dataset-fashion-mnist) or run gmloss"
          + " download fashion-mnist", true),
  // Mirrored digits are different digits (or none), so MNIST is never flipped.
  MNIST(null, "gmloss download mnist fetches the four IDX files", false),
  CIFAR10(null, "gmloss download cifar10 fetches and unpacks the binary version",
      true),
  CIFAR100(null, "gmloss download cifar100 fetches and unpacks the binary version",
      true),
  // Natural images: a mirror shows the same class. Pass --no-augment for those that do not.
  FOLDER(null, "pass --data-dir DIR holding DIR/train/<class>/*.png|jpg and"
      + " DIR/test/<class>/*.png|jpg", true);

  private static final List<String> FASHION_CLASSES = List.of("T-shirt/top", "Trouser",
      "Pullover", "Dress", "Coat", "Sandal", "Shirt", "Sneaker", "Bag", "Ankle boot");
  private static final List<String> DIGITS =
      List.of("0", "1", "2", "3", "4", "5", "6", "7", "8", "9");
  private static final List<String> CIFAR10_CLASSES = List.of("airplane", "automobile", "bird",
      "cat", "deer", "dog", "frog", "horse", "ship", "truck");

  private final Path defaultDirectory;
  private final String howToGet;
  private final boolean flipSafe;

  DatasetKind(Path defaultDirectory, String howToGet, boolean flipSafe) {
    this.defaultDirectory = defaultDirectory;
    this.howToGet = howToGet;
    this.flipSafe = flipSafe;
  }

  /** The dataset's name on the command line and its directory in the data home. */
  public String cliName() {
    return EnumNames.of(this);
  }

  public Optional<Path> defaultDirectory() {
    return Optional.ofNullable(defaultDirectory);
  }

  /** One sentence telling a user how to obtain the files. */
  public String howToGet() {
    return howToGet;
  }

  /** Whether a horizontally mirrored image still shows the same class. */
  public boolean flipSafe() {
    return flipSafe;
  }

  public static Optional<DatasetKind> fromCliName(String name) {
    return EnumNames.parse(DatasetKind.class, name);
  }

  public static String cliNames() {
    return EnumNames.choices(DatasetKind.class);
  }

  /**
   * Reads both splits from {@code directory}. {@code coarseLabels} picks CIFAR-100's 20
   * superclasses instead of its 100 classes and is ignored by the other datasets.
   */
  public Dataset load(Path directory, boolean coarseLabels) throws DataFileException {
    if (!Files.isDirectory(directory)) {
      throw new DataFileException(directory, "directory not found; " + howToGet);
    }
    return switch (this) {
      case FASHION_MNIST, MNIST -> loadIdx(directory, this == MNIST ? DIGITS : FASHION_CLASSES);
      case CIFAR10 -> loadCifar(directory, "cifar-10-batches-bin",
          List.of("data_batch_1.bin", "data_batch_2.bin", "data_batch_3.bin",
              "data_batch_4.bin", "data_batch_5.bin"),
          "test_batch.bin", CifarReader.Labelling.CIFAR10, CIFAR10_CLASSES);
      case CIFAR100 -> loadCifar(directory, "cifar-100-binary", List.of("train.bin"), "test.bin",
          coarseLabels ? CifarReader.Labelling.CIFAR100_COARSE
              : CifarReader.Labelling.CIFAR100_FINE,
          resourceLines(coarseLabels ? "cifar100-coarse.txt" : "cifar100-fine.txt"));
      case FOLDER -> FolderReader.read(directory);
    };
  }

  /**
   * Reads the test split alone from {@code directory}, for inputs a model was not trained on:
   * the training files need not be there. CIFAR-100 gives its fine labels.
   */
  public ImageSet loadTest(Path directory) throws DataFileException {
    if (!Files.isDirectory(directory)) {
      throw new DataFileException(directory, "directory not found; " + howToGet);
    }
    return switch (this) {
      case FASHION_MNIST -> idxTest(directory, FASHION_CLASSES);
      case MNIST -> idxTest(directory, DIGITS);
      case CIFAR10 -> CifarReader.read(List.of(existing(cifarRoot(directory,
          "cifar-10-batches-bin").resolve("test_batch.bin"))), CifarReader.Labelling.CIFAR10);
      case CIFAR100 -> CifarReader.read(List.of(existing(cifarRoot(directory,
          "cifar-100-binary").resolve("test.bin"))), CifarReader.Labelling.CIFAR100_FINE);
      case FOLDER -> FolderReader.readTest(directory);
    };
  }

  /** The name a dataset of this kind read from {@code directory} goes by in reports. */
  public String nameOf(Path directory) {
    return this == FOLDER ? FolderReader.name(directory) : cliName();
  }

  private Dataset loadIdx(Path directory, List<String> classes) throws DataFileException {
    ImageSet train = IdxReader.read(idxFile(directory, "train-images-idx3-ubyte"),
        idxFile(directory, "train-labels-idx1-ubyte"), classes.size());
    return new Dataset(cliName(), train, idxTest(directory, classes), classes);
  }

  private ImageSet idxTest(Path directory, List<String> classes) throws DataFileException {
    return IdxReader.read(idxFile(directory, "t10k-images-idx3-ubyte"),
        idxFile(directory, "t10k-labels-idx1-ubyte"), classes.size());
  }

  private Path idxFile(Path directory, String stem) throws DataFileException {
    for (String name : List.of(stem + ".gz", stem)) {
      Path candidate = directory.resolve(name);
      if (Files.isRegularFile(candidate)) {
        return candidate;
      }
    }
    throw new DataFileException(directory.resolve(stem + ".gz"),
        "file not found (nor " + stem + "); " + howToGet);
  }

  private Dataset loadCifar(Path directory, String unpackedFolder, List<String> trainNames,
      String testName, CifarReader.Labelling labelling, List<String> classes)
      throws DataFileException {
    Path root = cifarRoot(directory, unpackedFolder);
    List<Path> trainFiles = new ArrayList<>();
    for (String name : trainNames) {
      trainFiles.add(existing(root.resolve(name)));
    }
    ImageSet train = CifarReader.read(trainFiles, labelling);
    ImageSet test = CifarReader.read(List.of(existing(root.resolve(testName))), labelling);
    return new Dataset(cliName(), train, test, classes);
  }

  /** Accepts both the folder the archive unpacks to and its parent. */
  private static Path cifarRoot(Path directory, String unpackedFolder) {
    return Files.isDirectory(directory.resolve(unpackedFolder))
        ? directory.resolve(unpackedFolder) : directory;
  }

  private Path existing(Path file) throws DataFileException {
    if (!Files.isRegularFile(file)) {
      throw new DataFileException(file, "file not found; " + howToGet);
    }
    return file;
  }

  private static List<String> resourceLines(String name) {
    try (InputStream in = DatasetKind.class.getResourceAsStream(name)) {
      return new String(in.readAllBytes(), StandardCharsets.UTF_8).lines()
          .filter(line -> !line.isBlank()).toList();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
