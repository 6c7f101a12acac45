package gmloss.data;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.List;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code --dataset folder}: classes from folder names, exact PNG pixels, clear errors, cache. */
class FolderReaderTest {

  @TempDir
  Path root;

  /** A 3x2 RGB image whose pixel (y, x) is (seed + 10 y + x, 2 seed, 255 - seed). */
  private static BufferedImage rgb(int seed) {
    BufferedImage image = new BufferedImage(2, 3, BufferedImage.TYPE_INT_RGB);
    for (int y = 0; y < 3; y++) {
      for (int x = 0; x < 2; x++) {
        image.setRGB(x, y, (seed + 10 * y + x) << 16 | (2 * seed) << 8 | (255 - seed));
      }
    }
    return image;
  }

  private Path write(String split, String label, String name, BufferedImage image)
      throws IOException {
    Path file = Files.createDirectories(root.resolve(split).resolve(label)).resolve(name);
    String format = name.endsWith(".png") ? "png" : "jpg";
    assertTrue(ImageIO.write(image, format, file.toFile()), format);
    return file;
  }

  /** Two classes, "cat" with two images and "ant" with one, in each split. */
  private void writeSmallSet() throws IOException {
    write("train", "cat", "b.png", rgb(3));
    write("train", "cat", "a.png", rgb(2));
    write("train", "ant", "x.png", rgb(1));
    write("test", "cat", "t.png", rgb(5));
    write("test", "ant", "u.png", rgb(4));
  }

  @Test
  void classesAreSortedFolderNamesAndPixelsArePreservedInTurnAcrossClasses()
      throws IOException {
    writeSmallSet();
    Dataset data = FolderReader.read(root);
    assertEquals(List.of("ant", "cat"), data.classNames());
    assertEquals("folder:" + root.getFileName(), data.name());
    ImageSet train = data.train();
    assertEquals(3, train.size());
    assertEquals(List.of(3, 2, 3), List.of(train.height(), train.width(), train.channels()));
    // First of each class in turn: ant/x (seed 1), cat/a (seed 2), then cat/b (seed 3).
    assertArrayEquals(new int[] {0, 1, 1}, train.labels());
    int[] seeds = {1, 2, 3};
    for (int i = 0; i < 3; i++) {
      assertEquals(seeds[i] + 10 * 2 + 1, train.pixel(i, 2, 1, 0), "red of image " + i);
      assertEquals(2 * seeds[i], train.pixel(i, 2, 1, 1), "green of image " + i);
      assertEquals(255 - seeds[i], train.pixel(i, 2, 1, 2), "blue of image " + i);
    }
    assertEquals(2, data.test().size());
  }

  @Test
  void greyImagesHaveOneChannelAndJpegsDecode() throws IOException {
    BufferedImage grey = new BufferedImage(4, 4, BufferedImage.TYPE_BYTE_GRAY);
    grey.getRaster().setSample(1, 2, 0, 200);
    write("train", "a", "1.png", grey);
    write("test", "a", "2.png", grey);
    Dataset data = FolderReader.read(root);
    assertEquals(1, data.train().channels());
    assertEquals(200, data.train().pixel(0, 2, 1, 0));

    Path jpeg = root.resolve("jpeg");
    BufferedImage flat = new BufferedImage(8, 8, BufferedImage.TYPE_INT_RGB);
    for (int y = 0; y < 8; y++) {
      for (int x = 0; x < 8; x++) {
        flat.setRGB(x, y, 0x806040);
      }
    }
    for (String split : List.of("train", "test")) {
      Path file = Files.createDirectories(jpeg.resolve(split).resolve("c")).resolve("1.jpg");
      ImageIO.write(flat, "jpg", file.toFile());
    }
    ImageSet decoded = FolderReader.read(jpeg).train();
    assertEquals(0x80, decoded.pixel(0, 3, 3, 0), 2, "lossy, but close");
    assertEquals(0x60, decoded.pixel(0, 3, 3, 1), 2);
    assertEquals(0x40, decoded.pixel(0, 3, 3, 2), 2);
  }

  @Test
  void anImageOfAnotherSizeIsNamed() throws IOException {
    writeSmallSet();
    Path odd = write("train", "cat", "c.png", new BufferedImage(5, 5,
        BufferedImage.TYPE_INT_RGB));
    DataFileException error = assertThrows(DataFileException.class,
        () -> FolderReader.read(root));
    assertEquals(odd + ": is 5x5, but " + root.resolve("train/ant/x.png") + " is 3x2;"
        + " all images must share one size", error.getMessage());
  }

  @Test
  void aFileThatDoesNotDecodeIsNamed() throws IOException {
    writeSmallSet();
    Path broken = root.resolve("train/cat/broken.jpg");
    Files.writeString(broken, "not a picture");
    DataFileException error = assertThrows(DataFileException.class,
        () -> FolderReader.read(root));
    assertEquals(broken + ": not a PNG or JPEG image (its bytes do not decode as either)", error.getMessage());
  }

  @Test
  void splitsMustHaveTheSameClasses() throws IOException {
    writeSmallSet();
    write("test", "dog", "d.png", rgb(9));
    DataFileException error = assertThrows(DataFileException.class,
        () -> FolderReader.read(root));
    assertEquals(root.resolve("test") + ": class folders [ant, cat, dog] differ from the"
        + " training split's [ant, cat]", error.getMessage());
    assertEquals(root.resolve("missing").resolve("train") + ": directory not found; a folder"
        + " dataset has train/<class>/*.png|jpg and test/<class>/*.png|jpg",
        assertThrows(DataFileException.class,
            () -> FolderReader.read(root.resolve("missing"))).getMessage());
  }

  @Test
  void theCacheAnswersForUnchangedFilesAndAChangedFileIsDecodedAgain() throws IOException {
    writeSmallSet();
    FolderReader.read(root);
    assertTrue(Files.isRegularFile(root.resolve(".gmloss-cache-train.bin")));
    // Spoil an image but keep its size and time: only the cache can still give its pixels.
    Path image = root.resolve("train/ant/x.png");
    FileTime time = Files.getLastModifiedTime(image);
    byte[] bytes = Files.readAllBytes(image);
    for (int i = bytes.length / 2; i < bytes.length; i++) {
      bytes[i] = 0;
    }
    Files.write(image, bytes);
    Files.setLastModifiedTime(image, time);
    assertEquals(1 + 21, FolderReader.read(root).train().pixel(0, 2, 1, 0));
    // A new time: the file is decoded again, and now it does not decode.
    Files.setLastModifiedTime(image, FileTime.fromMillis(time.toMillis() + 5000));
    DataFileException error = assertThrows(DataFileException.class,
        () -> FolderReader.read(root));
    assertTrue(error.getMessage().startsWith(image + ": "), error.getMessage());
  }
}
