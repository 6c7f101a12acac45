package gmloss.plot;

import gmloss.io.SafeFiles;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import javax.imageio.ImageIO;

/** Writing a picture whole: to a temporary sibling, then renamed into place. */
final class Figures {

  private Figures() {}

  static void writePng(BufferedImage image, Path png) throws IOException {
    Path absolute = png.toAbsolutePath();
    Files.createDirectories(absolute.getParent());
    Path temporary = absolute.resolveSibling("." + absolute.getFileName() + ".tmp");
    try {
      if (!ImageIO.write(image, "png", temporary.toFile())) {
        throw new IOException(png + ": no PNG writer");
      }
      SafeFiles.sync(temporary);
      Files.move(temporary, absolute, StandardCopyOption.REPLACE_EXISTING,
          StandardCopyOption.ATOMIC_MOVE);
    } finally {
      Files.deleteIfExists(temporary);
    }
  }
}
