package gmloss.data;

import java.nio.ByteBuffer;
import java.nio.file.Path;

/**
 * Reads the IDX format of MNIST and Fashion-MNIST (plain or gzip): an image file of rank 3
 * (count, rows, columns) and a label file of rank 1, both of unsigned bytes.
 */
public final class IdxReader {

  private static final int UNSIGNED_BYTE_TYPE = 0x08;

  private IdxReader() {}

  /**
   * Reads a pair of image and label files and checks that they agree with each other and that
   * every label names one of {@code numClasses} classes.
   */
  public static ImageSet read(Path imagesFile, Path labelsFile, int numClasses)
      throws DataFileException {
    IdxArray images = readArray(imagesFile, 3);
    IdxArray labels = readArray(labelsFile, 1);
    int count = images.dims[0];
    if (labels.dims[0] != count) {
      throw new DataFileException(labelsFile, "holds " + labels.dims[0]
          + " labels but " + imagesFile.getFileName() + " holds " + count + " images");
    }
    int[] labelValues = new int[count];
    for (int i = 0; i < count; i++) {
      labelValues[i] = labels.data[i] & 0xff;
    }
    Labels.checkRange(labelsFile, labelValues, numClasses);
    return new ImageSet(images.data, labelValues, images.dims[1], images.dims[2], 1);
  }

  private record IdxArray(int[] dims, byte[] data) {}

  private static IdxArray readArray(Path file, int expectedRank) throws DataFileException {
    byte[] bytes = DataFiles.readAll(file);
    if (bytes.length < 4) {
      throw new DataFileException(file, "too short for an IDX header (" + bytes.length + " bytes)");
    }
    ByteBuffer header = ByteBuffer.wrap(bytes);
    int magic = header.getInt();
    int type = (magic >>> 8) & 0xff;
    int rank = magic & 0xff;
    if ((magic >>> 16) != 0 || type != UNSIGNED_BYTE_TYPE || rank != expectedRank) {
      throw new DataFileException(file, String.format(
          "wrong magic number 0x%08X, expected 0x%08X (IDX unsigned bytes of rank %d)",
          magic, (UNSIGNED_BYTE_TYPE << 8) | expectedRank, expectedRank));
    }
    int headerSize = 4 + 4 * rank;
    if (bytes.length < headerSize) {
      throw new DataFileException(file, "header ends early: rank " + rank + " needs "
          + headerSize + " bytes, file has " + bytes.length);
    }
    int[] dims = new int[rank];
    long expectedBody = 1;
    for (int d = 0; d < rank; d++) {
      dims[d] = header.getInt();
      if (dims[d] <= 0) {
        throw new DataFileException(file, "dimension " + d + " is " + dims[d]
            + ", must be positive");
      }
      expectedBody *= dims[d];
    }
    long body = bytes.length - headerSize;
    if (body != expectedBody) {
      throw new DataFileException(file, String.format(
          "header promises %d records of %d bytes (%d bytes of data) but the file has %d%s",
          dims[0], expectedBody / dims[0], expectedBody, body,
          body < expectedBody ? " (file truncated?)" : " (trailing bytes)"));
    }
    byte[] data = new byte[(int) expectedBody];
    header.get(data);
    return new IdxArray(dims, data);
  }
}
