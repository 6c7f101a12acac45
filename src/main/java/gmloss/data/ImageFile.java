package gmloss.data;

import java.awt.image.BufferedImage;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import javax.imageio.ImageIO;

/**
 * One PNG or JPEG file decoded with the JDK's ImageIO: height, width, channels (1 grey or 3 RGB)
 * and the pixels as bytes in HWC order.
 */
public record ImageFile(Path path, int height, int width, int channels, byte[] pixels) {

  /**
   * @throws DataFileException naming the file when it does not decode, or has an alpha channel
   */
  public static ImageFile read(Path file) throws DataFileException {
    if (!Files.exists(file)) {
      throw new DataFileException(file, "no such file");
    }
    if (!Files.isRegularFile(file)) {
      throw new DataFileException(file, "not a file");
    }
    BufferedImage image;
    try (InputStream in = Files.newInputStream(file)) {
      image = ImageIO.read(in);
    } catch (IOException e) {
      throw new DataFileException(file, "cannot decode: " + e.getMessage(), e);
    }
    if (image == null) {
      throw new DataFileException(file, "not an image ImageIO can decode (PNG or JPEG)");
    }
    int channels = image.getRaster().getNumBands();
    if (channels != 1 && channels != 3) {
      throw new DataFileException(file, "has " + channels + " channels; only grey (1) or RGB"
          + " (3) images are read");
    }
    byte[] pixels = new byte[image.getHeight() * image.getWidth() * channels];
    int out = 0;
    for (int y = 0; y < image.getHeight(); y++) {
      for (int x = 0; x < image.getWidth(); x++) {
        if (channels == 1) {
          pixels[out++] = (byte) image.getRaster().getSample(x, y, 0);
        } else {
          // Through the colour model, so that JPEG's YCbCr comes out as RGB.
          int rgb = image.getRGB(x, y);
          pixels[out++] = (byte) (rgb >> 16);
          pixels[out++] = (byte) (rgb >> 8);
          pixels[out++] = (byte) rgb;
        }
      }
    }
    return new ImageFile(file, image.getHeight(), image.getWidth(), channels, pixels);
  }

  /** "HxWxC", as messages write shapes. */
  public String shape() {
    return height + "x" + width + "x" + channels;
  }
}
