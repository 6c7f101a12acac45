package gmloss.data;

import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.stream.Stream;

/**
 * Images in folders, the layout most image collections come in: {@code DIR/train/<class>/*} and
 * {@code DIR/test/<class>/*}, PNG or JPEG, decoded with the JDK's ImageIO. Classes are the
 * folder names sorted; the test split must have the same ones. All images share one size and
 * one channel count (grey or RGB).
 *
 * <p>Decoding tens of thousands of small images takes longer than training a step, so each
 * split's decoded pixels are cached next to the images ({@code .gmloss-cache-<split>.bin}), keyed
 * by the names, sizes and times of the files; a changed file makes a new cache.
 */
public final class FolderReader {

  /** Version 2: images converted as Pillow converts them. */
  private static final int CACHE_MAGIC = 0x474D4C32;

  private FolderReader() {}

  /** Reads both splits of {@code directory}; the dataset is named after the directory. */
  public static Dataset read(Path directory) throws DataFileException {
    Path trainDirectory = split(directory, "train");
    Path testDirectory = split(directory, "test");
    List<String> classes = classes(trainDirectory);
    if (classes.isEmpty()) {
      throw new DataFileException(trainDirectory, "no class folders; expected "
          + "train/<class>/*.png|jpg");
    }
    List<String> testClasses = classes(testDirectory);
    if (!testClasses.equals(classes)) {
      throw new DataFileException(testDirectory, "class folders " + testClasses
          + " differ from the training split's " + classes);
    }
    ImageSet train = readSplit(trainDirectory, classes, null);
    ImageSet test = readSplit(testDirectory, classes, train);
    return new Dataset(name(directory), train, test, classes);
  }

  /** Reads the test split of {@code directory} alone: its classes are its own folders. */
  public static ImageSet readTest(Path directory) throws DataFileException {
    Path testDirectory = split(directory, "test");
    List<String> classes = classes(testDirectory);
    if (classes.isEmpty()) {
      throw new DataFileException(testDirectory, "no class folders; expected "
          + "test/<class>/*.png|jpg");
    }
    return readSplit(testDirectory, classes, null);
  }

  /** The name of the folder dataset in {@code directory}: "folder:" and the folder's name. */
  public static String name(Path directory) {
    return "folder:" + directory.toAbsolutePath().normalize().getFileName();
  }

  private static Path split(Path directory, String name) throws DataFileException {
    Path split = directory.resolve(name);
    if (!Files.isDirectory(split)) {
      throw new DataFileException(split, "directory not found; a folder dataset has "
          + "train/<class>/*.png|jpg and test/<class>/*.png|jpg");
    }
    return split;
  }

  private static List<String> classes(Path split) throws DataFileException {
    try (Stream<Path> entries = Files.list(split)) {
      return entries.filter(Files::isDirectory).map(p -> p.getFileName().toString())
          .filter(n -> !n.startsWith(".")).sorted().toList();
    } catch (IOException e) {
      throw new DataFileException(split, "cannot list: " + e.getMessage(), e);
    }
  }

  /**
   * Image files of one split with their labels: each class's files sorted by name, then taken
   * in turn from every class (the first of each class, then the second, ...), so that the first
   * N images, which {@code --train-limit} keeps, cover the classes evenly.
   */
  private record Listing(List<Path> paths, int[] labels) {}

  private static Listing list(Path split, List<String> classes) throws DataFileException {
    List<List<Path>> byClass = new ArrayList<>();
    for (String name : classes) {
      byClass.add(ImageFile.filesIn(split.resolve(name)));
    }
    for (int label = 0; label < classes.size(); label++) {
      if (byClass.get(label).isEmpty()) {
        throw new DataFileException(split.resolve(classes.get(label)), "no .png or .jpg images;"
            + " every class folder needs some (remove the folder to drop the class)");
      }
    }
    List<Path> paths = new ArrayList<>();
    List<Integer> labels = new ArrayList<>();
    int longest = byClass.stream().mapToInt(List::size).max().orElse(0);
    for (int rank = 0; rank < longest; rank++) {
      for (int label = 0; label < byClass.size(); label++) {
        if (rank < byClass.get(label).size()) {
          paths.add(byClass.get(label).get(rank));
          labels.add(label);
        }
      }
    }
    if (paths.isEmpty()) {
      throw new DataFileException(split, "no .png or .jpg images in its class folders");
    }
    return new Listing(paths, labels.stream().mapToInt(Integer::intValue).toArray());
  }

