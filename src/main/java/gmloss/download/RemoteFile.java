package gmloss.download;

import java.net.URI;
import java.util.List;

/**
 * One file of a dataset on the web: its name, the places it can be fetched from, in order, its
 * published MD5, and whether it is a tar.gz archive to unpack (the others are kept as they are).
 */
public record RemoteFile(String name, List<URI> mirrors, String md5, boolean archive) {

  public RemoteFile {
    if (mirrors.isEmpty()) {
      throw new IllegalArgumentException(name + ": no URL");
    }
    mirrors = List.copyOf(mirrors);
  }

  /** The same file from {@code url} only. */
  public RemoteFile from(URI url) {
    return new RemoteFile(name, List.of(url), md5, archive);
  }
}
