package gmloss.cli;

import java.io.PrintStream;
import java.util.Optional;

/** A command whose whole command line is its options: --help prints them, else it runs. */
abstract class OptionCommand implements Command {

  private final String name;
  private final String summary;
  private final OptionTable options;

  OptionCommand(String name, String summary, OptionTable options) {
    this.name = name;
    this.summary = summary;
    this.options = options;
  }

  @Override
  public final String name() {
    return name;
  }

  @Override
  public final String summary() {
    return summary;
  }

  @Override
  public final int run(String[] args, PrintStream out) throws Exception {
    Optional<ParsedOptions> parsed = options.parseOrHelp(args, out);
    return parsed.isEmpty() ? Main.OK : run(parsed.get(), out);
  }

  /** Runs with the parsed command line; see {@link Command#run(String[], PrintStream)}. */
  abstract int run(ParsedOptions options, PrintStream out) throws Exception;
}
