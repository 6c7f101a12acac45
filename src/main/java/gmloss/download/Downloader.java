package gmloss.download;

import gmloss.download.TransferDisplay.Transfer;
import gmloss.io.SafeFiles;
import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.PrintStream;
import java.net.ConnectException;
import java.net.SocketTimeoutException;
import java.net.URI;
import java.net.UnknownHostException;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.channels.UnresolvedAddressException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.security.DigestInputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.OptionalLong;
import java.util.stream.Stream;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveInputStream;
import org.apache.commons.compress.compressors.gzip.GzipCompressorInputStream;

/**
 * Fetches a dataset into {@code <home>/<name>} so that it is there whole or not at all.
 *
 * <p>Each file is downloaded into a hidden {@code <home>/.<name>.download/} folder, resumed with
 * an HTTP Range request after a dropped connection (and by the next run after an interrupted
 * one), retried on transient errors, tried at the next mirror when one refuses, and checked
 * against its published MD5. Then archives are unpacked (commons-compress) into a hidden staging
 * folder, which is renamed into place. Nothing named like a dataset exists before that rename.
 * A file put into the data home by hand is used (after its checksum) instead of downloading it.
 * A failed download leaves only a partial file to resume, and names every URL it tried.
 */
public final class Downloader {

  /** A download that failed for good: its message names the file or URL and the problem. */
  public static class DownloadException extends IOException {
    DownloadException(String message) {
      super(message);
    }

    DownloadException(String message, Throwable cause) {
      super(message, cause);
    }
  }

  private static final int BUFFER = 1 << 16;

  private final HttpClient client;
  private final PrintStream out;
  private final int retries;
  private final Duration backoff;
  private final TransferDisplay display;

  /** As the four-argument constructor, showing nothing while a file transfers. */
  public Downloader(PrintStream out, int retries, Duration backoff) {
    this(out, retries, backoff, TransferDisplay.NONE);
  }

  /**
   * @param out where each file's line goes when {@code display} shows nothing of it
   * @param retries further attempts after a transient failure (connection lost, HTTP 5xx)
   * @param backoff wait before the first retry, doubled for each further one
   * @param display what shows a file's transfer as it goes
   */
  public Downloader(PrintStream out, int retries, Duration backoff, TransferDisplay display) {
    this.client = HttpClient.newBuilder().followRedirects(HttpClient.Redirect.NORMAL)
        .connectTimeout(Duration.ofSeconds(30)).build();
    this.out = out;
    this.retries = retries;
    this.backoff = backoff;
    this.display = display;
  }

  /**
   * Fetches {@code files} as dataset {@code name} into {@code home}.
   *
   * @return the dataset's folder
   * @throws DownloadException naming the file, URL or folder at fault
   */
  public Path download(String name, List<RemoteFile> files, Path home) throws IOException {
    Path target = home.resolve(name);
    Path work = home.resolve("." + name + ".download");
    try {
      Files.createDirectories(work);
    } catch (IOException e) {
      throw new DownloadException(home + ": cannot write the dataset here: "
          + SafeFiles.reason(e), e);
    }
    List<Path> fetched = new ArrayList<>();
    for (RemoteFile file : files) {
      try {
        fetched.add(fetch(file, work, home));
      } catch (ChecksumMismatch e) {
        // Wrong bytes from this host: keep none of its files.
        SafeFiles.deleteRecursively(work);
        throw e;
      } catch (IOException e) {
        // Keep a partial file for the next run to resume; nothing else.
        if (!holdsBytes(work)) {
          SafeFiles.deleteRecursively(work);
        }
        throw e;
      }
    }
    Path staging = SafeFiles.createUniqueDirectory(home, "." + name + ".staging-");
    try {
      for (int i = 0; i < files.size(); i++) {
        RemoteFile file = files.get(i);
        Path downloaded = fetched.get(i);
        if (file.archive()) {
          unpack(downloaded, staging);
        } else {
          Files.copy(downloaded, staging.resolve(file.name()));
        }
      }
      SafeFiles.syncTree(staging);
      Files.move(staging, target, StandardCopyOption.ATOMIC_MOVE);
    } finally {
      SafeFiles.deleteRecursively(staging);
    }
    SafeFiles.deleteRecursively(work);
    return target;
  }

