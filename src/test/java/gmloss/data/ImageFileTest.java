package gmloss.data;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import gmloss.NpyFiles;
import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Every PNG and JPEG kind decoded as Pillow's convert("L") and convert("RGB") decode it: the
 * expected pixels are Pillow's (tools/image_fixtures.py wrote them next to each image).
 */
class ImageFileTest {

  private static Path fixture(String name) throws URISyntaxException {
    return Path.of(ImageFileTest.class.getResource("images/" + name).toURI());
  }

  /** Largest difference of two pixel arrays, on 0..255. */
  private static int largestDifference(byte[] expected, byte[] actual) {
    assertEquals(expected.length, actual.length);
    int largest = 0;
    for (int i = 0; i < expected.length; i++) {
      largest = Math.max(largest, Math.abs((expected[i] & 0xff) - (actual[i] & 0xff)));
    }
    return largest;
  }

  /**
   * PNG is lossless, so equality; JPEG decoders (Pillow's libjpeg-turbo, the JDK's own) may
   * round the inverse DCT differently, by a level or two.
   */
  @ParameterizedTest
  @CsvSource({
      "grey8.png,      1, 0",
      "grey16.png,     1, 0",
      "grey-alpha.png, 1, 0",
      "bilevel.png,    1, 0",
      "palette.png,    3, 0",
      "rgb.png,        3, 0",
      "rgba.png,       3, 0",
      "grey.jpg,       1, 2",
      "rgb.jpg,        3, 2"})
  void decodesAsPillowConvertsIt(String name, int channels, int tolerance) throws Exception {
    ImageFile image = ImageFile.read(fixture(name));
    assertEquals(28, image.height());
    assertEquals(28, image.width());
    assertEquals(channels, image.channels(), name);
    byte[] grey = NpyFiles.readBytes(fixture(name + ".L.npy"));
    assertTrue(largestDifference(grey, image.withChannels(1).pixels()) <= tolerance,
        name + " as grey");
    if (!name.equals("grey16.png")) {
      byte[] rgb = NpyFiles.readBytes(fixture(name + ".RGB.npy"));
      assertTrue(largestDifference(rgb, image.withChannels(3).pixels()) <= tolerance,
          name + " as RGB");
    }
  }

  @ParameterizedTest
  @CsvSource({"truncated-rgb-jpg.jpg", "truncated-rgb-png.png"})
  void aTruncatedFileIsRefused(String name) throws Exception {
    Path file = fixture(name);
    DataFileException error = assertThrows(DataFileException.class, () -> ImageFile.read(file));
    assertTrue(error.getMessage().startsWith(file + ": "), error.getMessage());
    assertTrue(error.getMessage().contains("truncated or damaged"), error.getMessage());
  }

  @Test
  void aMissingFileIsCalledMissing(@TempDir Path dir) {
    Path missing = dir.resolve("none.png");
    DataFileException error = assertThrows(DataFileException.class,
        () -> ImageFile.read(missing));
    assertEquals(missing + ": no such file", error.getMessage());
  }

  @Test
  void aFileThatIsNoImageIsNamed(@TempDir Path dir) throws IOException {
    Path text = Files.writeString(dir.resolve("notes.png"), "not an image");
    DataFileException error = assertThrows(DataFileException.class, () -> ImageFile.read(text));
    assertEquals(text + ": not a PNG or JPEG image (its bytes do not decode as either)", error.getMessage());
  }
}
