package gmloss.data;

import java.io.ByteArrayOutputStream;
import java.nio.file.Path;
import java.util.List;

/**
 * Reads the binary versions of CIFAR-10 and CIFAR-100: fixed-size records of label bytes followed
 * by a 32x32 colour image stored plane by plane (1024 red, 1024 green, 1024 blue bytes).
 */
public final class CifarReader {

  public static final int SIDE = 32;
  public static final int CHANNELS = 3;
  private static final int IMAGE_BYTES = SIDE * SIDE * CHANNELS;
  private static final int PLANE = SIDE * SIDE;

  /** Which label byte of a record to use and how many classes it has. */
  public enum Labelling {
    CIFAR10(1, 0, 10),
    CIFAR100_COARSE(2, 0, 20),
    CIFAR100_FINE(2, 1, 100);

    final int labelBytes;
    final int labelOffset;
    public final int numClasses;

    Labelling(int labelBytes, int labelOffset, int numClasses) {
      this.labelBytes = labelBytes;
      this.labelOffset = labelOffset;
      this.numClasses = numClasses;
    }

    int recordBytes() {
      return labelBytes + IMAGE_BYTES;
    }
  }

  private CifarReader() {}

  /** Reads and concatenates the given files, in order. */
  public static ImageSet read(List<Path> files, Labelling labelling) throws DataFileException {
    ByteArrayOutputStream pixels = new ByteArrayOutputStream();
    int[] labels = new int[0];
    for (Path file : files) {
      ImageSet part = readFile(file, labelling);
      pixels.writeBytes(part.pixels());
      int[] joined = new int[labels.length + part.size()];
      System.arraycopy(labels, 0, joined, 0, labels.length);
      System.arraycopy(part.labels(), 0, joined, labels.length, part.size());
      labels = joined;
    }
    return new ImageSet(pixels.toByteArray(), labels, SIDE, SIDE, CHANNELS);
  }

  static ImageSet readFile(Path file, Labelling labelling) throws DataFileException {
    byte[] bytes = DataFiles.readAll(file);
    int recordBytes = labelling.recordBytes();
    if (bytes.length == 0 || bytes.length % recordBytes != 0) {
      throw new DataFileException(file, String.format(
          "size %d bytes is not a positive multiple of the %d-byte %s record"
              + " (%d whole records and %d bytes left over: truncated or wrong dataset?)",
          bytes.length, recordBytes, labelling == Labelling.CIFAR10 ? "CIFAR-10" : "CIFAR-100",
          bytes.length / recordBytes, bytes.length % recordBytes));
    }
    int count = bytes.length / recordBytes;
    int[] labels = new int[count];
    byte[] pixels = new byte[count * IMAGE_BYTES];
    for (int i = 0; i < count; i++) {
      int record = i * recordBytes;
      labels[i] = bytes[record + labelling.labelOffset] & 0xff;
      int source = record + labelling.labelBytes;
      int target = i * IMAGE_BYTES;
      for (int p = 0; p < PLANE; p++) {
        for (int c = 0; c < CHANNELS; c++) {
          pixels[target + p * CHANNELS + c] = bytes[source + c * PLANE + p];
        }
      }
    }
    Labels.checkRange(file, labels, labelling.numClasses);
    return new ImageSet(pixels, labels, SIDE, SIDE, CHANNELS);
  }
}
