package gmloss.data;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.zip.GZIPOutputStream;

/** Writes small dataset files in the real formats, for reader tests. */
public final class DataFixtures {

  private DataFixtures() {}

  /** IDX header + body: magic 0x000008RR, then one big-endian int per dimension. */
  public static byte[] idx(int[] dims, byte[] body) {
    ByteBuffer buffer = ByteBuffer.allocate(4 + 4 * dims.length + body.length);
    buffer.putInt(0x00000800 | dims.length);
    for (int d : dims) {
      buffer.putInt(d);
    }
    buffer.put(body);
    return buffer.array();
  }

  public static byte[] gzip(byte[] data) throws IOException {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    try (OutputStream out = new GZIPOutputStream(bytes)) {
      out.write(data);
    }
    return bytes.toByteArray();
  }

  /** Pixel value of image i at byte offset p, distinct enough to catch reordering. */
  public static byte pixel(int image, int offset) {
    return (byte) (image * 31 + offset * 7);
  }

  /** Writes IDX image and label files of {@code count} images of rows x cols to directory. */
  public static void writeIdxPair(Path directory, String prefix, int count, int rows, int cols,
      int numClasses, boolean compressed) throws IOException {
    byte[] pixels = new byte[count * rows * cols];
    for (int i = 0; i < count; i++) {
      for (int p = 0; p < rows * cols; p++) {
        pixels[i * rows * cols + p] = pixel(i, p);
      }
    }
    byte[] labels = new byte[count];
    for (int i = 0; i < count; i++) {
      labels[i] = (byte) (i % numClasses);
    }
    String suffix = compressed ? ".gz" : "";
    byte[] images = idx(new int[] {count, rows, cols}, pixels);
    byte[] labelFile = idx(new int[] {count}, labels);
    Files.write(directory.resolve(prefix + "-images-idx3-ubyte" + suffix),
        compressed ? gzip(images) : images);
    Files.write(directory.resolve(prefix + "-labels-idx1-ubyte" + suffix),
        compressed ? gzip(labelFile) : labelFile);
  }

  /**
   * Two batches' worth of generated MNIST-shaped images (256 for training, 64 for testing), in
   * {@code directory/data}, the smallest dataset a whole training run takes.
   */
  public static Path tinyMnist(Path directory) throws IOException {
    Path data = Files.createDirectories(directory.resolve("data"));
    writeIdxPair(data, "train", 256, 28, 28, 10, true);
    writeIdxPair(data, "t10k", 64, 28, 28, 10, true);
    return data;
  }

  /**
   * A CIFAR record: label bytes, then the 32x32 image plane by plane. Pixel (y, x) of channel c
   * has value {@code pixel(index, (y * 32 + x) * 3 + c)} so that the reader's reordering to NHWC
   * can be checked.
   */
  public static byte[] cifarRecord(int index, int... labels) {
    byte[] record = new byte[labels.length + 3072];
    for (int l = 0; l < labels.length; l++) {
      record[l] = (byte) labels[l];
    }
    for (int c = 0; c < 3; c++) {
      for (int p = 0; p < 1024; p++) {
        record[labels.length + c * 1024 + p] = pixel(index, p * 3 + c);
      }
    }
    return record;
  }
}
