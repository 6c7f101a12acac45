package gmloss.cli;

import gmloss.io.ProjectVersion;
import gmloss.options.NearestName;
import gmloss.options.OptionException;
import gmloss.runtime.NativeSetup;
import gmloss.train.Trainer;
import java.io.PrintStream;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.logging.Logger;

/** {@code java -jar gmloss.jar <command> [options]}. */
public final class Main {

  /** The TensorFlow-Java release the project is built on (TensorFlow 2.18). */
  private static final String TENSORFLOW_JAVA = "1.1.0";

  /**
   * The library logs a run's lines through java.util.logging as well; the command line prints
   * them itself, so they must not reach the console twice.
   */
  private static final Logger LIBRARY_LOG = Logger.getLogger("gmloss");

  static {
    LIBRARY_LOG.setUseParentHandlers(false);
  }

  private Main() {}

  /** Every command by name, in the order the help lists them. */
  static Map<String, CliCommand> commands() {
    Map<String, CliCommand> commands = new LinkedHashMap<>();
    for (CliCommand command : List.of(new TrainCommand(), new ExportCommand(),
        new EvaluateCommand(), new PredictCommand(), new PlotCommand(), new DetectCommand(),
        new BenchCommand(), new DownloadCommand())) {
      commands.put(command.name(), command);
    }
    return commands;
  }

  public static void main(String[] args) {
    NativeSetup.prepare(Arrays.asList(args).contains("--verbose"), System.err);
    int code = run(args, System.out, System.err);
    NativeSetup.finish();
    System.exit(code);
  }

  /** Runs one command line and returns the exit code; never calls System.exit. */
  public static int run(String[] args, PrintStream out, PrintStream err) {
    Map<String, CliCommand> commands = commands();
    if (args.length == 0 || args[0].equals("--help") || args[0].equals("-h")) {
      printCommands(args.length == 0 ? err : out, commands);
      return args.length == 0 ? ExitCode.USAGE : ExitCode.OK;
    }
    if (args[0].equals("--version")) {
      out.println("gmloss " + ProjectVersion.get() + " (TensorFlow-Java " + TENSORFLOW_JAVA
          + ", Java " + System.getProperty("java.version") + ")");
      return ExitCode.OK;
    }
    CliCommand command = commands.get(args[0]);
    if (command == null) {
      err.println("gmloss: unknown command '" + args[0] + "'" + NearestName.of(args[0],
          commands.keySet()).map(name -> " (did you mean " + name + "?)").orElse(""));
      printCommands(err, commands);
      return ExitCode.USAGE;
    }
    String[] rest = Arrays.copyOfRange(args, 1, args.length);
    boolean verbose = Arrays.asList(rest).contains("--verbose");
    try {
      return command.run(rest, out, err);
    } catch (OptionException e) {
      err.println("gmloss " + command.name() + ": " + e.getMessage());
      err.println("usage: gmloss " + command.name() + " [options]   (--help lists them)");
      return ExitCode.USAGE;
    } catch (Trainer.DivergedException e) {
      failure(err, command, e.getMessage(), e, verbose);
      return ExitCode.DIVERGED;
    } catch (Exception | Error e) {
      String message = e.getMessage() != null ? e.getMessage() : e.toString();
      return failure(err, command, message, e, verbose);
    }
  }

  private static int failure(PrintStream err, CliCommand command, String message,
      Throwable cause, boolean verbose) {
    err.println("gmloss " + command.name() + ": error: " + message);
    if (verbose) {
      cause.printStackTrace(err);
    }
    return ExitCode.FAILED;
  }

  private static void printCommands(PrintStream stream, Map<String, CliCommand> commands) {
    stream.println("usage: gmloss <command> [options]");
    stream.println("commands:");
    for (CliCommand command : commands.values()) {
      stream.printf("  %-10s %s%n", command.name(), command.summary());
    }
    stream.println("gmloss <command> --help lists the options of a command; gmloss --version"
        + " prints the version.");
  }
}
