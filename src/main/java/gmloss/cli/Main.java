package gmloss.cli;

import gmloss.data.DataFileException;
import gmloss.export.ProjectVersion;
import gmloss.train.Trainer;
import java.io.PrintStream;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** {@code java -jar gmloss.jar <command> [options]}. */
public final class Main {

  static final int OK = 0;
  static final int FAILED = 1;
  static final int USAGE = 2;
  static final int DIVERGED = 3;
  /** The TensorFlow-Java release the project is built on (TensorFlow 2.18). */
  private static final String TENSORFLOW_JAVA = "1.1.0";
  /** A run stopped by SIGINT; the JVM's own exit code for the signal wins (130, or 143). */
  static final int INTERRUPTED = 130;

  private Main() {}

  private static Map<String, Command> commands() {
    Map<String, Command> commands = new LinkedHashMap<>();
    for (Command command : List.<Command>of(new TrainCommand(), new ExportCommand(),
        new EvaluateCommand(), new PredictCommand(), new PlotCommand(), new DetectCommand(),
        new BenchCommand(), new DownloadCommand())) {
      commands.put(command.name(), command);
    }
    return commands;
  }

  public static void main(String[] args) {
    NativeSetup.prepare(args, System.err);
    int code = run(args, System.out, System.err);
    NativeSetup.finish();
    System.exit(code);
  }

  /** Runs one command line and returns the exit code; never calls System.exit. */
  public static int run(String[] args, PrintStream out, PrintStream err) {
    Map<String, Command> commands = commands();
    if (args.length == 0 || args[0].equals("--help") || args[0].equals("-h")) {
      printCommands(args.length == 0 ? err : out, commands);
      return args.length == 0 ? USAGE : OK;
    }
    if (args[0].equals("--version")) {
      out.println("gmloss " + ProjectVersion.get() + " (TensorFlow-Java " + TENSORFLOW_JAVA
          + ", Java " + System.getProperty("java.version") + ")");
      return OK;
    }
    Command command = commands.get(args[0]);
    if (command == null) {
      err.println("gmloss: unknown command '" + args[0] + "'");
      printCommands(err, commands);
      return USAGE;
    }
    String[] rest = Arrays.copyOfRange(args, 1, args.length);
    boolean verbose = Arrays.asList(rest).contains("--verbose");
    try {
      return command.run(rest, out);
    } catch (UsageException e) {
      err.println("gmloss " + command.name() + ": " + e.getMessage());
      err.println("usage: gmloss " + command.name() + " [options]   (--help lists them)");
      return USAGE;
    } catch (DataFileException e) {
      return failure(err, command, e.getMessage(), e, verbose);
    } catch (Trainer.DivergedException e) {
      failure(err, command, e.getMessage(), e, verbose);
      return DIVERGED;
    } catch (Exception | Error e) {
      String message = e.getMessage() != null ? e.getMessage() : e.toString();
      return failure(err, command, message, e, verbose);
    }
  }

  private static int failure(PrintStream err, Command command, String message, Throwable cause,
      boolean verbose) {
    err.println("gmloss " + command.name() + ": error: " + message);
    if (verbose) {
      cause.printStackTrace(err);
    }
    return FAILED;
  }

  private static void printCommands(PrintStream stream, Map<String, Command> commands) {
    stream.println("usage: gmloss <command> [options]");
    stream.println("commands:");
    for (Command command : commands.values()) {
      stream.printf("  %-10s %s%n", command.name(), command.summary());
    }
    stream.println("gmloss <command> --help lists the options of a command; gmloss --version"
        + " prints the version.");
  }
}
