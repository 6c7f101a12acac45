package gmloss.cli;

import gmloss.options.OptionException;
import gmloss.options.OptionSpecs;
import gmloss.options.OptionValues;
import java.io.PrintStream;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/**
 * One subcommand of {@code gmloss}: its name, its options (with {@code --verbose}, and
 * {@code --json} where it prints results, declared here for all), its help, and the parsing that
 * turns a command line into an {@link Invocation}.
 */
abstract class CliCommand {

  /**
   * A parsed command line.
   *
   * @param options every option, defaults filled in
   * @param explicit only the options given, as given
   * @param arguments what is not an option, in order
   * @param commandLine the whole command line, word by word: {@code gmloss}, the command's
   *     name, then its arguments as the shell passed them
   * @param err where warnings and notices go, apart from the results
   */
  record Invocation(OptionValues options, Map<String, String> explicit, List<String> arguments,
      List<String> commandLine, PrintStream err) {}

  private final String name;
  private final String summary;
  private final OptionTable table;
  private final boolean takesArguments;

  /**
   * @param summary one line for the list of commands
   * @param description the help's first paragraph
   * @param json whether the command can print its results as JSON
   * @param takesArguments whether arguments other than options are allowed
   */
  CliCommand(String name, String summary, String description, OptionSpecs specs, boolean json,
      boolean takesArguments) {
    this.name = name;
    this.summary = summary;
    OptionSpecs all = specs.copy();
    if (json) {
      all.flag("json", "print the results as JSON");
    }
    all.flag("verbose", "print stack traces of errors");
    this.table = new OptionTable(name + " [options]", description, all);
    this.takesArguments = takesArguments;
  }

  final String name() {
    return name;
  }

  final String summary() {
    return summary;
  }

  /** The widest a help is printed, and its width off a terminal. */
  static final int HELP_WIDTH = 100;

  /** The command's help, {@code width} columns wide. */
  final String help(int width) {
    return table.help(helpEpilogue(), width);
  }

  /** Runs the command line {@code args} and returns the exit code. */
  final int run(String[] args, PrintStream out, PrintStream err) throws Exception {
    OptionTable.Parsed parsed = table.parse(args);
    if (!takesArguments && !parsed.arguments().isEmpty()) {
      throw new OptionException("unexpected argument '" + parsed.arguments().get(0) + "'");
    }
    if (parsed.help()) {
      // The terminal's width, at most 100; off a terminal 100, as docs/cli.md shows it.
      out.print(help(Terminal.interactive() ? Math.min(Terminal.width(), HELP_WIDTH)
          : HELP_WIDTH));
      return ExitCode.OK;
    }
    // --verbose acts on this process only (Main reads it); no task sees it.
    Map<String, String> explicit = new LinkedHashMap<>(parsed.explicit());
    explicit.remove("verbose");
    return run(new Invocation(table.specs().resolve(explicit, Map.of()), explicit,
        parsed.arguments(), Stream.concat(Stream.of("gmloss", name), Arrays.stream(args))
        .toList(), err), out);
  }

  /** What the help prints after the options. */
  String helpEpilogue() {
    return "";
  }

  /**
   * Runs the parsed command and returns its exit code.
   *
   * @throws OptionException for a command line that cannot run (exit code 2)
   * @throws Exception for anything that failed while running (exit code 1)
   */
  abstract int run(Invocation call, PrintStream out) throws Exception;
}
