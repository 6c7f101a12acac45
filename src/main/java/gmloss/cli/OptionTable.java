package gmloss.cli;

import java.io.PrintStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.apache.commons.cli.CommandLine;
import org.apache.commons.cli.DefaultParser;
import org.apache.commons.cli.HelpFormatter;
import org.apache.commons.cli.Option;
import org.apache.commons.cli.Options;
import org.apache.commons.cli.ParseException;
import org.apache.commons.cli.UnrecognizedOptionException;

/**
 * The options of one command, each with its default, so that help text, parsing and defaults
 * come from one declaration. Optional presets ("recipes") replace defaults; explicit options
 * replace both.
 */
final class OptionTable {

  /** A valued option ({@code argName} set) or a flag ({@code argName} null). */
  record Entry(String name, String argName, String defaultValue, String description) {}

  private final String command;
  private final String summary;
  private final Map<String, Entry> entries = new LinkedHashMap<>();

  OptionTable(String command, String summary) {
    this.command = command;
    this.summary = summary;
  }

  /** A valued option; {@code defaultValue} may be null when there is none. */
  OptionTable value(String name, String argName, String defaultValue, String description) {
    entries.put(name, new Entry(name, argName, defaultValue, description));
    return this;
  }

  OptionTable flag(String name, String description) {
    entries.put(name, new Entry(name, null, null, description));
    return this;
  }

  Map<String, Entry> entries() {
    return entries;
  }

  private Options options() {
    Options options = new Options();
    for (Entry entry : entries.values()) {
      String description = entry.description()
          + (entry.defaultValue() != null ? " (default: " + entry.defaultValue() + ")" : "");
      Option.Builder option = Option.builder().longOpt(entry.name()).desc(description);
      if (entry.argName() != null) {
        option.hasArg().argName(entry.argName());
      }
      options.addOption(option.build());
    }
    options.addOption(Option.builder("h").longOpt("help").desc("print this help").build());
    return options;
  }

  /** Parses {@code args}; {@code presets} replace defaults and lose to explicit options. */
  ParsedOptions parse(String[] args, Map<String, String> presets) throws UsageException {
    CommandLine line;
    try {
      line = DefaultParser.builder().setAllowPartialMatching(false).build()
          .parse(options(), args);
    } catch (UnrecognizedOptionException e) {
      throw new UsageException(e.getMessage() + nearest(e.getOption())
          .map(name -> " (did you mean --" + name + "?)").orElse(""));
    } catch (ParseException e) {
      throw new UsageException(e.getMessage());
    }
    if (!line.getArgList().isEmpty()) {
      throw new UsageException("unexpected argument '" + line.getArgList().get(0) + "'");
    }
    Map<String, String> values = new LinkedHashMap<>();
    List<String> explicit = new ArrayList<>();
    for (Entry entry : entries.values()) {
      if (line.hasOption(entry.name())) {
        explicit.add(entry.name());
        values.put(entry.name(), entry.argName() != null ? line.getOptionValue(entry.name())
            : "true");
      } else if (presets.containsKey(entry.name())) {
        values.put(entry.name(), presets.get(entry.name()));
      } else if (entry.defaultValue() != null) {
        values.put(entry.name(), entry.defaultValue());
      }
    }
    return new ParsedOptions(values, explicit, line.hasOption("help"));
  }

  /**
   * Parses {@code args} without presets; prints the help instead and gives nothing when
   * {@code --help} is among them.
   */
  Optional<ParsedOptions> parseOrHelp(String[] args, PrintStream out) throws UsageException {
    ParsedOptions options = parse(args, Map.of());
    if (options.helpRequested()) {
      out.print(help(""));
      return Optional.empty();
    }
    return Optional.of(options);
  }

  /** The first {@code --recipe} value in {@code args}, if any, before full parsing. */
  static String peek(String[] args, String name) {
    for (int i = 0; i < args.length; i++) {
      if (args[i].equals("--" + name) && i + 1 < args.length) {
        return args[i + 1];
      }
      if (args[i].startsWith("--" + name + "=")) {
        return args[i].substring(name.length() + 3);
      }
    }
    return null;
  }

  String help(String epilogue) {
    StringWriter text = new StringWriter();
    HelpFormatter formatter = new HelpFormatter();
    formatter.setOptionComparator(null);
    try (PrintWriter out = new PrintWriter(text)) {
      formatter.printHelp(out, 100, "gmloss " + command + " [options]", summary, options(), 2, 2,
          epilogue);
    }
    return text.toString();
  }

  /** The option nearest to a mistyped {@code --name}, if one is within two edits. */
  Optional<String> nearest(String typed) {
    String name = typed.replaceFirst("^-+", "").replaceFirst("=.*$", "");
    return entries.keySet().stream()
        .filter(candidate -> editDistance(name, candidate) <= 2)
        .min(Comparator.comparingInt(candidate -> editDistance(name, candidate)));
  }

  /** Levenshtein distance: insertions, deletions and substitutions. */
  static int editDistance(String a, String b) {
    int[] previous = new int[b.length() + 1];
    int[] current = new int[b.length() + 1];
    for (int j = 0; j <= b.length(); j++) {
      previous[j] = j;
    }
    for (int i = 1; i <= a.length(); i++) {
      current[0] = i;
      for (int j = 1; j <= b.length(); j++) {
        int substitution = previous[j - 1] + (a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1);
        current[j] = Math.min(substitution, Math.min(previous[j], current[j - 1]) + 1);
      }
      int[] swap = previous;
      previous = current;
      current = swap;
    }
    return previous[b.length()];
  }
}