  /**
   * Decodes one split, or reads it from its cache.
   *
   * @param like the split whose image shape this one must have, null for the first
   */
  private static ImageSet readSplit(Path split, List<String> classes, ImageSet like)
      throws DataFileException {
    Listing files = list(split, classes);
    byte[] fingerprint = fingerprint(split, files.paths());
    Path cache = split.resolveSibling(".gmloss-cache-" + split.getFileName() + ".bin");
    ImageSet set = readCache(cache, fingerprint, files.labels());
    if (set == null) {
      set = decode(files);
      writeCache(cache, fingerprint, set);
    }
    if (like != null && (set.height() != like.height() || set.width() != like.width()
        || set.channels() != like.channels())) {
      throw new DataFileException(split, String.format(Locale.ROOT, "images are %dx%dx%d, the"
          + " training images %dx%dx%d", set.height(), set.width(), set.channels(),
          like.height(), like.width(), like.channels()));
    }
    return set;
  }

  /**
   * Decodes every file; a split with any colour image is RGB, its grey images repeated into
   * three channels, as Pillow's convert("RGB") does.
   */
  private static ImageSet decode(Listing files) throws DataFileException {
    int count = files.paths().size();
    List<ImageFile> images = new ArrayList<>(count);
    int channels = 1;
    for (Path path : files.paths()) {
      ImageFile image = ImageFile.read(path);
      ImageFile first = images.isEmpty() ? image : images.get(0);
      if (image.height() != first.height() || image.width() != first.width()) {
        throw new DataFileException(image.path(), "is " + image.height() + "x" + image.width()
            + ", but " + first.path() + " is " + first.height() + "x" + first.width()
            + "; all images must share one size");
      }
      channels = Math.max(channels, image.channels());
      images.add(image);
    }
    int imageSize = images.get(0).height() * images.get(0).width() * channels;
    byte[] pixels = new byte[Math.multiplyExact(count, imageSize)];
    for (int i = 0; i < count; i++) {
      System.arraycopy(images.get(i).withChannels(channels).pixels(), 0, pixels,
          i * imageSize, imageSize);
    }
    return new ImageSet(pixels, files.labels(), images.get(0).height(), images.get(0).width(),
        channels);
  }

  /** SHA-256 of every file's path, size and modification time. */
  private static byte[] fingerprint(Path split, List<Path> paths) throws DataFileException {
    try {
      MessageDigest digest = MessageDigest.getInstance("SHA-256");
      for (Path path : paths) {
        digest.update((split.relativize(path) + "|" + Files.size(path) + "|"
            + Files.getLastModifiedTime(path).toMillis() + "\n")
            .getBytes(StandardCharsets.UTF_8));
      }
      return digest.digest();
    } catch (IOException e) {
      throw new DataFileException(split, "cannot read: " + e.getMessage(), e);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }

  /** The cached split, or null when there is none or it belongs to other files. */
  private static ImageSet readCache(Path cache, byte[] fingerprint, int[] labels) {
    if (!Files.isRegularFile(cache)) {
      return null;
    }
    try (DataInputStream in = new DataInputStream(
        new BufferedInputStream(Files.newInputStream(cache)))) {
      byte[] stored = new byte[fingerprint.length];
      if (in.readInt() != CACHE_MAGIC) {
        return null;
      }
      in.readFully(stored);
      if (!Arrays.equals(stored, fingerprint)) {
        return null;
      }
      int height = in.readInt();
      int width = in.readInt();
      int channels = in.readInt();
      byte[] pixels = new byte[labels.length * height * width * channels];
      in.readFully(pixels);
      return new ImageSet(pixels, labels, height, width, channels);
    } catch (IOException | RuntimeException e) {
      return null;
    }
  }

  /** Best effort: a folder that cannot be written is decoded again next time. */
  private static void writeCache(Path cache, byte[] fingerprint, ImageSet set) {
    Path temporary = cache.resolveSibling(cache.getFileName() + ".tmp");
    try {
      try (OutputStream file = Files.newOutputStream(temporary);
          DataOutputStream out = new DataOutputStream(new BufferedOutputStream(file))) {
        out.writeInt(CACHE_MAGIC);
        out.write(fingerprint);
        out.writeInt(set.height());
        out.writeInt(set.width());
        out.writeInt(set.channels());
        out.write(set.pixels());
      }
      Files.move(temporary, cache, StandardCopyOption.REPLACE_EXISTING,
          StandardCopyOption.ATOMIC_MOVE);
    } catch (IOException e) {
      try {
        Files.deleteIfExists(temporary);
      } catch (IOException ignored) {
        // Nothing more to do for a cache.
      }
    }
  }
}
