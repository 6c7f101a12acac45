package gmloss.data;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A dataset's test split read alone, as detect reads its unfamiliar inputs: no training files. */
class TestSplitTest {

  @TempDir Path work;

  @Test
  void anIdxTestSplitNeedsNoTrainingFiles() throws IOException {
    DataFixtures.writeIdxPair(work, "t10k", 12, 28, 28, 10, true);
    ImageSet test = DatasetKind.MNIST.loadTest(work);
    assertEquals(12, test.size());
    assertEquals(DataFixtures.pixel(3, 5) & 0xFF, test.pixel(3, 0, 5, 0));
    assertEquals("mnist", DatasetKind.MNIST.nameOf(work));
    DataFileException whole = assertThrows(DataFileException.class,
        () -> DatasetKind.MNIST.load(work, false));
    assertTrue(whole.getMessage().contains("train-images-idx3-ubyte.gz: file not found"),
        whole.getMessage());
  }

  @Test
  void aFolderTestSplitNeedsNoTrainingFolder() throws IOException {
    for (String name : new String[] {"ant/a.png", "cat/b.png", "cat/c.png"}) {
      Path file = work.resolve("test").resolve(name);
      Files.createDirectories(file.getParent());
      ImageIO.write(new BufferedImage(4, 3, BufferedImage.TYPE_BYTE_GRAY), "png", file.toFile());
    }
    ImageSet test = DatasetKind.FOLDER.loadTest(work);
    assertEquals(3, test.size());
    assertEquals(4, test.width());
    assertEquals("folder:" + work.getFileName(), DatasetKind.FOLDER.nameOf(work));
    assertThrows(DataFileException.class, () -> DatasetKind.FOLDER.load(work, false));
  }

  @Test
  void aMissingTestFileIsNamed() {
    DataFileException missing = assertThrows(DataFileException.class,
        () -> DatasetKind.CIFAR10.loadTest(work));
    assertTrue(missing.getMessage().contains("test_batch.bin: file not found"),
        missing.getMessage());
  }
}
