package gmloss.cli;

import gmloss.download.DataHome;
import gmloss.download.Downloader;
import gmloss.download.RemoteFile;
import gmloss.download.Source;
import java.io.PrintStream;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;

/** {@code gmloss download DATASET}: fetches a dataset into the data home. */
final class DownloadCommand implements Command {

  static final OptionTable OPTIONS = new OptionTable("download",
      "Downloads " + Source.cliNames() + " from the official hosts into <data home>/<dataset>,"
          + " checks every file against its published MD5, and unpacks it.")
      .value("data-home", "DIR", null, "where datasets live (default: $" + DataHome.VARIABLE
          + ", else ~/.gmloss/datasets)")
      .value("url", "URL", null, "a mirror: the archive's URL (cifar10, cifar100) or the folder"
          + " holding the four IDX files (mnist, fashion-mnist); the checksums stay the official"
          + " ones")
      .value("retries", "N", "3", "further attempts after a lost connection or a server error,"
          + " each resuming where the last stopped")
      .flag("verbose", "print stack traces of errors");

  /** Wait before the first retry; doubled for each further one. */
  private final Duration backoff;

  DownloadCommand() {
    this(Duration.ofSeconds(2));
  }

  DownloadCommand(Duration backoff) {
    this.backoff = backoff;
  }

  @Override
  public String name() {
    return "download";
  }

  @Override
  public String summary() {
    return "fetch " + Source.cliNames() + " into the data home";
  }

  @Override
  public int run(String[] args, PrintStream out) throws Exception {
    boolean named = args.length > 0 && !args[0].startsWith("-");
    Optional<ParsedOptions> parsed = OPTIONS.parseOrHelp(
        named ? Arrays.copyOfRange(args, 1, args.length) : args, out);
    if (parsed.isEmpty()) {
      return Main.OK;
    }
    ParsedOptions options = parsed.get();
    if (!named) {
      throw new UsageException("which dataset? gmloss download " + Source.cliNames());
    }
    Source source = Source.fromCliName(args[0]).orElseThrow(() -> new UsageException(
        args[0] + ": unknown dataset, expected one of " + Source.cliNames()));
    List<RemoteFile> files = options.optional("url").isPresent()
        ? source.filesFrom(url(options.string("url"))) : source.files();
    Path home = DataHome.resolve(options.path("data-home"), System.getenv());
    Path target = home.resolve(source.cliName());
    if (Files.exists(target)) {
      out.println(source.cliName() + " is already in " + target);
      return Main.OK;
    }
    new Downloader(out, options.integer("retries", 0, 100), backoff)
        .download(source.cliName(), files, home);
    out.println(source.cliName() + " is in " + target + "; train on it with: gmloss train"
        + " --dataset " + source.cliName() + (options.isExplicit("data-home")
            ? " --data-dir " + target : ""));
    return Main.OK;
  }

  private static URI url(String text) throws UsageException {
    try {
      URI url = new URI(text);
      if (url.getScheme() == null || !List.of("http", "https").contains(url.getScheme())) {
        throw new UsageException("--url " + text + ": not an http or https URL");
      }
      return url;
    } catch (URISyntaxException e) {
      throw new UsageException("--url " + text + ": " + e.getMessage());
    }
  }
}
