package gmloss.cli;

import gmloss.io.WordWrap;
import gmloss.options.OptionException;
import gmloss.options.OptionSpecs;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.commons.cli.CommandLine;
import org.apache.commons.cli.DefaultParser;
import org.apache.commons.cli.HelpFormatter;
import org.apache.commons.cli.MissingArgumentException;
import org.apache.commons.cli.Option;
import org.apache.commons.cli.Options;
import org.apache.commons.cli.ParseException;
import org.apache.commons.cli.UnrecognizedOptionException;

/** The options of one command as commons-cli parses them and prints their help. */
final class OptionTable {

  /**
   * One command line, split.
   *
   * @param explicit the options given, in the table's order; flags map to "true"
   * @param arguments what is not an option, in order
   */
  record Parsed(Map<String, String> explicit, List<String> arguments, boolean help) {}

  private final String usage;
  private final String summary;
  private final OptionSpecs specs;

  /** @param usage the synopsis after "gmloss", such as "train [options]" */
  OptionTable(String usage, String summary, OptionSpecs specs) {
    this.usage = usage;
    this.summary = summary;
    this.specs = specs;
  }

  OptionSpecs specs() {
    return specs;
  }

  private Options options() {
    Options options = new Options();
    for (OptionSpecs.Entry entry : specs.entries().values()) {
      String description = entry.description()
          + (entry.defaultValue() != null ? " (default: " + entry.defaultValue() + ")" : "");
      Option.Builder option = Option.builder().longOpt(entry.name()).desc(description);
      if (!entry.isFlag()) {
        option.hasArg().argName(entry.argName());
      }
      options.addOption(option.build());
    }
    options.addOption(Option.builder("h").longOpt("help").desc("print this help").build());
    return options;
  }

  Parsed parse(String[] args) throws OptionException {
    CommandLine line;
    try {
      line = DefaultParser.builder().setAllowPartialMatching(false).build()
          .parse(options(), args);
    } catch (UnrecognizedOptionException e) {
      throw new OptionException(e.getOption() + ": unknown option" + specs.nearest(e.getOption())
          .map(name -> " (did you mean --" + name + "?)").orElse(""));
    } catch (MissingArgumentException e) {
      throw new OptionException("--" + e.getOption().getLongOpt() + ": needs a value ("
          + e.getOption().getArgName() + ")");
    } catch (ParseException e) {
      // commons-cli's wording, in lower case as every other message is
      String message = String.valueOf(e.getMessage());
      throw new OptionException(message.isEmpty() ? message
          : Character.toLowerCase(message.charAt(0)) + message.substring(1));
    }
    Map<String, String> explicit = new LinkedHashMap<>();
    for (OptionSpecs.Entry entry : specs.entries().values()) {
      if (!line.hasOption(entry.name())) {
        continue;
      }
      String[] values = entry.isFlag() ? new String[] {"true"}
          : line.getOptionValues(entry.name());
      if (values.length > 1) {
        // Keeping either value would ignore the other, which may be the one meant.
        throw new OptionException("--" + entry.name() + " is given " + values.length
            + " times (" + String.join(", ", values) + "); give it once");
      }
      explicit.put(entry.name(), values[0]);
    }
    return new Parsed(explicit, line.getArgList(), line.hasOption("help"));
  }

  /**
   * The help, {@code width} columns wide; the epilogue's lines (recipe and loss lists) are
   * broken at spaces with their continuations indented under their text.
   */
  String help(String epilogue, int width) {
    StringWriter text = new StringWriter();
    HelpFormatter formatter = new HelpFormatter();
    formatter.setOptionComparator(null);
    try (PrintWriter out = new PrintWriter(text)) {
      formatter.printHelp(out, width, "gmloss " + usage, summary, options(), 2, 2, "");
    }
    String help = text.toString();
    return epilogue.isEmpty() ? help
        : help + WordWrap.wrap(epilogue, width, EPILOGUE_INDENT) + "\n";
  }

  /** Where the continuation of an epilogue line starts: under the text after "  name: ". */
  private static final String EPILOGUE_INDENT = "      ";
}
