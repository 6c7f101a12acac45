package gmloss.download;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import gmloss.cli.Main;
import gmloss.data.DataFixtures;
import gmloss.data.DataHome;
import gmloss.data.Dataset;
import gmloss.data.DatasetKind;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.stream.Stream;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveOutputStream;
import org.apache.commons.compress.compressors.gzip.GzipCompressorOutputStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The downloader against an HTTP server started here on the loopback interface, serving small
 * archives and files in the official layouts (the official hosts are not reachable from the test
 * machine).
 */
class DownloaderTest {

  @TempDir
  Path home;

  private HttpServer server;
  /** Path to content; a path in {@link #dropOnce} breaks off its first response halfway. */
  private final Map<String, byte[]> files = new ConcurrentHashMap<>();
  private final List<String> dropOnce = new CopyOnWriteArrayList<>();
  private final List<String> failOnce = new CopyOnWriteArrayList<>();
  /** Every request as "path range" (range "-" when absent). */
  private final List<String> requests = new CopyOnWriteArrayList<>();
  private final ByteArrayOutputStream log = new ByteArrayOutputStream();

  @BeforeEach
  void startServer() throws IOException {
    server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
    server.createContext("/", this::serve);
    server.start();
  }

  @AfterEach
  void stopServer() {
    server.stop(0);
  }

  private void serve(HttpExchange exchange) throws IOException {
    String path = exchange.getRequestURI().getPath();
    String range = exchange.getRequestHeaders().getFirst("Range");
    requests.add(path + " " + (range == null ? "-" : range));
    byte[] content = files.get(path);
    try (exchange) {
      if (content == null) {
        exchange.sendResponseHeaders(404, -1);
        return;
      }
      if (failOnce.remove(path)) {
        exchange.sendResponseHeaders(503, -1);
        return;
      }
      int from = range == null ? 0 : Integer.parseInt(range.replaceAll("[^0-9]", ""));
      if (from > 0) {
        exchange.getResponseHeaders().add("Content-Range",
            "bytes " + from + "-" + (content.length - 1) + "/" + content.length);
      }
      exchange.sendResponseHeaders(from > 0 ? 206 : 200, content.length - from);
      OutputStream body = exchange.getResponseBody();
      if (dropOnce.remove(path)) {
        body.write(content, from, (content.length - from) / 2);
        body.flush();
        // Closing short of the promised length drops the connection.
        return;
      }
      body.write(content, from, content.length - from);
    } catch (IOException dropped) {
      // The connection was cut on purpose.
    }
  }

  private URI url(String path) {
    return URI.create("http://" + InetAddress.getLoopbackAddress().getHostAddress() + ":"
        + server.getAddress().getPort() + path);
  }

  private Downloader downloader(int retries) {
    return new Downloader(new PrintStream(log, true, StandardCharsets.UTF_8), retries,
        Duration.ofMillis(10));
  }

  /** A cifar-10-binary.tar.gz as the CIFAR page has it: six batch files in one folder. */
  static byte[] cifar10Archive(int recordsPerBatch) throws IOException {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    try (TarArchiveOutputStream tar = new TarArchiveOutputStream(
        new GzipCompressorOutputStream(bytes))) {
      List<String> names = new ArrayList<>(List.of("data_batch_1.bin", "data_batch_2.bin",
          "data_batch_3.bin", "data_batch_4.bin", "data_batch_5.bin", "test_batch.bin"));
      tar.putArchiveEntry(new TarArchiveEntry("cifar-10-batches-bin/"));
      tar.closeArchiveEntry();
      int index = 0;
      for (String name : names) {
        ByteArrayOutputStream batch = new ByteArrayOutputStream();
        for (int r = 0; r < recordsPerBatch; r++, index++) {
          batch.write(DataFixtures.cifarRecord(index, index % 10));
        }
        TarArchiveEntry entry = new TarArchiveEntry("cifar-10-batches-bin/" + name);
        entry.setSize(batch.size());
        tar.putArchiveEntry(entry);
        tar.write(batch.toByteArray());
        tar.closeArchiveEntry();
      }
    }
    return bytes.toByteArray();
  }

