package gmloss.data;

import java.awt.image.BufferedImage;
import java.awt.image.ColorModel;
import java.awt.image.IndexColorModel;
import java.awt.image.Raster;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.stream.Stream;
import javax.imageio.ImageIO;
import javax.imageio.ImageReader;
import javax.imageio.stream.ImageInputStream;

/**
 * One PNG or JPEG file decoded with the JDK's ImageIO into 8-bit grey (1 channel) or RGB (3),
 * as Pillow's {@code Image.convert("L")} or {@code convert("RGB")} gives it: a palette is looked
 * up, alpha is dropped (not composited), 1-, 2- and 4-bit grey is stretched to 0..255 and 16-bit
 * samples keep their high byte. (Pillow's own {@code convert("L")} clips 16-bit grey at 255
 * instead, which turns most of an image white; the high byte is what it does for 16-bit RGB.)
 * A file that ends early or is damaged is refused, as Pillow refuses it.
 *
 * @param channels 1 for grey images (grey, grey with alpha, 1- to 16-bit, a palette of greys),
 *     3 for all others
 * @param pixels HWC, 0..255
 */
public record ImageFile(Path path, int height, int width, int channels, byte[] pixels) {

  private static final List<String> EXTENSIONS = List.of(".png", ".jpg", ".jpeg");

  /**
   * The PNG and JPEG files directly in {@code folder}, by extension (any case), sorted by name;
   * sub-folders and other files are left out.
   *
   * @throws DataFileException naming the folder when it cannot be listed
   */
  public static List<Path> filesIn(Path folder) throws DataFileException {
    try (Stream<Path> entries = Files.list(folder)) {
      return entries.filter(Files::isRegularFile)
          .filter(p -> EXTENSIONS.stream().anyMatch(
              p.getFileName().toString().toLowerCase(Locale.ROOT)::endsWith))
          .sorted().toList();
    } catch (IOException e) {
      throw new DataFileException(folder, "cannot list: " + e.getMessage(), e);
    }
  }

  /**
   * @throws DataFileException naming the file when it is missing, does not decode, or is
   *     truncated or damaged
   */
  public static ImageFile read(Path file) throws DataFileException {
    if (!Files.exists(file)) {
      throw new DataFileException(file, "no such file");
    }
    if (!Files.isRegularFile(file)) {
      throw new DataFileException(file, "not a file");
    }
    BufferedImage image = decode(file);
    Raster raster = image.getRaster();
    ColorModel model = image.getColorModel();
    boolean grey = model instanceof IndexColorModel palette ? isGrey(palette)
        : model.getNumColorComponents() == 1;
    int channels = grey ? 1 : 3;
    byte[] pixels = new byte[image.getHeight() * image.getWidth() * channels];
    int bits = model.getComponentSize(0);
    int out = 0;
    for (int y = 0; y < image.getHeight(); y++) {
      for (int x = 0; x < image.getWidth(); x++) {
        if (grey && model instanceof IndexColorModel palette) {
          pixels[out++] = (byte) palette.getRed(raster.getSample(x, y, 0));
        } else if (grey) {
          pixels[out++] = (byte) eightBit(raster.getSample(x, y, 0), bits);
        } else {
          // Through the colour model: a palette's colours, JPEG's YCbCr as RGB, alpha dropped.
          int rgb = model.getRGB(raster.getDataElements(x, y, null));
          pixels[out++] = (byte) (rgb >> 16);
          pixels[out++] = (byte) (rgb >> 8);
          pixels[out++] = (byte) rgb;
        }
      }
    }
    return new ImageFile(file, image.getHeight(), image.getWidth(), channels, pixels);
  }

  /** Whether every colour of a palette is a grey: 1-bit images come with such a palette. */
  private static boolean isGrey(IndexColorModel palette) {
    for (int i = 0; i < palette.getMapSize(); i++) {
      if (palette.getRed(i) != palette.getGreen(i) || palette.getRed(i) != palette.getBlue(i)) {
        return false;
      }
    }
    return true;
  }

  /** A grey sample of {@code bits} bits on 0..255. */
  private static int eightBit(int sample, int bits) {
    if (bits == 8) {
      return sample;
    }
    return bits > 8 ? sample >> (bits - 8) : sample * 255 / ((1 << bits) - 1);
  }

  /** The first image of {@code file}, refused when the reader warns that it is incomplete. */
  private static BufferedImage decode(Path file) throws DataFileException {
    try (ImageInputStream in = ImageIO.createImageInputStream(file.toFile())) {
      Iterator<ImageReader> readers = in == null ? null : ImageIO.getImageReaders(in);
      if (readers == null || !readers.hasNext()) {
        throw new DataFileException(file, "not a PNG or JPEG image (its bytes do not decode as either)");
      }
      ImageReader reader = readers.next();
      List<String> warnings = new ArrayList<>();
      reader.addIIOReadWarningListener((source, warning) -> warnings.add(warning));
      try {
        reader.setInput(in, true, true);
        BufferedImage image = reader.read(0);
        if (!warnings.isEmpty()) {
          throw new DataFileException(file, "truncated or damaged: " + warnings.get(0));
        }
        return image;
      } finally {
        reader.dispose();
      }
    } catch (DataFileException e) {
      throw e;
    } catch (IOException | RuntimeException e) {
      throw new DataFileException(file, "cannot decode (truncated or damaged?): "
          + e.getMessage(), e);
    }
  }

  /** "HxWxC", as messages write shapes. */
  public String shape() {
    return height + "x" + width + "x" + channels;
  }

  /** This image with {@code target} channels: grey by luma from RGB, RGB by repeating grey. */
  public ImageFile withChannels(int target) {
    if (target == channels) {
      return this;
    }
    byte[] converted = new byte[height * width * target];
    for (int i = 0; i < height * width; i++) {
      if (target == 1) {
        converted[i] = (byte) ImageConversion.luma(pixels[3 * i] & 0xff,
            pixels[3 * i + 1] & 0xff, pixels[3 * i + 2] & 0xff);
      } else {
        converted[3 * i] = pixels[i];
        converted[3 * i + 1] = pixels[i];
        converted[3 * i + 2] = pixels[i];
      }
    }
    return new ImageFile(path, height, width, target, converted);
  }
}
