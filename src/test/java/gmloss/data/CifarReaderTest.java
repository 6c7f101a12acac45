package gmloss.data;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CifarReaderTest {

  @TempDir
  Path dir;

  private Path write(String name, byte[]... records) throws IOException {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    for (byte[] record : records) {
      bytes.writeBytes(record);
    }
    Path file = dir.resolve(name);
    Files.write(file, bytes.toByteArray());
    return file;
  }

  private static void assertImage(ImageSet set, int image, int sourceIndex) {
    for (int y = 0; y < 32; y++) {
      for (int x = 0; x < 32; x++) {
        for (int c = 0; c < 3; c++) {
          assertEquals(DataFixtures.pixel(sourceIndex, (y * 32 + x) * 3 + c) & 0xff,
              set.pixel(image, y, x, c), "pixel " + y + "," + x + "," + c);
        }
      }
    }
  }

  @Test
  void cifar10FilesAreConcatenatedAndReorderedToNhwc() throws IOException {
    Path first = write("data_batch_1.bin", DataFixtures.cifarRecord(0, 3),
        DataFixtures.cifarRecord(1, 9));
    Path second = write("data_batch_2.bin", DataFixtures.cifarRecord(2, 0));

    ImageSet set = CifarReader.read(List.of(first, second), CifarReader.Labelling.CIFAR10);

    assertEquals(3, set.size());
    assertEquals(32, set.height());
    assertEquals(3, set.channels());
    assertArrayEquals(new int[] {3, 9, 0}, set.labels());
    assertImage(set, 0, 0);
    assertImage(set, 2, 2);
  }

  @Test
  void cifar100ReadsFineOrCoarseLabel() throws IOException {
    Path file = write("train.bin", DataFixtures.cifarRecord(0, 19, 99),
        DataFixtures.cifarRecord(1, 4, 30));

    ImageSet fine = CifarReader.read(List.of(file), CifarReader.Labelling.CIFAR100_FINE);
    ImageSet coarse = CifarReader.read(List.of(file), CifarReader.Labelling.CIFAR100_COARSE);

    assertArrayEquals(new int[] {99, 30}, fine.labels());
    assertArrayEquals(new int[] {19, 4}, coarse.labels());
    assertImage(fine, 1, 1);
  }

  @Test
  void truncatedFileIsReported() throws IOException {
    byte[] record = DataFixtures.cifarRecord(0, 1);
    Path file = write("test_batch.bin", record, java.util.Arrays.copyOf(record, 100));

    DataFileException error = assertThrows(DataFileException.class,
        () -> CifarReader.read(List.of(file), CifarReader.Labelling.CIFAR10));
    assertEquals(file + ": size 3173 bytes is not a positive multiple of the 3073-byte CIFAR-10"
        + " record (1 whole records and 100 bytes left over: truncated or wrong dataset?)",
        error.getMessage());
  }

  @Test
  void cifar100FileReadAsCifar10IsAWrongSize() throws IOException {
    Path file = write("train.bin", DataFixtures.cifarRecord(0, 1, 2));
    DataFileException error = assertThrows(DataFileException.class,
        () -> CifarReader.read(List.of(file), CifarReader.Labelling.CIFAR10));
    assertEquals(file + ": size 3074 bytes is not a positive multiple of the 3073-byte CIFAR-10"
        + " record (1 whole records and 1 bytes left over: truncated or wrong dataset?)",
        error.getMessage());
  }

  @Test
  void labelOutOfRangeIsReported() throws IOException {
    Path file = write("data_batch_1.bin", DataFixtures.cifarRecord(0, 2),
        DataFixtures.cifarRecord(1, 10));
    DataFileException error = assertThrows(DataFileException.class,
        () -> CifarReader.read(List.of(file), CifarReader.Labelling.CIFAR10));
    assertEquals(file + ": label 10 of record 1 is outside 0..9", error.getMessage());
  }

  @Test
  void emptyFileIsReported() throws IOException {
    Path file = write("test.bin");
    DataFileException error = assertThrows(DataFileException.class,
        () -> CifarReader.read(List.of(file), CifarReader.Labelling.CIFAR100_FINE));
    assertEquals(file + ": size 0 bytes is not a positive multiple of the 3074-byte CIFAR-100"
        + " record (0 whole records and 0 bytes left over: truncated or wrong dataset?)",
        error.getMessage());
  }

  @Test
  void datasetKindFindsFilesInsideTheUnpackedFolder() throws IOException {
    Path folder = Files.createDirectories(dir.resolve("cifar-10-batches-bin"));
    List<byte[]> records = new ArrayList<>();
    for (int batch = 1; batch <= 5; batch++) {
      Files.write(folder.resolve("data_batch_" + batch + ".bin"),
          DataFixtures.cifarRecord(batch, batch));
      records.add(DataFixtures.cifarRecord(batch, batch));
    }
    Files.write(folder.resolve("test_batch.bin"), DataFixtures.cifarRecord(7, 7));

    Dataset data = DatasetKind.CIFAR10.load(dir, false);

    assertArrayEquals(new int[] {1, 2, 3, 4, 5}, data.train().labels());
    assertArrayEquals(new int[] {7}, data.test().labels());
    assertEquals(10, data.numClasses());
    assertEquals("airplane", data.classNames().get(0));
  }

  @Test
  void cifar100HasItsClassNames() throws IOException {
    Files.write(dir.resolve("train.bin"), DataFixtures.cifarRecord(0, 19, 99));
    Files.write(dir.resolve("test.bin"), DataFixtures.cifarRecord(0, 0, 0));

    Dataset fine = DatasetKind.CIFAR100.load(dir, false);
    Dataset coarse = DatasetKind.CIFAR100.load(dir, true);

    assertEquals(100, fine.numClasses());
    assertEquals("worm", fine.classNames().get(99));
    assertEquals(20, coarse.numClasses());
    assertEquals("vehicles_2", coarse.classNames().get(19));
  }

  @Test
  void missingFileNamesFileAndHowToGetIt() throws IOException {
    Files.write(dir.resolve("train.bin"), DataFixtures.cifarRecord(0, 1, 1));
    DataFileException error = assertThrows(DataFileException.class,
        () -> DatasetKind.CIFAR100.load(dir, false));
    assertEquals(dir.resolve("test.bin") + ": file not found; "
        + DatasetKind.CIFAR100.howToGet(), error.getMessage());
  }
}
