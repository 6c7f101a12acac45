package gmloss.download;

import java.util.Optional;

/**
 * Shows a file's transfer as it goes, such as a bar on a terminal. Where it shows nothing, the
 * downloader prints one line per file when the file is done.
 */
@FunctionalInterface
public interface TransferDisplay {

  /** Shows nothing while a file transfers. */
  TransferDisplay NONE = (name, bytesBefore, totalBytes) -> Optional.empty();

  /**
   * @param bytesBefore bytes already there (a resumed transfer)
   * @param totalBytes the file's size, -1 when the server does not say
   * @return what to tell of each chunk, or empty to show nothing
   */
  Optional<Transfer> start(String name, long bytesBefore, long totalBytes);

  /** One file's transfer on display. */
  interface Transfer extends AutoCloseable {
    void advance(long bytes);

    @Override
    void close();
  }
}