  /**
   * One file, complete and verified: one placed in {@code home} by hand, or one downloaded into
   * {@code work}.
   *
   * @return where it is
   */
  private Path fetch(RemoteFile file, Path work, Path home) throws IOException {
    Path byHand = home.resolve(file.name());
    if (Files.isRegularFile(byHand)) {
      String md5 = md5(byHand);
      if (!md5.equals(file.md5())) {
        throw new ChecksumMismatch(byHand + ": MD5 " + md5 + ", expected " + file.md5()
            + "; not the published " + file.name());
      }
      out.println(file.name() + ": using " + byHand);
      return byHand;
    }
    Path done = work.resolve(file.name());
    if (Files.isRegularFile(done) && md5(done).equals(file.md5())) {
      return done;
    }
    Path part = work.resolve(file.name() + ".part");
    List<String> failures = new ArrayList<>();
    for (URI url : file.mirrors()) {
      IOException last = null;
      int tries = 0;
      for (int attempt = 0; attempt <= retries; attempt++) {
        if (attempt > 0) {
          pause(attempt);
        }
        tries++;
        out.println(file.name() + ": fetching " + url + (retries > 0 ? String.format(
            Locale.ROOT, " (try %d of %d)", attempt + 1, retries + 1) : ""));
        try {
          transfer(url, part, file.name());
          String md5 = md5(part);
          if (!md5.equals(file.md5())) {
            Files.delete(part);
            throw new ChecksumMismatch(file.name() + " from " + url + ": MD5 " + md5
                + ", expected " + file.md5() + "; the file was removed");
          }
          Files.move(part, done, StandardCopyOption.REPLACE_EXISTING,
              StandardCopyOption.ATOMIC_MOVE);
          return done;
        } catch (Refused e) {
          last = e;
          break;
        } catch (DownloadException e) {
          throw e;
        } catch (IOException e) {
          last = e;
        }
      }
      failures.add(url + ": " + cause(last) + (tries > 1 ? " (" + tries + " tries)" : ""));
    }
    throw new DownloadException(String.join("; ", failures) + "\n  pass --url with the URL of a"
        + " mirror, or download " + file.name() + " by hand, put it in " + home + " and run"
        + " the command again");
  }

  /** Whether a download left bytes that the next run can resume from. */
  private static boolean holdsBytes(Path work) throws IOException {
    try (Stream<Path> entries = Files.list(work)) {
      for (Path entry : entries.toList()) {
        if (Files.isRegularFile(entry) && Files.size(entry) > 0) {
          return true;
        }
      }
    }
    return false;
  }

  /** Bytes that are not the published file: never retried. */
  private static final class ChecksumMismatch extends DownloadException {
    ChecksumMismatch(String message) {
      super(message);
    }
  }

  /** A host that answered, but not with the file (HTTP 4xx): the next mirror may have it. */
  private static final class Refused extends DownloadException {
    Refused(String message) {
      super(message);
    }
  }