  static String md5(byte[] bytes) {
    try {
      return HexFormat.of().formatHex(MessageDigest.getInstance("MD5").digest(bytes));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }

  private RemoteFile served(String path, byte[] content, boolean archive) {
    files.put(path, content);
    return new RemoteFile(path.substring(path.lastIndexOf('/') + 1), List.of(url(path)),
        md5(content), archive);
  }

  private List<String> listing(Path directory) throws IOException {
    try (Stream<Path> entries = Files.list(directory)) {
      return entries.map(p -> p.getFileName().toString()).sorted().toList();
    }
  }

  @Test
  void aCifarArchiveIsCheckedUnpackedAndReadable() throws IOException {
    RemoteFile archive = served("/kriz/cifar-10-binary.tar.gz", cifar10Archive(3), true);
    Path dataset = downloader(0).download("cifar10", List.of(archive), home);
    assertEquals(home.resolve("cifar10"), dataset);
    assertEquals(List.of("cifar10"), listing(home), "no staging or download folder left");
    Dataset data = DatasetKind.CIFAR10.load(dataset, false);
    assertEquals(15, data.train().size());
    assertEquals(3, data.test().size());
    assertEquals(16, data.test().labels()[1] + 10);
  }

  @Test
  void idxFilesAreKeptAsTheyAreAndReadable() throws IOException {
    Path source = Files.createDirectories(home.resolve("source"));
    DataFixtures.writeIdxPair(source, "train", 6, 28, 28, 10, true);
    DataFixtures.writeIdxPair(source, "t10k", 4, 28, 28, 10, true);
    List<RemoteFile> idx = new ArrayList<>();
    for (String name : listing(source)) {
      idx.add(served("/fashion/" + name, Files.readAllBytes(source.resolve(name)), false));
    }
    Path dataset = downloader(0).download("fashion-mnist", idx, home.resolve("data"));
    Dataset data = DatasetKind.FASHION_MNIST.load(dataset, false);
    assertEquals(6, data.train().size());
    assertEquals(4, data.test().size());
  }

  @Test
  void aDroppedConnectionIsResumedWithARangeRequest() throws IOException {
    byte[] content = cifar10Archive(40);
    RemoteFile archive = served("/cifar-10-binary.tar.gz", content, true);
    dropOnce.add("/cifar-10-binary.tar.gz");
    downloader(2).download("cifar10", List.of(archive), home);
    int half = content.length / 2;
    assertEquals(List.of("/cifar-10-binary.tar.gz -", "/cifar-10-binary.tar.gz bytes="
        + half + "-"), requests);
    assertEquals(40 * 5, DatasetKind.CIFAR10.load(home.resolve("cifar10"), false).train()
        .size());
    assertTrue(log.toString(StandardCharsets.UTF_8).contains("resumed at " + half + " bytes"));
  }

  @Test
  void anInterruptedDownloadLeavesNoDatasetAndTheNextRunResumesIt() throws IOException {
    byte[] content = cifar10Archive(40);
    RemoteFile archive = served("/cifar-10-binary.tar.gz", content, true);
    dropOnce.add("/cifar-10-binary.tar.gz");
    Downloader.DownloadException error = assertThrows(Downloader.DownloadException.class,
        () -> downloader(0).download("cifar10", List.of(archive), home));
    assertTrue(error.getMessage().startsWith(url("/cifar-10-binary.tar.gz") + ": "),
        error.getMessage());
    assertEquals(List.of(".cifar10.download"), listing(home), "only a hidden partial file");
    downloader(0).download("cifar10", List.of(archive), home);
    assertEquals("/cifar-10-binary.tar.gz bytes=" + content.length / 2 + "-", requests.get(1));
    assertEquals(List.of("cifar10"), listing(home));
  }

  @Test
  void aServerErrorIsRetried() throws IOException {
    RemoteFile archive = served("/cifar-10-binary.tar.gz", cifar10Archive(1), true);
    failOnce.add("/cifar-10-binary.tar.gz");
    downloader(1).download("cifar10", List.of(archive), home);
    assertEquals(2, requests.size());
    assertTrue(Files.isDirectory(home.resolve("cifar10")));
  }

  @Test
  void aWrongChecksumIsRefusedAndNothingIsLeftBehind() throws IOException {
    byte[] content = cifar10Archive(1);
    files.put("/cifar-10-binary.tar.gz", content);
    RemoteFile archive = new RemoteFile("cifar-10-binary.tar.gz",
        List.of(url("/cifar-10-binary.tar.gz")), "c32a1d4ab5d03f1284b67883e8d87530", true);
    Downloader.DownloadException error = assertThrows(Downloader.DownloadException.class,
        () -> downloader(3).download("cifar10", List.of(archive), home));
    assertEquals("cifar-10-binary.tar.gz from " + url("/cifar-10-binary.tar.gz") + ": MD5 "
        + md5(content) + ", expected c32a1d4ab5d03f1284b67883e8d87530; the file was removed",
        error.getMessage());
    assertEquals(List.of(), listing(home));
    assertEquals(1, requests.size(), "a checksum mismatch is not retried");
  }

  @Test
  void aMissingFileIsTriedAtTheNextMirror() throws IOException {
    byte[] content = cifar10Archive(1);
    files.put("/second/cifar-10-binary.tar.gz", content);
    RemoteFile archive = new RemoteFile("cifar-10-binary.tar.gz",
        List.of(url("/first/cifar-10-binary.tar.gz"), url("/second/cifar-10-binary.tar.gz")),
        md5(content), true);
    downloader(3).download("cifar10", List.of(archive), home);
    assertEquals(List.of("/first/cifar-10-binary.tar.gz -", "/second/cifar-10-binary.tar.gz -"),
        requests, "a 404 is not retried at the same host");

    RemoteFile nowhere = new RemoteFile("x.tar.gz", List.of(url("/nowhere/x.tar.gz")), "0",
        true);
    Downloader.DownloadException error = assertThrows(Downloader.DownloadException.class,
        () -> downloader(3).download("other", List.of(nowhere), home));
    assertEquals(url("/nowhere/x.tar.gz") + ": HTTP 404",
        error.getMessage().lines().findFirst().orElseThrow());
    assertFalse(Files.exists(home.resolve("other")));
  }

  @Test
  void retriesZeroIsOneTryAndAFailureLeavesNothingBehind() throws IOException {
    failOnce.add("/cifar-10-binary.tar.gz");
    files.put("/cifar-10-binary.tar.gz", new byte[] {1});
    RemoteFile archive = new RemoteFile("cifar-10-binary.tar.gz",
        List.of(url("/cifar-10-binary.tar.gz")), "0", true);
    Downloader.DownloadException error = assertThrows(Downloader.DownloadException.class,
        () -> downloader(0).download("cifar10", List.of(archive), home));
    assertEquals(List.of(url("/cifar-10-binary.tar.gz") + ": HTTP 503", "  pass --url with the"
        + " URL of a mirror, or download cifar-10-binary.tar.gz by hand, put it in " + home
        + " and run the command again"), error.getMessage().lines().toList());
    assertEquals(1, requests.size());
    assertEquals(List.of(), listing(home));
  }

  @Test
  void aFilePutInTheDataHomeByHandIsCheckedAndUsed() throws IOException {
    byte[] content = cifar10Archive(2);
    Files.write(home.resolve("cifar-10-binary.tar.gz"), content);
    RemoteFile archive = new RemoteFile("cifar-10-binary.tar.gz",
        List.of(url("/unreachable/cifar-10-binary.tar.gz")), md5(content), true);
    downloader(0).download("cifar10", List.of(archive), home);
    assertEquals(List.of(), requests);
    assertEquals(10, DatasetKind.CIFAR10.load(home.resolve("cifar10"), false).train().size());
    assertTrue(Files.exists(home.resolve("cifar-10-binary.tar.gz")), "the user's file is kept");

    Files.write(home.resolve("x.tar.gz"), new byte[] {1, 2});
    RemoteFile other = new RemoteFile("x.tar.gz", List.of(url("/x.tar.gz")), "0", true);
    Downloader.DownloadException wrong = assertThrows(Downloader.DownloadException.class,
        () -> downloader(0).download("other", List.of(other), home));
    assertEquals(home.resolve("x.tar.gz") + ": MD5 " + md5(new byte[] {1, 2}) + ", expected 0;"
        + " not the published x.tar.gz", wrong.getMessage());
  }

  @Test
  void theCommandSaysWhyEachUrlFailedAndWhatToDo() throws IOException {
    int closedPort;
    try (java.net.ServerSocket socket = new java.net.ServerSocket(0, 1,
        InetAddress.getLoopbackAddress())) {
      closedPort = socket.getLocalPort();
    }
    String refused = "http://" + InetAddress.getLoopbackAddress().getHostAddress() + ":"
        + closedPort + "/";
    Run run = gmloss("download", "mnist", "--url", refused, "--retries", "0", "--data-home",
        home.toString());
    assertEquals(1, run.code());
    assertEquals("gmloss download: error: " + refused + "train-images-idx3-ubyte.gz:"
        + " connection refused", run.err().get(0));
    assertTrue(run.err().get(1).contains("pass --url"), run.err().toString());
    assertTrue(run.out().contains("train-images-idx3-ubyte.gz: fetching " + refused), run.out());
    assertEquals(List.of(), listing(home), "nothing left behind");

    Run unknown = gmloss("download", "cifar10", "--url",
        "http://no-such-host.invalid/cifar-10-binary.tar.gz", "--retries", "0", "--data-home",
        home.toString());
    assertEquals("gmloss download: error: http://no-such-host.invalid/cifar-10-binary.tar.gz:"
        + " host not found", unknown.err().get(0));
  }

  @Test
  void aDataHomeThatCannotBeWrittenIsNamed() throws IOException {
    Path blocked = home.resolve("blocked");
    Files.writeString(blocked, "a file");
    RemoteFile archive = served("/cifar-10-binary.tar.gz", cifar10Archive(1), true);
    Downloader.DownloadException error = assertThrows(Downloader.DownloadException.class,
        () -> downloader(0).download("cifar10", List.of(archive), blocked));
    assertTrue(error.getMessage().startsWith(blocked + ": cannot write the dataset here: "),
        error.getMessage());
    assertEquals(List.of(), requests, "nothing fetched");
  }

  @Test
  void anArchiveEntryOutsideTheFolderIsRefused() throws IOException {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    try (TarArchiveOutputStream tar = new TarArchiveOutputStream(
        new GzipCompressorOutputStream(bytes))) {
      TarArchiveEntry entry = new TarArchiveEntry("../escape.bin");
      entry.setSize(1);
      tar.putArchiveEntry(entry);
      tar.write(1);
      tar.closeArchiveEntry();
    }
    RemoteFile archive = served("/evil.tar.gz", bytes.toByteArray(), true);
    Downloader.DownloadException error = assertThrows(Downloader.DownloadException.class,
        () -> downloader(0).download("evil", List.of(archive), home));
    assertTrue(error.getMessage().endsWith(": entry ../escape.bin points outside the dataset"
        + " folder"), error.getMessage());
    assertFalse(Files.exists(home.resolve("escape.bin")));
    assertFalse(Files.exists(home.resolve("evil")));
  }

  @Test
  void officialSourcesCarryThePublishedChecksumsAndAMirrorKeepsThem() {
    assertEquals(List.of("c32a1d4ab5d03f1284b67883e8d87530"), Source.CIFAR10.files().stream()
        .map(RemoteFile::md5).toList());
    assertEquals(List.of("03b5dce01913d631647c71ecec9e9cb8"), Source.CIFAR100.files().stream()
        .map(RemoteFile::md5).toList());
    assertEquals(URI.create("https://www.cs.toronto.edu/~kriz/cifar-10-binary.tar.gz"),
        Source.CIFAR10.files().get(0).mirrors().get(0));
    List<RemoteFile> mirrored = Source.MNIST.filesFrom(URI.create("http://m.example/mnist"));
    assertEquals(URI.create("http://m.example/mnist/t10k-labels-idx1-ubyte.gz"),
        mirrored.get(3).mirrors().get(0));
    assertEquals(Source.MNIST.files().get(3).md5(), mirrored.get(3).md5());
    assertEquals("ec29112dd5afa0611ce80d1b7f02629c", mirrored.get(3).md5());
  }

  /** {@code gmloss download ...}: exit code and the lines it printed to stderr. */
  private record Run(int code, List<String> err, String out) {}

  private static Run gmloss(String... args) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    ByteArrayOutputStream err = new ByteArrayOutputStream();
    int code = Main.run(args, new PrintStream(out, true, StandardCharsets.UTF_8),
        new PrintStream(err, true, StandardCharsets.UTF_8));
    return new Run(code, err.toString(StandardCharsets.UTF_8).lines().toList(),
        out.toString(StandardCharsets.UTF_8));
  }

