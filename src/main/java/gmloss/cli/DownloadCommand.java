package gmloss.cli;

import gmloss.data.DataHome;
import gmloss.download.Downloader;
import gmloss.download.RemoteFile;
import gmloss.download.Source;
import gmloss.options.OptionException;
import gmloss.options.OptionSpecs;
import gmloss.options.OptionValues;
import java.io.PrintStream;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

/** {@code gmloss download DATASET}: fetches a dataset into the data home. */
final class DownloadCommand extends CliCommand {

  /** Wait before the first retry; doubled for each further one. */
  private final Duration backoff;

  DownloadCommand() {
    this(Duration.ofSeconds(2));
  }

  DownloadCommand(Duration backoff) {
    super("download", "fetch " + Source.cliNames() + " into the data home",
        "Downloads " + Source.cliNames() + " from the official hosts into <data home>/<dataset>,"
            + " checks every file against its published MD5, and unpacks it.",
        new OptionSpecs()
            .value("data-home", "DIR", null, "where datasets live (default: $"
                + DataHome.VARIABLE + ", else ~/.gmloss/datasets)")
            .value("url", "URL", null, "a mirror: the archive's URL (cifar10, cifar100) or the"
                + " folder holding the four IDX files (mnist, fashion-mnist); the checksums stay"
                + " the official ones")
            .value("retries", "N", "3", "further attempts after a lost connection or a server"
                + " error, each resuming where the last stopped"),
        false, true);
    this.backoff = backoff;
  }

  @Override
  int run(Invocation call, PrintStream out) throws Exception {
    OptionValues options = call.options();
    if (call.arguments().isEmpty()) {
      throw new OptionException("which dataset? gmloss download " + Source.cliNames());
    }
    if (call.arguments().size() > 1) {
      throw new OptionException("unexpected argument '" + call.arguments().get(1) + "'");
    }
    String name = call.arguments().get(0);
    Source source = Source.fromCliName(name).orElseThrow(() -> new OptionException(
        name + ": unknown dataset, expected one of " + Source.cliNames()));
    List<RemoteFile> files = options.optional("url").isPresent()
        ? source.filesFrom(url(options.string("url"))) : source.files();
    Path home = DataHome.resolve(options.path("data-home"), System.getenv());
    Path target = home.resolve(source.cliName());
    if (Files.exists(target)) {
      out.println(source.cliName() + " is already in " + target);
      return ExitCode.OK;
    }
    new Downloader(out, options.integer("retries", 0, 100), backoff, new DownloadBar())
        .download(source.cliName(), files, home);
    out.println(source.cliName() + " is in " + target + "; train on it with: gmloss train"
        + " --dataset " + source.cliName() + (options.isExplicit("data-home")
            ? " --data-dir " + target : ""));
    return ExitCode.OK;
  }

  private static URI url(String text) throws OptionException {
    try {
      URI url = new URI(text);
      if (url.getScheme() == null || !List.of("http", "https").contains(url.getScheme())) {
        throw new OptionException("--url " + text + ": not an http or https URL");
      }
      return url;
    } catch (URISyntaxException e) {
      throw new OptionException("--url " + text + ": " + e.getMessage());
    }
  }
}