  /** Appends the rest of {@code url} to {@code part}, starting where it ends. */
  private void transfer(URI url, Path part, String name) throws IOException {
    long have = Files.exists(part) ? Files.size(part) : 0;
    HttpRequest.Builder request = HttpRequest.newBuilder(url).timeout(Duration.ofMinutes(5))
        .GET();
    if (have > 0) {
      request.header("Range", "bytes=" + have + "-");
    }
    HttpResponse<InputStream> response;
    try {
      response = client.send(request.build(), HttpResponse.BodyHandlers.ofInputStream());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IOException("interrupted", e);
    }
    try (InputStream body = response.body()) {
      int status = response.statusCode();
      if (status == 416 && have > 0) {
        return; // Already whole: the checksum decides.
      }
      if (status >= 400 && status < 500) {
        throw new Refused("HTTP " + status);
      }
      if (status != 200 && status != 206) {
        throw new IOException("HTTP " + status);
      }
      boolean append = status == 206;
      OptionalLong length = response.headers().firstValueAsLong("Content-Length");
      long total = (append ? have : 0) + length.orElse(-1);
      try (OutputStream file = Files.newOutputStream(part, StandardOpenOption.CREATE,
          StandardOpenOption.WRITE, append ? StandardOpenOption.APPEND
              : StandardOpenOption.TRUNCATE_EXISTING);
          Transfer shown = display.start(name, append ? have : 0,
              length.isPresent() ? total : -1).orElse(null)) {
        long start = System.nanoTime();
        long copied = copy(body, file, shown);
        if (shown == null) {
          double seconds = Math.max((System.nanoTime() - start) / 1e9, 1e-3);
          out.printf(Locale.ROOT, "%s: %.1f MiB in %.0f s (%.1f MiB/s)%s%n", name,
              copied / 1048576.0, seconds, copied / 1048576.0 / seconds,
              append ? ", resumed at " + have + " bytes" : "");
        }
      }
    }
  }

  /** Copies {@code in} to {@code out}, telling {@code shown} (if any) of every chunk. */
  private static long copy(InputStream in, OutputStream out, Transfer shown)
      throws IOException {
    byte[] buffer = new byte[BUFFER];
    long copied = 0;
    for (int n; (n = in.read(buffer)) > 0; ) {
      out.write(buffer, 0, n);
      copied += n;
      if (shown != null) {
        shown.advance(n);
      }
    }
    return copied;
  }

  /** Unpacks a tar.gz into {@code folder}, refusing entries that would land outside it. */
  static void unpack(Path archive, Path folder) throws IOException {
    try (TarArchiveInputStream tar = new TarArchiveInputStream(new GzipCompressorInputStream(
        new BufferedInputStream(Files.newInputStream(archive))))) {
      for (TarArchiveEntry entry; (entry = tar.getNextEntry()) != null; ) {
        Path destination = folder.resolve(entry.getName()).normalize();
        if (!destination.startsWith(folder)) {
          throw new DownloadException(archive + ": entry " + entry.getName()
              + " points outside the dataset folder");
        }
        if (entry.isDirectory()) {
          Files.createDirectories(destination);
        } else if (entry.isFile()) {
          Files.createDirectories(destination.getParent());
          Files.copy(tar, destination);
        }
      }
    } catch (DownloadException e) {
      throw e;
    } catch (IOException e) {
      throw new DownloadException(archive + ": not a valid tar.gz archive: " + e.getMessage(),
          e);
    }
  }

  static String md5(Path file) throws IOException {
    try (InputStream in = new DigestInputStream(Files.newInputStream(file),
        MessageDigest.getInstance("MD5"))) {
      in.transferTo(OutputStream.nullOutputStream());
      return HexFormat.of().formatHex(((DigestInputStream) in).getMessageDigest().digest());
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }

  private void pause(int attempt) throws IOException {
    try {
      Thread.sleep(backoff.toMillis() << (attempt - 1));
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IOException("interrupted", e);
    }
  }

  /**
   * What went wrong, in words: host not found, connection refused, timed out, an HTTP status,
   * else the deepest message in the chain of causes.
   */
  static String cause(IOException error) {
    List<Throwable> chain = new ArrayList<>();
    for (Throwable t = error; t != null; t = t.getCause()) {
      chain.add(t);
    }
    if (chain.stream().anyMatch(t -> t instanceof UnknownHostException
        || t instanceof UnresolvedAddressException)) {
      return "host not found";
    }
    if (chain.stream().anyMatch(t -> t instanceof HttpTimeoutException
        || t instanceof SocketTimeoutException)) {
      return "timed out";
    }
    if (chain.stream().anyMatch(t -> t instanceof ConnectException)) {
      // The HTTP client reports a refused TCP connection without a message.
      return "connection refused";
    }
    for (int i = chain.size() - 1; i >= 0; i--) {
      String message = chain.get(i).getMessage();
      if (message != null && !message.isBlank()) {
        return message;
      }
    }
    return error.getClass().getSimpleName();
  }

}
