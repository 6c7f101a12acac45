package gmloss.data;

import java.io.BufferedInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.zip.GZIPInputStream;
import java.util.zip.ZipException;

/** Reads a whole data file into memory, decompressing it when it is gzip. */
final class DataFiles {

  private static final int GZIP_MAGIC_BYTE_1 = 0x1f;
  private static final int GZIP_MAGIC_BYTE_2 = 0x8b;

  private DataFiles() {}

  static byte[] readAll(Path file) throws DataFileException {
    try (InputStream raw = new BufferedInputStream(Files.newInputStream(file))) {
      raw.mark(2);
      int first = raw.read();
      int second = raw.read();
      raw.reset();
      if (first == GZIP_MAGIC_BYTE_1 && second == GZIP_MAGIC_BYTE_2) {
        try (InputStream gzip = new GZIPInputStream(raw, 1 << 16)) {
          return gzip.readAllBytes();
        }
      }
      return raw.readAllBytes();
    } catch (NoSuchFileException e) {
      throw new DataFileException(file, "file not found");
    } catch (EOFException e) {
      throw new DataFileException(file, "gzip stream ends early (file truncated?)", e);
    } catch (ZipException e) {
      throw new DataFileException(file, "corrupt gzip stream: " + e.getMessage(), e);
    } catch (IOException e) {
      throw new DataFileException(file, "cannot read: " + e, e);
    }
  }
}
