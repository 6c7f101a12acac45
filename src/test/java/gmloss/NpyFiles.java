package gmloss;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.stream.Collectors;
import org.tensorflow.Tensor;
import org.tensorflow.ndarray.Shape;
import org.tensorflow.types.TFloat32;
import org.tensorflow.types.TFloat64;
import org.tensorflow.types.TInt32;
import org.tensorflow.types.TInt64;

/**
 * Writes NumPy .npy files (format 1.0, little-endian, C order) for the Python tools to read, and
 * reads the uint8 arrays the Python tools write for Java tests.
 */
public final class NpyFiles {

  private NpyFiles() {}

  /** The values of a uint8 array of any shape (format 1.0), in C order. */
  public static byte[] readBytes(Path file) throws IOException {
    byte[] bytes = Files.readAllBytes(file);
    ByteBuffer buffer = ByteBuffer.wrap(bytes).order(ByteOrder.LITTLE_ENDIAN);
    if (bytes[0] != (byte) 0x93 || bytes[6] != 1) {
      throw new IOException(file + ": not a version 1 .npy file");
    }
    int headerLength = Short.toUnsignedInt(buffer.getShort(8));
    String header = new String(bytes, 10, headerLength, StandardCharsets.US_ASCII);
    if (!header.contains("'descr': '|u1'")) {
      throw new IOException(file + ": not uint8: " + header.strip());
    }
    return Arrays.copyOfRange(bytes, 10 + headerLength, bytes.length);
  }

  public static void write(Path file, Tensor tensor) throws IOException {
    Shape shape = tensor.shape();
    int count = (int) shape.size();
    ByteBuffer data;
    String descr;
    if (tensor instanceof TFloat32 floats) {
      float[] values = new float[count];
      floats.asRawTensor().data().asFloats().read(values);
      data = ByteBuffer.allocate(4 * count).order(ByteOrder.LITTLE_ENDIAN);
      data.asFloatBuffer().put(values);
      descr = "<f4";
    } else if (tensor instanceof TFloat64 doubles) {
      double[] values = new double[count];
      doubles.asRawTensor().data().asDoubles().read(values);
      data = ByteBuffer.allocate(8 * count).order(ByteOrder.LITTLE_ENDIAN);
      data.asDoubleBuffer().put(values);
      descr = "<f8";
    } else if (tensor instanceof TInt64 longs) {
      long[] values = new long[count];
      longs.asRawTensor().data().asLongs().read(values);
      data = ByteBuffer.allocate(8 * count).order(ByteOrder.LITTLE_ENDIAN);
      data.asLongBuffer().put(values);
      descr = "<i8";
    } else if (tensor instanceof TInt32 ints) {
      int[] values = new int[count];
      ints.asRawTensor().data().asInts().read(values);
      data = ByteBuffer.allocate(4 * count).order(ByteOrder.LITTLE_ENDIAN);
      data.asIntBuffer().put(values);
      descr = "<i4";
    } else {
      throw new IllegalArgumentException("unsupported tensor type " + tensor.dataType());
    }
    write(file, descr, shape.asArray(), data.array());
  }

  private static void write(Path file, String descr, long[] shape, byte[] data)
      throws IOException {
    String dims = Arrays.stream(shape).mapToObj(Long::toString)
        .collect(Collectors.joining(", "));
    if (shape.length == 1) {
      dims += ",";
    }
    StringBuilder header = new StringBuilder("{'descr': '" + descr
        + "', 'fortran_order': False, 'shape': (" + dims + "), }");
    // Magic (6) + version (2) + length (2) + header must be a multiple of 64, ending in \n.
    while ((10 + header.length() + 1) % 64 != 0) {
      header.append(' ');
    }
    header.append('\n');
    byte[] headerBytes = header.toString().getBytes(StandardCharsets.US_ASCII);
    ByteBuffer out = ByteBuffer.allocate(10 + headerBytes.length + data.length)
        .order(ByteOrder.LITTLE_ENDIAN);
    out.put((byte) 0x93).put("NUMPY".getBytes(StandardCharsets.US_ASCII));
    out.put((byte) 1).put((byte) 0).putShort((short) headerBytes.length);
    out.put(headerBytes).put(data);
    Files.createDirectories(file.toAbsolutePath().getParent());
    Files.write(file, out.array());
  }
}
