package gmloss.cli;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * docs/cli.md: every command with every option and default, made from the commands' own help,
 * so that the page and the program cannot disagree (a test compares them).
 *
 * <pre>java -cp "target/lib/*" gmloss.cli.CliReference docs/cli.md</pre>
 */
public final class CliReference {

  private CliReference() {}

  public static void main(String[] args) throws IOException {
    Files.writeString(Path.of(args.length > 0 ? args[0] : "docs/cli.md"), markdown());
  }

  /** The page. */
  static String markdown() {
    StringBuilder page = new StringBuilder("# Command reference\n\n")
        .append("Every `gmloss` command with every option and its default, as `gmloss <command>"
            + " --help` prints it. This page is generated from the program (`java -cp"
            + " \"target/lib/*\" gmloss.cli.CliReference docs/cli.md`); a test fails when the two"
            + " differ.\n\n");
    for (CliCommand command : Main.commands().values()) {
      page.append("- [`").append(command.name()).append("`](#gmloss-").append(command.name())
          .append("): ").append(command.summary()).append('\n');
    }
    for (CliCommand command : Main.commands().values()) {
      page.append("\n## gmloss ").append(command.name()).append("\n\n```\n")
          .append(command.help(CliCommand.HELP_WIDTH).stripTrailing()).append("\n```\n");
    }
    return page.toString();
  }
}