  @Test
  void theCommandRefusesAMirrorThatServesOtherBytesThanTheOfficialChecksum() throws IOException {
    files.put("/mirror/cifar-10-binary.tar.gz", cifar10Archive(1));
    Run run = gmloss("download", "cifar10", "--url", url("/mirror/cifar-10-binary.tar.gz")
        .toString(), "--data-home", home.toString());
    assertEquals(1, run.code());
    assertEquals(List.of("gmloss download: error: cifar-10-binary.tar.gz from "
        + url("/mirror/cifar-10-binary.tar.gz") + ": MD5 "
        + md5(files.get("/mirror/cifar-10-binary.tar.gz"))
        + ", expected c32a1d4ab5d03f1284b67883e8d87530; the file was removed"), run.err());
    assertEquals(List.of(), listing(home));
  }

  @Test
  void theCommandNamesAFileTheMirrorDoesNotHave() throws IOException {
    Run run = gmloss("download", "mnist", "--url", url("/empty").toString(), "--data-home",
        home.toString());
    assertEquals(1, run.code());
    assertEquals("gmloss download: error: " + url("/empty/train-images-idx3-ubyte.gz")
        + ": HTTP 404", run.err().get(0));
    assertFalse(Files.exists(home.resolve("mnist")));
  }

  @Test
  void theCommandChecksItsArgumentsAndKeepsWhatIsThere() throws IOException {
    assertEquals(List.of("gmloss download: which dataset? gmloss download"
        + " cifar10|cifar100|fashion-mnist|mnist",
        "usage: gmloss download [options]   (--help lists them)"), gmloss("download").err());
    assertEquals(2, gmloss("download", "svhn").code());
    assertEquals("gmloss download: --url ftp://x/y: not an http or https URL",
        gmloss("download", "mnist", "--url", "ftp://x/y").err().get(0));
    Files.createDirectories(home.resolve("cifar100"));
    Run present = gmloss("download", "cifar100", "--data-home", home.toString());
    assertEquals(0, present.code());
    assertEquals("cifar100 is already in " + home.resolve("cifar100") + "\n", present.out());
    assertEquals(List.of(), requests);
  }

  @Test
  void trainLooksForADownloadedDatasetInTheDataHome() throws IOException {
    Run missing = gmloss("train", "--dataset", "cifar10", "--data-home", home.toString());
    assertEquals(2, missing.code());
    assertEquals("gmloss train: --dataset cifar10: not found in " + home.resolve("cifar10")
        + "; fetch it with: gmloss download cifar10 --data-home " + home, missing.err().get(0));
    Files.createDirectories(home.resolve("cifar10"));
    Run empty = gmloss("train", "--dataset", "cifar10", "--data-home", home.toString(),
        "--run-dir", home.resolve("run").toString());
    assertEquals(List.of("gmloss train: error: " + home.resolve("cifar10/data_batch_1.bin")
        + ": file not found; gmloss download cifar10 fetches and unpacks the binary version"),
        empty.err());
  }
}
