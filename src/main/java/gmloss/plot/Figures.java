package gmloss.plot;

import gmloss.io.SafeFiles;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import javax.imageio.ImageIO;

/** Writing a picture whole: to a temporary sibling, then renamed into place. */
final class Figures {

  private Figures() {}

  static void writePng(BufferedImage image, Path png) throws IOException {
    Path absolute = png.toAbsolutePath();
    Path temporary = absolute.resolveSibling("." + absolute.getFileName() + ".tmp");
    try {
      Files.createDirectories(absolute.getParent());
      try (OutputStream out = Files.newOutputStream(temporary)) {
        if (!ImageIO.write(image, "png", out)) {
          throw new IOException("no PNG writer");
        }
      }
      SafeFiles.sync(temporary);
      Files.move(temporary, absolute, StandardCopyOption.REPLACE_EXISTING,
          StandardCopyOption.ATOMIC_MOVE);
    } catch (IOException e) {
      throw new IOException(png + ": cannot write the picture: " + SafeFiles.reason(e), e);
    } finally {
      Files.deleteIfExists(temporary);
    }
  }
}
