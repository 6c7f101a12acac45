package gmloss.data;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class IdxReaderTest {

  @TempDir
  Path dir;

  @ParameterizedTest
  @ValueSource(booleans = {true, false})
  void roundTripsGeneratedFiles(boolean compressed) throws IOException {
    DataFixtures.writeIdxPair(dir, "train", 5, 3, 4, 10, compressed);
    String suffix = compressed ? ".gz" : "";
    ImageSet set = IdxReader.read(dir.resolve("train-images-idx3-ubyte" + suffix),
        dir.resolve("train-labels-idx1-ubyte" + suffix), 10);

    assertEquals(5, set.size());
    assertEquals(3, set.height());
    assertEquals(4, set.width());
    assertEquals(1, set.channels());
    assertArrayEquals(new int[] {0, 1, 2, 3, 4}, set.labels());
    for (int i = 0; i < 5; i++) {
      for (int p = 0; p < 12; p++) {
        assertEquals(DataFixtures.pixel(i, p) & 0xff, set.pixel(i, p / 4, p % 4, 0));
      }
    }
  }

  @Test
  void truncatedImageFileNamesFileAndSizes() throws IOException {
    DataFixtures.writeIdxPair(dir, "train", 5, 3, 4, 10, false);
    Path images = dir.resolve("train-images-idx3-ubyte");
    byte[] bytes = Files.readAllBytes(images);
    Files.write(images, Arrays.copyOf(bytes, bytes.length - 7));

    DataFileException error = assertThrows(DataFileException.class,
        () -> IdxReader.read(images, dir.resolve("train-labels-idx1-ubyte"), 10));
    assertEquals(images, error.file());
    assertEquals(images + ": header promises 5 records of 12 bytes (60 bytes of data) but the"
        + " file has 53 (file truncated?)", error.getMessage());
  }

  @Test
  void truncatedGzipStreamIsReported() throws IOException {
    DataFixtures.writeIdxPair(dir, "train", 5, 3, 4, 10, true);
    Path images = dir.resolve("train-images-idx3-ubyte.gz");
    byte[] bytes = Files.readAllBytes(images);
    Files.write(images, Arrays.copyOf(bytes, bytes.length / 2));

    DataFileException error = assertThrows(DataFileException.class,
        () -> IdxReader.read(images, dir.resolve("train-labels-idx1-ubyte.gz"), 10));
    assertEquals(images + ": gzip stream ends early (file truncated?)", error.getMessage());
  }

  @Test
  void wrongMagicNumberIsReported() throws IOException {
    DataFixtures.writeIdxPair(dir, "train", 5, 3, 4, 10, false);
    Path images = dir.resolve("train-images-idx3-ubyte");
    byte[] bytes = Files.readAllBytes(images);
    bytes[2] = 0x0D; // float data instead of unsigned bytes
    Files.write(images, bytes);

    DataFileException error = assertThrows(DataFileException.class,
        () -> IdxReader.read(images, dir.resolve("train-labels-idx1-ubyte"), 10));
    assertEquals(images + ": wrong magic number 0x00000D03, expected 0x00000803"
        + " (IDX unsigned bytes of rank 3)", error.getMessage());
  }

  @Test
  void labelFileGivenAsImageFileIsAWrongMagic() throws IOException {
    DataFixtures.writeIdxPair(dir, "train", 5, 3, 4, 10, false);
    Path labels = dir.resolve("train-labels-idx1-ubyte");
    DataFileException error = assertThrows(DataFileException.class,
        () -> IdxReader.read(labels, labels, 10));
    assertTrue(error.getMessage().contains("wrong magic number 0x00000801"),
        error.getMessage());
  }

  @Test
  void labelOutOfRangeIsReported() throws IOException {
    DataFixtures.writeIdxPair(dir, "train", 5, 3, 4, 10, false);
    Path labels = dir.resolve("train-labels-idx1-ubyte");
    byte[] bytes = Files.readAllBytes(labels);
    bytes[8 + 3] = 12;
    Files.write(labels, bytes);

    DataFileException error = assertThrows(DataFileException.class,
        () -> IdxReader.read(dir.resolve("train-images-idx3-ubyte"), labels, 10));
    assertEquals(labels + ": label 12 of record 3 is outside 0..9", error.getMessage());
  }

  @Test
  void imageAndLabelCountMismatchIsReported() throws IOException {
    DataFixtures.writeIdxPair(dir, "train", 5, 3, 4, 10, false);
    Path labels = dir.resolve("train-labels-idx1-ubyte");
    Files.write(labels, DataFixtures.idx(new int[] {4}, new byte[] {0, 1, 2, 3}));

    DataFileException error = assertThrows(DataFileException.class,
        () -> IdxReader.read(dir.resolve("train-images-idx3-ubyte"), labels, 10));
    assertEquals(labels + ": holds 4 labels but train-images-idx3-ubyte holds 5 images",
        error.getMessage());
  }

  @Test
  void missingFileIsReported() {
    Path images = dir.resolve("absent");
    DataFileException error = assertThrows(DataFileException.class,
        () -> IdxReader.read(images, images, 10));
    assertEquals(images + ": file not found", error.getMessage());
  }
}
